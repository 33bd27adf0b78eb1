#include "store/result_codec.h"

#include <cstdint>
#include <cstring>

namespace jx::store {

namespace {

// Layout: integers as 8 little-endian bytes (fixed width: simple, and the
// blobs are small next to the files they stand for); a string as its length
// then its bytes; a list as its count then its items; an optional as a 0/1
// byte then the value. The blob starts with kResultFormat.

void put_int(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int i = 0; i < 8; ++i, u >>= 8) out.push_back(static_cast<char>(u & 0xff));
}
void put_str(std::string& out, std::string_view s) {
  put_int(out, static_cast<std::int64_t>(s.size()));
  out.append(s);
}
void put_dec(std::string& out, Decimal d) { put_int(out, d.raw()); }
void put_opt(std::string& out, const std::optional<Decimal>& d) {
  out.push_back(d ? '\1' : '\0');
  if (d) put_dec(out, *d);
}
void put_strs(std::string& out, const std::vector<std::string>& v) {
  put_int(out, static_cast<std::int64_t>(v.size()));
  for (const auto& s : v) put_str(out, s);
}

/// Reads what the put_ functions wrote; any read past the end sets `bad`.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::int64_t integer() {
    if (in_.size() < 8) return fail();
    std::uint64_t u = 0;
    for (int i = 7; i >= 0; --i) u = (u << 8) | static_cast<unsigned char>(in_[static_cast<std::size_t>(i)]);
    in_.remove_prefix(8);
    return static_cast<std::int64_t>(u);
  }
  /// A count or length, checked against the bytes left (each item takes at least `min_size` bytes).
  std::size_t count(std::size_t min_size = 1) {
    const std::int64_t n = integer();
    if (n < 0 || static_cast<std::uint64_t>(n) > in_.size() / min_size) {
      fail();
      return 0;
    }
    return static_cast<std::size_t>(n);
  }
  std::string str() {
    const std::size_t n = count();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  Decimal dec() { return Decimal::from_raw(integer()); }
  bool flag() {
    if (in_.empty()) return fail() != 0;
    const char c = in_.front();
    in_.remove_prefix(1);
    if (c != '\0' && c != '\1') fail();
    return c == '\1';
  }
  std::optional<Decimal> opt() {
    if (!flag()) return std::nullopt;
    return dec();
  }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count(8));
    for (auto& s : v) s = str();
    return v;
  }
  [[nodiscard]] bool ok() const { return !bad_; }
  void poison() { fail(); }
  [[nodiscard]] bool at_end() const { return in_.empty(); }

 private:
  std::int64_t fail() {
    bad_ = true;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool bad_ = false;
};

void put_invalid(std::string& out, const InvalidFile& f) {
  put_str(out, f.file);
  put_strs(out, f.messages);
  put_int(out, f.errors);
  put_str(out, f.department);
  put_str(out, f.project);
  put_int(out, f.year);
  put_str(out, f.cause);
}

InvalidFile get_invalid(Reader& in) {
  InvalidFile f;
  f.file = in.str();
  f.messages = in.strs();
  f.errors = static_cast<int>(in.integer());
  f.department = in.str();
  f.project = in.str();
  f.year = static_cast<int>(in.integer());
  f.cause = in.str();
  return f;
}

SubmissionRow fail_row(Reader& in) {
  in.poison();
  return {};
}

