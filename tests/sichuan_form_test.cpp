// The Sichuan form (510000_0013zp): the optional YAML fields it needs, its
// layout data in sichuan2023.yaml, the split of a target into
// 指标性质 | 指标值 | 度量单位 (generated cases with expectations built from
// the generator's own choices, plus named examples) and the fund rows.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>

#include "engine/form_layout.h"
#include "engine/load/project_writer.h"
#include "engine/load/rules_loader.h"
#include "engine/table_import.h"
#include "engine/target_split.h"
#include "engine/text.h"
#include "engine/value.h"
#include "reports/project_sheet.h"
#include "reports/xlsx_reader.h"
#include "tests/support.h"

namespace {

const std::string kHead =
    "kind: project\nyear: 2022\nrules: sichuan2023\nproject: 测试项目\n"
    "indicators:\n"
    "  - name: 产出指标\n    children:\n"
    "      - name: 数量指标\n        children:\n"
    "          - {name: 甲, weight: 90, target: \"≥5个\", actual: \"5个\"}\n";

jx::TargetCells split(std::string_view t, bool ceiling = false, std::optional<std::string> dir = std::nullopt) {
  return jx::split_target(t, dir, ceiling, "定性", "/");
}

bool same(const jx::TargetCells& c, const std::string& op, const std::string& value, const std::string& unit) {
  return c.op == op && c.value == value && c.unit == unit;
}

}  // namespace

TEST_CASE("四川表式的可选字段：读入、严格检查、import 写回") {
  const std::string y = kHead +
                        "code: \"51040022R000000000001\"\n"
                        "content: 实施内容\nconclusion: 结论\nproblems: 问题\nimprovements: 措施\n"
                        "leads: {project: 张三, finance: 李四}\n"
                        "funds:\n"
                        "  appropriation: {initial: 5, budget: 5, executed: 5}\n"
                        "  carryover: {initial: 1, budget: 1, executed: 1}\n"
                        "  special: {initial: 3, budget: 3, executed: 2}\n"
                        "  unit_funds: {initial: 2, budget: 2, executed: 2}\n"
                        "  other: {initial: 1, budget: 1, executed: 1}\n";
  const jx::RuleSet r = jxtest::rules("sichuan2023");
  auto s = jxtest::score_text(y, r);
  REQUIRE(s.loaded);
  INFO(jxtest::messages(s.diags));
  CHECK_FALSE(s.diags.has_errors());
  const jx::Project& p = s.project;
  CHECK(p.code == "51040022R000000000001");
  CHECK(p.content == "实施内容");
  CHECK(p.conclusion == "结论");
  CHECK(p.problems == "问题");
  CHECK(p.improvements == "措施");
  CHECK(p.project_lead == "张三");
  CHECK(p.finance_lead == "李四");
  // The total is the sum of all five sources; the MOF table's 其他资金 row holds special + unit_funds + other.
  CHECK(s.score.budget.budget.to_plain() == "12");
  CHECK(s.score.budget.executed.to_plain() == "11");
  REQUIRE(s.score.budget.lines.size() == 4);
  CHECK(s.score.budget.lines[3].label == "其他资金");
  CHECK(s.score.budget.lines[3].row.budget.to_plain() == "6");
  CHECK(s.score.budget.lines[3].row.executed.to_plain() == "5");

  // import writes every field back and the file loads to the same project.
  const std::string out = jx::load::write_project_yaml(p, "t.xlsx");
  auto again = jxtest::score_text(out, r);
  REQUIRE(again.loaded);
  INFO(out);
  CHECK_FALSE(again.diags.has_errors());
  CHECK(again.project.code == p.code);
  CHECK(again.project.content == p.content);
  CHECK(again.project.conclusion == p.conclusion);
  CHECK(again.project.problems == p.problems);
  CHECK(again.project.improvements == p.improvements);
  CHECK(again.project.project_lead == p.project_lead);
  CHECK(again.project.finance_lead == p.finance_lead);
  CHECK(again.project.funds.special.executed == p.funds.special.executed);
  CHECK(again.project.funds.unit_funds.budget == p.funds.unit_funds.budget);
  CHECK(again.score.total == s.score.total);
}

