// The finance bureau's summary: ranking, ties, department aggregates,
// histogram, reviewer findings and safe file names, as specifications.
#include "engine/summary.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <random>
#include <set>

#include "engine/findings.h"
#include "tests/support.h"

using jx::Decimal;
using jx::SubmissionRow;

namespace {

Decimal dec(const char* s) {
  return *Decimal::parse(s);
}

SubmissionRow row(const std::string& dept, const std::string& project, const char* total, const char* budget = "100",
                  const std::string& grade = "优") {
  SubmissionRow r;
  r.file = dept + "/" + project + ".yaml";
  r.year = 2022;
  r.department = dept;
  r.unit = dept;
  r.project = project;
  r.total = dec(total);
  r.budget = dec(budget);
  r.executed = dec(budget);
  r.grade = grade;
  return r;
}

std::vector<std::string> codes(const std::vector<jx::SubmissionFinding>& f) {
  std::vector<std::string> out;
  for (const auto& x : f) out.push_back(x.code);
  return out;
}

bool has(const std::vector<jx::SubmissionFinding>& f, const std::string& code) {
  for (const auto& x : f) {
    if (x.code == code) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("排名：按计算总分从高到低，同分同名次（1、2、2、4），再按部门、单位、项目、文件排序") {
  std::vector<SubmissionRow> rows = {row("乙局", "B", "90"), row("甲局", "A", "95.5"), row("甲局", "C", "90"),
                                     row("丙局", "D", "80")};
  jx::rank_rows(rows);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].project == "A");
  CHECK(rows[0].rank == 1);
  // The tie 90.00 is ordered by 主管部门 in byte order: 乙 (E4 B9 99) before 甲 (E7 94 B2).
  CHECK(rows[1].project == "B");
  CHECK(rows[2].project == "C");
  CHECK(rows[1].rank == 2);
  CHECK(rows[2].rank == 2);
  CHECK(rows[3].rank == 4);
}

TEST_CASE("排名与输入顺序无关") {
  std::vector<SubmissionRow> a = {row("甲局", "A", "90"), row("甲局", "B", "90"), row("甲局", "C", "91")};
  std::vector<SubmissionRow> b = {a[2], a[1], a[0]};
  jx::rank_rows(a);
  jx::rank_rows(b);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].project == b[i].project);
    CHECK(a[i].rank == b[i].rank);
  }
}

TEST_CASE("部门整体自评单独排名，排在项目之后") {
  SubmissionRow d = row("甲局", "", "99");
  d.department_wide = true;
  std::vector<SubmissionRow> rows = {d, row("甲局", "A", "80")};
  jx::rank_rows(rows);
  CHECK_FALSE(rows[0].department_wide);
  CHECK(rows[0].rank == 1);
  CHECK(rows[1].department_wide);
  CHECK(rows[1].rank == 1);
}

TEST_CASE("按部门：预算加权平均得分精确计算后四舍五入到两位") {
  // (90 × 1 + 80 × 3) / 4 = 82.5
  auto s = jx::summarize({row("甲局", "A", "90", "1"), row("甲局", "B", "80", "3")}, {}, {"优", "良", "中", "差"});
  REQUIRE(s.departments.size() == 1);
  CHECK(s.departments[0].weighted_mean.to_string(2) == "82.50");
  CHECK(s.departments[0].projects == 2);
  CHECK(s.departments[0].budget.to_plain() == "4");
  // (90.01 × 1 + 80 × 2) / 3 = 83.3366… → 83.34
  s = jx::summarize({row("甲局", "A", "90.01", "1"), row("甲局", "B", "80", "2")}, {}, {"优"});
  CHECK(s.departments[0].weighted_mean.to_string(2) == "83.34");
  // Zero budgets: the plain mean.
  s = jx::summarize({row("甲局", "A", "90", "0"), row("甲局", "B", "81", "0")}, {}, {"优"});
  CHECK(s.departments[0].weighted_mean.to_string(2) == "85.50");
}

