// The spring stage (issue 15): goal-form keys, the goal checks over
// generated goal trees (seeded; JIXIAO_SEED=N repeats a run), the checks
// across the year against the approved targets, the 申报表 workbook read
// back, and last year's actuals in the history database.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "engine/approved_check.h"
#include "engine/findings.h"
#include "engine/goal_checks.h"
#include "engine/goals_import.h"
#include "engine/load/department_loader.h"
#include "engine/load/goal_loader.h"
#include "engine/load/project_writer.h"
#include "reports/goals_table.h"
#include "reports/workbook.h"
#include "reports/xlsx_reader.h"
#include "store/history.h"
#include "tests/support.h"

namespace {

using jx::load::Stage;

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

std::optional<jx::Project> load_goals(const std::string& yaml, jx::Diagnostics& d) {
  return jx::load::load_project(yaml, d, Stage::Goals);
}

// The diagnostics by value: ranging over `f().items()` would use a destroyed temporary.
std::vector<jx::Diagnostic> copy_of(const jx::Diagnostics& d) { return d.items(); }

// (code, line) of every diagnostic, sorted.
std::multiset<std::pair<std::string, int>> codes(const jx::Diagnostics& d) {
  std::multiset<std::pair<std::string, int>> out;
  for (const auto& x : d.items()) out.insert({x.code, x.loc.line});
  return out;
}

std::string codes_text(const std::multiset<std::pair<std::string, int>>& c) {
  std::string s;
  for (const auto& [code, line] : c) s += code + "@" + std::to_string(line) + " ";
  return s;
}

const std::string kHead =
    "kind: project\nyear: 2023\nrules: mof2020\nproject: 测试项目\ndepartment: 测试局\nunit: 测试局\n";

// A goal tree with nothing to report: every kind of good target.
const std::string kGood = kHead + R"(attribute: 新增
period: 2023年—2025年
request:
  mid_term: {total: 300, appropriation: 250, other: 50}
  annual: {total: 100, appropriation: 80, other: 20}
goals:
  expected: "目标1：完成培训；目标2：建成平台"
  mid_term: "三年内覆盖全部乡镇"
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 培训人次, target: "≥400人次", basis: 计划标准, mid_target: "≥1200人次"}
          - {name: 覆盖率, target: "≥98%", basis: 历史标准}
          - {name: 资助项目, target: "不少于5个", basis: 计划标准}
          - {name: 设备台数, target: "12", operator: "≥", unit: 台, basis: 行业标准}
          - {name: 合格率区间, target: "90%-100%", basis: 行业标准}
      - name: 质量指标
        children:
          - {name: 验收, target: 通过验收, operator: 定性, basis: 其他}
          - {name: 验收2, target: 按规定完成验收, basis: 计划标准}
      - name: 时效指标
        children:
          - {name: 完成时限, target: 2023年12月底前, basis: 计划标准}
          - {name: 阶段时限, target: "9月30日前", basis: 计划标准}
      - name: 成本指标
        children:
          - {name: 单位成本, target: "≤50元/人", basis: 行业标准}
          - {name: 总成本, target: "100万元", basis: 计划标准}
  - name: 满意度指标
    children:
      - name: 服务对象满意度指标
        children:
          - {name: 满意度, target: "≥90%", basis: 行业标准}
)";

}  // namespace

TEST_CASE("目标字段：可选，无目标字段的自评文件与以前一样") {
  const auto r = jxtest::rules("mof2020");
  const auto s = jxtest::score_text(jxtest::one_leaf("            target: \"≥5个\"\n            actual: \"5个\"\n"), r);
  REQUIRE(s.loaded);
  CHECK_FALSE(s.project.goals.given());
  CHECK_FALSE(s.diags.has_errors());
  // No goal findings for a file without a goal section.
  CHECK(jx::goal_findings(s.project, r).empty());
}