TEST_CASE("四川表式的可选字段：错误写法逐条报告") {
  const jx::RuleSet r = jxtest::rules("sichuan2023");
  const std::string y = kHead +
                        "code: \"5104 0022-R01\"\n"
                        "leads: {project: 张三, finanse: 李四}\n"
                        "conclusion: [结论]\n"
                        "funds:\n"
                        "  total: {initial: 10, budget: 10, executed: 10}\n"
                        "  unit_fund: {initial: 2, budget: 2, executed: 2}\n"
                        "  special: {initial: 3, budget: 3, executed: 3}\n";
  auto s = jxtest::score_text(y, r);
  const std::string m = jxtest::messages(s.diags, true);
  INFO(m);
  CHECK(m.find("项目编码“5104 0022-R01”只能由字母和数字组成") != std::string::npos);
  CHECK(m.find("“finanse”") != std::string::npos);
  CHECK(m.find("finance") != std::string::npos);  // did you mean
  CHECK(m.find("“unit_fund”") != std::string::npos);
  CHECK(m.find("unit_funds") != std::string::npos);  // did you mean
  CHECK(m.find("conclusion") != std::string::npos);  // a list instead of text
  // special alone (3) does not add up to the total (10).
  CHECK(m.find("年度资金总额的全年预算数 10.00 万元与各来源之和 3.00 万元不符") != std::string::npos);
}