SubmissionRow get_row(Reader& in) {
  SubmissionRow r;
  r.file = in.str();
  r.department_wide = in.flag();
  r.year = static_cast<int>(in.integer());
  r.department = in.str();
  r.unit = in.str();
  r.project = in.str();
  r.rules = in.str();
  r.budget = in.dec();
  r.executed = in.dec();
  r.rate = in.dec();
  r.budget_score = in.dec();
  r.levels.resize(in.count(24));
  for (auto& l : r.levels) {
    l.name = in.str();
    l.weight = in.dec();
    l.score = in.dec();
  }
  r.total = in.dec();
  r.declared = in.opt();
  r.grade = in.str();
  r.findings.resize(in.count(32));
  for (auto& f : r.findings) {
    f.code = in.str();
    f.line = static_cast<int>(in.integer());
    f.indicator = in.str();
    f.message = in.str();
  }
  r.hash = in.str();
  if (in.flag()) {
    const std::int64_t light = in.integer();
    if (light < 0 || light > static_cast<std::int64_t>(Light::Blue)) return fail_row(in);
    r.light = static_cast<Light>(light);
  }
  r.light_month = static_cast<int>(in.integer());
  r.light_label = in.str();
  r.indicators.resize(in.count(24));
  for (auto& a : r.indicators) {
    a.path = in.strs();
    a.target = in.str();
    a.actual = in.str();
  }
  return r;
}

}  // namespace

void encode_row(std::string& out, const SubmissionRow& r) {
  put_str(out, r.file);
  out.push_back(r.department_wide ? '\1' : '\0');
  put_int(out, r.year);
  put_str(out, r.department);
  put_str(out, r.unit);
  put_str(out, r.project);
  put_str(out, r.rules);
  put_dec(out, r.budget);
  put_dec(out, r.executed);
  put_dec(out, r.rate);
  put_dec(out, r.budget_score);
  put_int(out, static_cast<std::int64_t>(r.levels.size()));
  for (const auto& l : r.levels) {
    put_str(out, l.name);
    put_dec(out, l.weight);
    put_dec(out, l.score);
  }
  put_dec(out, r.total);
  put_opt(out, r.declared);
  put_str(out, r.grade);
  put_int(out, static_cast<std::int64_t>(r.findings.size()));
  for (const auto& f : r.findings) {
    put_str(out, f.code);
    put_int(out, f.line);
    put_str(out, f.indicator);
    put_str(out, f.message);
  }
  put_str(out, r.hash);
  // 运行监控: the latest light (engine/lights.h), and each leaf's target and
  // actual for next year's goal check (history's indicator_result).
  out.push_back(r.light ? '\1' : '\0');
  if (r.light) put_int(out, static_cast<std::int64_t>(*r.light));
  put_int(out, r.light_month);
  put_str(out, r.light_label);
  put_int(out, static_cast<std::int64_t>(r.indicators.size()));
  for (const auto& a : r.indicators) {
    put_strs(out, a.path);
    put_str(out, a.target);
    put_str(out, a.actual);
  }
}

std::optional<SubmissionRow> decode_row(std::string_view bytes) {
  Reader in(bytes);
  SubmissionRow r = get_row(in);
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return r;
}

std::string encode(const StoredResult& r) {
  std::string out;
  put_int(out, kResultFormat);
  put_int(out, static_cast<std::int64_t>(r.rows.size()));
  for (const auto& row : r.rows) encode_row(out, row);
  put_int(out, static_cast<std::int64_t>(r.invalid.size()));
  for (const auto& f : r.invalid) put_invalid(out, f);
  put_strs(out, r.attached);
  put_int(out, static_cast<std::int64_t>(r.grades.size()));
  for (const auto& g : r.grades) {
    put_str(out, g.rules);
    put_strs(out, g.grades);
  }
  return out;
}

std::optional<StoredResult> decode(std::string_view bytes) {
  Reader in(bytes);
  if (in.integer() != kResultFormat) return std::nullopt;
  StoredResult r;
  // Minimum encoded sizes bound the counts, so a corrupt count never allocates much.
  r.rows.resize(in.count(100));
  for (auto& row : r.rows) row = get_row(in);
  r.invalid.resize(in.count(56));
  for (auto& f : r.invalid) f = get_invalid(in);
  r.attached = in.strs();
  r.grades.resize(in.count(16));
  for (auto& g : r.grades) {
    g.rules = in.str();
    g.grades = in.strs();
  }
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return r;
}

}  // namespace jx::store