TEST_CASE("目标字段：读入、写出、再读入相同") {
  jx::Diagnostics d;
  auto p = load_goals(kGood, d);
  REQUIRE(p);
  INFO(jxtest::messages(d));
  REQUIRE_FALSE(d.has_errors());
  CHECK(p->goals.attribute == "新增");
  CHECK(p->goals.period == "2023年—2025年");
  CHECK(p->goals.mid_term == "三年内覆盖全部乡镇");
  CHECK(p->goals.request_mid.shown_total() == jx::Decimal(300));
  CHECK(p->goals.request_annual.appropriation == jx::Decimal(80));
  const auto leaves = jx::leaves_of(p->indicators);
  REQUIRE(leaves.size() == 12);
  CHECK(leaves[0].leaf->goal.mid_target == std::optional<std::string>("≥1200人次"));
  CHECK(leaves[3].leaf->goal.op == std::optional<std::string>("≥"));
  CHECK(leaves[3].leaf->goal.unit == std::optional<std::string>("台"));
  CHECK(jx::reports::shown_goal_target(*leaves[3].leaf) == "≥12台");
  // The writer's text reads back to the same goal fields.
  p->goals.adjustments.push_back({"培训人次", "≥400人次", "≥450人次", "2023-06-30", "经批准", {}, {}});
  const std::string yaml = jx::load::write_project_yaml(*p, "测试");
  jx::Diagnostics d2;
  auto back = load_goals(yaml, d2);
  INFO(yaml);
  REQUIRE(back);
  REQUIRE_FALSE(d2.has_errors());
  CHECK(back->goals.attribute == p->goals.attribute);
  CHECK(back->goals.period == p->goals.period);
  CHECK(back->goals.mid_term == p->goals.mid_term);
  CHECK(back->goals.request_mid.shown_total() == p->goals.request_mid.shown_total());
  CHECK(back->goals.request_annual.other == p->goals.request_annual.other);
  REQUIRE(back->goals.adjustments.size() == 1);
  CHECK(back->goals.adjustments[0].from == std::optional<std::string>("≥400人次"));
  CHECK(back->goals.adjustments[0].to == std::optional<std::string>("≥450人次"));
  const auto back_leaves = jx::leaves_of(back->indicators);
  REQUIRE(back_leaves.size() == leaves.size());
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    CHECK(back_leaves[i].path == leaves[i].path);
    CHECK(back_leaves[i].leaf->goal.op == leaves[i].leaf->goal.op);
    CHECK(back_leaves[i].leaf->goal.unit == leaves[i].leaf->goal.unit);
    CHECK(back_leaves[i].leaf->goal.basis == leaves[i].leaf->goal.basis);
    CHECK(back_leaves[i].leaf->goal.mid_target == leaves[i].leaf->goal.mid_target);
    CHECK(back_leaves[i].leaf->target == leaves[i].leaf->target);
  }
}

TEST_CASE("目标字段：错误的值逐一报告位置") {
  const std::string yaml = kHead + R"(attribute: 长期
request:
  annual: {total: 10, appropriation: abc, other: 0}
adjustments:
  - {indicator: 甲, date: 2023-01-01, reason: 批准}
indicators:
  - name: 产出指标
    children:
      - name: 数量指标
        children:
          - {name: 甲, target: "5", operator: 好, basis: 专家标准, unit: 个}
)";
  jx::Diagnostics d;
  load_goals(yaml, d);
  const auto c = codes(d);
  INFO(codes_text(c));
  CHECK(c.count({"bad-attribute", 7}) == 1);
  CHECK(c.count({"missing-key", 11}) == 1);  // adjustment without from / to
  CHECK(c.count({"bad-operator", 17}) == 1);
  CHECK(c.count({"bad-basis", 17}) == 1);
  bool number_error = false;
  for (const auto& x : d.items()) number_error = number_error || (x.loc.line == 9 && x.severity == jx::Severity::Error);
  CHECK(number_error);
}