TEST_CASE("sichuan2023 的表式数据：标签、资金行、列") {
  const jx::RuleSet s = jxtest::rules("sichuan2023");
  REQUIRE(s.form);
  const jx::FormLayout& f = *s.form;
  CHECK(f.id == "510000_0013zp");
  CHECK(f.title == "部门预算项目支出绩效自评表（{year}年度）");
  CHECK(f.labels.unit == "实施单位（盖章）");
  CHECK(f.labels.budget == "预算执行情况（10分）");
  CHECK(f.labels.indicators == "绩效指标（90分）");
  CHECK(f.budget_columns ==
        std::vector<std::string>{"年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"});
  CHECK(f.indicator_columns == std::vector<std::string>{"一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                                                        "度量单位", "完成值", "权重", "得分", "未完成原因分析"});
  std::vector<std::string> rows;
  for (const auto& row : f.fund_rows) rows.push_back(row.label);
  CHECK(rows == std::vector<std::string>{"总额", "其中：财政资金", "财政专户管理资金", "单位资金", "其他资金"});
  CHECK(f.widths.size() == 11);
  CHECK_FALSE(jxtest::rules("mof2020").form);
  CHECK_FALSE(jxtest::rules("hubei2022").form);

  // 财政资金 = 当年财政拨款 + 上年结转; absent sources count 0.
  jx::Funds funds;
  funds.appropriation = {true, false, {}, jx::Decimal(5), jx::Decimal(4), jx::Decimal(4)};
  funds.carryover = {true, false, {}, jx::Decimal(1), jx::Decimal(2), jx::Decimal(1)};
  const jx::FundRow total{true, false, {}, jx::Decimal(6), jx::Decimal(6), jx::Decimal(5)};
  const jx::FundRow fiscal = jx::form_fund_row(f.fund_rows[1], funds, total);
  CHECK((fiscal.initial == jx::Decimal(6) && fiscal.budget == jx::Decimal(6) && fiscal.executed == jx::Decimal(5)));
  CHECK(jx::form_fund_row(f.fund_rows[0], funds, total).executed == jx::Decimal(5));
  CHECK(jx::form_fund_row(f.fund_rows[2], funds, total).budget.is_zero());
}

TEST_CASE("表式数据有错时逐条报告，规则集不可用") {
  const std::string base = jxtest::read_source("indicators/rules/sichuan2023.yaml");
  const auto errors = [](const std::string& text) {
    jx::Diagnostics d;
    const auto r = jx::load::load_rules(text, d);
    CHECK_FALSE(r);
    std::string out;
    for (const auto& x : d.items()) out += x.message + "\n";
    return out;
  };
  const auto edit = [&](const std::string& from, const std::string& to) {
    std::string t = base;
    const auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    return t.replace(at, from.size(), to);
  };
  CHECK(errors(edit("    grade: 自评等级\n", "")).find("“grade”") != std::string::npos);
  CHECK(errors(edit("    grade: 自评等级\n", "    grades: 自评等级\n")).find("未知字段“grades”") != std::string::npos);
  CHECK(errors(edit("预算执行率, 权重, 得分, 原因]", "预算执行率, 权重, 得分]")).find("应有 7 项") !=
        std::string::npos);
  CHECK(errors(edit("sources: [special]", "sources: [specal]")).find("未知的资金来源“specal”") != std::string::npos);
  CHECK(errors(edit("{label: 总额, sources: [total]}", "{label: 总额, sources: [appropriation]}"))
            .find("第一行应为计分的总额行") != std::string::npos);
  CHECK(errors(edit("widths: [22,", "widths: [22, 5,")).find("应有 11 项") != std::string::npos);
}

TEST_CASE("指标值拆成 指标性质 | 指标值 | 度量单位：示例") {
  CHECK(same(split("≥5个"), "≥", "5", "个"));
  CHECK(same(split("≥1.33万人次"), "≥", "1.33", "万人次"));
  CHECK(same(split("≤89.66万元"), "≤", "89.66", "万元"));
  CHECK(same(split("≥1.5亿元"), "≥", "1.5", "亿元"));
  CHECK(same(split("＞５个"), "≥", "5", "个"));  // > is scored as ≥; full-width folded
  CHECK(same(split("<3天"), "≤", "3", "天"));
  CHECK(same(split("=100%"), "=", "100", "%"));
  CHECK(same(split("≥90％"), "≥", "90", "%"));
  CHECK(same(split("100%"), "≥", "100", "%"));                         // a bare number is scored as ≥
  CHECK(same(split("50万元", true), "≤", "50", "万元"));               // … or ≤ under 成本指标
  CHECK(same(split("≥50万元", false, "reverse"), "≤", "50", "万元"));  // direction wins
  CHECK(same(split("90%-100%"), "/", "90-100", "%"));
  CHECK(same(split("3～5场"), "/", "3-5", "场"));
  CHECK(same(split("2022年12月31日前"), "≤", "2022年12月31日前", ""));
  CHECK(same(split("有效提升"), "定性", "有效提升", ""));
  CHECK(same(split("  "), "", "", ""));
  CHECK(same(split("5个以上"), "≥", "5", "个"));
  CHECK(same(split("不超过3次"), "≤", "3", "次"));
}

TEST_CASE("指标值拆分：生成的目标值（各种比较词、单位、万/亿、全角、空格）") {
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  struct Op {
    const char* text;
    const char* shown;
    bool suffix;  // written after the unit (5个以上)
  };
  const Op ops[] = {{"≥", "≥", false},      {">=", "≥", false},     {"大于等于", "≥", false}, {"不少于", "≥", false},
                    {"不低于", "≥", false}, {">", "≥", false},      {"大于", "≥", false},     {"≤", "≤", false},
                    {"<=", "≤", false},     {"不超过", "≤", false}, {"<", "≤", false},        {"小于", "≤", false},
                    {"=", "=", false},      {"＝", "=", false},     {"以上", "≥", true},      {"以下", "≤", true},
                    {"", "", false}};
  struct Unit {
    const char* text;   // as written
    const char* shown;  // 度量单位 expected
    int max_digits;     // integer digits that stay inside Decimal's range with the scale
  };
  const Unit units[] = {{"个", "个", 9},         {"人次", "人次", 9}, {"场", "场", 9}, {"%", "%", 9},
                        {"％", "%", 9},          {"万元", "万元", 7}, {"元", "元", 9}, {"亿元", "亿元", 3},
                        {"万人次", "万人次", 7}, {"家", "家", 9},     {"篇", "篇", 9}, {"平方米", "平方米", 9}};
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    const Op& op = ops[pick(static_cast<int>(std::size(ops)))];
    const Unit& unit = units[pick(static_cast<int>(std::size(units)))];
    const bool ceiling = pick(2) == 0;
    // A number of 1..max integer digits and 0..4 decimals.
    const int digits = 1 + pick(unit.max_digits);
    std::string number = std::to_string(1 + pick(9));
    for (int d = 1; d < digits; ++d) number += static_cast<char>('0' + pick(10));
    const int places = pick(5);
    // A decimal with a four-digit integer part reads as a date today (issue 10, value branch).
    if (digits == 4 && places > 0) continue;
    if (places > 0) {
      number += '.';
      for (int d = 0; d < places; ++d) number += static_cast<char>('0' + pick(10));
    }
    const std::string expected_value = jx::Decimal::parse(number)->to_plain();
    std::string written = number;
    if (pick(4) == 0) {  // full-width digits and point
      std::u32string u;
      for (const char c : number) u += c == '.' ? U'．' : static_cast<char32_t>(U'０' + (c - '0'));
      written = jx::utf8_encode(u);
    }
    std::string text = op.suffix ? written + unit.text + op.text : op.text + written + unit.text;
    if (pick(3) == 0) text = " " + text + "  ";
    const std::string shown_op = op.shown[0] != '\0' ? op.shown : (ceiling ? "≤" : "≥");
    const jx::TargetCells c = split(text, ceiling);
    INFO("target “" << text << "” → " << c.op << " | " << c.value << " | " << c.unit);
    CHECK(same(c, shown_op, expected_value, unit.shown));
    ++checked;
  }
  CHECK(checked > 15000);
}

TEST_CASE("指标值拆分：拼回去（import 的读法）读数不变，否则整段放进指标值") {
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const std::vector<std::string> pieces{"≥",    "≤",    "=",    ">",    "<",  "约",     "余",    "5",    "0",
                                        "12",   ".",    "3",    "万",   "亿", "元",     "个",    "%",    "％",
                                        "-",    "～",   "至",   "年",   "月", "日",     "前",    "以上", "以下",
                                        "按时", "完成", "有效", "提升", " ",  "百分比", "1,000", "２",   "底"};
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 6);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    const jx::TargetCells c = split(text, rng() % 2 == 0);
    INFO("target “" << text << "” → " << c.op << " | " << c.value << " | " << c.unit);
    const jx::Value v = jx::parse_value(text);
    const bool shows_op = c.op == "≥" || c.op == "≤" || c.op == "=";
    const std::string joined = (shows_op && v.kind != jx::Value::Kind::Deadline ? c.op : "") + c.value + c.unit;
    const jx::Value w = jx::parse_value(joined);
    if (jx::trim(text).empty()) {
      CHECK(same(c, "", "", ""));
    } else if (v.kind == jx::Value::Kind::Number || v.kind == jx::Value::Kind::Range) {
      CHECK(w.kind == v.kind);
      CHECK(w.amount == v.amount);
      CHECK(w.high == v.high);
      CHECK(w.unit == v.unit);
    } else {
      CHECK(c.value == jx::trim(text));
      CHECK(c.unit.empty());
    }
  }
}

