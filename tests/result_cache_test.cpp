// The result cache of incremental re-runs: the codec over generated results
// (seeded; JIXIAO_SEED=N reproduces a run), refusal of damaged blobs, the
// cache table, the run transaction, and the migration of a database made by
// the schema before the cache (version 2).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/history.h"
#include "store/result_cache.h"
#include "store/result_codec.h"
#include "tests/support.h"

namespace fs = std::filesystem;
using jx::Decimal;
using jx::InvalidFile;
using jx::SubmissionRow;
using jx::store::StoredResult;

namespace {

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

struct Gen {
  std::mt19937_64 g;
  std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(g() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  /// Strings as they come: empty, Chinese, ASCII, control bytes and NULs, long.
  std::string text() {
    static const std::vector<std::string> parts = {"",   "科普", "攀枝花市科学技术协会", "a", "\n  提示: ",
                                                   std::string("\0x", 2), "\x1e\x1f", "≥5个", "💡", "'\"\\"};
    std::string s;
    const auto n = below(chance(5) ? 400 : 6);
    for (std::int64_t i = 0; i < n; ++i) s += parts[static_cast<std::size_t>(below(static_cast<std::int64_t>(parts.size())))];
    return s;
  }
  Decimal dec() {
    switch (below(4)) {
      case 0: return Decimal::from_raw(below(100'000'000'000));
      case 1: return Decimal::from_raw(-below(1'000'000'000));
      case 2: return Decimal::from_raw(chance(50) ? INT64_MAX : INT64_MIN);
      default: return Decimal(static_cast<int>(below(101)));
    }
  }
  SubmissionRow row() {
    SubmissionRow r;
    r.file = text();
    r.department_wide = chance(20);
    r.year = static_cast<int>(below(300)) + 1900;
    r.department = text();
    r.unit = text();
    r.project = text();
    r.rules = text();
    r.budget = dec();
    r.executed = dec();
    r.rate = dec();
    r.budget_score = dec();
    for (auto n = below(5); n > 0; --n) r.levels.push_back({text(), dec(), dec()});
    r.total = dec();
    if (chance(60)) r.declared = dec();
    r.grade = text();
    for (auto n = below(8); n > 0; --n) r.findings.push_back({text(), static_cast<int>(below(5000)), text(), text()});
    r.hash = text();
    if (chance(50)) r.light = static_cast<jx::Light>(below(4));
    r.light_month = static_cast<int>(below(13));
    r.light_label = text();
    for (auto n = below(6); n > 0; --n) {
      jx::PriorActual a;
      for (auto k = below(4); k > 0; --k) a.path.push_back(text());
      a.target = text();
      a.actual = text();
      r.indicators.push_back(std::move(a));
    }
    return r;
  }
  InvalidFile invalid() {
    InvalidFile f;
    f.file = text();
    for (auto n = below(6); n > 0; --n) f.messages.push_back(text());
    f.errors = static_cast<int>(below(7));
    f.department = text();
    f.project = text();
    f.year = static_cast<int>(below(3000));
    f.cause = text();
    return f;
  }
  StoredResult result() {
    StoredResult r;
    for (auto n = below(chance(20) ? 12 : 2); n > 0; --n) r.rows.push_back(row());
    for (auto n = below(3); n > 0; --n) r.invalid.push_back(invalid());
    for (auto n = below(3); n > 0; --n) r.attached.push_back(text());
    for (auto n = below(3); n > 0; --n) {
      jx::store::RuleGrades g{text(), {}};
      for (auto k = below(5); k > 0; --k) g.grades.push_back(text());
      r.grades.push_back(std::move(g));
    }
    return r;
  }
};

// Field by field, written out here rather than through the codec.
bool same_row(const SubmissionRow& a, const SubmissionRow& b) {
  if (a.levels.size() != b.levels.size() || a.findings.size() != b.findings.size()) return false;
  if (a.light != b.light || a.light_month != b.light_month || a.light_label != b.light_label) return false;
  if (a.indicators.size() != b.indicators.size()) return false;
  for (std::size_t i = 0; i < a.indicators.size(); ++i) {
    const auto &x = a.indicators[i], &y = b.indicators[i];
    if (x.path != y.path || x.target != y.target || x.actual != y.actual) return false;
  }
  for (std::size_t i = 0; i < a.levels.size(); ++i) {
    if (a.levels[i].name != b.levels[i].name || a.levels[i].weight != b.levels[i].weight ||
        a.levels[i].score != b.levels[i].score)
      return false;
  }
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const auto &x = a.findings[i], &y = b.findings[i];
    if (x.code != y.code || x.line != y.line || x.indicator != y.indicator || x.message != y.message) return false;
  }
  return a.file == b.file && a.department_wide == b.department_wide && a.year == b.year &&
         a.department == b.department && a.unit == b.unit && a.project == b.project && a.rules == b.rules &&
         a.budget == b.budget && a.executed == b.executed && a.rate == b.rate && a.budget_score == b.budget_score &&
         a.total == b.total && a.declared == b.declared && a.grade == b.grade && a.hash == b.hash;
}

bool same_invalid(const InvalidFile& a, const InvalidFile& b) {
  return a.file == b.file && a.messages == b.messages && a.errors == b.errors && a.department == b.department &&
         a.project == b.project && a.year == b.year && a.cause == b.cause;
}

bool same(const StoredResult& a, const StoredResult& b) {
  if (a.rows.size() != b.rows.size() || a.invalid.size() != b.invalid.size()) return false;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    if (!same_row(a.rows[i], b.rows[i])) return false;
  }
  for (std::size_t i = 0; i < a.invalid.size(); ++i) {
    if (!same_invalid(a.invalid[i], b.invalid[i])) return false;
  }
  return a.attached == b.attached && a.grades == b.grades;
}

struct TempDb {
  fs::path path;
  explicit TempDb(const std::string& name) : path(jxtest::temp_path("jixiao-test-" + name, ".sqlite")) {
    fs::remove(path);
  }
  ~TempDb() { fs::remove(path); }
};

std::int64_t count(jx::store::Database& db, const std::string& table) {
  jx::store::Statement st(db, "SELECT count(*) FROM " + table);
  st.step();
  return st.integer(0);
}

}  // namespace

TEST_CASE("结果编码：生成的结果逐字段还原，残缺或多余的字节被拒绝") {
  const std::uint64_t seed = seed_from_env();
  Gen gen{std::mt19937_64(seed)};
  int cases = 0, prefixes = 0;
  for (int i = 0; i < 400; ++i) {
    const StoredResult r = gen.result();
    const std::string bytes = jx::store::encode(r);
    const auto back = jx::store::decode(bytes);
    ++cases;
    if (!back || !same(r, *back)) FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), case " << i << ": not restored");
    // Every strict prefix is incomplete; a trailing byte is foreign.
    if (i % 20 == 0) {
      for (std::size_t n = 0; n < bytes.size(); ++n) {
        ++prefixes;
        if (jx::store::decode(std::string_view(bytes).substr(0, n))) {
          FAIL("seed " << seed << ", case " << i << ": a prefix of " << n << " bytes decoded");
        }
      }
    }
    if (jx::store::decode(bytes + '\0')) FAIL("seed " << seed << ", case " << i << ": a trailing byte was accepted");
    // A damaged byte never crashes (it may decode to something else).
    std::string damaged = bytes;
    damaged[static_cast<std::size_t>(gen.below(static_cast<std::int64_t>(bytes.size())))] ^= 0x5a;
    (void)jx::store::decode(damaged);
  }
  INFO("seed " << seed << ": " << cases << " results, " << prefixes << " prefixes");
  CHECK(cases == 400);
  CHECK(prefixes > 20);
}

TEST_CASE("结果编码：另一格式版本的数据不被当作结果") {
  StoredResult r;
  r.rows.push_back(SubmissionRow{});
  std::string bytes = jx::store::encode(r);
  bytes[0] = static_cast<char>(jx::store::kResultFormat + 1);
  CHECK_FALSE(jx::store::decode(bytes));
  CHECK_FALSE(jx::store::decode(""));
}

TEST_CASE("结果缓存：按路径存取，改动的文件替换旧结果") {
  TempDb t("cache");
  jx::store::History h(t.path.string());
  h.begin();
  auto& c = h.results();
  CHECK_FALSE(c.find("a.yaml"));
  const std::vector<jx::store::Dependency> deps = {{"dept/p.yaml", "abc-12"}, {"dept/gone.yaml", ""}};
  c.put("a.yaml", "h1", "ctx", deps, std::string("\0blob\1", 6));
  c.put("b.yaml", "h2", "ctx", {}, "x");
  auto e = c.find("a.yaml");
  REQUIRE(e);
  CHECK(e->content == "h1");
  CHECK(e->context == "ctx");
  CHECK(e->deps == deps);
  CHECK(c.payload(e->id) == std::string("\0blob\1", 6));
  c.put("a.yaml", "h3", "ctx2", {}, "new");
  e = c.find("a.yaml");
  REQUIRE(e);
  CHECK(e->content == "h3");
  CHECK(e->deps.empty());
  CHECK(c.payload(e->id) == "new");
  CHECK(count(h.database(), "result") == 2);
  h.stage({});
  h.commit();
  jx::store::History again(t.path.string());
  CHECK(again.results().find("b.yaml"));
}

TEST_CASE("结果缓存：运行失败（未提交）时不留下结果") {
  TempDb t("cache-rollback");
  { jx::store::History h(t.path.string()); h.record({}); }
  {
    jx::store::History h(t.path.string());
    h.begin();
    h.results().put("a.yaml", "h1", "ctx", {}, "x");
  }  // destroyed before commit: rolled back
  jx::store::History h(t.path.string());
  CHECK_FALSE(h.results().find("a.yaml"));
}

TEST_CASE("旧版本（2）数据库迁移到带结果缓存的版本，记录保留") {
  TempDb t("migrate-v2");
  {
    jx::store::Database db(t.path.string());
    jx::store::migrate(db, 2);  // the schema before the cache, as the previous release made it
    db.exec(
        "INSERT INTO run (submissions, added) VALUES (1, 1);"
        "INSERT INTO submission (hash, year, department, unit, project, rules, total, grade, file, kind, budget, "
        "run_id) VALUES ('h2021', 2021, '甲局', '甲局机关', '科普', 'mof2020', '88.50', '良', 'a.yaml', 'project', "
        "'100', 1)");
    CHECK(db.user_version() == 2);
    CHECK_THROWS(jx::store::Statement(db, "SELECT count(*) FROM result"));
  }
  jx::store::History h(t.path.string());
  CHECK(h.database().user_version() == jx::store::kSchemaVersion);
  CHECK(count(h.database(), "result") == 0);
  const auto trend = h.trend("", "");
  REQUIRE(trend.size() == 1);
  CHECK(trend[0].total.to_string(2) == "88.50");
  CHECK(trend[0].budget == Decimal(100));
  h.begin();
  h.results().put("a.yaml", "h", "ctx", {}, "x");
  h.stage({});
  h.commit();
  jx::store::History read(t.path.string(), jx::store::History::Access::Read);
  CHECK(read.trend("", "").size() == 1);
}