TEST_CASE("目标检查：合格的目标树没有任何提示（查误报）") {
  const auto r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto p = load_goals(kGood, d);
  REQUIRE(p);
  const auto found = jx::check_goals(*p, r);
  INFO(jxtest::messages(found));
  CHECK(found.items().empty());
  // The seed example's goal section: its one vague target, nothing else.
  jx::Diagnostics ds;
  auto seed = load_goals(jxtest::read_source("indicators/examples/kepu-2022.yaml"), ds);
  REQUIRE(seed);
  const auto seed_found = jx::check_goals(*seed, r);
  INFO(jxtest::messages(seed_found));
  REQUIRE(seed_found.items().size() == 1);
  CHECK(seed_found.items()[0].code == "goal-vague");
}

TEST_CASE("目标检查：每种问题的具名例子") {
  const auto r = jxtest::rules("mof2020");
  auto one = [&](const std::string& leaf, bool cost = true) {
    std::string y = kHead + "goals: {expected: 完成}\nindicators:\n  - name: 产出指标\n    children:\n"
                            "      - name: 数量指标\n        children:\n          - " +
                    leaf + "\n";
    if (cost) y += "      - name: 成本指标\n        children:\n          - {name: 成本, target: \"≤5万元\", basis: 计划标准}\n";
    jx::Diagnostics d;
    auto p = load_goals(y, d);
    REQUIRE(p);
    REQUIRE_FALSE(d.has_errors());
    std::multiset<std::string> out;
    for (const auto& x : copy_of(jx::check_goals(*p, r))) out.insert(x.code);
    return out;
  };
  using S = std::multiset<std::string>;
  CHECK(one("{name: 甲, target: \"≥5个\", basis: 计划标准}").empty());
  CHECK(one("{name: 甲, target: \"≥5个\", basis: 计划标准}", false) == S{"goal-no-cost"});
  CHECK(one("{name: 甲, target: \"≥5个\"}") == S{"goal-no-basis"});
  CHECK(one("{name: 甲, target: \"5个\", basis: 计划标准}") == S{"goal-not-quantified"});
  CHECK(one("{name: 甲, target: \"≥5\", basis: 计划标准}") == S{"goal-not-quantified"});
  CHECK(one("{name: 甲, target: \"5\", basis: 计划标准}") == S{"goal-not-quantified"});
  CHECK(one("{name: 甲, target: \"5\", operator: \">=\", unit: 个, basis: 计划标准}").empty());
  CHECK(one("{name: 甲, target: 符合要求, operator: \"≥\", basis: 计划标准}") == S{"goal-not-quantified"});
  CHECK(one("{name: 甲, target: \"≥**人\", basis: 计划标准}") == S{"goal-placeholder"});
  CHECK(one("{name: 甲, target: \"XX个\", basis: 计划标准}") == S{"goal-placeholder"});
  CHECK(one("{name: 甲, target: \"—\", basis: 计划标准}") == S{"goal-placeholder"});
  CHECK(one("{name: 甲, target: \"3—5场\", basis: 计划标准}").empty());  // a range, not a placeholder
  CHECK(one("{name: 甲, target: 服务水平有所提升, basis: 计划标准}") == S{"goal-vague"});
  CHECK(one("{name: 甲, target: 进一步完善, operator: 定性, basis: 计划标准}") == S{"goal-vague"});
  CHECK(one("{name: 甲, target: \"进一步提高到≥95%\", basis: 计划标准}").empty());  // measurable
  CHECK(one("{name: 甲, target: 2022年12月底前, basis: 计划标准}").empty());
  CHECK(one("{name: 甲, target: \"≥９８％\", basis: 计划标准}").empty());
  CHECK(one("{name: 甲, basis: 计划标准}") == S{"goal-missing-target"});
}

