// Diagnostics for bad input: every problem of a file at once, with
// FILE:LINE:COL (columns in characters), a message and a hint.
#include <catch2/catch.hpp>

#include "tests/support.h"

namespace {

std::string diagnose(const std::string& yaml) {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(yaml, r);
  return jxtest::messages(s.diags, true);
}

const std::string kHead =
    "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n"
    "funds:\n  total: {initial: 10, budget: 10, executed: 10}\n";

}  // namespace

TEST_CASE("一个文件的全部错误一次报告") {
  const std::string y = kHead +
                        "indicators:\n"
                        "  - name: 产出指标\n"
                        "    children:\n"
                        "      - name: 数量指标\n"
                        "        children:\n"
                        "          - name: 甲\n"
                        "            wieght: 5\n"
                        "            target: \"≥5个\"\n"
                        "            actual: \"5个\"\n"
                        "          - name: 乙\n"
                        "            weight: 85\n"
                        "            weight: 86\n"
                        "            target: \"≥5个\"\n"
                        "          - name: 丙\n"
                        "            分值: 5\n"
                        "            target: \"≥5个\"\n"
                        "            actual: \"5个\"\n";
  CHECK(diagnose(y) ==
        "t.yaml:12:19: 错误: 指标“甲”缺少分值\n"
        "  提示: 填写 weight，例如 weight: 5\n"
        "t.yaml:13:13: 错误: 指标“甲”中有未知字段“wieght”\n"
        "  提示: 是否为“weight”？\n"
        "t.yaml:16:19: 错误: 指标“乙”缺少实际完成值\n"
        "  提示: 填写 actual；不适用的指标写 applicable: false\n"
        "t.yaml:18:13: 错误: 重复的字段“weight”（第 17 行已有）\n"
        "  提示: 删去其中一个；否则只有第 17 行的值生效\n"
        "t.yaml:20:19: 错误: 指标“丙”缺少分值\n"
        "  提示: 填写 weight，例如 weight: 5\n"
        "t.yaml:21:13: 错误: 指标“丙”中有未知字段“分值”\n"
        "  提示: 是否为“weight”？\n");
}

TEST_CASE("分值合计不为 100 与上级分值不符") {
  const std::string y = kHead +
                        "indicators:\n"
                        "  - name: 产出指标\n"
                        "    weight: 50\n"
                        "    children:\n"
                        "      - name: 数量指标\n"
                        "        children:\n"
                        "          - {name: 甲, weight: 40, target: \"≥5个\", actual: \"5个\"}\n";
  CHECK(diagnose(y) ==
        "t.yaml:8:3: 错误: 分值合计 50（预算执行 10 + 绩效指标 40），应为 100\n"
        "  提示: 调整各三级指标的 weight，使绩效指标合计为 90\n"
        "t.yaml:9:13: 错误: “产出指标”的分值 50 与下级分值之和 40 不符\n"
        "  提示: 改正分值，或删去上级的 weight 由引擎求和\n");
}

TEST_CASE("类型错误与层级错误") {
  const std::string y = kHead +
                        "indicators:\n"
                        "  - name: 产出指标\n"
                        "    children:\n"
                        "      - name: 数量指标\n"
                        "        weight: 五\n"
                        "        target: \"≥5个\"\n"
                        "        actual: \"5个\"\n";
  CHECK(diagnose(y) ==
        "t.yaml:10:15: 错误: 二级指标“数量指标”没有下级指标\n"
        "  提示: 规则集 mof2020 的指标分 3 级（一级指标 / 二级指标 / 三级指标），评分写在三级指标上\n"
        "t.yaml:11:17: 错误: 字段“weight”应为数字（分），而不是“五”\n"
        "  提示: 只写阿拉伯数字，如 89.66，不带单位\n");
}

TEST_CASE("GBK 编码的文件指出行和列") {
  const std::string y = "kind: project\nproject: \xb2\xe2\xca\xd4\nyear: 2022\n";
  CHECK(diagnose(y) ==
        "t.yaml:2:10: 错误: 第 2 行不是有效的 UTF-8 文字\n"
        "  提示: 文件可能是 GBK 编码：在记事本中“另存为”，编码选 UTF-8；或用 iconv -f GBK -t UTF-8 转换\n");
}