TEST_CASE("按部门：部门整体得分单列，部门按加权平均得分排序") {
  SubmissionRow d = row("乙局", "", "89.6", "676.52", "良");
  d.department_wide = true;
  auto s = jx::summarize({row("甲局", "A", "70"), row("乙局", "B", "97"), d}, {}, {"优", "良", "中", "差"});
  REQUIRE(s.departments.size() == 2);
  CHECK(s.departments[0].name == "乙局");
  REQUIRE(s.departments[0].department_total);
  CHECK(s.departments[0].department_total->to_string(2) == "89.60");
  CHECK(s.departments[0].department_grade == "良");
  CHECK(s.departments[0].projects == 1);  // the department-wide row is not a project
  CHECK_FALSE(s.departments[1].department_total);
}

TEST_CASE("等级分布与分数段：边界分数归入上一段") {
  auto s = jx::summarize(
      {row("甲", "a", "90", "1", "优"), row("甲", "b", "89.99", "1", "良"), row("甲", "c", "60", "1", "中"),
       row("甲", "d", "59.99", "1", "差"), row("甲", "e", "100", "1", "优")},
      {jx::InvalidFile{"z.yaml", {"z.yaml: 错误: …"}}}, {"优", "良", "中", "差"});
  CHECK(s.files == 6);
  CHECK(s.grade_counts.at("优") == 2);
  CHECK(s.grade_counts.at("差") == 1);
  REQUIRE(s.histogram.size() == 5);
  CHECK(s.histogram[0].count == 1);  // below 60
  CHECK(s.histogram[1].count == 1);  // 60–69.99
  CHECK(s.histogram[3].count == 1);  // 80–89.99
  CHECK(s.histogram[4].count == 2);  // 90–100
}

// ---- findings -------------------------------------------------------------

namespace {

std::vector<jx::SubmissionFinding> findings_of(const std::string& yaml) {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(yaml, r);
  REQUIRE_FALSE(s.diags.has_errors());
  s.score.diagnostics = s.diags;
  return jx::find_findings(s.score, r);
}

std::string project(const std::string& leaves, const std::string& funds = "{initial: 100, budget: 100, executed: 100}",
                    const std::string& extra = "") {
  std::string s = "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n" + extra;
  s += "funds:\n  total: " + funds + "\n";
  s += "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n" + leaves;
  return s;
}

const std::string kTwoFull =
    "          - {name: 甲, weight: 45, target: \"≥5个\", actual: \"5个\"}\n"
    "          - {name: 乙, weight: 45, target: \"≥3场\", actual: \"3场\"}\n";

}  // namespace

TEST_CASE("问题：全部指标满分") {
  const auto f = findings_of(project(kTwoFull));
  CHECK(has(f, "all-full-marks"));
  CHECK_FALSE(has(f, "actual-copied"));  // "5个" against "≥5个" is a measurement, not a copy
}

TEST_CASE("问题：实际完成值照抄目标值（含比较符、区间或定性文字）") {
  auto f =
      findings_of(project("          - {name: 甲, weight: 45, target: \"≥5个\", actual: \"≥5个\"}\n"
                          "          - {name: 乙, weight: 45, target: \"100%\", actual: \"100%\"}\n"));
  REQUIRE(has(f, "actual-copied"));
  const auto c = codes(f);
  CHECK(std::count(c.begin(), c.end(), "actual-copied") == 1);  // "100%" = "100%" is plausible
  for (const auto& x : f) {
    if (x.code == "actual-copied") CHECK(x.indicator == "产出指标/数量指标/甲");
  }
}

TEST_CASE("问题：自报总分、自报行得分与计算不符") {
  auto f = findings_of(
      project("          - {name: 甲, weight: 45, target: \"≥10个\", actual: \"9个\", declared_score: 45, note: 延期}\n"
              "          - {name: 乙, weight: 45, target: \"≥3场\", actual: \"3场\"}\n",
              "{initial: 100, budget: 100, executed: 100}", "declared_score: 100\n"));
  CHECK(has(f, "declared-total-differs"));
  REQUIRE(has(f, "declared-row-differs"));
  for (const auto& x : f) {
    if (x.code == "declared-row-differs") CHECK(x.indicator == "产出指标/数量指标/甲");
  }
  CHECK_FALSE(has(f, "missing-deviation-reason"));  // a note was written
}