TEST_CASE("目标检查：申报资金") {
  const auto r = jxtest::rules("mof2020");
  auto run = [&](const std::string& request) {
    jx::Diagnostics d;
    auto p = load_goals(kHead + "goals: {expected: 完成}\nrequest:\n" + request +
                            "indicators:\n  - name: 产出指标\n    children:\n      - name: 成本指标\n"
                            "        children:\n          - {name: 成本, target: \"≤5万元\", basis: 计划标准}\n",
                        d);
    REQUIRE(p);
    REQUIRE_FALSE(d.has_errors());
    return codes(jx::check_goals(*p, r));
  };
  using C = std::multiset<std::pair<std::string, int>>;
  CHECK(run("  annual: {total: 100, appropriation: 60, other: 40}\n").empty());
  CHECK(run("  annual: {appropriation: 60, other: 40}\n").empty());  // total: the sum
  CHECK(run("  annual: {total: 100.01, appropriation: 60, other: 40}\n") == C{{"goal-funds-sum", 9}});
  CHECK(run("  mid_term: {total: 99, appropriation: 60, other: 40}\n  annual: {total: 100, appropriation: 60, other: "
            "40}\n") == C{{"goal-funds-sum", 9}, {"goal-annual-over-mid", 10}});
  CHECK(run("  mid_term: {total: 100, appropriation: 60, other: 40}\n  annual: {total: 100, appropriation: 60, other: "
            "40}\n")
            .empty());  // equal is allowed
}

