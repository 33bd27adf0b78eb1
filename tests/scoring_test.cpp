// Scoring rules of 财预〔2020〕10号 (mof2020) and the variants, as specifications.
#include <catch2/catch.hpp>
#include <filesystem>

#include "engine/load/project_writer.h"
#include "engine/review.h"
#include "engine/table_import.h"
#include "reports/project_table.h"
#include "reports/xlsx_reader.h"
#include "tests/support.h"

using jxtest::leaf_score;

static std::string ta(const std::string& target, const std::string& actual, const std::string& extra = "") {
  return "            target: \"" + target + "\"\n            actual: \"" + actual + "\"\n" + extra;
}

TEST_CASE("预算执行率以全年预算数（调整后）为分母，封顶 10 分") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(
      jxtest::one_leaf(ta("≥1个", "1个"), "10", "{initial: 135, budget: 89.66, executed: 89.66}"), r);
  CHECK(s.score.budget.score.to_string(2) == "10.00");
  CHECK(s.score.budget.rate.to_plain() == "1");
  // Execution above the budget is capped at 10 and warned about.
  s = jxtest::score_text(jxtest::one_leaf(ta("≥1个", "1个"), "10", "{initial: 100, budget: 100, executed: 105}"), r);
  CHECK(s.score.budget.score.to_string(2) == "10.00");
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("执行率 105.00%"));
  // 96.85 % → 9.685 → 9.69 half-up (a published table printed 9.68).
  s = jxtest::score_text(jxtest::one_leaf(ta("≥1个", "1个"), "10", "{initial: 100, budget: 100, executed: 96.85}"), r);
  CHECK(s.score.budget.score.to_string(2) == "9.69");
}

TEST_CASE("正向指标：未完成按比例，完成封顶") {
  CHECK(leaf_score(ta("≥4754人", "4604人"), "5") == "4.84");
  CHECK(leaf_score(ta("≥5个", "5个")) == "10.00");
  CHECK(leaf_score(ta("≥5个", "9个")) == "10.00");
  CHECK(leaf_score(ta(">=40人", "30")) == "7.50");
  CHECK(leaf_score(ta("≥0个", "0个")) == "10.00");    // target 0: full
  CHECK(leaf_score(ta("≥5个", "0个")) == "0.00");     // actual 0: nothing
  CHECK(leaf_score(ta("≥5个", "-3个")) == "0.00");    // negative actuals clamp to 0
  CHECK(leaf_score(ta("100%", "98.70%")) == "9.87");  // bare target: positive
  CHECK(leaf_score(ta("≥60000万元", "6.47亿元")) == "10.00");
  CHECK(leaf_score(ta("≥8亿元", "6.47亿元")) == "8.09");
  CHECK(leaf_score(ta(">100个", "100个")) == "10.00");  // ">" scored like "≥"
}

TEST_CASE("反向指标：不超过目标得满分，超出按 目标/实际") {
  CHECK(leaf_score(ta("≤5300元/户", "5830元/户")) == "9.09");
  CHECK(leaf_score(ta("≤5300元/户", "5300")) == "10.00");
  CHECK(leaf_score(ta("≤202.6万元", "0万元")) == "10.00");   // actual 0: full
  CHECK(leaf_score(ta("≤0次", "2次")) == "0.00");            // ceiling 0 breached: nothing
  CHECK(leaf_score(ta("<=30万元", "300000元")) == "10.00");  // 万元 vs 元 reconcile
}

TEST_CASE("成本指标未写比较符时按上限处理") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\nfunds:\n  total: {initial: 1, budget: 1, executed: "
      "1}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 成本指标\n        children:\n"
      "          - {name: 成本, weight: 10, target: \"100万元\", actual: \"125万元\"}\n"
      "          - {name: 其余, weight: 80, target: \"≥1个\", actual: \"1个\"}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.leaves[0].score.to_string(2) == "8.00");
}

