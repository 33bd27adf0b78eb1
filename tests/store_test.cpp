// The history database: schema creation, migration, idempotent runs,
// rollback of a failed run, prior-year lookup and trends.
#include <catch2/catch.hpp>
#include <filesystem>

#include "store/history.h"
#include "tests/support.h"

namespace fs = std::filesystem;
using jx::Decimal;
using jx::SubmissionRow;

namespace {

struct TempDb {
  fs::path path;
  // Unique per process: ctest runs cases in parallel, and other checkouts'
  // test runs may share this machine's temporary folder.
  explicit TempDb(const std::string& name) : path(jxtest::temp_path("jixiao-test-" + name, ".sqlite")) {
    fs::remove(path);
  }
  ~TempDb() { fs::remove(path); }
};

SubmissionRow row(int year, const std::string& project, const char* total, const std::string& hash) {
  SubmissionRow r;
  r.file = project + ".yaml";
  r.year = year;
  r.department = "甲局";
  r.unit = "甲局机关";
  r.project = project;
  r.rules = "mof2020";
  r.total = *Decimal::parse(total);
  r.budget = Decimal(100);
  r.executed = Decimal(95);
  r.grade = "优";
  r.hash = hash;
  r.findings.push_back({"low-execution", 12, "", "预算执行率 95.00%"});
  return r;
}

std::int64_t count(jx::store::Database& db, const std::string& table) {
  jx::store::Statement st(db, "SELECT count(*) FROM " + table);
  st.step();
  return st.integer(0);
}

}  // namespace

TEST_CASE("首次使用时建库，版本号为当前版本") {
  TempDb t("create");
  jx::store::History h(t.path.string());
  CHECK(h.database().user_version() == jx::store::kSchemaVersion);
  CHECK(count(h.database(), "submission") == 0);
  CHECK(count(h.database(), "run") == 0);
}

TEST_CASE("旧版本数据库逐步迁移，已有记录保留") {
  TempDb t("migrate");
  {
    jx::store::Database db(t.path.string());
    jx::store::migrate(db, 1);
    CHECK(db.user_version() == 1);
    db.exec(
        "INSERT INTO submission (hash, year, department, unit, project, rules, total, grade, file) "
        "VALUES ('h2021', 2021, '甲局', '甲局机关', '科普', 'mof2020', '88.50', '良', 'a.yaml')");
  }
  jx::store::History h(t.path.string());
  CHECK(h.database().user_version() == jx::store::kSchemaVersion);
  const auto trend = h.trend("", "");
  REQUIRE(trend.size() == 1);
  CHECK(trend[0].total.to_string(2) == "88.50");
  CHECK_FALSE(trend[0].department_wide);  // the new column's default
  // The migrated record is found as the prior year of a 2022 submission.
  const auto prior = h.prior_total(row(2022, "科普", "90", "x"));
  REQUIRE(prior);
  CHECK(prior->to_string(2) == "88.50");
}

TEST_CASE("比本程序新的数据库被拒绝") {
  TempDb t("newer");
  {
    jx::store::Database db(t.path.string());
    db.set_user_version(99);
  }
  CHECK_THROWS_AS(jx::store::History(t.path.string()), jx::store::StoreError);
}

TEST_CASE("同样的输入再运行一次不重复记录") {
  TempDb t("idempotent");
  jx::store::History h(t.path.string());
  const std::vector<SubmissionRow> rows = {row(2022, "科普", "97", "h1"), row(2022, "培训", "85", "h2")};
  CHECK(h.record(rows) == 2);
  CHECK(h.record(rows) == 0);
  CHECK(count(h.database(), "submission") == 2);
  CHECK(count(h.database(), "finding") == 2);
  CHECK(count(h.database(), "run") == 2);
  // A corrected file (new content, new hash) is a new record; the trend shows the latest.
  CHECK(h.record({row(2022, "科普", "95", "h3")}) == 1);
  const auto trend = h.trend("", "科普");
  REQUIRE(trend.size() == 1);
  CHECK(trend[0].total.to_string(2) == "95.00");
}