TEST_CASE("问题：未达标未说明偏差原因，目标值偏低") {
  auto f =
      findings_of(project("          - {name: 甲, weight: 45, target: \"≥10个\", actual: \"9个\"}\n"
                          "          - {name: 乙, weight: 45, target: \"≥3场\", actual: \"4场\"}\n"));
  CHECK(has(f, "missing-deviation-reason"));
  CHECK(has(f, "target-too-low"));
}

TEST_CASE("问题：预算执行率低于 90%") {
  auto f = findings_of(project(kTwoFull, "{initial: 100, budget: 100, executed: 89.99}"));
  CHECK(has(f, "low-execution"));
  f = findings_of(project(kTwoFull, "{initial: 100, budget: 100, executed: 90}"));
  CHECK_FALSE(has(f, "low-execution"));
}

TEST_CASE("问题：一级指标权重偏离规则集，支出明细合计不符") {
  std::string s = "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n";
  s += "funds:\n  total: {initial: 100, budget: 100, executed: 100}\n";
  s += "  items:\n    - {name: 劳务费, amount: 60}\n    - {name: 印刷费, amount: 39.9}\n";
  s += "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n";
  s += "          - {name: 甲, weight: 60, target: \"≥5个\", actual: \"5个\"}\n";
  s += "  - name: 效益指标\n    children:\n      - name: 社会效益指标\n        children:\n";
  s += "          - {name: 乙, weight: 30, target: \"≥3场\", actual: \"3场\"}\n";
  auto f = findings_of(s);
  CHECK(has(f, "first-level-weight"));
  CHECK(has(f, "items-sum"));
}

TEST_CASE("问题按行号、类别排序，每种类别都有中文名称") {
  auto f =
      findings_of(project("          - {name: 甲, weight: 45, target: \"≥10个\", actual: \"9个\"}\n"
                          "          - {name: 乙, weight: 45, target: \"≥3场\", actual: \"≥3场\"}\n",
                          "{initial: 100, budget: 100, executed: 50}"));
  for (std::size_t i = 1; i < f.size(); ++i) CHECK(f[i - 1].line <= f[i].line);
  for (const auto& k : jx::kFindingKinds) CHECK_FALSE(k.label.empty());
  CHECK(jx::finding_kind_label("no-such-code").empty());
}

// ---- overview, departments against last year, movers, invalid files ------