TEST_CASE("等于目标：目标为 0 时只有 0 得满分，否则按正向") {
  CHECK(leaf_score(ta("=0起", "0起")) == "10.00");
  CHECK(leaf_score(ta("=0起", "1起")) == "0.00");
  CHECK(leaf_score(ta("=42个", "21个")) == "5.00");
  CHECK(leaf_score(ta("=42个", "50个")) == "10.00");
}

TEST_CASE("区间目标：区间内满分，低于下限按比例，高于上限按反向") {
  CHECK(leaf_score(ta("3～5场", "4场")) == "10.00");
  CHECK(leaf_score(ta("3～5场", "2场")) == "6.67");
  CHECK(leaf_score(ta("3～5场", "6场")) == "8.33");
  CHECK(leaf_score(ta("90%-100%", "95%")) == "10.00");
}

TEST_CASE("时效指标：按期满分，逾期按规则集比例（mof2020 为 0）") {
  CHECK(leaf_score(ta("2022年12月31日前", "按时完成")) == "10.00");
  CHECK(leaf_score(ta("12月底前", "2022年11月30日")) == "10.00");
  CHECK(leaf_score(ta("12月底前", "2023年1月5日")) == "0.00");
  CHECK(leaf_score(ta("2022年底之前", "未按时完成")) == "0.00");
  CHECK(leaf_score(ta("2022年6月30日", "2022年6月15日")) == "10.00");  // a date target is a deadline
  CHECK(leaf_score(ta("按时完成", "按时完成")) == "10.00");
  CHECK(leaf_score(ta("按时完成", "逾期")) == "0.00");
}

TEST_CASE("定性指标：三档区间，给定得分须在区间内") {
  CHECK(leaf_score(ta("有效提升", "效果明显", "            grade: 达成\n")) == "10.00");
  CHECK(leaf_score(ta("有效提升", "效果一般", "            grade: 部分达成\n")) == "7.90");
  CHECK(leaf_score(ta("有效提升", "效果较差", "            grade: 未达成\n")) == "5.90");
  CHECK(leaf_score(ta("有效提升", "效果明显", "            grade: 达成\n            score: 8\n")) == "8.00");
  CHECK(leaf_score(ta("有效提升", "效果一般", "            grade: 部分达成\n            score: 6\n")) == "6.00");
  // The actual may itself be the grade word.
  CHECK(leaf_score(ta("达成预期指标", "达成预期指标")) == "10.00");
  // 80 % belongs to the top band, so 部分达成 cannot be 8 of 10.
  CHECK(leaf_score(ta("有效提升", "效果一般", "            grade: 部分达成\n            score: 8\n")) ==
        "ERROR: t.yaml:17:20: 错误: 得分 8 不在等级“部分达成”的区间 [6, 8) 内\n"
        "  提示: 等级“部分达成”对应分值的 60.00%～80.00%；请调整 score 或 grade\n");
  // A qualitative value without a grade cannot be scored.
  CHECK(leaf_score(ta("有效提升", "效果明显")) ==
        "ERROR: t.yaml:14:21: 错误: 定性指标“被测指标”需要评定等级\n"
        "  提示: 填写 grade（达成 / 部分达成 / 未达成），可选 score 在该等级区间内\n");
}

TEST_CASE("单位不一致是错误，不是猜测") {
  CHECK(leaf_score(ta("≥5个", "5场")) ==
        "ERROR: t.yaml:15:21: 错误: 实际完成值的单位“场”与年度指标值的单位“个”不一致\n"
        "  提示: 金额可在 元 / 万元 / 亿元 间换算，其他单位须与年度指标值相同\n");
}

TEST_CASE("不适用指标不计入，总分按适用分值折算为百分制") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\nfunds:\n  total: {initial: 1, budget: 1, executed: "
      "1}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 40, target: \"≥10个\", actual: \"5个\", note: 进度滞后}\n"
      "          - {name: 乙, weight: 40, target: \"≥1个\", actual: \"1个\"}\n"
      "          - {name: 丙, weight: 10, applicable: false}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.rescaled);
  // (10 + 20 + 40) / (10 + 80) × 100 = 77.777… → 77.78
  CHECK(s.score.total.to_string(2) == "77.78");
  CHECK(s.score.grade == "中");
  CHECK(s.score.leaves[2].basis == "不适用，不计入总分");
}