namespace {

// A random Sichuan project as YAML: 1-3 一级, 1-3 二级 each, 1-3 leaves each, of every kind
// (≥ / ≤ / = with units and scales, bare ceilings under 成本指标, ranges, deadlines,
// qualitative with a grade and a score in its band, not applicable), every fund source.
std::string random_project(std::mt19937& rng) {
  const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const auto money = [&] { return std::to_string(pick(1000)) + "." + std::to_string(10 + pick(90)); };
  std::string code = "5100002" + std::to_string(pick(10)) + "R";
  for (int i = 0; i < 12; ++i) code += static_cast<char>('0' + pick(10));
  std::string y = "kind: project\nyear: 2023\nrules: sichuan2023\ncode: \"" + code + "\"\nproject: 生成项目" +
                  std::to_string(pick(1000)) + "\ndepartment: 某厅\nunit: 某中心\n";
  if (pick(2)) y += "content: 实施内容" + std::to_string(pick(100)) + "\n";
  if (pick(2)) y += "conclusion: 结论" + std::to_string(pick(100)) + "\nproblems: 问题\nimprovements: 措施\n";
  if (pick(2)) y += "leads: {project: 张三, finance: 李四}\n";
  y += "funds:\n";
  for (const char* k : {"appropriation", "carryover", "special", "unit_funds", "other"}) {
    if (pick(3) == 0 && std::string(k) != "appropriation") continue;
    const std::string b = money();
    y += std::string("  ") + k + ": {initial: " + money() + ", budget: " + b +
         ", executed: " + (pick(2) ? b : money()) + "}\n";
  }
  y += "  reason: 原因\nindicators:\n";
  const char* units[] = {"个", "人次", "万元", "万人次", "%", "场", "亿元", "元"};
  const char* ops[] = {"≥", "≤", "=", ">", "<", "不少于", ""};
  // Leaf weights: integers adding up to 90.
  const int firsts = 1 + pick(3);
  std::vector<std::vector<int>> shape;
  int leaves = 0;
  for (int i = 0; i < firsts; ++i) {
    shape.emplace_back();
    for (int j = 0, n = 1 + pick(3); j < n; ++j) {
      shape.back().push_back(1 + pick(3));
      leaves += shape.back().back();
    }
  }
  std::vector<int> weights(static_cast<std::size_t>(leaves), 1);
  for (int left = 90 - leaves; left > 0; --left) ++weights[static_cast<std::size_t>(pick(leaves))];
  const char* first_names[] = {"产出指标", "效益指标", "满意度指标"};
  const char* second_names[] = {"数量指标", "质量指标", "成本指标"};
  int leaf = 0;
  for (int i = 0; i < firsts; ++i) {
    y += std::string("  - name: ") + first_names[i] + "\n    children:\n";
    for (std::size_t j = 0; j < shape[static_cast<std::size_t>(i)].size(); ++j) {
      const std::string second = second_names[j];
      y += "      - name: " + second + "\n        children:\n";
      for (int k = 0; k < shape[static_cast<std::size_t>(i)][j]; ++k, ++leaf) {
        const int w = weights[static_cast<std::size_t>(leaf)];
        // Names without digits (import reads a number in a name as a target written there).
        const char* stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
        std::string row =
            std::string("{name: 指标") + stems[leaf / 10 % 10] + stems[leaf % 10] + ", weight: " + std::to_string(w);
        const std::string unit = units[pick(8)];
        const std::string n = std::to_string(1 + pick(500));
        switch (pick(6)) {
          case 0:
          case 1:
            row += ", target: \"" + std::string(ops[pick(7)]) + n + unit + "\", actual: \"" +
                   std::to_string(pick(600)) + unit + "\", note: 说明";
            break;
          case 2:
            row += ", target: \"" + n + "-" + std::to_string(600 + pick(100)) + unit + "\", actual: \"" +
                   std::to_string(pick(800)) + unit + "\"";
            break;
          case 3:
            row += std::string(", target: \"2023年12月31日前\", actual: ") + (pick(2) ? "按时完成" : "2023年11月30日");
            break;
          case 4:
            // 70 % of the weight: inside the 部分达成 band [60 %, 80 %).
            row += ", target: 明显改善, actual: 有所改善, grade: 部分达成, score: " + std::to_string(w * 7 / 10) + "." +
                   std::to_string(w * 7 % 10);
            break;
          default: row += ", applicable: false";
        }
        y += "          - " + row + "}\n";
      }
    }
  }
  return y;
}

}  // namespace