TEST_CASE("总览：平均得分、预算加权平均、较上年、按项目数计的问题") {
  std::vector<SubmissionRow> rows = {row("甲", "a", "90", "100"), row("甲", "b", "80", "300"),
                                     row("乙", "c", "70", "0")};
  rows[0].findings.push_back({"low-execution", 1, "", "x"});
  rows[0].findings.push_back({"low-execution", 2, "", "y"});  // two findings, one project
  rows[2].findings.push_back({"low-execution", 1, "", "z"});
  rows[1].prior_total = dec("95");  // moved by 15
  rows[0].prior_total = dec("85");  // moved by 5
  std::vector<jx::PriorRecord> prior = {{"甲", "a", false, dec("85"), dec("100"), "良"},
                                        {"甲", "b", false, dec("95"), dec("100"), "优"}};
  jx::InvalidFile bad{"z.yaml", {"z.yaml:1:1: 错误: …"}, 1};
  bad.department = "乙";
  const auto s = jx::summarize(rows, {bad}, {"优", "良", "中", "差"}, {}, &prior);
  const auto& o = s.overview;
  CHECK(o.received == 4);
  CHECK(o.invalid == 1);
  CHECK(o.projects == 3);
  CHECK(o.mean.to_string(2) == "80.00");
  CHECK(o.weighted_mean.to_string(2) == "82.50");  // (90×100 + 80×300 + 70×0) / 400
  REQUIRE(o.has_prior);
  CHECK(o.prior_mean.to_string(2) == "90.00");
  CHECK(o.prior_grade_counts.at("良") == 1);
  CHECK(o.rate);
  const auto low = std::find_if(o.findings.begin(), o.findings.end(),
                                [](const jx::FindingReach& f) { return f.code == "low-execution"; });
  REQUIRE(low != o.findings.end());
  CHECK(low->findings == 3);
  CHECK(low->projects == 2);
  CHECK(low->departments == 2);
  // Departments: 甲 ranked first, compared with last year; 乙 has an invalid file.
  REQUIRE(s.departments.size() == 2);
  CHECK(s.departments[0].name == "甲");
  CHECK(s.departments[0].rank == 1);
  REQUIRE(s.departments[0].prior_weighted_mean);
  CHECK(s.departments[0].prior_weighted_mean->to_string(2) == "90.00");
  CHECK(s.departments[1].invalid == 1);
  CHECK(s.departments[1].weighted_mean.to_string(2) == "70.00");  // Σ budget 0: the plain mean
  // Movers: only the project that moved by more than 10.
  REQUIRE(s.movers.size() == 1);
  CHECK(s.rows[s.movers[0]].project == "b");
}

