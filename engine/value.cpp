#include "engine/value.h"

#include <array>
#include <utility>

#include "engine/text.h"

namespace jx {
namespace {

using U = std::u32string;
using UV = std::u32string_view;

bool starts_with(UV s, UV p) {
  return s.substr(0, p.size()) == p;
}
bool ends_with(UV s, UV p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

struct OpWord {
  UV word;
  Op op;
};

// Longest spellings first so that "大于等于" wins over "大于".
constexpr std::array<OpWord, 28> kPrefixOps{{
    {U"大于或等于", Op::Ge}, {U"小于或等于", Op::Le}, {U"大于等于", Op::Ge}, {U"小于等于", Op::Le}, {U"不少于", Op::Ge},
    {U"不低于", Op::Ge},     {U"不小于", Op::Ge},     {U"不超过", Op::Le},   {U"不高于", Op::Le},   {U"不多于", Op::Le},
    {U"不大于", Op::Le},     {U">=", Op::Ge},         {U"<=", Op::Le},       {U"=>", Op::Ge},       {U"=<", Op::Le},
    {U"至少", Op::Ge},       {U"达到", Op::Ge},       {U"大于", Op::Gt},     {U"超过", Op::Gt},     {U"高于", Op::Gt},
    {U"小于", Op::Lt},       {U"低于", Op::Lt},       {U"≥", Op::Ge},        {U"≤", Op::Le},        {U">", Op::Gt},
    {U"<", Op::Lt},          {U"=", Op::Eq},          {U"等于", Op::Eq},
}};

// The words that are unmistakably about time whatever the target is (so a
// target "按时完成" is a 时效 target). The broader completion and grade words
// a deadline's actual may be (已完成, 达成预期指标, 是 …) are rule-set data,
// used by parse_actual only against a timed target.
constexpr std::array<UV, 10> kOnTime{U"按时完成",   U"按期完成", U"如期完成", U"提前完成", U"已按时完成",
                                     U"已按期完成", U"准时完成", U"及时完成", U"按时",     U"按期"};
constexpr std::array<UV, 7> kLate{U"未按时完成", U"未按期完成", U"未如期完成", U"逾期",
                                  U"逾期完成",   U"延期",       U"延期完成"};

// Reads an unsigned integer of digits at s[i]; returns -1 when none.
int read_int(UV s, std::size_t& i) {
  if (i >= s.size() || !is_digit(s[i])) return -1;
  int v = 0;
  while (i < s.size() && is_digit(s[i]) && v < 100000) v = v * 10 + static_cast<int>(s[i++] - U'0');
  return v;
}

// Parses a date written as 2022年12月31日, 2022年12月(底|末), 2022年(底|末),
// 12月底, 年底, 2022-12-31, 2022.12.31, 2022/12/31. Whole string must match.
// A year-dot-month "2022.12" is a date only when `loose` (the text is known
// to be about time): otherwise "1225.7" and "2022.5" are numbers.
std::optional<DateSpec> parse_date(UV s, bool loose) {
  DateSpec d;
  std::size_t i = 0;
  if (s == U"年底" || s == U"年末" || s == U"本年底" || s == U"当年底" || s == U"年度内" || s == U"年内") return d;
  int first = read_int(s, i);
  if (first < 0) return std::nullopt;
  // A year has at most four digits: "00510417.6" is a number, not a date.
  constexpr int kMaxYear = 9999;
  if (i < s.size() && (s[i] == U'-' || s[i] == U'.' || s[i] == U'/')) {
    if (first > kMaxYear) return std::nullopt;
    // Only a four-digit year starts a date: "97.5", "12.5" and "01999-12" are not dates.
    if (first < 1000 || i != 4) return std::nullopt;
    const char32_t sep = s[i++];
    d.year = first;
    // Month and day have one or two digits: "1010.00000010" is no date.
    std::size_t from = i;
    d.month = read_int(s, i);
    if (d.month < 1 || d.month > 12 || i - from > 2) return std::nullopt;
    if (i < s.size() && s[i] == sep) {
      ++i;
      from = i;
      d.day = read_int(s, i);
      if (d.day < 1 || d.day > 31 || i - from > 2) return std::nullopt;
    } else if (sep == U'.' && !loose) {
      return std::nullopt;
    }
    return i == s.size() ? std::optional(d) : std::nullopt;
  }
  if (i < s.size() && s[i] == U'年') {
    if (first > kMaxYear) return std::nullopt;
    d.year = first;
    ++i;
    if (i == s.size()) return d;  // "2022年": the end of the year
    UV rest = s.substr(i);
    if (rest == U"底" || rest == U"末" || rest == U"年底") return d;
    first = read_int(s, i);
    if (first < 0) return std::nullopt;
  }
  if (i >= s.size() || s[i] != U'月') return std::nullopt;
  d.month = first;
  if (d.month < 1 || d.month > 12) return std::nullopt;
  ++i;
  UV rest = s.substr(i);
  if (rest.empty() || rest == U"底" || rest == U"末" || rest == U"份") return d;
  d.day = read_int(s, i);
  if (d.day < 1 || d.day > 31) return std::nullopt;
  rest = s.substr(i);
  if (rest.empty() || rest == U"日" || rest == U"号") return d;
  return std::nullopt;
}

// Reads a decimal number (digits, thousands commas, one point) at s[i].
std::optional<Decimal> read_number(UV s, std::size_t& i) {
  std::string ascii;
  std::size_t j = i;
  if (j < s.size() && (s[j] == U'-' || s[j] == U'+')) ascii.push_back(static_cast<char>(s[j++]));
  bool any = false;
  while (j < s.size()) {
    const char32_t c = s[j];
    if (is_digit(c)) {
      ascii.push_back(static_cast<char>(c));
      any = true;
    } else if (c == U'.' && j + 1 < s.size() && is_digit(s[j + 1])) {
      ascii.push_back('.');
    } else if (c == U',' && any && j + 1 < s.size() && is_digit(s[j + 1])) {
      // thousands separator "1,000": skipped
    } else {
      break;
    }
    ++j;
  }
  if (!any) return std::nullopt;
  auto d = Decimal::parse(ascii);
  if (d) i = j;
  return d;
}

struct Unit {
  std::string base;
  Decimal factor{1};
  bool ok = true;
};

// Folds the unit text: 百分比 → %, leading 万/亿 → multiplier.
Unit normalize_unit(U u) {
  Unit out;
  if (u == U"百分比" || u == U"百分点") u = U"%";
  if (!u.empty() && (u[0] == U'万' || u[0] == U'亿')) {
    out.factor = u[0] == U'万' ? Decimal(10'000) : Decimal(100'000'000);
    u.erase(0, 1);
  }
  for (char32_t c : u) {
    if (is_digit(c) || c == U'=' || c == U'<' || c == U'>' || c == 0x2265 || c == 0x2264) out.ok = false;
  }
  if (u.size() > 12) out.ok = false;
  out.base = utf8_encode(u);
  return out;
}

// Scales by the unit's multiplier; nullopt when the result is too large.
std::optional<Decimal> scale(Decimal v, Decimal factor) {
  const Decimal limit = Decimal(Decimal::kMaxMagnitude);
  if (factor != Decimal(1) &&
      (v > mul_div(limit, Decimal(1), factor) || v < Decimal(0) - mul_div(limit, Decimal(1), factor))) {
    return std::nullopt;
  }
  return v * factor;
}

U fold(std::string_view text) {
  U folded = fold_width(utf8_decode(text));
  U out;
  for (char32_t c : folded) {
    if (c != U' ' && c != U'\t' && c != U'\r' && c != U'\n') out.push_back(c);
  }
  return out;
}

std::optional<Value> parse_quantity(UV s) {
  Value v;
  v.kind = Value::Kind::Number;
  std::size_t i = 0;
  auto skip_approx = [&] {
    for (UV w : {UV(U"大约"), UV(U"约"), UV(U"近")}) {
      if (starts_with(s.substr(i), w)) {
        i += w.size();
        v.approximate = true;
      }
    }
  };
  skip_approx();
  for (const auto& [word, op] : kPrefixOps) {
    if (starts_with(s.substr(i), word)) {
      v.op = op;
      i += word.size();
      break;
    }
  }
  skip_approx();
  auto first = read_number(s, i);
  if (!first) return std::nullopt;
  U rest(s.substr(i));
  // Suffix comparators: "5个以上", "100万元以内", "3场及以上".
  for (const auto& [word, op] :
       {std::pair{UV(U"及以上"), Op::Ge}, std::pair{UV(U"以上"), Op::Ge}, std::pair{UV(U"及以下"), Op::Le},
        std::pair{UV(U"以下"), Op::Le}, std::pair{UV(U"以内"), Op::Le}}) {
    if (ends_with(rest, word)) {
      if (v.op == Op::None) v.op = op;
      rest.erase(rest.size() - word.size());
      break;
    }
  }
  if (starts_with(rest, U"余") || starts_with(rest, U"多")) {
    v.approximate = true;
    rest.erase(0, 1);
  }
  // Range "90%-100%", "3～5场", "3至5场".
  std::size_t sep = U::npos;
  for (std::size_t k = 0; k < rest.size(); ++k) {
    const char32_t c = rest[k];
    if ((c == U'-' || c == U'~' || c == U'至' || c == U'到') && k + 1 < rest.size() && is_digit(rest[k + 1])) {
      sep = k;
      break;
    }
  }
  Unit unit;
  if (sep != U::npos) {
    if (v.op != Op::None) return std::nullopt;
    U unit_a = rest.substr(0, sep);
    std::size_t j = 0;
    UV tail = UV(rest).substr(sep + 1);
    auto second = read_number(tail, j);
    if (!second) return std::nullopt;
    Unit ua = normalize_unit(unit_a);
    unit = normalize_unit(U(tail.substr(j)));
    if (!unit_a.empty() && (ua.base != unit.base || ua.factor != unit.factor)) {
      if (!unit.base.empty() || unit.factor != Decimal(1)) return std::nullopt;
      unit = ua;
    }
    if (!unit.ok) return std::nullopt;
    auto lo = scale(*first, unit.factor);
    auto hi = scale(*second, unit.factor);
    if (!lo || !hi || *hi < *lo) return std::nullopt;
    v.kind = Value::Kind::Range;
    v.amount = *lo;
    v.high = *hi;
    v.unit = unit.base;
    v.scale = unit.factor;
    return v;
  }
  unit = normalize_unit(rest);
  if (!unit.ok) return std::nullopt;
  auto amount = scale(*first, unit.factor);
  if (!amount) return std::nullopt;
  v.amount = *amount;
  v.unit = unit.base;
  v.scale = unit.factor;
  return v;
}

bool in_list(UV s, const std::vector<std::string>& words) {
  for (const auto& w : words) {
    if (!w.empty() && fold(w) == s) return true;
  }
  return false;
}

Value parse_folded(const U& s, bool timed) {
  Value v;
  if (s.empty() || s == U"-" || s == U"/" || s == U"无") return v;
  for (UV w : kLate) {
    if (s == w) {
      v.kind = Value::Kind::Late;
      return v;
    }
  }
  for (UV w : kOnTime) {
    if (s == w) {
      v.kind = Value::Kind::OnTime;
      return v;
    }
  }
  for (UV suffix : {UV(U"之前"), UV(U"以前"), UV(U"前")}) {
    if (ends_with(s, suffix)) {
      if (auto d = parse_date(UV(s).substr(0, s.size() - suffix.size()), true)) {
        v.kind = Value::Kind::Deadline;
        v.date = *d;
        return v;
      }
    }
  }
  if (auto d = parse_date(s, timed); d && (d->month != 0 || d->year != 0)) {
    // A bare "2022" is a number, not a date: parse_date needs 年 or a separator.
    v.kind = Value::Kind::Date;
    v.date = *d;
    return v;
  }
  if (auto q = parse_quantity(s)) return *q;
  v.kind = Value::Kind::Qualitative;
  return v;
}

}  // namespace

Value parse_value(std::string_view text) {
  return parse_folded(fold(text), false);
}

bool is_timed(const Value& target) {
  return target.kind == Value::Kind::Deadline || target.kind == Value::Kind::Date || target.kind == Value::Kind::OnTime;
}

Value parse_actual(std::string_view text, const Value& target, const TimeWords& words) {
  const U s = fold(text);
  if (is_timed(target) && !s.empty()) {
    Value v;
    // Late first: "未完成" must not match an on-time "完成" by accident.
    const bool late = in_list(s, words.late) || (s.size() > 1 && s[0] == U'未' && in_list(s.substr(1), words.on_time));
    if (late) {
      v.kind = Value::Kind::Late;
      return v;
    }
    if (in_list(s, words.on_time)) {
      v.kind = Value::Kind::OnTime;
      return v;
    }
    return parse_folded(s, true);
  }
  Value v = parse_folded(s, false);
  const bool quantity_target = target.kind == Value::Kind::Number || target.kind == Value::Kind::Range;
  const bool bare = v.kind == Value::Kind::Number && v.unit.empty() && v.scale == Decimal(1);
  if (quantity_target && bare && (!target.unit.empty() || target.scale != Decimal(1))) {
    auto amount = scale(v.amount, target.scale);
    if (!amount) {
      Value q;
      q.kind = Value::Kind::Qualitative;  // too large once scaled: reported as a malformed number
      return q;
    }
    v.amount = *amount;
    v.unit = target.unit;
    v.scale = target.scale;
    v.unit_from_target = true;
  }
  return v;
}

std::string written_unit(std::string_view base, Decimal scale) {
  if (scale == Decimal(10'000)) return "万" + std::string(base);
  if (scale == Decimal(100'000'000)) return "亿" + std::string(base);
  return std::string(base);
}

bool is_malformed_number(std::string_view text) {
  const Value v = parse_value(text);
  if (v.kind != Value::Kind::Qualitative) return false;
  const U s = fold(text);
  if (s.empty()) return false;
  // A comparator followed by words is a qualitative requirement
  // ("=较上年提高", "≥上年水平"); followed by a digit, a sign or "*" it is a
  // number that did not parse ("≥**人", "≥1e9"), and followed by no more
  // than a unit's length (3 characters) it is a number left out ("≥场").
  UV rest = s;
  for (const auto& [word, op] : kPrefixOps) {
    if (starts_with(rest, word)) {
      rest.remove_prefix(word.size());
      break;
    }
  }
  if (rest.size() < s.size()) {
    if (rest.size() <= 3) return true;
    const char32_t c = rest[0];
    return is_digit(c) || c == U'*' || c == U'.' || c == U'-' || c == U'+';
  }
  return is_digit(s[0]);
}

std::string_view op_symbol(Op op) {
  switch (op) {
    case Op::Ge: return "≥";
    case Op::Gt: return "＞";
    case Op::Le: return "≤";
    case Op::Lt: return "＜";
    case Op::Eq: return "＝";
    case Op::None: break;
  }
  return "";
}

std::string unit_label(std::string_view unit) {
  if (unit.empty()) return "（无单位）";
  return "“" + std::string(unit) + "”";
}

bool units_compatible(std::string_view a, std::string_view b) {
  return a.empty() || b.empty() || a == b;
}

int compare_dates(const DateSpec& a, const DateSpec& b, int default_year) {
  auto key = [default_year](const DateSpec& d) {
    const int y = d.year != 0 ? d.year : default_year;
    const int m = d.month != 0 ? d.month : 12;
    const int day = d.day != 0 ? d.day : 31;  // end of month: 31 compares after any real day
    return static_cast<long long>(y) * 10000 + m * 100 + day;
  };
  const int ka = key(a);
  const int kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

}  // namespace jx