TEST_CASE("四川表式往返：生成的项目 score → 表 → import → score 相同") {
  const unsigned seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const jx::RuleSet r = jxtest::rules("sichuan2023");
  int checked = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string yaml = random_project(rng);
    INFO(yaml);
    jxtest::Scored before = jxtest::score_text(yaml, r);
    REQUIRE(before.loaded);
    INFO(jxtest::messages(before.diags, true));
    REQUIRE_FALSE(before.diags.has_errors());
    const auto path = jxtest::temp_path("jixiao-sichuan-roundtrip", ".xlsx");
    {
      jx::xlsx::Workbook wb(path);
      jx::reports::write_project_sheet(wb, before.project, before.score, r);
      wb.close();
    }
    const auto grids = jx::xlsx::read_workbook(path);
    std::filesystem::remove(path);
    REQUIRE(grids.size() == 1);
    CHECK(jx::rules_hint(grids[0]) == "sichuan2023");
    jx::Diagnostics d;
    auto tables = jx::import_tables(grids, r, jxtest::layout(), d);
    REQUIRE(tables.size() == 1);
    INFO(jxtest::messages(tables[0].diagnostics));
    REQUIRE_FALSE(tables[0].diagnostics.has_errors());
    const std::string out = jx::load::write_project_yaml(tables[0].project, "t.xlsx");
    INFO(out);
    jxtest::Scored after = jxtest::score_text(out, r);
    REQUIRE(after.loaded);
    REQUIRE_FALSE(after.diags.has_errors());
    const jx::Project& a = after.project;
    const jx::Project& b = before.project;
    CHECK(after.score.total == before.score.total);
    CHECK(after.score.budget.score == before.score.budget.score);
    CHECK((a.code == b.code && a.name == b.name && a.content == b.content && a.conclusion == b.conclusion &&
           a.problems == b.problems && a.improvements == b.improvements && a.project_lead == b.project_lead &&
           a.finance_lead == b.finance_lead));
    const jx::FundRow& total = before.score.budget.lines.front().row;
    const jx::FundRow& total2 = after.score.budget.lines.front().row;
    for (const auto& spec : r.form->fund_rows) {
      const jx::FundRow x = jx::form_fund_row(spec, b.funds, total);
      const jx::FundRow y = jx::form_fund_row(spec, a.funds, total2);
      CHECK((x.initial == y.initial && x.budget == y.budget && x.executed == y.executed));
    }
    REQUIRE(after.score.leaves.size() == before.score.leaves.size());
    for (std::size_t k = 0; k < before.score.leaves.size(); ++k) {
      const jx::LeafScore& x = before.score.leaves[k];
      const jx::LeafScore& y = after.score.leaves[k];
      INFO(x.target << " → " << y.target);
      CHECK(x.path == y.path);
      CHECK(x.weight == y.weight);
      CHECK(x.applicable == y.applicable);
      CHECK(x.score == y.score);
      CHECK(x.actual == y.actual);
      const jx::Value vx = jx::parse_value(x.target);
      const jx::Value vy = jx::parse_value(y.target);
      CHECK((vx.kind == vy.kind && vx.amount == vy.amount && vx.high == vy.high && vx.unit == vy.unit));
    }
    ++checked;
  }
  CHECK(checked == 200);
}