TEST_CASE("目标检查：生成的目标树，预期由生成时的缺陷标记独立得出") {
  const auto r = jxtest::rules("mof2020");
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 rng(seed);
  auto pick = [&](const auto& list) { return list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(rng)]; };
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  const std::vector<std::string> comparators{"≥", "＞", "≤", "＜", ">=", "<=", "不低于", "大于等于", "不超过", "不少于"};
  const std::vector<std::string> units{"个", "人次", "%", "万元", "场", "家", "台", "元/人"};
  const std::vector<std::string> clear{"通过验收", "覆盖全部乡镇", "按规定完成", "编制完成", "建立制度并印发"};
  const std::vector<std::string> placeholders{"≥**人", "XX个", "—", "≤××万元", "待定"};
  const std::vector<std::string>& vague = r.goal_checks.vague_words;
  enum Kind { Full, ViaKeys, NoOp, NoUnit, NoBoth, Range, RangeNoUnit, Deadline, Clear, Vague, OpNoNumber, Placeholder, Missing };
  int files = 0, leaves_total = 0, expected_total = 0;
  for (int file = 0; file < 300; ++file, ++files) {
    std::string y = kHead;
    int line = 6;
    std::multiset<std::pair<std::string, int>> expected;
    auto add = [&](const std::string& text) {
      y += text + "\n";
      return ++line;
    };
    const bool annual_goal = chance(85);
    if (annual_goal) add("goals: {expected: \"目标1：完成年度任务\"}");
    add("request:");
    const int appropriation = std::uniform_int_distribution<int>(0, 500)(rng);
    const int other = std::uniform_int_distribution<int>(0, 100)(rng);
    const bool sum_wrong = chance(15);
    const int total = appropriation + other + (sum_wrong ? std::uniform_int_distribution<int>(1, 9)(rng) : 0);
    const bool over_mid = chance(15);
    const int mid_total = over_mid ? total - 1 : total + std::uniform_int_distribution<int>(0, 300)(rng);
    const int mid_line = add("  mid_term: {total: " + std::to_string(mid_total) + ", appropriation: " +
                             std::to_string(mid_total) + ", other: 0}");
    const int annual_line = add("  annual: {total: " + std::to_string(total) + ", appropriation: " +
                                std::to_string(appropriation) + ", other: " + std::to_string(other) + "}");
    (void)mid_line;
    if (sum_wrong) expected.insert({"goal-funds-sum", annual_line});
    if (over_mid) expected.insert({"goal-annual-over-mid", annual_line});
    if (!annual_goal) expected.insert({"goal-no-annual-goal", 1});
    const int indicators_line = add("indicators:");
    add("  - name: 产出指标");
    add("    children:");
    add("      - name: 数量指标");
    add("        children:");
    const int n = std::uniform_int_distribution<int>(1, 8)(rng);
    for (int i = 0; i < n; ++i, ++leaves_total) {
      const Kind kind = static_cast<Kind>(std::uniform_int_distribution<int>(0, Missing)(rng));
      const std::string num = std::to_string(std::uniform_int_distribution<int>(1, 999)(rng));
      const std::string unit = pick(units);
      std::string target;
      std::vector<std::string> extra;
      std::string code;  // the finding this kind must give ("" = none)
      switch (kind) {
        case Full: target = pick(comparators) + num + unit; break;
        case ViaKeys:
          target = num;
          extra = {"operator: \"" + pick(comparators) + "\"", "unit: \"" + unit + "\""};
          break;
        case NoOp: target = num + unit; code = "goal-not-quantified"; break;
        case NoUnit: target = pick(comparators) + num; code = "goal-not-quantified"; break;
        case NoBoth: target = num; code = "goal-not-quantified"; break;
        case Range: target = num + "-" + std::to_string(std::stoi(num) + 5) + unit; break;
        case RangeNoUnit: target = num + "-" + std::to_string(std::stoi(num) + 5); code = "goal-not-quantified"; break;
        case Deadline: target = pick(std::vector<std::string>{"2023年12月底前", "12月31日前", "2023年9月30日前"}); break;
        case Clear:
          target = pick(clear);
          if (chance(50)) extra = {"operator: 定性"};
          break;
        case Vague:
          target = "服务能力" + pick(vague);
          if (chance(50)) extra = {"operator: 定性"};
          code = "goal-vague";
          break;
        case OpNoNumber: target = pick(clear); extra = {"operator: \"≥\""}; code = "goal-not-quantified"; break;
        case Placeholder: target = pick(placeholders); code = "goal-placeholder"; break;
        case Missing: code = "goal-missing-target"; break;
      }
      const bool basis = chance(80);
      const int name_line = add("          - name: 指标" + std::to_string(i));
      int target_line = name_line;
      if (kind != Missing) target_line = add("            target: \"" + target + "\"");
      for (const auto& e : extra) add("            " + e);
      if (basis) add("            basis: " + pick(jx::load::goal_bases()));
      if (!basis && kind != Missing) expected.insert({"goal-no-basis", name_line});
      if (!code.empty()) expected.insert({code, kind == Missing ? name_line : target_line});
    }
    if (chance(70)) {
      add("      - name: 成本指标");
      add("        children:");
      add("          - {name: 成本, target: \"≤5万元\", basis: 计划标准}");
    } else {
      expected.insert({"goal-no-cost", indicators_line + 1});  // the list under indicators:
    }
    jx::Diagnostics d;
    auto p = load_goals(y, d);
    if (!p || d.has_errors()) FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), file " << file << ": does not load\n" << y << jxtest::messages(d));
    const auto got = codes(jx::check_goals(*p, r));
    expected_total += static_cast<int>(expected.size());
    if (got != expected) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), file " << file << "\n" << y << "\nexpected: "
                   << codes_text(expected) << "\ngot:      " << codes_text(got));
    }
  }
  CHECK(files == 300);
  CHECK(leaves_total > 600);
  CHECK(expected_total > 300);  // the space really contains findings
}