TEST_CASE("等级边界属于上一档") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  CHECK(jx::grade_of(r, *jx::Decimal::parse("90")) == "优");
  CHECK(jx::grade_of(r, *jx::Decimal::parse("89.99")) == "良");
  CHECK(jx::grade_of(r, *jx::Decimal::parse("80")) == "良");
  CHECK(jx::grade_of(r, *jx::Decimal::parse("60")) == "中");
  CHECK(jx::grade_of(r, *jx::Decimal::parse("59.99")) == "差");
}

TEST_CASE("总分是各行舍入后得分之和") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  // Three rows of 1/3 × 30 = 3.333… each → 3.33 each → 9.99, not 10.
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\nfunds:\n  total: {initial: 1, budget: 1, executed: "
      "1}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 10, target: \"≥3个\", actual: \"1个\", note: 说明}\n"
      "          - {name: 乙, weight: 10, target: \"≥3个\", actual: \"1个\", note: 说明}\n"
      "          - {name: 丙, weight: 10, target: \"≥3个\", actual: \"1个\", note: 说明}\n"
      "          - {name: 丁, weight: 60, target: \"≥1个\", actual: \"1个\"}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.indicator_score.to_string(2) == "69.99");
  CHECK(s.score.total.to_string(2) == "79.99");
  CHECK(s.score.grade == "中");
}

TEST_CASE("审核人需要的警告") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\ndeclared_score: 100\n"
      "funds:\n  total: {initial: 100, budget: 100, executed: 80}\n"
      "  items:\n    - {name: 甲, amount: 50}\n    - {name: 乙, amount: 29.5}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 40, target: \"≥10个\", actual: \"5个\"}\n"
      "          - {name: 乙, weight: 50, target: \"≥10个\", actual: \"12个\", declared_score: 45}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(jxtest::messages(s.diags) ==
        "t.yaml:5:17: 警告: 自报总分 100.00 与计算总分 78.00 不符（相差 +22.00）\n"
        "  提示: 按规则逐行核对得分；计算总分 = 预算执行得分 + 各指标得分\n"
        "t.yaml:7:10: 警告: 预算执行率 80.00% 低于 90%，未说明原因\n"
        "  提示: 在 funds.reason 中说明执行率偏低的原因\n"
        "t.yaml:9:5: 警告: 资金使用明细合计 79.50 万元，与全年执行数 80.00 万元相差 0.50 万元\n"
        "  提示: 核对各项支出明细与执行数\n"
        "t.yaml:12:11: 警告: 一级指标“产出指标”分值为 90，规则集 mof2020 规定为 50\n"
        "  提示: 财预〔2020〕10号：原则上产出 50、效益 30、满意度 10，特殊情况可调整并说明\n"
        "t.yaml:16:20: 警告: 指标“甲”得分 20 低于分值 40，但未填写偏差原因分析\n"
        "  提示: 在 note 中写明偏差原因及改进措施\n"
        "t.yaml:17:59: 警告: 指标“乙”实际完成值“12个”远超年度指标值“≥10个”（完成率 120.00%，≥ "
        "120%），目标值可能设置偏低\n"
        "  提示: 按财预〔2020〕10号，目标明显偏离实际的应分析原因，在 note 中说明\n"
        "t.yaml:17:82: 警告: 指标“乙”自报得分 45，按规则应为 50\n"
        "  提示: 正向：完成率 120.00%\n");
}

TEST_CASE("第二个规则集：湖北 预算执行 20 分、定性区间 80/50") {
  const jx::RuleSet r = jxtest::rules("hubei2022");
  CHECK(r.budget_weight == jx::Decimal(20));
  const std::string y =
      "kind: project\nyear: 2022\nrules: hubei2022\nproject: 测试\nfunds:\n  total: {initial: 10, budget: 10, "
      "executed: 9.997}\n"
      "  reason: 结余\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 40, target: \"≥1个\", actual: \"1个\"}\n"
      "  - name: 效益指标\n    children:\n      - name: 社会效益指标\n        children:\n"
      "          - {name: 乙, weight: 40, target: 有效, actual: 一般, grade: 部分达成, score: 20}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.budget.score.to_string(2) == "19.99");  // 20 × 99.97 % (the table printed 19)
  CHECK(s.score.leaves[1].score.to_string(2) == "20.00");
  CHECK(s.score.total.to_string(2) == "79.99");
}

