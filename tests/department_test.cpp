// Department-wide scoring: computed facts, every scorer kind with its edges,
// cross-checks, project aggregation, and the error texts.
#include <catch2/catch.hpp>

#include "engine/dept_score.h"
#include "engine/load/department_loader.h"
#include "tests/support.h"

namespace {

struct DeptResult {
  jx::DepartmentScore score;
  jx::Diagnostics diags;
  bool loaded = false;
};

DeptResult run(const std::string& yaml, const std::vector<jx::ProjectSummary>& projects = {}) {
  DeptResult r;
  auto d = jx::load::load_department(yaml, r.diags);
  if (!d) return r;
  r.loaded = true;
  const jx::RuleSet rules = jxtest::rules("mof2020");
  r.score = jx::score_department(*d, rules, projects);
  r.diags.append(r.score.core.diagnostics);
  return r;
}

// A department file with the given facts block, one leaf (weight 10) and a
// judged filler leaf of 80.
std::string dept(const std::string& facts, const std::string& leaf, const std::string& extra = "") {
  return "kind: department\nyear: 2022\nrules: mof2020\ndepartment: 测试部门\n"
         "funds:\n  total: {initial: 100, budget: 100, executed: 100}\n"
         "facts:\n" +
         facts +
         "indicators:\n  - name: 过程\n    children:\n      - name: 预算执行\n        children:\n"
         "          - name: 被测指标\n            weight: 10\n" +
         leaf + "          - {name: 其余, weight: 80, target: 完成, actual: 完成, grade: 达成}\n" + extra;
}

std::string leaf_score(const std::string& facts, const std::string& leaf) {
  DeptResult r = run(dept(facts, leaf));
  if (r.diags.has_errors()) return "ERROR: " + jxtest::messages(r.diags, true);
  return r.score.core.leaves.at(0).score.to_string(2);
}

const std::string kFacts =
    "  预算数: 200\n  执行数: 190\n  编制人数: {value: 20, unit: 人}\n  在职人数: {value: 22, unit: 人}\n";

}  // namespace

TEST_CASE("linear：按完成比例计分，满分为止") {
  CHECK(
      leaf_score(kFacts, "            formula: 执行数 / 预算数\n            scorer: {kind: linear, target: 100%}\n") ==
      "9.50");
  CHECK(
      leaf_score(kFacts, "            formula: 预算数 / 执行数\n            scorer: {kind: linear, target: 100%}\n") ==
      "10.00");
  CHECK(leaf_score(kFacts, "            formula: 0 - 执行数\n            scorer: {kind: linear}\n") == "0.00");
}

TEST_CASE("reverse：不超过目标满分，超过按 目标/实际") {
  CHECK(leaf_score(kFacts,
                   "            formula: 在职人数 / 编制人数\n            scorer: {kind: reverse, target: 100%}\n") ==
        "9.09");
  CHECK(leaf_score(kFacts,
                   "            formula: 编制人数 / 在职人数\n            scorer: {kind: reverse, target: 100%}\n") ==
        "10.00");
}

TEST_CASE("steps：按档次计分，边界属于该档") {
  const std::string by_min =
      "            scorer: {kind: steps, steps: [{min: 90%, points: 10}, {min: 80%, points: 8}, {points: 0}]}\n";
  CHECK(leaf_score(kFacts, "            formula: 执行数 / 预算数\n" + by_min) == "10.00");  // 95 %
  CHECK(leaf_score(kFacts, "            formula: 0.9\n" + by_min) == "10.00");              // exactly 90 %
  CHECK(leaf_score(kFacts, "            formula: 0.85\n" + by_min) == "8.00");
  CHECK(leaf_score(kFacts, "            formula: 0.5\n" + by_min) == "0.00");
  const std::string by_max =
      "            scorer: {kind: steps, steps: [{max: 0%, points: 10}, {max: 10%, points: 6}, {max: 20%, points: "
      "2}]}\n";
  CHECK(leaf_score(kFacts, "            formula: 0\n" + by_max) == "10.00");
  CHECK(leaf_score(kFacts, "            formula: 0.1\n" + by_max) == "6.00");
  CHECK(leaf_score(kFacts, "            formula: 0.25\n" + by_max) == "0.00");  // beyond every step
}

TEST_CASE("steps：未排序或重叠的档次是错误") {
  CHECK(leaf_score(kFacts,
                   "            formula: 0.5\n"
                   "            scorer: {kind: steps, steps: [{min: 80%, points: 8}, {min: 90%, points: 10}]}\n") ==
        "ERROR: t.yaml:20:66: 错误: 阶梯评分的档次未排序：min 应从高到低排列\n"
        "  提示: 按顺序写出各档，例如 min: 90% → 80% → 70%\n");
  CHECK(leaf_score(kFacts,
                   "            formula: 0.5\n"
                   "            scorer: {kind: steps, steps: [{min: 80%, points: 8}, {min: 80%, points: 6}]}\n") ==
        "ERROR: t.yaml:20:66: 错误: 阶梯评分的档次重叠：min 80.00% 出现两次\n"
        "  提示: 按顺序写出各档，例如 min: 90% → 80% → 70%\n");
  CHECK(leaf_score(kFacts,
                   "            formula: 0.5\n"
                   "            scorer: {kind: steps, steps: [{min: 80%, points: 8}, {max: 90%, points: 6}]}\n") ==
        "ERROR: t.yaml:20:66: 错误: 阶梯评分的档次须全部用 min（从高到低）或全部用 max（从低到高）\n");
}