TEST_CASE("目标检查：指标值低于上年实际（历史数据库）") {
  const auto r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto p = load_goals(kGood, d);
  REQUIRE(p);
  using P = jx::PriorActual;
  const std::vector<std::string> path{"产出指标", "数量指标", "培训人次"};
  auto run = [&](std::vector<P> last) {
    std::multiset<std::string> out;
    for (const auto& x : copy_of(jx::check_goals(*p, r, last))) out.insert(x.code);
    return out;
  };
  using S = std::multiset<std::string>;
  CHECK(run({P{path, "≥300人次", "450人次"}}) == S{"goal-below-last-year"});
  CHECK(run({P{path, "≥300人次", "400人次"}}).empty());  // equal is not below
  CHECK(run({P{path, "≥300人次", "399人次"}}).empty());
  CHECK(run({P{path, "≥300人次", "450"}}) == S{"goal-below-last-year"});  // bare actual takes the target's unit
  CHECK(run({P{path, "≥300场", "450场"}}).empty());                      // another unit: not comparable
  CHECK(run({P{{"产出指标", "质量指标", "培训人次"}, "≥300人次", "450人次"}}) == S{"goal-below-last-year"});  // by name
  CHECK(run({P{{"产出指标", "成本指标", "单位成本"}, "≤60元/人", "40元/人"}}).empty());  // ceilings are not checked
  CHECK(run({P{{"产出指标", "数量指标", "覆盖率"}, "≥95%", "99%"}}) == S{"goal-below-last-year"});
}

TEST_CASE("跨年核对：批复的目标与自评表") {
  jx::Diagnostics d;
  auto approved_p = load_goals(kGood, d);
  REQUIRE(approved_p);
  const auto approved = jx::approved_targets(*approved_p);
  auto run = [&](const std::string& from, const std::string& to, const std::string& adjustments) {
    std::string y = kGood;
    if (!from.empty()) {
      const auto at = y.find(from);
      REQUIRE(at != std::string::npos);
      y.replace(at, from.size(), to);
    }
    y += adjustments;
    jx::Diagnostics dd;
    auto cur = load_goals(y, dd);
    REQUIRE(cur);
    INFO(jxtest::messages(dd));
    REQUIRE_FALSE(dd.has_errors());
    std::multiset<std::string> out;
    for (const auto& x : copy_of(jx::check_against_approved(*cur, approved))) out.insert(x.code);
    return out;
  };
  using S = std::multiset<std::string>;
  CHECK(run("", "", "").empty());                                                  // unchanged
  CHECK(run("target: \"≥400人次\"", "target: \"不少于400人次\"", "").empty());     // same, spelt otherwise
  CHECK(run("target: \"≥400人次\"", "target: \"≥300人次\"", "") == S{"target-changed"});
  const std::string adj = "adjustments:\n  - {indicator: 培训人次, from: \"≥400人次\", to: \"≥300人次\", date: 2023-06-30, reason: 经批准}\n";
  CHECK(run("target: \"≥400人次\"", "target: \"≥300人次\"", adj).empty());        // adjusted change
  CHECK(run("target: \"≥400人次\"", "target: \"≥350人次\"", adj) == S{"adjustment-to-mismatch"});
  const std::string wrong_from =
      "adjustments:\n  - {indicator: 培训人次, from: \"≥500人次\", to: \"≥300人次\", date: 2023-06-30, reason: 经批准}\n";
  CHECK(run("target: \"≥400人次\"", "target: \"≥300人次\"", wrong_from) == S{"adjustment-from-mismatch"});
  // A chain of two adjustments, the second from the first's to.
  const std::string chain =
      "adjustments:\n  - {indicator: 产出指标/数量指标/培训人次, from: \"≥400人次\", to: \"≥300人次\", date: 2023-06-30, reason: a}\n"
      "  - {indicator: 培训人次, from: \"≥300人次\", to: \"≥250人次\", date: 2023-09-30, reason: b}\n";
  CHECK(run("target: \"≥400人次\"", "target: \"≥250人次\"", chain).empty());
  // Added and removed indicators.
  const std::string added_leaf = "          - {name: 新指标, target: \"≥1个\", basis: 计划标准}\n";
  const std::string anchor = "          - {name: 覆盖率";
  CHECK(run(anchor, added_leaf + anchor, "") == S{"indicator-added"});
  CHECK(run(anchor, added_leaf + anchor,
            "adjustments:\n  - {indicator: 新指标, to: \"≥1个\", date: 2023-06-30, reason: 新增任务}\n")
            .empty());
  const std::string removed = "          - {name: 覆盖率, target: \"≥98%\", basis: 历史标准}\n";
  CHECK(run(removed, "", "") == S{"indicator-removed"});
  CHECK(run(removed, "", "adjustments:\n  - {indicator: 覆盖率, from: \"≥98%\", date: 2023-06-30, reason: 取消}\n").empty());
  CHECK(run("", "", "adjustments:\n  - {indicator: 不存在, from: \"1\", to: \"2\", date: 2023-06-30, reason: x}\n") ==
        S{"adjustment-unknown"});
}