TEST_CASE("总览：生成的得分和预算，均值与独立计算一致（整数运算）") {
  std::uint32_t seed = 77;
  INFO("seed " << seed);
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<SubmissionRow> rows;
    const int n = 1 + static_cast<int>(next() % 30);
    __int128 sum_t = 0, sum_b = 0, sum_tb = 0;  // cents and cent×cent
    for (int i = 0; i < n; ++i) {
      const long t = static_cast<long>(next() % 10001);  // 0.00 … 100.00
      const long b = round % 7 == 0 ? 0 : static_cast<long>(next() % 100000000);
      auto cents = [](long v) {
        return std::to_string(v / 100) + "." + (v % 100 < 10 ? "0" : "") + std::to_string(v % 100);
      };
      rows.push_back(row("部" + std::to_string(i % 3), "p" + std::to_string(i), cents(t).c_str(), cents(b).c_str()));
      sum_t += t;
      sum_b += b;
      sum_tb += static_cast<__int128>(t) * b;
    }
    const auto s = jx::summarize(rows, {}, {"优"});
    auto half_up = [](__int128 num, __int128 den) { return static_cast<long>((2 * num + den) / (2 * den)); };
    const long mean = half_up(sum_t, n);
    const long weighted = sum_b == 0 ? mean : half_up(sum_tb, sum_b);
    INFO("round " << round);
    CHECK(s.overview.mean.raw() == mean * 10'000);
    CHECK(s.overview.weighted_mean.raw() == weighted * 10'000);
  }
}

TEST_CASE("无效文件：即使有错误也读出年度、主管部门、项目名称") {
  auto id = jx::peek_identity(
      "kind: project\nyear: 2022\ndepartment: \"财政*局\"  # 注释\nproject: 科普 # x\n"
      "indicators:\n  - name: 产出\n\twieght: [\n");
  CHECK(id.year == 2022);
  CHECK(id.department == "财政*局");
  CHECK(id.project == "科普");
  CHECK_FALSE(id.department_wide);
  id = jx::peek_identity("\xEF\xBB\xBFkind: department\r\nyear: 20x2\r\ndepartment: '甲局'\r\n  project: 内层\r\n");
  CHECK(id.year == 0);
  CHECK(id.department == "甲局");
  CHECK(id.project.empty());  // an indented key is not the file's own
  CHECK(id.department_wide);
  CHECK(jx::peek_identity("department: \xb2\xe2\n").department.empty());  // GBK bytes: not readable
}

TEST_CASE("多个年度：按年度分开，年度不明的无效文件归入最近一年") {
  std::vector<SubmissionRow> rows = {row("甲", "a", "90"), row("甲", "b", "80")};
  rows[0].year = 2021;
  jx::InvalidFile unknown{"u.yaml", {"u"}, 1};
  jx::InvalidFile old{"o.yaml", {"o"}, 1};
  old.year = 2021;
  jx::InvalidFile odd{"x.yaml", {"x"}, 1};
  odd.year = 1800;
  std::vector<jx::InvalidFile> invalid = {unknown, old, odd};
  const auto years = jx::run_years(rows, invalid);
  REQUIRE(years == std::vector<int>{2021, 2022});
  std::vector<SubmissionRow> r21, r22;
  std::vector<jx::InvalidFile> i21, i22;
  jx::take_year(2021, 2022, rows, invalid, r21, i21);
  jx::take_year(2022, 2022, rows, invalid, r22, i22);
  CHECK(r21.size() == 1);
  CHECK(r22.size() == 1);
  REQUIRE(i21.size() == 1);
  CHECK(i21[0].file == "o.yaml");
  CHECK(i22.size() == 2);
  CHECK(rows.empty());
  CHECK(invalid.empty());
}

// ---- the values branch's codes as finding kinds ---------------------------

TEST_CASE("问题：单位错误、模板文字、指标值缺少单位成为问题类别") {
  const auto slip = findings_of(project("          - {name: 甲, weight: 45, target: \"≥592万元\", actual: \"4264000\", "
                                        "note: 说明}\n" +
                                        std::string(kTwoFull.substr(kTwoFull.find('\n') + 1))));
  CHECK(has(slip, "unit-slip"));
  const auto unit_slip = std::find_if(slip.begin(), slip.end(), [](const auto& f) { return f.code == "unit-slip"; });
  REQUIRE(unit_slip != slip.end());
  CHECK(unit_slip->indicator == "产出指标/数量指标/甲");
  const auto tmpl = findings_of(project(
      "          - {name: 甲, weight: 45, target: \"≥5个\", actual: \"5个\", note: 示例：请替换为偏差原因}\n" +
      std::string(kTwoFull.substr(kTwoFull.find('\n') + 1))));
  CHECK(has(tmpl, "template-text"));
  const auto bare = findings_of(project("          - {name: 甲, weight: 45, target: \"90\", actual: \"95%\"}\n" +
                                        std::string(kTwoFull.substr(kTwoFull.find('\n') + 1))));
  CHECK(has(bare, "target-without-unit"));
  // None of them on a clean submission.
  for (const char* code : {"unit-slip", "template-text", "target-without-unit"}) {
    CHECK_FALSE(has(findings_of(project(kTwoFull)), code));
  }
  for (const char* code : {"unit-slip", "target-without-unit", "template-text", "percent-fact-as-ratio",
                           "rate-implausible", "same-figure-differs"}) {
    INFO(code);
    CHECK_FALSE(jx::finding_kind_label(code).empty());
  }
  for (const char* code : {"gbk-mojibake", "ambiguous-fraction"}) {
    INFO(code);
    CHECK_FALSE(jx::invalid_cause_label(code).empty());
    CHECK(jx::finding_kind_label(code).empty());  // errors: the file is invalid, not a finding
  }
}

TEST_CASE("问题：部门合理性警告成为问题类别（所有警告代码逐一）") {
  // Every warning code the engine emits for these kinds is kept by
  // find_findings with its line; codes that are not kinds are dropped.
  for (const auto& k : jx::kFindingKinds) {
    if (k.code == "all-full-marks" || k.code == "actual-copied" || k.code == "low-execution") continue;
    jx::ProjectScore s;
    s.diagnostics.warning({7, 3}, std::string(k.code), "x");
    s.diagnostics.warning({8, 3}, "not-a-kind", "y");
    const auto f = jx::find_findings(s, jxtest::rules("mof2020"));
    INFO(k.code);
    REQUIRE(f.size() == 1);
    CHECK(f[0].code == k.code);
    CHECK(f[0].line == 7);
  }
}

TEST_CASE("总览：新问题类别和退回原因按项目、部门计数（生成）") {
  const std::uint64_t seed = [] {
    const char* e = std::getenv("JIXIAO_TEST_SEED");
    return e != nullptr ? std::strtoull(e, nullptr, 10) : 20221231u;
  }();
  std::mt19937_64 rng(seed);
  const std::vector<std::string> kinds{"unit-slip",        "target-without-unit", "template-text",
                                       "percent-fact-as-ratio", "rate-implausible", "same-figure-differs"};
  const std::vector<std::string> causes{"gbk-mojibake", "ambiguous-fraction", "bad-year", "wrong-type", ""};
  const std::vector<std::string> depts{"甲局", "乙局", "丙局", "丁局"};
  for (int round = 0; round < 200; ++round) {
    INFO("seed " << seed << " round " << round);
    std::vector<SubmissionRow> rows;
    std::map<std::string, int> n_find, n_proj;
    std::map<std::string, std::set<std::string>> in_depts;
    const int n = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
      rows.push_back(row(depts[rng() % depts.size()], "p" + std::to_string(i), "80"));
      rows.back().department_wide = rng() % 5 == 0;
      std::set<std::string> seen;
      const int m = static_cast<int>(rng() % 4);
      for (int j = 0; j < m; ++j) {
        const std::string& k = kinds[rng() % kinds.size()];
        rows.back().findings.push_back({k, j + 1, "", "m"});
        ++n_find[k];
        if (seen.insert(k).second && !rows.back().department_wide) ++n_proj[k];
        in_depts[k].insert(rows.back().department);
      }
    }
    std::vector<jx::InvalidFile> bad;
    std::map<std::string, int> c_files;
    std::map<std::string, std::set<std::string>> c_depts;
    const int b = static_cast<int>(rng() % 6);
    for (int i = 0; i < b; ++i) {
      jx::InvalidFile f{"bad" + std::to_string(i) + ".yaml", {"x"}, 1};
      f.cause = causes[rng() % causes.size()];
      f.department = rng() % 3 == 0 ? "" : depts[rng() % depts.size()];
      ++c_files[f.cause];
      if (!f.department.empty()) c_depts[f.cause].insert(f.department);
      bad.push_back(f);
    }
    const auto s = jx::summarize(rows, bad, {"优", "良", "中", "差"}, {}, nullptr);
    for (const auto& k : kinds) {
      const auto it = std::find_if(s.overview.findings.begin(), s.overview.findings.end(),
                                   [&](const jx::FindingReach& f) { return f.code == k; });
      REQUIRE(it != s.overview.findings.end());
      CHECK(it->findings == n_find[k]);
      CHECK(it->projects == n_proj[k]);
      CHECK(it->departments == static_cast<int>(in_depts[k].size()));
    }
    int listed = 0;
    for (const auto& c : s.overview.causes) {
      CHECK(c.findings == c_files[c.code]);
      CHECK(c.departments == static_cast<int>(c_depts[c.code].size()));
      listed += c.findings;
    }
    CHECK(listed == b);
    // Every known cause is always listed (zero or not), in kInvalidCauses order.
    REQUIRE(s.overview.causes.size() >= jx::kInvalidCauses.size());
    for (std::size_t i = 0; i < jx::kInvalidCauses.size(); ++i) {
      CHECK(s.overview.causes[i].code == jx::kInvalidCauses[i].code);
    }
  }
}

TEST_CASE("退回重报：乱码的部门名不当作部门名读出") {
  const auto id = jx::peek_identity("year: 2022\ndepartment: Ä³ÊÐ¿ÆÐ­\nproject: 科普\n");
  CHECK(id.year == 2022);
  CHECK(id.department.empty());
  CHECK(id.project == "科普");
  CHECK(jx::peek_identity("department: 测试·部门\n").department == "测试·部门");
}