TEST_CASE("deduct_per_pp：每超出一个百分点扣分，整点计，扣完为止") {
  const std::string s = "            scorer: {kind: deduct_per_pp, reference: 100%, direction: above, deduct: 0.5}\n";
  CHECK(leaf_score(kFacts, "            formula: 在职人数 / 编制人数\n" + s) == "5.00");  // 110 %: 10 pp
  CHECK(leaf_score(kFacts, "            formula: 1.087\n" + s) == "6.00");                // 8.7 pp → 8 whole
  CHECK(leaf_score(kFacts, "            formula: 0.95\n" + s) == "10.00");
  CHECK(leaf_score(kFacts, "            formula: 2\n" + s) == "0.00");  // floored at 0
  // −2 per 5 pp below 100 %, whole steps: 99.27 % keeps full marks (published table D6).
  const std::string below =
      "            scorer: {kind: deduct_per_pp, reference: 100%, direction: below, deduct: 2, per: 5}\n";
  CHECK(leaf_score(kFacts, "            formula: 0.9927\n" + below) == "10.00");
  CHECK(leaf_score(kFacts, "            formula: 0.89\n" + below) == "6.00");
  const std::string partial =
      "            scorer: {kind: deduct_per_pp, reference: 100%, direction: above, deduct: 0.5, partial: true}\n";
  CHECK(leaf_score(kFacts, "            formula: 1.087\n" + partial) == "5.65");
}

TEST_CASE("checklist 与 per_violation") {
  CHECK(leaf_score(kFacts,
                   "            scorer: {kind: checklist, items: [{name: 甲, points: 4, met: true}, "
                   "{name: 乙, points: 6, met: false}]}\n") == "4.00");
  CHECK(leaf_score(kFacts, "            scorer: {kind: checklist, items: [{name: 甲, points: 4, met: true}]}\n") ==
        "ERROR: t.yaml:19:21: 错误: 清单各条分值之和 4 与指标分值 10 不符\n");
  CHECK(leaf_score(kFacts, "            scorer: {kind: per_violation, deduct: 3, count: 2}\n") == "4.00");
  CHECK(leaf_score(kFacts, "            scorer: {kind: per_violation, deduct: 3, count: 5}\n") == "0.00");
}

TEST_CASE("项目自评得分的平均与按预算加权平均") {
  const std::vector<jx::ProjectSummary> projects{{"a.yaml", "甲", *jx::Decimal::parse("90"), jx::Decimal(100), "优"},
                                                 {"b.yaml", "乙", *jx::Decimal::parse("70"), jx::Decimal(300), "中"}};
  auto r = run(dept(kFacts, "            scorer: {kind: projects_mean}\n"), projects);
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.score.projects.mean.to_string(2) == "80.00");
  CHECK(r.score.core.leaves[0].score.to_string(2) == "8.00");
  r = run(dept(kFacts, "            scorer: {kind: projects_weighted}\n"), projects);
  CHECK(r.score.projects.weighted.to_string(2) == "75.00");
  CHECK(r.score.core.leaves[0].score.to_string(2) == "7.50");
  CHECK(leaf_score(kFacts, "            scorer: {kind: projects_mean}\n") ==
        "ERROR: t.yaml:19:21: 错误: 指标“被测指标”按项目自评得分计算，但 projects 中没有项目\n"
        "  提示: 在 projects 下列出项目自评文件\n");
}

TEST_CASE("计算事实、未知名称的提示、循环与除零都报告出来") {
  const std::string facts =
      "  预算数: 200\n  执行数: 190\n"
      "  执行率: {formula: 执行数 / 预算数}\n"
      "  甲: {formula: 乙 + 1}\n  乙: {formula: 甲 + 1}\n"
      "  零: 0\n";
  auto r = run(dept(facts,
                    "            formula: 执行率 + 执行数 / 零 + 预算总数\n"
                    "            scorer: {kind: linear}\n"));
  CHECK(jxtest::messages(r.diags, true) ==
        "t.yaml:11:16: 错误: 计算事实之间存在循环引用：甲 → 乙 → 甲\n"
        "  提示: 改写其中一个公式，使计算不再绕回自身\n"
        "t.yaml:21:38: 错误: 公式中的事实“预算总数”未定义\n"
        "  提示: 是否为“预算数”？\n");
  r = run(dept(facts, "            formula: 执行率 + 执行数 / 零\n            scorer: {kind: linear}\n"));
  CHECK_THAT(jxtest::messages(r.diags, true),
             Catch::Contains("t.yaml:21:32: 错误: 除数为 0（公式：执行率 + 执行数 / 零）"));
  r = run(dept("  预算数: 200\n  执行数: 190\n  执行率: {formula: 执行数 / 预算数}\n",
               "            formula: 执行率\n            scorer: {kind: linear}\n"));
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK(r.score.core.leaves[0].value->to_plain() == "0.95");
  CHECK(r.score.core.leaves[0].actual == "95.00%");
  REQUIRE(r.score.core.leaves[0].inputs.size() == 1);
  CHECK(r.score.core.leaves[0].inputs[0].first == "执行率");
}