TEST_CASE("跨年核对：生成的改动，预期由改动标记得出") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 rng(seed);
  auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  int cases = 0;
  for (int file = 0; file < 200; ++file) {
    const int n = std::uniform_int_distribution<int>(1, 10)(rng);
    std::vector<jx::ApprovedTarget> approved;
    std::string y = kHead + "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n";
    std::string adjustments;
    std::multiset<std::string> expected;
    for (int i = 0; i < n; ++i, ++cases) {
      const std::string name = "指标" + std::to_string(i);
      const int base = std::uniform_int_distribution<int>(1, 900)(rng);
      const std::string a = "≥" + std::to_string(base) + "个";
      const int what = std::uniform_int_distribution<int>(0, 5)(rng);
      // 0 unchanged, 1 changed, 2 changed + adjusted, 3 removed, 4 removed + adjusted, 5 adjusted with a wrong from
      approved.push_back({{"产出指标", "数量指标", name}, a});
      const std::string b = "≥" + std::to_string(base + 1 + std::uniform_int_distribution<int>(0, 50)(rng)) + "个";
      switch (what) {
        case 0: y += "          - {name: " + name + ", target: \"" + a + "\"}\n"; break;
        case 1:
          y += "          - {name: " + name + ", target: \"" + b + "\"}\n";
          expected.insert("target-changed");
          break;
        case 2:
          y += "          - {name: " + name + ", target: \"" + b + "\"}\n";
          adjustments += "  - {indicator: " + name + ", from: \"" + a + "\", to: \"" + b + "\", date: d, reason: r}\n";
          break;
        case 3: expected.insert("indicator-removed"); break;
        case 4: adjustments += "  - {indicator: " + name + ", from: \"" + a + "\", date: d, reason: r}\n"; break;
        case 5:
          y += "          - {name: " + name + ", target: \"" + b + "\"}\n";
          adjustments += "  - {indicator: " + name + ", from: \"" + b + "\", to: \"" + b + "\", date: d, reason: r}\n";
          expected.insert("adjustment-from-mismatch");
          break;
      }
    }
    if (chance(30)) {  // an indicator added, with or without its adjustment
      y += "          - {name: 新增指标, target: \"≥1个\"}\n";
      if (chance(50)) {
        adjustments += "  - {indicator: 新增指标, to: \"≥1个\", date: d, reason: r}\n";
      } else {
        expected.insert("indicator-added");
      }
    }
    if (!adjustments.empty()) y += "adjustments:\n" + adjustments;
    jx::Diagnostics d;
    auto cur = load_goals(y, d);
    if (!cur || d.has_errors()) FAIL("seed " << seed << ", file " << file << ": does not load\n" << y << jxtest::messages(d));
    std::multiset<std::string> got;
    for (const auto& x : copy_of(jx::check_against_approved(*cur, approved))) got.insert(x.code);
    if (got != expected) {
      std::string e, g;
      for (const auto& c : expected) e += c + " ";
      for (const auto& c : got) g += c + " ";
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), file " << file << "\n" << y << "\nexpected: " << e
                   << "\ngot: " << g);
    }
  }
  CHECK(cases > 500);
}