TEST_CASE("四川规则集不规定一级指标分值") {
  const jx::RuleSet r = jxtest::rules("sichuan2023");
  const std::string y =
      "kind: project\nyear: 2023\nrules: sichuan2023\nproject: 测试\nfunds:\n  total: {initial: 1, budget: 1, "
      "executed: 1}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 60, target: \"≥1个\", actual: \"1个\"}\n"
      "  - name: 效益指标\n    children:\n      - name: 社会效益指标\n        children:\n"
      "          - {name: 乙, weight: 30, target: \"≥1个\", actual: \"1个\"}\n";
  auto s = jxtest::score_text(y, r);
  CHECK(jxtest::messages(s.diags).empty());
  CHECK(s.score.total.to_string(2) == "100.00");
}

TEST_CASE("截尾舍入的规则集") {
  jx::RuleSet r = jxtest::rules("mof2020");
  r.rounding = jx::Rounding::Truncate;
  auto s =
      jxtest::score_text(jxtest::one_leaf(ta("≥1个", "1个"), "10", "{initial: 100, budget: 100, executed: 96.85}"), r);
  CHECK(s.score.budget.score.to_string(2) == "9.68");
}

TEST_CASE("种子示例：省级科普专项") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(jxtest::read_source("indicators/examples/kepu-2022.yaml"), r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.budget.rate.to_plain() == "1");
  CHECK(s.score.budget.score.to_string(2) == "10.00");
  CHECK(s.score.budget.items_total.to_string(2) == "89.57");
  CHECK_THAT(jxtest::messages(s.diags),
             Catch::Contains("资金使用明细合计 89.57 万元，与全年执行数 89.66 万元相差 0.09 万元"));
  CHECK(s.score.total.to_string(2) == "97.00");
  CHECK(s.score.grade == "优");
}

TEST_CASE("缺少或无效的分值只报一次，上级分值之和不再另报不符") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string yaml =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n"
      "funds:\n  total: {initial: 100, budget: 100, executed: 100}\n"
      "indicators:\n  - name: 产出指标\n    weight: 90\n    children:\n      - name: 数量指标\n        weight: 90\n"
      "        children:\n          - {name: 甲, weight: 45, target: \"≥5个\", actual: \"5个\"}\n"
      "          - {name: 乙, target: \"≥3场\", actual: \"3场\"}\n";
  auto s = jxtest::score_text(yaml, r);
  const std::string m = jxtest::messages(s.diags, true);
  CHECK_THAT(m, Catch::Contains("缺少分值"));
  CHECK_THAT(m, !Catch::Contains("下级分值之和"));
}

// Issue 10, fault 1: a bare decimal with a four-digit integer part is a number, not a date.
TEST_CASE("四位整数的小数对定量目标是数值，不是日期") {
  CHECK(leaf_score(ta(">=1419篇", "1225.7")) == "8.64");
  CHECK(leaf_score(ta("≥2000个", "1672.07")) == "8.36");
  CHECK(leaf_score(ta("≥2022.5人", "2022.5")) == "10.00");
  // Unmistakable dates stay dates; against a deadline a year-dot-month is a date too.
  CHECK(leaf_score(ta("2022年12月31日前", "2022.12.31")) == "10.00");
  CHECK(leaf_score(ta("2022年12月31日前", "2022.11")) == "10.00");
  CHECK(leaf_score(ta("2022年6月30日前", "2022.7")) == "0.00");
  CHECK(leaf_score(ta("2022年12月31日前", "2022/12/31")) == "10.00");
}