TEST_CASE("中途失败的运行整体回滚，数据库保持原样") {
  TempDb t("rollback");
  jx::store::History h(t.path.string());
  REQUIRE(h.record({row(2021, "科普", "90", "old")}) == 1);
  std::vector<SubmissionRow> rows = {row(2022, "科普", "97", "a"), row(2022, "培训", "85", "b")};
  rows.push_back(row(0, "坏", "1", "c"));  // violates CHECK (year BETWEEN 1900 AND 9999)
  CHECK_THROWS_AS(h.record(rows), jx::store::StoreError);
  CHECK(count(h.database(), "submission") == 1);
  CHECK(count(h.database(), "finding") == 1);
  CHECK(count(h.database(), "run") == 1);
  // The database is usable afterwards.
  CHECK(h.record({row(2022, "科普", "97", "a")}) == 1);
}

TEST_CASE("上年得分：同一部门、同一项目、上一年度的最新记录") {
  TempDb t("prior");
  jx::store::History h(t.path.string());
  h.record({row(2020, "科普", "70", "a"), row(2021, "科普", "80", "b"), row(2021, "培训", "60", "c")});
  auto p = h.prior_total(row(2022, "科普", "90", "d"));
  REQUIRE(p);
  CHECK(p->to_string(2) == "80.00");
  CHECK_FALSE(h.prior_total(row(2022, "新项目", "90", "e")));
  SubmissionRow dept = row(2022, "", "90", "f");
  dept.department_wide = true;
  CHECK_FALSE(h.prior_total(dept));  // a project's record is not the department's
  const auto trend = h.trend("甲", "");
  REQUIRE(trend.size() == 3);
  CHECK(trend[0].project == "培训");
  CHECK(trend[1].year == 2020);
  CHECK(trend[2].year == 2021);
}

TEST_CASE("数据库文件无法打开时报中文错误") {
  CHECK_THROWS_WITH(jx::store::History("/nonexistent-dir/x/h.sqlite"), Catch::Contains("无法打开数据库"));
}

TEST_CASE("新数据库在提交前不出现；未提交的运行回滚") {
  TempDb t("staged");
  {
    jx::store::History h(t.path.string());
    CHECK_FALSE(fs::exists(t.path));
    CHECK(h.stage({row(2022, "科普", "97", "a")}) == 1);
    CHECK_FALSE(fs::exists(t.path));  // not until the commit
  }
  CHECK_FALSE(fs::exists(t.path));  // destroyed uncommitted: no file left behind
  {
    jx::store::History h(t.path.string());
    h.stage({row(2022, "科普", "97", "a")});
    h.commit();
    CHECK(fs::exists(t.path));
  }
  {
    jx::store::History h(t.path.string());
    h.stage({row(2022, "培训", "80", "b")});  // never committed
  }
  jx::store::History h(t.path.string(), jx::store::History::Access::Read);
  CHECK(h.trend("", "").size() == 1);
  const auto last = h.year_records(2022);
  REQUIRE(last.size() == 1);
  CHECK(last[0].total.to_string(2) == "97.00");
  CHECK(last[0].budget.to_string(2) == "100.00");
}

TEST_CASE("只读打开：不建库、不迁移、不接受写入") {
  TempDb t("readonly");
  CHECK_THROWS_AS(jx::store::History(t.path.string(), jx::store::History::Access::Read), jx::store::StoreError);
  CHECK_FALSE(fs::exists(t.path));
  {
    jx::store::Database db(t.path.string());
    jx::store::migrate(db, 1);
  }
  CHECK_THROWS_WITH(jx::store::History(t.path.string(), jx::store::History::Access::Read), Catch::Contains("旧版本"));
  jx::store::Database db(t.path.string(), jx::store::Database::Mode::ReadOnly);
  CHECK(db.user_version() == 1);
}

TEST_CASE("数据库拒绝的年度在写入前就被指出，不会中途失败") {
  CHECK(jx::store::unstorable(row(2022, "科普", "97", "a")).empty());
  CHECK_FALSE(jx::store::unstorable(row(0, "科普", "97", "a")).empty());
  CHECK_FALSE(jx::store::unstorable(row(1800, "科普", "97", "a")).empty());
}