TEST_CASE("申报表工作簿：写出后读回批复的指标值") {
  jx::Diagnostics d;
  auto p = load_goals(jxtest::read_source("indicators/examples/kepu-2022.yaml"), d);
  REQUIRE(p);
  const std::string path = jxtest::temp_path("goals", ".xlsx");
  {
    jx::xlsx::Workbook wb(path);
    jx::reports::write_goals_table(wb, *p);
    wb.close();
  }
  const auto grids = jx::xlsx::read_workbook(path);
  std::filesystem::remove(path);
  REQUIRE(grids.size() == 1);
  const auto read = jx::approved_from_grid(grids[0]);
  REQUIRE(read);
  const auto want = jx::approved_targets(*p);
  REQUIRE(read->size() == want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    CHECK(read->at(i).path == want[i].path);
    CHECK(read->at(i).target == want[i].target);
  }
  // Read back, the workbook's targets give no cross-year finding against the same file.
  CHECK(jx::check_against_approved(*p, *read).items().empty());
}

TEST_CASE("历史数据库保存指标实际值，供下一年核对目标") {
  const std::string db = jxtest::temp_path("goals-history", ".sqlite");
  {
    jx::store::History h(db);
    jx::SubmissionRow row;
    row.file = "a.yaml";
    row.year = 2022;
    row.department = "甲局";
    row.unit = "甲局";
    row.project = "科普";
    row.rules = "mof2020";
    row.total = jx::Decimal(90);
    row.grade = "优";
    row.hash = "h1";
    row.indicators = {{{"产出指标", "数量指标", "培训人次"}, "≥300人次", "450人次"},
                      {{"产出指标", "数量指标", "走访"}, "≥5个", "5个"}};
    CHECK(h.record({row}) == 1);
  }
  jx::store::History h(db, jx::store::History::Access::Read);
  const auto last = h.prior_actuals("甲局", "科普", 2023);
  REQUIRE(last.size() == 2);
  CHECK(last[0].path == std::vector<std::string>{"产出指标", "数量指标", "培训人次"});
  CHECK(last[0].actual == "450人次");
  CHECK(last[1].target == "≥5个");
  CHECK(h.prior_actuals("甲局", "科普", 2022).empty());  // no 2021 record
  CHECK(h.prior_actuals("乙局", "科普", 2023).empty());
  std::filesystem::remove(db);
}

TEST_CASE("部门整体目标申报：年度主要任务与目标检查") {
  const auto r = jxtest::rules("mof2020");
  const std::string yaml = R"(kind: department
year: 2023
rules: mof2020
department: 甲局
goals: {expected: "完成年度任务"}
tasks:
  - {name: 机关运行, content: 保障运转, total: 100, appropriation: 100, other: 0}
  - {name: 专项, total: 50, appropriation: 30, other: 10}
  - {name: 其他, appropriation: 5, other: 5}
indicators:
  - name: 产出
    children:
      - name: 重点工作
        children:
          - {name: 培训, target: "≥10场", basis: 计划标准}
          - {name: 宣传, target: 有所提升, basis: 计划标准}
          - {name: 完成率, formula: 收入合计 / 收入合计, scorer: {kind: linear, target: 100%}}
)";
  jx::Diagnostics d;
  auto dep = jx::load::load_department(yaml, d, Stage::Goals);
  INFO(jxtest::messages(d));
  REQUIRE(dep);
  REQUIRE_FALSE(d.has_errors());  // no facts or funds needed for the goal form
  REQUIRE(dep->tasks.size() == 3);
  CHECK(dep->tasks[2].funds.shown_total() == jx::Decimal(10));
  const auto c = codes(jx::check_department_goals(*dep, r));
  INFO(codes_text(c));
  // 专项: 50 ≠ 30 + 10; 宣传: vague; the computed leaf is left out.
  CHECK(c == std::multiset<std::pair<std::string, int>>{{"goal-funds-sum", 8}, {"goal-vague", 16}});
  // The year stage still wants the facts.
  jx::Diagnostics year;
  jx::load::load_department(yaml, year);
  CHECK(year.has_errors());
}