// Issue 10, fault 2: a bare number takes the target's unit with its scale, both directions.
TEST_CASE("不写单位的实际值采用目标值的单位和数量级") {
  CHECK(leaf_score(ta("≥592万元", "426.4")) == "7.20");
  CHECK(leaf_score(ta("≥5万元", "5")) == "10.00");  // the published table: full 10 points
  CHECK(leaf_score(ta("≥1.5亿元", "1.2")) == "8.00");
  CHECK(leaf_score(ta("≥98%", "97.5")) == "9.95");
  CHECK(leaf_score(ta("≤320万元", "400")) == "8.00");  // no longer inflated to full marks
  CHECK(leaf_score(ta("≤320万元", "4000000元")) == "8.00");
  CHECK(leaf_score(ta("3～5万元", "6")) == "8.33");
}

// Issue 10, fault 3: completion and grade words are a deadline's actual (rule-set data).
TEST_CASE("时效指标的实际值可以是完成用语或等级词") {
  for (const char* on_time : {"已完成", "完成", "按期完成", "按时完成", "达成预期指标", "达成", "是", "全部完成"}) {
    INFO(on_time);
    CHECK(leaf_score(ta("2022年底之前", on_time)) == "10.00");
  }
  for (const char* late : {"未完成", "未按时完成", "未达成", "逾期", "否"}) {
    INFO(late);
    CHECK(leaf_score(ta("2022年底之前", late)) == "0.00");
  }
  CHECK_THAT(leaf_score(ta("2022年底之前", "效果明显")), Catch::Contains("不是日期，也不是完成用语"));
  // The list is data: a rule set without it accepts only the unmistakable words.
  jx::RuleSet r = jxtest::rules("mof2020");
  r.deadline_actuals = {};
  auto s = jxtest::score_text(jxtest::one_leaf(ta("2022年底之前", "达成预期指标")), r);
  CHECK(s.diags.has_errors());
  s = jxtest::score_text(jxtest::one_leaf(ta("2022年底之前", "按时完成")), r);
  CHECK_FALSE(s.diags.has_errors());
}

TEST_CASE("0.985 对 ≥98%：含义不明，拒绝并提示写明百分号") {
  const std::string m = leaf_score(ta("≥98%", "0.985"));
  CHECK_THAT(m, Catch::Contains("ambiguous-fraction") || Catch::Contains("含义不明"));
  CHECK_THAT(m, Catch::Contains("98.5%"));
  CHECK(leaf_score(ta("≥98%", "98.5%")) == "10.00");
  CHECK(leaf_score(ta("≥98%", "0.985%")) == "0.10");  // written with %: as written (and a unit-slip warning)
  // A fraction reading that makes no sense is no ambiguity: 0.8 against ≤1% is 0.8 %.
  CHECK(leaf_score(ta("≤1%", "0.8")) == "10.00");
  CHECK(leaf_score(ta("≥0.5%", "0.6")) == "10.00");
}