TEST_CASE("勾稽关系：不符时警告并写明两个数与差额，容差 0.01") {
  const std::string facts =
      "  收入合计: 676.52\n  年初结转结余: 12.55\n  支出合计: 676.52\n  年末结转结余: 12.54\n"
      "  机关运行经费: {value: 56.26, prior: 70.64}\n  机关运行经费变动率（报告所列）: {value: -25.56, unit: \"%\"}\n";
  const std::string checks =
      "checks:\n"
      "  - {name: 收支平衡, left: 收入合计 + 年初结转结余, right: 支出合计 + 年末结转结余}\n"
      "  - {name: 变动率, left: 机关运行经费变动率（报告所列）, right: (机关运行经费 - 上年(机关运行经费)) / "
      "上年(机关运行经费) * 100}\n"
      "  - {name: 严格, left: 收入合计 + 年初结转结余, right: 支出合计 + 年末结转结余, tolerance: 0}\n";
  auto r = run(dept(facts, "            formula: 1\n            scorer: {kind: linear}\n", checks));
  REQUIRE_FALSE(r.diags.has_errors());
  REQUIRE(r.score.checks.size() == 3);
  CHECK(r.score.checks[0].ok);  // a difference of exactly 0.01 is within the tolerance
  CHECK_FALSE(r.score.checks[1].ok);
  CHECK_FALSE(r.score.checks[2].ok);
  CHECK_THAT(jxtest::messages(r.diags),
             Catch::Contains("t.yaml:26:5: 警告: 勾稽关系“变动率”不符：机关运行经费变动率（报告所列） = -25.56，"
                             "(机关运行经费 - 上年(机关运行经费)) / 上年(机关运行经费) * 100 = -20.36，相差 -5.20"));
  CHECK_THAT(jxtest::messages(r.diags), Catch::Contains("勾稽关系“严格”不符"));
}

TEST_CASE("种子部门：计算总分与自报 94.84 并列，标出真实不符之处") {
  auto text = jxtest::read_source("indicators/examples/kexie-2022-department.yaml");
  // The attached 省级科普专项 scores 97.00 (see scoring_test).
  const std::vector<jx::ProjectSummary> projects{
      {"kepu-2022.yaml", "省级科普专项经费", *jx::Decimal::parse("97"), *jx::Decimal::parse("89.66"), "优"}};
  auto r = run(text, projects);
  REQUIRE(r.loaded);
  REQUIRE_FALSE(r.diags.has_errors());
  const std::string m = jxtest::messages(r.diags);
  CHECK_THAT(m, Catch::Contains("自报总分 94.84 与计算总分"));
  CHECK_THAT(m, Catch::Contains("= 137.58，") && Catch::Contains("= 42.59，相差 +94.99"));
  CHECK_THAT(m, Catch::Contains("= -25.56，") && Catch::Contains("= -20.36，相差 -5.20"));
  CHECK_THAT(m, Catch::Contains("= 89.66，") && Catch::Contains("= 89.57，相差 +0.09"));
  int failing = 0;
  for (const auto& c : r.score.checks) failing += c.ok ? 0 : 1;
  CHECK(failing == 4);
  CHECK(r.score.core.budget.score.to_string(2) == "10.00");
  CHECK(r.score.charts.size() >= 4);
}

TEST_CASE("评分界限漏写 % 时警告；未超出基准时说明不扣分") {
  auto r = run(dept(kFacts, "            formula: 执行数 / 预算数\n            scorer: {kind: linear, target: 90}\n"));
  REQUIRE_FALSE(r.diags.has_errors());
  CHECK_THAT(jxtest::messages(r.diags), Catch::Contains("警告: 指标“被测指标”的评分界限 90 即 9000.00%，可能漏写了 %"));
  r = run(dept(kFacts,
               "            formula: 0.95\n"
               "            scorer: {kind: deduct_per_pp, reference: 100%, direction: above, deduct: 0.5}\n"));
  CHECK(r.score.core.leaves[0].basis == "未高于 100.00%，不扣分");
  r = run(dept(kFacts,
               "            formula: 0.5\n"
               "            scorer: {kind: steps, steps: [{min: 90%, points: 10}, {points: 0}]}\n"));
  CHECK(r.score.core.leaves[0].target == "分档计分（2 档）");
}