TEST_CASE("YAML 语法错误翻译为中文并给出提示") {
  CHECK(diagnose("kind: project\nyear: 2022\n\tproject: x\n") ==
        "t.yaml:3:1: 错误: 第 3 行的缩进中有 Tab 字符（看不见，但 YAML 不允许）\n"
        "  提示: 把行首的 Tab 换成空格：同一级的字段缩进相同个数的空格\n");
  // A tab after spaces, or several, where yaml-cpp reports an unclosed block instead.
  CHECK_THAT(diagnose("a:\n  b: 1\n\t    c: 2\n"), Catch::Contains("t.yaml:3:1: 错误: 第 3 行的缩进中有 Tab 字符"));
  CHECK_THAT(diagnose("a:\n  - b: 1\n  \t\tc: 2\n"), Catch::Contains("t.yaml:3:3: 错误: 第 3 行的缩进中有 Tab 字符"));
}

TEST_CASE("缺少必填字段与未知的顶层字段") {
  CHECK(diagnose("kind: project\nyaer: 2022\n") ==
        "t.yaml:1:1: 错误: 文件缺少字段“year”（年度）\n"
        "  提示: 例如 year: 2022\n"
        "t.yaml:1:1: 错误: 文件缺少字段“rules”（规则）\n"
        "  提示: 例如 rules: mof2020\n"
        "t.yaml:1:1: 错误: 文件缺少字段“project”（项目名称）\n"
        "  提示: 例如 project: 省级科普专项经费\n"
        "t.yaml:1:1: 错误: 文件缺少字段“indicators”（绩效指标）\n"
        "  提示: 例如 indicators: [...]\n"
        "t.yaml:1:1: 错误: 缺少字段“funds”（项目资金）\n"
        "  提示: 例如 funds: {total: {initial: 135, budget: 89.66, executed: 89.66}}\n"
        "t.yaml:2:1: 错误: 文件中有未知字段“yaer”\n"
        "  提示: 是否为“year”？\n");
}

TEST_CASE("年度资金总额须等于各来源之和") {
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\n"
      "funds:\n  total: {initial: 135, budget: 89.66, executed: 89.66}\n"
      "  appropriation: {initial: 135, budget: 89.00, executed: 89.66}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 90, target: \"≥5个\", actual: \"5个\"}\n";
  CHECK(diagnose(y) ==
        "t.yaml:6:10: 错误: 年度资金总额的全年预算数 89.66 万元与各来源之和 89.00 万元不符（相差 0.66）\n"
        "  提示: 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金；可删去 total 由引擎求和\n");
  // Without total, the total is the sum of the parts.
  const std::string parts =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\n"
      "funds:\n  appropriation: {initial: 100, budget: 80, executed: 70}\n"
      "  carryover: {initial: 0, budget: 20, executed: 20}\n  reason: 年中调整\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 90, target: \"≥5个\", actual: \"5个\"}\n";
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto s = jxtest::score_text(parts, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.budget.budget.to_string(2) == "100.00");
  CHECK(s.score.budget.score.to_string(2) == "9.00");
}

TEST_CASE("全年预算数为 0 是错误") {
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\n"
      "funds:\n  total: {initial: 0, budget: 0, executed: 0}\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: 90, target: \"≥5个\", actual: \"5个\"}\n";
  CHECK(diagnose(y) ==
        "t.yaml:6:10: 错误: 全年预算数为 0，无法计算预算执行率\n"
        "  提示: 执行率 = 全年执行数 / 全年预算数（调整后预算），请填写全年预算数\n");
}

TEST_CASE("全角数字的分值与资金可以读取") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::string y =
      "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试\n"
      "funds:\n  total: {initial: １００, budget: １００, executed: ９５}\n  reason: 结余\n"
      "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n"
      "          - {name: 甲, weight: ９０, target: \"≥５个\", actual: \"５个\"}\n";
  auto s = jxtest::score_text(y, r);
  REQUIRE_FALSE(s.diags.has_errors());
  CHECK(s.score.total.to_string(2) == "99.50");
}