TEST_CASE("疑似单位错误给出警告和合理读法") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(jxtest::one_leaf(ta("≥592万元", "4264000", "            note: 说明\n")), r);
  REQUIRE_FALSE(s.diags.has_errors());
  std::string m = jxtest::messages(s.diags);
  CHECK_THAT(m, Catch::Contains("unit-slip") || Catch::Contains("疑似元与万元混用"));
  CHECK_THAT(m, Catch::Contains("426.4万元"));
  CHECK_THAT(m, !Catch::Contains("目标值可能设置偏低"));  // the slip is the finding
  REQUIRE(s.score.leaves[0].unit_slip);
  CHECK(s.score.leaves[0].unit_slip->score.to_string(2) == "7.20");

  s = jxtest::score_text(jxtest::one_leaf(ta("≥95%", "0.95%", "            note: 说明\n")), r);
  m = jxtest::messages(s.diags);
  CHECK_THAT(m, Catch::Contains("比例与百分数混用"));
  CHECK_THAT(m, Catch::Contains("95%"));
  // Plausible ratios are left alone: 50 % and 300 %.
  s = jxtest::score_text(jxtest::one_leaf(ta("≥10个", "5个", "            note: 说明\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("疑似"));
  s = jxtest::score_text(jxtest::one_leaf(ta("≥10个", "30个")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("疑似"));
  // Beyond 1 000 % with no factor that explains it: still a warning, no reading.
  s = jxtest::score_text(jxtest::one_leaf(ta("≥10个", "3000个")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("完成率超出常理"));
  // Counts have no factor-100 reading ("1.5个"); 万 they do.
  s = jxtest::score_text(jxtest::one_leaf(ta("≥1个", "150个")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("完成率超出常理"));
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("1.5个"));
  s = jxtest::score_text(jxtest::one_leaf(ta("≥1.2万人次", "1.3", "            note: 说明\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("疑似"));  // 1.3 takes 万人次: plausible
  s = jxtest::score_text(jxtest::one_leaf(ta("≥1.2万人次", "1.3人次", "            note: 说明\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("1.3万人次"));
}

TEST_CASE("无比较符无单位的目标值是警告") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(jxtest::one_leaf(ta("90", "95%")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("既无比较符也无单位"));
  s = jxtest::score_text(jxtest::one_leaf(ta("90%", "95%")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("既无比较符也无单位"));
  s = jxtest::score_text(jxtest::one_leaf(ta("90", "95")), r);  // nothing printed differs: no warning
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("既无比较符也无单位"));
}

TEST_CASE("模板遗留文字是警告") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(jxtest::one_leaf(ta("≥5个", "5个", "            note: 示例：请替换为偏差原因\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("含模板文字"));
  s = jxtest::score_text(jxtest::one_leaf(ta("≥5个", "示例值")), r);
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("含模板文字“示例值”"));
  s = jxtest::score_text(jxtest::one_leaf(ta("≥5个", "5个", "            note: 完成示范点建设\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("模板文字"));
}

TEST_CASE("GBK 乱码只给一条指明编码的错误") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  // "时效指标" saved as GBK, read as Latin-1 and saved again as UTF-8.
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: \xC3\x8A\xC2\xB1\xC3\x90\xC2\xA7\xC3\x96\xC2\xB8\xC2\xB1"
      "\xC3\xAA\nfunds:\n  total: {initial: 1, budget: 1, executed: 1}\nindicators: []\n";
  auto s = jxtest::score_text(y, r);
  const std::string m = jxtest::messages(s.diags);
  CHECK_THAT(m, Catch::Contains("t.yaml:4:10: 错误: 文字“Ê±Ð§Ö¸±ê”是乱码"));
  CHECK_THAT(m, Catch::Contains("GBK"));
  CHECK(s.diags.items().size() == 1);
  // A lone "·" or "°" in Chinese text is not 乱码.
  s = jxtest::score_text(jxtest::one_leaf(ta("≥5个", "5个", "            note: 阿卜杜·热合曼 25°C\n")), r);
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("乱码"));
}

TEST_CASE("复核：差异只来自单位错误时归为“疑似单位错误”，不是自报偏高") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  // Declared 7.2 = what "4264000" earns once read as 元 (426.4 万元); as written it earns 10.
  auto s = jxtest::score_text(
      jxtest::one_leaf(ta("≥592万元", "4264000", "            note: 说明\n            declared_score: 7.2\n")), r);
  REQUIRE_FALSE(s.diags.has_errors());
  jx::ImportedTable t;
  t.sheet = "表1";
  t.project = s.project;
  // score itself does not accuse either: the unit-slip warning is the finding.
  CHECK_THAT(jxtest::messages(s.diags), !Catch::Contains("按规则应为"));
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("疑似元与万元混用"));
  const jx::TableReview review = jx::review_table(t, s.score, r);
  REQUIRE(review.rows.size() >= 2);
  CHECK(review.rows[1].code == "unit-slip");
  CHECK(review.rows[1].label == "疑似单位错误");
  CHECK_THAT(review.rows[1].reason, Catch::Contains("426.4万元"));
  // A declared score that no reading explains keeps its usual class.
  s = jxtest::score_text(
      jxtest::one_leaf(ta("≥592万元", "4264000", "            note: 说明\n            declared_score: 3\n")), r);
  t.project = s.project;
  CHECK(jx::review_table(t, s.score, r).rows[1].code != "unit-slip");
  CHECK_THAT(jxtest::messages(s.diags), Catch::Contains("按规则应为"));
}

// Issue 10: the three faults' spellings survive score → workbook → import →
// score, and review finds nothing in a table that follows the rules.
TEST_CASE("往返：四位整数小数、不带单位的万元、时效完成用语、=较上年提高") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string yaml =
      "kind: project\n"
      "year: 2022\n"
      "rules: mof2020\n"
      "project: 端到端\n"
      "department: 测试部门\n"
      "unit: 测试单位\n"
      "funds:\n"
      "  total: {initial: 600, budget: 600, executed: 600}\n"
      "indicators:\n"
      "  - name: 产出指标\n"
      "    children:\n"
      "      - name: 数量指标\n"
      "        children:\n"
      "          - {name: 论文, weight: 20, target: \">=1419篇\", actual: \"1225.7\", note: 未达标}\n"
      "          - {name: 资金, weight: 20, target: \"≥592万元\", actual: \"426.4\", note: 未达标}\n"
      "      - name: 时效指标\n"
      "        children:\n"
      "          - {name: 按期, weight: 10, target: \"2022年底之前\", actual: \"达成预期指标\"}\n"
      "  - name: 效益指标\n"
      "    children:\n"
      "      - name: 社会效益指标\n"
      "        children:\n"
      "          - {name: 效益, weight: 30, target: \"=较上年提高\", actual: \"达成预期指标\"}\n"
      "  - name: 满意度指标\n"
      "    children:\n"
      "      - name: 服务对象满意度指标\n"
      "        children:\n"
      "          - {name: 满意度, weight: 10, target: \"≥98%\", actual: \"97.5\"}\n";
  jxtest::Scored before = jxtest::score_text(yaml, r);
  INFO(jxtest::messages(before.diags));
  REQUIRE_FALSE(before.diags.has_errors());
  CHECK(before.score.total.to_string(2) == "91.64");
  const auto path = jxtest::temp_path("jixiao-values-roundtrip", ".xlsx");
  {
    jx::xlsx::Workbook wb(path);
    jx::reports::write_project_table(wb, before.project, before.score, r);
    wb.close();
  }
  const auto grids = jx::xlsx::read_workbook(path);
  std::filesystem::remove(path);
  jx::Diagnostics d;
  auto tables = jx::import_tables(grids, r, jxtest::layout(), d);
  REQUIRE(tables.size() == 1);
  CHECK_FALSE(tables[0].diagnostics.has_errors());
  const jx::ProjectScore again = jx::score_project(tables[0].project, r);
  CHECK(again.total == before.score.total);
  const jx::TableReview rv = jx::review_table(tables[0], again, r);
  CHECK(rv.findings.empty());
  jxtest::Scored reloaded = jxtest::score_text(jx::load::write_project_yaml(tables[0].project, "t.xlsx"), r);
  CHECK(reloaded.score.total == before.score.total);
}

TEST_CASE("年度总体目标和四川表的文字中的模板文字是警告") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string base = jxtest::one_leaf(ta("≥1个", "1个"));
  for (const std::string& extra :
       {std::string("goals:\n  expected: 请替换为年度目标\n  achieved: 已完成\n"),
        std::string("goals:\n  expected: 完成全年工作\n  achieved: 示例值\n"), std::string("conclusion: 示例\n"),
        std::string("problems: 请替换\n"), std::string("improvements: 示例值\n"), std::string("content: 请替换\n")}) {
    auto s = jxtest::score_text(base + extra, r);
    INFO(extra << jxtest::messages(s.diags));
    REQUIRE_FALSE(s.diags.has_errors());
    int n = 0;
    for (const auto& d : s.diags.items()) n += d.code == "template-text" && d.loc.line > 0 ? 1 : 0;
    CHECK(n == 1);
  }
  auto clean = jxtest::score_text(base + "goals:\n  expected: 完成全年工作\n  achieved: 已完成\nconclusion: 较好\n", r);
  CHECK(jxtest::messages(clean.diags).find("template-text") == std::string::npos);
}
