// Reading submitted 自评表 workbooks: the xlsx reader, the recognition of the
// table in several layouts, the YAML writer, the review findings and the
// round trip score → workbook → import → score.
#include "engine/table_import.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>

#include "engine/load/layout_loader.h"
#include "engine/load/project_writer.h"
#include "engine/review.h"
#include "engine/value.h"
#include "reports/project_table.h"
#include "reports/review_report.h"
#include "reports/xlsx_reader.h"
#include "support.h"

namespace {

using jxtest::layout;

std::string fixture(const std::string& name) {
  return std::string(JIXIAO_SOURCE_DIR) + "/tests/fixtures/" + name;
}

const jx::GridCell* cell(const jx::Grid& g, const std::string& address) {
  for (const auto& c : g.cells) {
    if (jx::cell_address(c.row, c.col) == address) return &c;
  }
  return nullptr;
}

std::string text(const jx::Grid& g, const std::string& address) {
  const jx::GridCell* c = cell(g, address);
  return c ? c->text : "<none>";
}

std::string read_error(const std::string& name, const jx::xlsx::ReadLimits& limits = {}) {
  try {
    jx::xlsx::read_workbook(fixture(name), limits);
  } catch (const jx::xlsx::ReadError& e) {
    return e.what();
  }
  return "<no error>";
}

struct Imported {
  std::vector<jx::ImportedTable> tables;
  jx::Diagnostics diags;
};

Imported import_fixture(const std::string& name, const jx::RuleSet& rules) {
  Imported out;
  out.tables = jx::import_tables(jx::xlsx::read_workbook(fixture(name)), rules, layout(), out.diags);
  return out;
}

// A grid from rows of text; "" leaves a cell empty, numbers stay text.
jx::Grid grid(const std::vector<std::vector<std::string>>& rows) {
  jx::Grid g;
  g.sheet = "Sheet1";
  for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
    for (int c = 0; c < static_cast<int>(rows[static_cast<std::size_t>(r)].size()); ++c) {
      const std::string& t = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)];
      if (!t.empty()) g.cells.push_back({r, c, t, std::nullopt, false});
    }
  }
  return g;
}

// A minimal table in the 附件1 column order; `leaves` are rows from the 一级 column on.
std::vector<std::vector<std::string>> minimal(const std::vector<std::vector<std::string>>& leaves) {
  std::vector<std::vector<std::string>> rows{
      {"项目支出绩效自评表（2022年度）"},
      {"项目名称", "测试项目"},
      {"", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
      {"", "年度资金总额", "100", "100", "100", "10", "100%", "10"},
      {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}};
  for (const auto& l : leaves) rows.push_back(l);
  return rows;
}

// Every row's class (无法核实 included) in row order, then the table's findings.
std::vector<std::string> codes(const jx::TableReview& r) {
  std::vector<std::string> out;
  for (const auto& row : r.rows) {
    if (!row.code.empty()) out.push_back(row.code + ":" + row.path.back());
  }
  for (const auto& f : r.findings) {
    if (f.row.empty()) out.push_back(f.code);
  }
  return out;
}

jx::TableReview review(const jx::ImportedTable& t, const jx::RuleSet& rules) {
  return jx::review_table(t, jx::score_project(t.project, rules), rules);
}

}  // namespace

TEST_CASE("读取工作簿：共享字符串、富文本、内联字符串、数值、百分比格式、公式缓存值、合并区域") {
  const auto grids = jx::xlsx::read_workbook(fixture("raw-cells.xlsx"));
  REQUIRE(grids.size() == 1);
  const jx::Grid& g = grids[0];
  CHECK(g.sheet == "表一");
  CHECK(text(g, "A1") == "项目名称");
  CHECK(text(g, "B1") == "富文本（两段）");  // the phonetic run is not shown
  CHECK(text(g, "C1") == "A&B");
  CHECK(text(g, "A2") == "内联文字");
  REQUIRE(cell(g, "B2")->number);
  CHECK(*cell(g, "B2")->number == *jx::Decimal::parse("89.66"));
  CHECK(text(g, "C2") == "95%");
  CHECK(cell(g, "C2")->percent);
  CHECK(text(g, "D2") == "97.85%");
  CHECK(text(g, "E2") == "TRUE");
  CHECK(text(g, "A3") == "179.32");  // a formula's cached value
  CHECK(text(g, "B3") == "甲乙");
  CHECK(text(g, "C3") == "#DIV/0!");
  CHECK(text(g, "D3") == "9.78");  // 9.7799999999999994 as Excel stores it
  CHECK(text(g, "E3") == "0.0015");
  CHECK(text(g, "F3") == "2022年11月30日");  // date formats: built-in 14 and a custom yyyy"年"m"月"d"日"
  CHECK(text(g, "G3") == "2022年12月31日");
  CHECK(cell(g, "F3")->number->to_plain() == "44895");
  CHECK(text(g, "A4") == "7");  // rows and cells without an address follow the previous ones
  CHECK(text(g, "B4") == "8");
  REQUIRE(g.merges.size() == 1);
  CHECK((g.merges[0].r1 == 4 && g.merges[0].c1 == 0 && g.merges[0].r2 == 5 && g.merges[0].c2 == 2));
}

TEST_CASE("读取工作簿：Excel 的数值文字精确转换为小数") {
  using jx::xlsx::parse_xml_number;
  CHECK(parse_xml_number("89.66")->to_plain() == "89.66");
  CHECK(parse_xml_number("-0.5")->to_plain() == "-0.5");
  CHECK(parse_xml_number("1E3")->to_plain() == "1000");
  CHECK(parse_xml_number("19.989999999999998")->to_plain() == "19.99");
  CHECK(parse_xml_number("0.0000004")->to_plain() == "0");
  CHECK(parse_xml_number("0.0000005")->to_plain() == "0.000001");
  CHECK(parse_xml_number("0")->to_plain() == "0");
  CHECK_FALSE(parse_xml_number("1E300"));
  CHECK_FALSE(parse_xml_number("abc"));
  CHECK_FALSE(parse_xml_number(""));
  CHECK_FALSE(parse_xml_number("1e"));
}

TEST_CASE("读取工作簿：坏文件给出清楚的错误而不崩溃") {
  CHECK(read_error("not-a-zip.xlsx") == "不是 Excel 工作簿（.xlsx）：文件不是 zip 格式");
  CHECK(read_error("raw-truncated.xlsx") == "工作簿已损坏，无法打开（zip 结构错误）");
  CHECK(read_error("raw-doctype.xlsx") ==
        "工作簿中的 xl/worksheets/sheet1.xml 含有 DOCTYPE/实体声明，出于安全原因拒绝读取");
  CHECK_THAT(read_error("raw-bad-xml.xlsx"), Catch::Contains("xl/worksheets/sheet1.xml 不是有效的 XML"));
  CHECK(read_error("raw-bad-ref.xlsx") == "工作表“表一”的单元格地址“ZZZZ1”无效");
  CHECK(read_error("does-not-exist.xlsx") == "无法打开文件");
  jx::xlsx::ReadLimits small;
  small.max_entry_bytes = 1u << 20;
  CHECK(read_error("raw-big.xlsx", small) == "工作簿中的 xl/worksheets/sheet1.xml 解压后 3 MB，超过上限 1 MB");
  // The directory claims 100 bytes: reading stops at the cap anyway.
  CHECK(read_error("raw-lying-size.xlsx", small) != "<no error>");
  small.max_entries = 2;
  CHECK(read_error("raw-cells.xlsx", small) == "工作簿中的文件数（5）超过上限 2");
  small = {};
  small.max_cells = 3;
  CHECK(read_error("raw-cells.xlsx", small) == "工作簿的非空单元格超过上限");
  CHECK_THROWS_AS(jx::xlsx::read_workbook_bytes(""), jx::xlsx::ReadError);
  CHECK_THROWS_AS(jx::xlsx::read_workbook_bytes(std::string("PK\x03\x04garbage", 11)), jx::xlsx::ReadError);
}

TEST_CASE("识别自评表：财预〔2020〕10号 附件1，合并的一级、二级单元格") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("mof-merged.xlsx", r);
  REQUIRE(in.tables.size() == 1);
  const jx::ImportedTable& t = in.tables[0];
  CHECK_FALSE(t.diagnostics.has_errors());
  const jx::Project& p = t.project;
  CHECK(p.name == "乡村文化振兴项目");
  CHECK(p.department == "某县文化广电旅游局");
  CHECK(p.unit == "某县文化馆");
  CHECK(p.year == 2022);
  CHECK(p.rules == "mof2020");
  CHECK(p.funds.total.budget.to_plain() == "100");
  CHECK(p.funds.total.executed.to_plain() == "95");
  CHECK(p.funds.total.initial.to_plain() == "120");
  CHECK(p.funds.declared_score->to_plain() == "9.5");
  CHECK(t.declared_budget_weight->to_plain() == "10");
  CHECK(p.goal_expected == "开展文化下乡演出，提升群众满意度");
  CHECK(p.goal_achieved == "完成演出 8 场，满意度 92%");
  REQUIRE(p.indicators.size() == 3);
  const jx::Indicator& output = p.indicators[0];
  CHECK(output.name == "产出指标");
  REQUIRE(output.children.size() == 3);
  CHECK(output.children[0].name == "数量指标");
  CHECK(output.children[0].children.size() == 3);  // the 其中… row is not an indicator
  CHECK(output.children[1].children.size() == 2);
  const jx::Indicator& effect = p.indicators[1];
  REQUIRE(effect.children.size() == 2);
  CHECK(effect.children[0].name == "经济效益指标");  // an empty 二级 row is kept
  CHECK(effect.children[0].children.empty());
  CHECK_FALSE(effect.children[0].is_leaf());
  const jx::Indicator& judged = effect.children[1].children[0];
  CHECK(judged.name == "群众文化生活");
  CHECK(*judged.grade == "达成");
  CHECK_FALSE(judged.score);  // 7 is outside the band of 达成
  const jx::Indicator& leaf = output.children[0].children[0];
  CHECK(*leaf.target == "≥4754人次");
  CHECK(*leaf.actual == "4604人次");
  CHECK(leaf.weight->to_plain() == "5");
  CHECK(leaf.declared_score->to_plain() == "5");
  CHECK(jx::cell_address(leaf.loc.line - 1, leaf.loc.col - 1) == "D14");
  CHECK(p.declared_score->to_plain() == "89.5");
  CHECK(*t.declared_grade == "良");
}

TEST_CASE("识别自评表：四川格式，金额为元，年度指标值分三格，未合并的空白单元格继承上一行") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("sichuan-split.xlsx", r);
  REQUIRE(in.tables.size() == 1);
  const jx::ImportedTable& t = in.tables[0];
  CHECK_FALSE(t.diagnostics.has_errors());
  const jx::Project& p = t.project;
  CHECK(p.name == "基层文化设施运行");  // 编码-名称: the code is the project's `code`
  CHECK(p.code == "51000021R000000019951");
  CHECK(p.unit == "某市图书馆");
  CHECK(p.year == 2023);
  CHECK(p.funds.total.budget.to_plain() == "50");  // 500000 元
  CHECK(p.funds.total.executed.to_plain() == "48");
  CHECK(p.funds.appropriation.budget.to_plain() == "50");
  CHECK_FALSE(p.funds.other.present);  // 财政专户管理资金, 单位资金, 其他资金: rows of zeros say nothing
  CHECK(p.funds.reason == "部分采购合同尾款跨年支付");  // the 原因 column of the 总额 row
  REQUIRE(p.indicators.size() == 3);
  const auto& quantity = p.indicators[0].children[0];
  REQUIRE(quantity.children.size() == 2);
  CHECK(*quantity.children[0].target == "≥300天");
  CHECK(quantity.children[0].weight->to_plain() == "20");  // "20%"
  CHECK(quantity.children[1].declared_score->to_plain() == "16.67");
  CHECK(*p.indicators[0].children[1].children[0].target == "≥95%");  // 百分比
  CHECK(*p.indicators[0].children[2].children[0].target == "≤50万元");
  CHECK(p.indicators[0].children[2].name == "成本指标");
  CHECK(p.declared_score->to_plain() == "86.67");
  CHECK(t.declared_total_weight->to_plain() == "100");
  const jx::ProjectScore s = jx::score_project(p, r);
  CHECK(s.total.to_plain() == "96.27");
}

TEST_CASE("识别自评表：分值列在指标值之前，一级指标名带“(60分)”，数字存为文字") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("weights-first.xlsx", r);
  REQUIRE(in.tables.size() == 1);
  const jx::Project& p = in.tables[0].project;
  CHECK(p.name == "道路养护项目");
  CHECK(p.year == 2022);
  REQUIRE(p.indicators.size() == 3);
  CHECK(p.indicators[0].name == "产出指标");
  CHECK(p.indicators[1].name == "效益指标");
  CHECK(p.indicators[0].children[1].name == "质量指标");
  const auto& judged = p.indicators[1].children[0].children[0];
  CHECK(*judged.grade == "达成");
  CHECK(judged.score->to_plain() == "27");  // inside the band: the unit's judgement stands
  CHECK(p.funds.total.budget.to_plain() == "80");
  CHECK(*in.tables[0].declared_grade == "优");
}

TEST_CASE("识别自评表：没有自评表的工作簿是一条错误") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("no-table.xlsx", r);
  CHECK(in.tables.empty());
  REQUIRE(in.diags.items().size() == 1);
  CHECK(jx::format_table_diagnostic("表.xlsx", "", in.diags.items()[0]) ==
        "表.xlsx: 错误: 工作簿中找不到项目支出绩效自评表（工作表：说明）\n"
        "  提示: 自评表应有“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头");
}

TEST_CASE("识别自评表：无法放置的内容报告工作表和单元格") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "", "5"},
                                                 {"", "", "乙", "≥5个", "5个", "十", "5"},
                                                 {"", "", "", "≥5个", "5个", "5", "5"},
                                                 {"总分", "", "", "", "", "100", "100"}}))},
                                  r, layout(), d);
  REQUIRE(tables.size() == 1);
  std::string all;
  for (const auto& x : tables[0].diagnostics.sorted()) {
    if (x.severity == jx::Severity::Error) all += jx::format_table_diagnostic("表.xlsx", "Sheet1", x) + "\n";
  }
  CHECK(all ==
        "表.xlsx:Sheet1!F6: 错误: 指标“甲”没有分值\n"
        "表.xlsx:Sheet1!F7: 错误: 分值“十”不是数字\n"
        "  提示: 填写分值，如 5 或 5%\n"
        "表.xlsx:Sheet1!C8: 错误: 第 8 行有分值或得分，但三级指标名称为空\n");
  // A missing column is named with the header's position.
  d = {};
  tables = jx::import_tables({grid({{"项目名称", "甲"},
                                    {"", "全年预算数", "全年执行数"},
                                    {"年度资金总额", "1", "1"},
                                    {"一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分"}})},
                             r, layout(), d);
  REQUIRE(tables.size() == 1);
  REQUIRE(tables[0].diagnostics.has_errors());
  const auto first_error = std::find_if(tables[0].diagnostics.items().begin(), tables[0].diagnostics.items().end(),
                                        [](const jx::Diagnostic& x) { return x.severity == jx::Severity::Error; });
  CHECK(jx::format_table_diagnostic("表.xlsx", "Sheet1", *first_error) ==
        "表.xlsx:Sheet1!C4: 错误: 绩效指标表头中找不到“实际完成值”列\n"
        "  提示: 表头应为 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分");
}

TEST_CASE("复核：逐行比较自报与计算得分并归类") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("mof-merged.xlsx", r);
  REQUIRE(in.tables.size() == 1);
  const jx::TableReview rv = review(in.tables[0], r);
  CHECK(rv.computed_total.to_plain() == "97.12");
  CHECK(rv.computed_grade == "优");
  CHECK(codes(rv) == std::vector<std::string>{"full-despite-shortfall:培训人次", "above-weight:新建文化站",
                                              "other:文化下乡演出", "rounded-whole:设备验收合格率",
                                              "deduction-although-met:演出合格率", "outside-band:群众文化生活",
                                              "total-differs"});
  CHECK(rv.rows.at(1).reason == "未完成目标仍给满分 5；按规则 4.84 分（正向：完成率 96.84%）");
  CHECK(rv.rows.at(4).reason ==
        "自报 9 分，按规则 9.78 分：得分被取整（舍去小数），应保留 2 位小数（正向：完成率 97.80%）");
  CHECK(rv.rows.at(5).reason == "目标已完成，应得满分 10，自报只给 7 分（正向：完成率 100.00%）");
  CHECK(rv.findings.back().text == "自报总分 89.50（良），按规则 97.12（优），相差 -7.62");
}

TEST_CASE("复核：总分未计预算执行得分、分值合计不是 100、总分不等于各行之和") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const jx::TableReview sichuan = review(import_fixture("sichuan-split.xlsx", r).tables.at(0), r);
  CHECK(codes(sichuan) == std::vector<std::string>{"budget-left-out", "total-differs"});
  CHECK(sichuan.findings[0].text == "自报总分 86.67 等于各指标得分之和，未计入预算执行得分 9.6");
  const jx::TableReview weights = review(import_fixture("weights-first.xlsx", r).tables.at(0), r);
  CHECK(codes(weights) == std::vector<std::string>{"weights-not-100", "total-not-sum", "total-differs"});
  CHECK(weights.findings[0].text == "分值合计 110（预算执行 10 + 各指标 100），应为 100");
  CHECK(weights.findings[1].text == "自报总分 95，而预算执行得分 10 + 各指标得分 97 = 107");
}

TEST_CASE("复核：无法按规则计分的行和预算执行得分取整") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto rows = minimal({{"产出指标", "数量指标", "甲", "≥5个", "5场", "50", "50"},
                       {"效益指标", "社会效益指标", "乙", "≥5个", "5个", "30", "30"},
                       {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                       {"总分", "", "", "", "", "100", "100"}});
  rows[3] = {"", "年度资金总额", "100", "100", "97.5", "10", "97.5%", "9"};
  auto tables = jx::import_tables({grid(rows)}, r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::TableReview rv = review(tables[0], r);
  CHECK(codes(rv) ==
        std::vector<std::string>{"rounded-whole:预算执行率", "score-error:甲", "total-not-sum", "total-differs"});
  CHECK(rv.rows[1].reason == "实际完成值的单位“场”与年度指标值的单位“个”不一致");
  CHECK_FALSE(rv.rows[1].computed_ok);
}

TEST_CASE("YAML 写出：字符串安全加引号，读回得到同一项目") {
  CHECK(jx::load::yaml_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(jx::load::yaml_quote("> 5") == "\"> 5\"");
  CHECK(jx::load::yaml_quote(std::string("\x01", 1)) == "\"\\x01\"");
  jx::Project p;
  p.year = 2022;
  p.rules = "mof2020";
  p.name = "名称: \"引号\" # 不是注释\n第二行";
  p.funds.given = true;
  p.funds.total = {true, false, {}, jx::Decimal(10), jx::Decimal(10), jx::Decimal(9)};
  p.funds.declared_score = jx::Decimal(9);
  auto node = [](const std::string& name) {
    jx::Indicator i;
    i.name = name;
    i.has_children_key = true;
    return i;
  };
  jx::Indicator first = node("产出指标");
  jx::Indicator second = node("数量指标");
  jx::Indicator leaf;
  leaf.name = "- 甲";
  leaf.weight = jx::Decimal(90);
  leaf.target = "≥5个";
  leaf.actual = "@5个";
  leaf.note = "'说明'";
  leaf.declared_score = jx::Decimal(90);
  second.children.push_back(leaf);
  first.children.push_back(second);
  first.children.push_back(node("质量指标"));
  p.indicators.push_back(first);
  const std::string yaml = jx::load::write_project_yaml(p, "t.xlsx:Sheet1");
  jx::Diagnostics d;
  auto back = jx::load::load_project(yaml, d);
  REQUIRE(back);
  CHECK_FALSE(d.has_errors());
  CHECK(back->name == p.name);
  CHECK(back->funds.declared_score->to_plain() == "9");
  const jx::Indicator& l = back->indicators.at(0).children.at(0).children.at(0);
  CHECK(l.name == "- 甲");
  CHECK(*l.actual == "@5个");
  CHECK(l.note == "'说明'");
  CHECK(l.declared_score->to_plain() == "90");
  CHECK(back->indicators[0].children[1].children.empty());
  CHECK_FALSE(back->indicators[0].children[1].is_leaf());
}

namespace {

// score → the engine's workbook → read → import → YAML → load → score.
void round_trip(const std::string& yaml) {
  std::string id = "mof2020";
  for (const char* x : {"hubei2022", "sichuan2023"}) {
    if (yaml.find(std::string("rules: ") + x) != std::string::npos) id = x;
  }
  const jx::RuleSet r = jxtest::rules(id);
  jxtest::Scored before = jxtest::score_text(yaml, r);
  REQUIRE(before.loaded);
  INFO(jxtest::messages(before.diags, true));
  REQUIRE_FALSE(before.diags.has_errors());
  const auto path = jxtest::temp_path("jixiao-roundtrip-test", ".xlsx");
  {
    jx::xlsx::Workbook wb(path);
    jx::reports::write_project_table(wb, before.project, before.score, r);
    wb.close();
  }
  const auto grids = jx::xlsx::read_workbook(path);
  std::filesystem::remove(path);
  CHECK(jx::rules_hint(grids.at(0)) == id);
  jx::Diagnostics d;
  auto tables = jx::import_tables(grids, r, layout(), d);
  REQUIRE(tables.size() == 1);
  INFO(jxtest::messages(tables[0].diagnostics));
  CHECK_FALSE(tables[0].diagnostics.has_errors());
  const std::string out = jx::load::write_project_yaml(tables[0].project, "t.xlsx");
  INFO(out);
  jxtest::Scored after = jxtest::score_text(out, r);
  REQUIRE(after.loaded);
  CHECK_FALSE(after.diags.has_errors());
  CHECK(after.score.total == before.score.total);
  CHECK(after.score.grade == before.score.grade);
  CHECK(after.score.budget.score == before.score.budget.score);
  REQUIRE(after.score.leaves.size() == before.score.leaves.size());
  for (std::size_t i = 0; i < before.score.leaves.size(); ++i) {
    CHECK(after.score.leaves[i].path == before.score.leaves[i].path);
    CHECK(after.score.leaves[i].score == before.score.leaves[i].score);
    CHECK(after.score.leaves[i].applicable == before.score.leaves[i].applicable);
  }
  // The engine's table does not print a qualitative row's grade: where the
  // actual is free text, the review can only list the row as 无法核实.
  const jx::TableReview rv = review(tables[0], r);
  for (const auto& c : codes(rv)) {
    INFO(c);
    CHECK(c.rfind("unverifiable:", 0) == 0);
  }
}

}  // namespace

TEST_CASE("往返：示例 score → 自评表 → import → score 得分相同，review 无差异") {
  round_trip(jxtest::read_source("indicators/examples/kepu-2022.yaml"));
}

TEST_CASE("往返：生成的自评文件（定性评分、不适用、反向、区间、空二级、湖北规则）") {
  const std::string head = "kind: project\nyear: 2022\nproject: 生成项目\ndepartment: 某局\nunit: 某中心\n";
  const std::string funds =
      "funds:\n  total: {initial: 100, budget: 80, executed: 77.77}\n"
      "  appropriation: {initial: 100, budget: 80, executed: 77.77}\n  reason: 年中调减\n";
  round_trip(head + "rules: mof2020\n" + funds +
             "indicators:\n"
             "  - name: 产出指标\n    children:\n"
             "      - name: 数量指标\n        children:\n"
             "          - {name: 培训, weight: 10, target: \"≥4754人次\", actual: \"4604人次\", note: 天气}\n"
             "          - {name: 区间, weight: 10, target: \"90%-100%\", actual: \"85%\", note: 偏低}\n"
             "          - {name: 不适用指标, weight: 5, applicable: false}\n"
             "      - name: 成本指标\n        children:\n"
             "          - {name: 成本, weight: 15, target: \"≤100万元\", actual: \"120万元\", note: 超支}\n"
             "      - name: 时效指标\n        children:\n"
             "          - {name: 完成时间, weight: 10, target: \"2022年12月底前\", actual: \"2022年11月30日\"}\n"
             "  - name: 效益指标\n    children:\n"
             "      - name: 经济效益指标\n        children:\n"
             "      - name: 社会效益指标\n        children:\n"
             "          - {name: 定性, weight: 15, target: 有效提升, actual: 效果明显, grade: 部分达成, score: 10.5, "
             "note: 一般}\n"
             "          - {name: 定性二, weight: 15, target: 有效提升, actual: 达成预期指标}\n"
             "  - name: 满意度指标\n    children:\n"
             "      - name: 服务对象满意度指标\n        children:\n"
             "          - {name: 满意度, weight: 10, target: \"≥90%\", actual: \"88.5%\", note: 略低}\n");
  round_trip(head + "rules: hubei2022\n" + funds +
             "indicators:\n"
             "  - name: 产出指标\n    children:\n"
             "      - name: 数量指标\n        children:\n"
             "          - {name: 甲, weight: 40, target: \"≥10个\", actual: \"9个\", note: 少}\n"
             "  - name: 效益指标\n    children:\n"
             "      - name: 社会效益指标\n        children:\n"
             "          - {name: 乙, weight: 30, target: 明显改善, actual: 有所改善, grade: 部分达成, score: 18, "
             "note: 一般}\n"
             "  - name: 满意度指标\n    children:\n"
             "      - name: 服务对象满意度指标\n        children:\n"
             "          - {name: 丙, weight: 10, target: \"≥90%\", actual: \"95%\"}\n");
  round_trip(head + "rules: sichuan2023\n" +
             "funds:\n  total: {initial: 50, budget: 50, executed: 45}\n  reason: 延期\n" +
             "indicators:\n"
             "  - name: 产出指标\n    children:\n"
             "      - name: 数量指标\n        children:\n"
             "          - {name: 甲, weight: 30, target: \"≥10个\", actual: \"9.5个\", note: 少}\n"
             "          - {name: 乙, weight: 30, target: \"≤5天\", actual: \"6天\", note: 慢}\n"
             "  - name: 效益指标\n    children:\n"
             "      - name: 社会效益指标\n        children:\n"
             "          - {name: 丙, weight: 30, target: \"≥98%\", actual: \"97.5%\", note: 略低}\n");
}

TEST_CASE("数值文字“97.5”是数，不是日期（四位年份才构成日期）") {
  CHECK(jx::parse_value("97.5").kind == jx::Value::Kind::Number);
  CHECK(jx::parse_value("97.5").amount.to_plain() == "97.5");
  CHECK(jx::parse_value("12.5").kind == jx::Value::Kind::Number);
  CHECK(jx::parse_value("2022.12.31").kind == jx::Value::Kind::Date);
  CHECK(jx::parse_value("2022-12-31前").kind == jx::Value::Kind::Deadline);
}

TEST_CASE("识别自评表：年度指标值写在指标名称中、实际完成值重复比较符") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables =
      jx::import_tables({grid(minimal({{"产出指标", "数量指标", "年度资金支付完成率100%", "", "98%", "50", "49"},
                                       {"效益指标", "社会效益指标", "修建道路", "≥266米", "≥266米", "30", "30"},
                                       {"满意度指标", "服务对象满意度指标", "满意度(≥**人)", "", "95%", "10", "10"},
                                       {"总分", "", "", "", "", "100", "99"}}))},
                        r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::Project& p = tables[0].project;
  CHECK(*p.indicators[0].children[0].children[0].target == "100%");
  CHECK_FALSE(p.indicators[2].children[0].children[0].target);  // a placeholder is not a target
  const jx::TableReview rv = review(tables[0], r);
  CHECK(rv.rows[1].computed.to_plain() == "49");
  CHECK(rv.rows[2].computed.to_plain() == "30");
  CHECK(rv.rows[3].code == "score-error");  // no target: reported, not guessed
}

TEST_CASE("读取工作簿：随机损坏的字节只会得到错误，不会崩溃或卡住") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  for (const char* name : {"mof-merged.xlsx", "sichuan-split.xlsx", "raw-cells.xlsx"}) {
    const std::string good = jxtest::read_source(std::string("tests/fixtures/") + name);
    std::uint32_t seed = 12345;
    auto next = [&seed] {
      seed = seed * 1664525u + 1013904223u;
      return seed >> 8;
    };
    for (int i = 0; i < 150; ++i) {
      std::string bytes = good;
      const int flips = 1 + static_cast<int>(next() % 8);
      for (int k = 0; k < flips; ++k) bytes[next() % bytes.size()] = static_cast<char>(next() & 0xff);
      if (i % 10 == 0) bytes.resize(next() % bytes.size());
      try {
        jx::Diagnostics d;
        const auto tables = jx::import_tables(jx::xlsx::read_workbook_bytes(bytes), r, layout(), d);
        for (const auto& t : tables) (void)jx::review_table(t, jx::score_project(t.project, r), r);
      } catch (const jx::xlsx::ReadError&) {
        // expected for most mutations
      }
    }
  }
  SUCCEED();
}

TEST_CASE("识别自评表：两行表头、(A)/(B) 标记、小计行、“≤ | 2021年11月”期限；一致的表复核无问题") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  Imported in = import_fixture("two-row-header.xlsx", r);
  REQUIRE(in.tables.size() == 1);
  const jx::ImportedTable& t = in.tables[0];
  CHECK_FALSE(t.diagnostics.has_errors());
  const jx::Project& p = t.project;
  CHECK(p.name == "农村饮水安全工程");
  CHECK(p.department == "某县水利局");
  CHECK(p.unit == "某县水务公司");
  CHECK(p.year == 2021);
  CHECK(p.funds.total.budget.to_plain() == "180");
  REQUIRE(p.indicators.size() == 3);
  const auto& output = p.indicators[0];
  REQUIRE(output.children.size() == 3);  // 数量, 质量, 时效: the 小计 row is no 二级
  CHECK(*output.children[1].children[0].target == "=100%");
  CHECK(*output.children[1].children[0].actual == "100%");
  CHECK(*output.children[2].children[0].target == "2021年11月前");
  const jx::TableReview rv = review(t, r);
  CHECK(rv.computed_total.to_plain() == "99.08");
  CHECK(codes(rv).empty());
}

TEST_CASE("复核：行以外的规则错误（全年预算数为 0）") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto rows = minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "50", "50"},
                       {"效益指标", "社会效益指标", "乙", "≥5个", "5个", "30", "30"},
                       {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                       {"总分", "", "", "", "", "100", "100"}});
  rows[3] = {"", "年度资金总额", "0", "0", "0", "10", "—", "10"};
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(rows)}, r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::TableReview rv = review(tables[0], r);
  const auto it =
      std::find_if(rv.findings.begin(), rv.findings.end(), [](const jx::Finding& f) { return f.code == "rule-error"; });
  REQUIRE(it != rv.findings.end());
  CHECK(it->label == "不符合规则集");
  CHECK(it->text == "全年预算数为 0，无法计算预算执行率");
}

TEST_CASE("复核：两位小数的取舍不同归为其他差异并说明") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥100%", "96.85%", "10", "9.68"},
                                                 {"", "", "乙", "≥1个", "1个", "40", "40"},
                                                 {"效益指标", "社会效益指标", "丙", "≥5个", "5个", "30", "30"},
                                                 {"满意度指标", "服务对象满意度指标", "丁", "≥90%", "95%", "10", "10"},
                                                 {"总分", "", "", "", "", "100", "99.68"}}))},
                                  r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::TableReview rv = review(tables[0], r);
  CHECK(codes(rv) == std::vector<std::string>{"other:甲", "total-differs"});
  CHECK(rv.rows[1].reason ==
        "自报 9.68 分，按规则 9.69 分（正向：完成率 96.85%）；相差不超过 0.01，多为小数取舍不同（应四舍五入到 2 位）");
}

TEST_CASE("识别自评表：财政专户管理资金、单位资金各为一行来源；总额为 0 时按各来源之和") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto rows =
      minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "90", "90"}, {"总分", "", "", "", "", "100", "100"}});
  rows.insert(rows.begin() + 4, {{"", "其中：财政资金", "80", "80", "80"},
                                 {"", "财政专户管理资金", "10", "10", "10"},
                                 {"", "单位资金", "5", "5", "5"},
                                 {"", "其他资金", "5", "5", "5"}});
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(rows)}, r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::Funds& f = tables[0].project.funds;
  CHECK(f.appropriation.budget.to_plain() == "80");
  CHECK(f.special.budget.to_plain() == "10");
  CHECK(f.unit_funds.budget.to_plain() == "5");
  CHECK(f.other.budget.to_plain() == "5");
  CHECK_FALSE(jx::score_project(tables[0].project, r).diagnostics.has_errors());
  rows[3] = {"", "年度资金总额", "0", "0", "0", "10", "—", "10"};
  tables = jx::import_tables({grid(rows)}, r, layout(), d);
  REQUIRE(tables.size() == 1);
  CHECK_FALSE(tables[0].project.funds.total.present);
  CHECK(jxtest::messages(tables[0].diagnostics).find("年度资金总额一行为 0，金额填在各来源行上") != std::string::npos);
  CHECK(jx::score_project(tables[0].project, r).budget.budget.to_plain() == "100");
}

namespace {

// A small deterministic generator (seeded; the seed is printed with every failure).
struct Rng {
  std::uint64_t s;
  std::uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(s >> 33);
  }
  std::size_t below(std::size_t n) { return next() % n; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

}  // namespace

TEST_CASE("import 写出的 YAML 对读到的每个指标值都能再次计分（以 YAML 特殊字符开头的文字，生成）") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  // What a cell may begin with: YAML indicators, quotes, comparators, signs, spaces, odd Unicode.
  const std::vector<std::string> leads{">",
                                       "<",
                                       "=",
                                       "%",
                                       "@",
                                       "-",
                                       "*",
                                       "\"",
                                       "'",
                                       "#",
                                       ":",
                                       "!",
                                       "&",
                                       "|",
                                       "?",
                                       "{",
                                       "}",
                                       "[",
                                       "]",
                                       ",",
                                       "`",
                                       "~",
                                       "\\",
                                       "＝",
                                       "≥",
                                       "≤",
                                       "＞",
                                       "＜",
                                       "- ",
                                       "? ",
                                       ": ",
                                       "# ",
                                       "…",
                                       "\xC2\x85",
                                       "\xE2\x80\xA8",
                                       "\xEF\xBB\xBF",
                                       "null",
                                       "true",
                                       "0x",
                                       "1e",
                                       ".inf",
                                       ""};
  const std::vector<std::string> bodies{
      "较上年提高", "有所提高", "达成预期指标", "部分达成预期指标", "5个",  "95%", "效果明显", "null", "~",
      "是",         "",         "2022年底前",   "按时完成",         "一般", "较好"};
  const std::vector<std::string> tails{"", " ", "\xE2\x80\xA9", "\\n", "\"", "'", " #注", ":"};
  const std::uint64_t seed = 20261130;
  Rng g{seed};
  int cases = 0;
  for (int t = 0; t < 300; ++t) {
    std::vector<std::vector<std::string>> leaves;
    const int n = 4;
    std::vector<std::string> targets, actuals;
    for (int i = 0; i < n; ++i) {
      targets.push_back(g.pick(leads) + g.pick(bodies) + g.pick(tails));
      actuals.push_back(g.pick(leads) + g.pick(bodies) + g.pick(tails));
      const std::string w = i == 0 ? "60" : "10";
      leaves.push_back({i == 0 ? "产出指标" : "", i == 0 ? "数量指标" : "", "指标" + std::to_string(i), targets.back(),
                        actuals.back(), w, std::to_string(g.below(11))});
    }
    leaves.push_back({"总分", "", "", "", "", "100", "90"});
    jx::Diagnostics d;
    auto tables = jx::import_tables({grid(minimal(leaves))}, r, layout(), d);
    REQUIRE(tables.size() == 1);
    const jx::Project& before = tables[0].project;
    const jx::ProjectScore s1 = jx::score_project(before, r);
    const std::string yaml = jx::load::write_project_yaml(before, "t.xlsx");
    jxtest::Scored after = jxtest::score_text(yaml, r);
    INFO("seed " << seed << ", table " << t << "\n" << yaml << "\n" << jxtest::messages(after.diags, true));
    REQUIRE(after.loaded);
    std::vector<const jx::Indicator*> a, b;
    std::function<void(const std::vector<jx::Indicator>&, std::vector<const jx::Indicator*>&)> leaves_of =
        [&](const std::vector<jx::Indicator>& v, std::vector<const jx::Indicator*>& out) {
          for (const auto& i : v) i.is_leaf() ? out.push_back(&i) : leaves_of(i.children, out);
        };
    leaves_of(before.indicators, a);
    leaves_of(after.project.indicators, b);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      ++cases;
      CHECK(a[i]->target == b[i]->target);
      CHECK(a[i]->actual == b[i]->actual);
      CHECK(a[i]->grade == b[i]->grade);
      CHECK(a[i]->declared_score == b[i]->declared_score);
    }
    REQUIRE(s1.leaves.size() == after.score.leaves.size());
    for (std::size_t i = 0; i < s1.leaves.size(); ++i) {
      CHECK(after.score.leaves[i].score == s1.leaves[i].score);
      CHECK(after.score.leaves[i].basis == s1.leaves[i].basis);
    }
    // The same errors, row by row: a target the rules cannot read fails in the table and in the YAML alike.
    auto error_codes = [](const jx::Diagnostics& x) {
      std::vector<std::string> out;
      for (const auto& e : x.items()) {
        if (e.severity == jx::Severity::Error) out.push_back(e.code);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    CHECK(error_codes(after.diags) == error_codes(s1.diagnostics));
    // A comparator followed by words ("=较上年提高") is qualitative text: it always scores.
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string& tg = a[i]->target.value_or("");
      if (!tg.empty() && jx::parse_value(tg).kind == jx::Value::Kind::Qualitative &&
          tg.find_first_of("0123456789*") == std::string::npos && a[i]->actual) {
        INFO(tg);
        CHECK(a[i]->grade);
      }
    }
  }
  CHECK(cases == 1200);
}

TEST_CASE("表格布局是数据：新省份的列名只需增加布局文件") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const jx::Grid g = grid({{"项目绩效考核表（2022年度）"},
                           {"考核项目", "新省份项目"},
                           {"", "核定资金", "实际支出", "资金分", "资金得分"},
                           {"资金合计", "100", "100", "10", "10"},
                           {"第一层", "第二层", "考核内容", "预定目标", "实际达到", "标准分", "考核得分"},
                           {"产出指标", "数量指标", "甲", "≥5个", "5个", "50", "50"},
                           {"效益指标", "社会效益指标", "乙", "有效提升", "达成预期指标", "30", "30"},
                           {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                           {"考核总分", "", "", "", "", "100", "100"}});
  jx::Diagnostics d;
  // The shipped layouts do not know these names …
  CHECK(jx::import_tables({g}, r, layout(), d).empty());
  // … one more layout file does; no code changes.
  const jx::Layout more = jxtest::load_layouts({"tests/fixtures/layouts/invented.yaml"});
  CHECK(more.ids.back() == "invented");
  d = {};
  const auto tables = jx::import_tables({g}, r, more, d);
  REQUIRE(tables.size() == 1);
  INFO(jxtest::messages(tables[0].diagnostics));
  CHECK_FALSE(tables[0].diagnostics.has_errors());
  const jx::Project& p = tables[0].project;
  CHECK(p.name == "新省份项目");
  CHECK(p.funds.total.budget.to_plain() == "100");
  CHECK(p.funds.declared_score->to_plain() == "10");
  REQUIRE(p.indicators.size() == 3);
  CHECK(p.declared_score->to_plain() == "100");
  CHECK(codes(review(tables[0], r)).empty());
}

TEST_CASE("表格布局文件：未知字段、类型错误报告位置，合并时去重") {
  jx::Diagnostics d;
  CHECK_FALSE(jx::load::load_layout("layout: x\ncol_weigth: [分值]\n", d));
  CHECK_THAT(jxtest::messages(d), Catch::Contains("t.yaml:2:1: 错误:") && Catch::Contains("col_weigth"));
  d = {};
  CHECK_FALSE(jx::load::load_layout("layout: x\ncol_weight: 分值\n", d));
  CHECK_THAT(jxtest::messages(d), Catch::Contains("t.yaml:2:13: 错误: 字段“col_weight”应为文字列表"));
  d = {};
  CHECK_FALSE(jx::load::load_layout("col_weight: [分值]\n", d));  // no id
  d = {};
  auto a = jx::load::load_layout("layout: a\ncol_weight: [分值, 权重]\n", d);
  auto b = jx::load::load_layout("layout: b\ncol_weight: [权重, 标准分]\n", d);
  REQUIRE((a && b));
  jx::load::merge_layout(*a, *b);
  CHECK(a->col_weight == jx::Labels{"分值", "权重", "标准分"});
  CHECK(a->ids == jx::Labels{"a", "b"});
  // Every shipped file loads, and the Sichuan form's labels (scoring-rules.md §4.1) are data.
  const jx::Layout& all = layout();
  CHECK(all.ids == jx::Labels{"common", "mof2020", "sichuan"});
  for (const char* label : {"调整后预算数", "预算执行数", "权重", "原因"}) {
    const bool found =
        std::find(all.funds_budget.begin(), all.funds_budget.end(), label) != all.funds_budget.end() ||
        std::find(all.funds_executed.begin(), all.funds_executed.end(), label) != all.funds_executed.end() ||
        std::find(all.funds_weight.begin(), all.funds_weight.end(), label) != all.funds_weight.end() ||
        std::find(all.funds_reason.begin(), all.funds_reason.end(), label) != all.funds_reason.end();
    CHECK(found);
  }
  CHECK(std::find(all.col_note.begin(), all.col_note.end(), "未完成原因分析") != all.col_note.end());
  CHECK(std::find(all.row_total.begin(), all.row_total.end(), "合计") != all.row_total.end());
}

TEST_CASE("真实的合规自评表（附件1 与四川格式，手填与 LibreOffice 另存）：识别完整，每行无问题") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  for (const char* name :
       {"real-mof.xlsx", "real-mof-resaved.xlsx", "real-sichuan.xlsx", "real-sichuan-resaved.xlsx"}) {
    INFO(name);
    Imported in = import_fixture(name, r);
    REQUIRE(in.tables.size() == 1);
    const jx::ImportedTable& t = in.tables[0];
    INFO(jxtest::messages(t.diagnostics));
    CHECK_FALSE(t.diagnostics.has_errors());
    const jx::Project& p = t.project;
    const bool sichuan = std::string(name).find("sichuan") != std::string::npos;
    CHECK(p.name == "省级科普专项经费");
      CHECK(p.code == (sichuan ? "51000022R000000012345" : ""));
    CHECK(p.department == "攀枝花市科学技术协会");
    CHECK(p.unit == "攀枝花市科学技术协会");
    CHECK(p.year == 2022);
    CHECK(p.funds.total.initial.to_plain() == "135");
    CHECK(p.funds.total.budget.to_plain() == "89.66");
    CHECK(p.funds.total.executed.to_plain() == "89.66");
    CHECK(p.funds.declared_score->to_plain() == "10");
    CHECK(p.goal_expected == "以“天府科技云”平台为载体开展科普活动，满意度达90%以上");
    CHECK(p.goal_achieved == "开展科普活动26场、受益群众1.33万人次，满意度95%");
    CHECK(p.declared_score->to_plain() == "100");
    REQUIRE(p.indicators.size() == 3);
    CHECK(p.indicators[0].children.size() == 3);
    CHECK(*p.indicators[0].children[0].children[1].target == "≥1万人次");
    CHECK(*p.indicators[0].children[2].children[0].target == "2022年底之前");
    CHECK(*p.indicators[0].children[1].children[0].target == "≥95%");
    if (sichuan) {
      CHECK(t.project.content == "按年初计划组织科普活动、培训和科普宣传，年底前全部完成");
      CHECK(t.project.conclusion == "自评得分100分，等级为优，年度绩效目标全部完成");
      CHECK(t.project.project_lead == "张三");
      CHECK(t.project.finance_lead == "李四");
      CHECK(p.funds.reason == "年中按省科协备案调减");
    } else {
      CHECK(*t.declared_grade == "优");
    }
    const jx::TableReview rv = review(t, r);
    CHECK(rv.weight_sum.to_plain() == "100");
    CHECK(rv.unverified == 0);
    for (const jx::ReviewRow& row : rv.rows) {
      INFO(row.path.back() << ": " << row.reason);
      CHECK(row.code.empty());
    }
    for (const jx::Finding& f : rv.findings) {
      INFO(f.code << " " << f.text);
      CHECK(false);
    }
  }
}

TEST_CASE("真实的合规自评表复核无任何问题（附件1 与四川格式，手填与 LibreOffice 另存）", "[review]") {
  for (const char* id : {"mof2020", "sichuan2023"}) {
    const jx::RuleSet r = jxtest::rules(id);
    for (const char* name :
         {"real-mof.xlsx", "real-mof-resaved.xlsx", "real-sichuan.xlsx", "real-sichuan-resaved.xlsx"}) {
      INFO(id << " " << name);
      Imported in = import_fixture(name, r);
      REQUIRE(in.tables.size() == 1);
      const jx::TableReview rv = review(in.tables[0], r);
      CHECK(rv.computed_total.to_plain() == "100");
      CHECK(codes(rv).empty());
      CHECK(rv.unverified == 0);
    }
  }
}

TEST_CASE("复核结果 JSON：无法核实的行逐行列出并计数，不算问题") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "50", "50"},
                                                 {"效益指标", "社会效益指标", "乙", "有效提升", "效果明显", "30", "27"},
                                                 {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                                                 {"总分", "", "", "", "", "100", "97"}}))},
                                  r, layout(), d);
  REQUIRE(tables.size() == 1);
  jx::reports::ReviewedFile f;
  f.file = "表.xlsx";
  f.tables.push_back(review(tables[0], r));
  CHECK(f.tables[0].clean());
  const std::string json = jx::reports::review_json({f});
  CHECK_THAT(json, Catch::Contains("\"unverified\": 1,") && Catch::Contains("\"findings\": []") &&
                       Catch::Contains("\"code\": \"unverifiable\", \"label\": \"无法核实\""));
}

TEST_CASE("复核：实际完成值为自由文字的定性指标——超过分值、与文字所示等级不符、无法核实") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables =
      jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "40", "40"},
                                       {"", "", "超分", "=较上年提高", "有所提高", "4", "50"},
                                       {"", "", "文字含等级", "有效提升", "已达成预期指标", "4", "2"},
                                       {"", "", "否定", "有效提升", "未能达成预期指标", "2", "1"},
                                       {"效益指标", "社会效益指标", "无等级词", "有效提升", "效果明显", "30", "27"},
                                       {"满意度指标", "服务对象满意度指标", "丁", "≥90%", "95%", "10", "10"},
                                       {"总分", "", "", "", "", "100", "140"}}))},
                        r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::TableReview rv = review(tables[0], r);
  CHECK(codes(rv) == std::vector<std::string>{"above-weight:超分", "outside-band:文字含等级", "unverifiable:否定",
                                              "unverifiable:无等级词", "total-differs"});
  CHECK(rv.rows[2].reason == "自报得分 50 超过该行分值 4；实际完成值“有所提高”不含等级词，至多按最高等级“达成”计");
  CHECK(rv.rows[3].reason == "定性指标评为“达成”，该等级区间为 [3.2, 4]，自报 2 分不在区间内；按该等级取 4 分");
  CHECK(rv.rows[5].reason == "实际完成值“效果明显”不含等级词，自报 27 分无法核实（按其所在等级“达成”计）");
  CHECK(rv.unverified == 2);
  // No score and no grade word: assumed, and still listed.
  tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "50", "50"},
                                            {"效益指标", "社会效益指标", "乙", "有效提升", "效果明显", "30", ""},
                                            {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                                            {"总分", "", "", "", "", "100", "100"}}))},
                             r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::TableReview none = review(tables[0], r);
  CHECK(codes(none) == std::vector<std::string>{"unverifiable:乙", "total-not-sum"});
  CHECK(none.unverified == 1);
}

TEST_CASE("复核：小计不等于所含各行之和；总分取表中总分格，不取“单位自报总分”；预算行的问题指向得分格") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  auto rows = minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "25", "25"},
                       {"", "", "乙", "≥5个", "5个", "25", "25"},
                       {"", "小计", "", "", "", "50", "45"},
                       {"效益指标", "社会效益指标", "丙", "≥5个", "5个", "30", "30"},
                       {"", "小计", "", "", "", "30", "30"},
                       {"满意度指标", "服务对象满意度指标", "丁", "≥90%", "95%", "10", "10"},
                       {"", "小计", "", "", "", "10", "10"},
                       {"总分", "", "", "", "", "100", "99.5"},
                       {"单位自报总分", "", "", "", "", "", "100"}});
  rows[3] = {"", "年度资金总额", "100", "100", "100", "10", "100%", "9.5"};
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(rows)}, r, layout(), d);
  REQUIRE(tables.size() == 1);
  const jx::ImportedTable& t = tables[0];
  CHECK(t.project.declared_score->to_plain() == "99.5");
  REQUIRE(t.subtotals.size() == 3);
  CHECK(t.subtotals[0].first_level == "产出指标");
  const jx::TableReview rv = review(t, r);
  CHECK(codes(rv) ==
        std::vector<std::string>{"deduction-although-met:预算执行率", "subtotal-not-sum", "total-differs"});
  CHECK(jx::cell_address(rv.rows[0].loc.line - 1, rv.rows[0].loc.col - 1) == "H4");
  const auto sub = std::find_if(rv.findings.begin(), rv.findings.end(),
                                [](const jx::Finding& f) { return f.code == "subtotal-not-sum"; });
  CHECK(sub->text == "产出指标小计 45，而所含 2 行的自报得分之和为 50");
  CHECK(jx::cell_address(sub->loc.line - 1, sub->loc.col - 1) == "G8");
}

namespace {

// ---- Generated tables: correct ones (the review must find nothing) and one
// mistake at a time (the review must find it, classified). Expected scores
// are computed here in integer hundredths from the rule text of
// ../shared/docs/scoring-rules.md (mof2020), not with the engine's functions.

std::string hundredths(long long v) {
  const std::string sign = v < 0 ? "-" : "";
  v = v < 0 ? -v : v;
  std::string out = sign + std::to_string(v / 100);
  if (v % 100 != 0) {
    out += "." + std::string(v % 100 < 10 ? "0" : "") + std::to_string(v % 100);
    if (out.back() == '0') out.pop_back();
  }
  return out;
}

// Round half up of num / den (both ≥ 0).
long long ratio(long long num, long long den) {
  return (2 * num + den) / (2 * den);
}

struct GenLeaf {
  std::string l1, l2, name;
  std::string op, value, unit;  ///< target as the Sichuan form splits it; op "定性" for qualitative and deadlines
  std::string actual;
  long long w100 = 0;         ///< weight in hundredths
  long long expected100 = 0;  ///< the score the rules give
  long long declared100 = 0;  ///< what the table says
  bool qualitative = false;
  [[nodiscard]] std::string target() const { return op == "定性" ? value : op + value + unit; }
};

struct GenTable {
  bool sichuan = false;
  bool subtotals = false;
  long long budget100 = 0, executed100 = 0, budget_score100 = 0, budget_declared100 = 0;
  std::vector<GenLeaf> leaves;
  std::map<std::string, long long> subtotal_delta;  ///< 一级 → added to its declared 小计
  long long total_delta = 0;
  bool total_without_budget = false;

  [[nodiscard]] long long declared_total() const {
    long long t = total_without_budget ? 0 : budget_declared100;
    for (const auto& l : leaves) t += l.declared100;
    return t + total_delta;
  }

  [[nodiscard]] jx::Grid grid() const {
    std::vector<std::vector<std::string>> rows;
    const std::string rate = hundredths(ratio(executed100 * 10000, budget100)) + "%";
    if (sichuan) {
      rows = {{"部门预算项目支出绩效自评表（2022年度）"},
              {"项目名称", "51000022R000000000001-生成项目"},
              {"主管部门", "某局", "", "", "", "实施单位（盖章）", "某中心"},
              {"预算执行情况（10分）", "年度预算数（万元）"},
              {"", "", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"},
              {"", "总额", hundredths(budget100), hundredths(budget100), hundredths(executed100), rate, "10",
               hundredths(budget_declared100), "按进度支付"},
              {"", "其中：财政资金", hundredths(budget100), hundredths(budget100), hundredths(executed100), rate, "/",
               "/", ""},
              {"绩效指标（90分）"},
              {"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
               "未完成原因分析"}};
    } else {
      rows = {
          {"项目支出绩效自评表"},
          {"（2022年度）"},
          {"项目名称", "生成项目"},
          {"", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"},
          {"", "年度资金总额", hundredths(budget100), hundredths(budget100), hundredths(executed100), "10", rate,
           hundredths(budget_declared100)},
          {"一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"}};
    }
    std::string l1, l2;
    long long sub_w = 0, sub_s = 0;
    auto subtotal = [&] {
      if (!subtotals || l1.empty()) return;
      const std::string s = hundredths(sub_s + (subtotal_delta.count(l1) ? subtotal_delta.at(l1) : 0));
      if (sichuan) {
        rows.push_back({"", "小计", "", "", "", "", "", hundredths(sub_w), s});
      } else {
        rows.push_back({"", "小计", "", "", "", hundredths(sub_w), s});
      }
      sub_w = sub_s = 0;
    };
    for (const auto& l : leaves) {
      if (l.l1 != l1) {
        subtotal();
        l1 = l.l1;
        l2.clear();
      }
      const std::string c1 = rows.back()[0] == l.l1 || (!rows.empty() && l.l1 == l1 && l2 != "") ? "" : l.l1;
      const std::string c2 = l.l2 == l2 ? "" : l.l2;
      const std::string note = l.declared100 < l.w100 ? "未完全达到" : "";
      if (sichuan) {
        rows.push_back({c2.empty() && l2 != "" ? "" : c1, c2, l.name, l.op, l.value, l.unit.empty() ? "/" : l.unit,
                        l.actual, hundredths(l.w100), hundredths(l.declared100), note});
      } else {
        rows.push_back({c2.empty() && l2 != "" ? "" : c1, c2, l.name, l.target(), l.actual, hundredths(l.w100),
                        hundredths(l.declared100), note});
      }
      l2 = l.l2;
      sub_w += l.w100;
      sub_s += l.declared100;
    }
    subtotal();
    const std::string total = hundredths(declared_total());
    if (sichuan) {
      rows.push_back({"合计", "", "", "", "", "", "", "100", total});
      rows.push_back({"评价结论", "完成"});
      rows.push_back({"项目负责人", "张三", "", "", "", "财务负责人", "李四"});
    } else {
      rows.push_back({"总分", "", "", "", "", "100", total, ""});
    }
    return ::grid(rows);
  }
};

GenTable generate(Rng& g) {
  GenTable t;
  t.sichuan = g.below(2) == 1;
  t.subtotals = g.below(3) == 0;
  t.budget100 = 100 * static_cast<long long>(10 + g.below(500)) + static_cast<long long>(g.below(100));
  t.executed100 = g.below(4) == 0 ? t.budget100 : t.budget100 * static_cast<long long>(70 + g.below(31)) / 100;
  t.budget_score100 = ratio(t.executed100 * 1000, t.budget100);  // min(rate, 1) × 10
  t.budget_declared100 = t.budget_score100;
  // Leaf weights: 90 points in halves, cut at random.
  const int n = 3 + static_cast<int>(g.below(7));
  std::vector<int> cuts{0, 180};
  while (static_cast<int>(cuts.size()) < n + 1) {
    const int c = 2 + static_cast<int>(g.below(177));
    if (g.below(4) != 0 && c % 2 == 1) continue;  // mostly whole points
    if (std::find(cuts.begin(), cuts.end(), c) == cuts.end()) cuts.push_back(c);
  }
  std::sort(cuts.begin(), cuts.end());
  const std::vector<std::pair<std::string, std::vector<std::string>>> tree{
      {"产出指标", {"数量指标", "质量指标", "时效指标", "成本指标"}},
      {"效益指标", {"社会效益指标", "经济效益指标", "可持续影响指标"}},
      {"满意度指标", {"服务对象满意度指标"}}};
  std::vector<std::pair<int, int>> slots;  // (一级, 二级) in table order, non-decreasing
  for (int i = 0; i < n; ++i) {
    const int a = static_cast<int>(g.below(3));
    slots.emplace_back(a, static_cast<int>(g.below(tree[static_cast<std::size_t>(a)].second.size())));
  }
  std::sort(slots.begin(), slots.end());
  const std::vector<std::string> units{"个", "场", "人次", "家", "篇", "次"};
  for (int i = 0; i < n; ++i) {
    GenLeaf l;
    const auto& [a, b] = slots[static_cast<std::size_t>(i)];
    l.l1 = tree[static_cast<std::size_t>(a)].first;
    l.l2 = tree[static_cast<std::size_t>(a)].second[static_cast<std::size_t>(b)];
    l.name = "指标" + std::to_string(i + 1);
    l.w100 = (cuts[static_cast<std::size_t>(i) + 1] - cuts[static_cast<std::size_t>(i)]) * 50LL;
    const std::size_t kind = l.l2 == "时效指标" ? 3 : l.l2 == "成本指标" ? 1 : g.below(5);
    if (kind == 0) {  // ≥ quantity: min(actual / target, 1) × weight
      const long long target = 1 + static_cast<long long>(g.below(5000));
      const long long actual = target * static_cast<long long>(50 + g.below(66)) / 100;
      l.op = "≥";
      l.value = std::to_string(target);
      l.unit = g.pick(units);
      l.actual = std::to_string(actual) + l.unit;
      l.expected100 = std::min(ratio(actual * l.w100, target), l.w100);
    } else if (kind == 1) {  // ≤ ceiling in 万元: full when within, else target / actual × weight
      const long long target = 1 + static_cast<long long>(g.below(900));
      const long long actual = target * static_cast<long long>(80 + g.below(50)) / 100;
      l.op = "≤";
      l.value = std::to_string(target);
      l.unit = "万元";
      l.actual = std::to_string(actual) + "万元";
      l.expected100 = actual <= target ? l.w100 : ratio(target * l.w100, actual);
    } else if (kind == 2) {  // ≥ percentage, in tenths of a per cent
      const long long target = std::vector<long long>{800, 900, 950, 980, 1000}[g.below(5)];
      const long long actual = std::min(1000LL, target - 100 + static_cast<long long>(g.below(201)));
      l.op = "≥";
      l.value = std::to_string(target / 10);
      l.unit = "%";
      l.actual = std::to_string(actual / 10) + (actual % 10 ? "." + std::to_string(actual % 10) : "") + "%";
      l.expected100 = std::min(ratio(actual * l.w100, target), l.w100);
    } else if (kind == 3) {  // deadline met
      l.op = "定性";
      l.value = "2022年12月31日前";
      l.actual = g.below(2) ? "2022年11月30日" : "按时完成";
      l.expected100 = l.w100;
    } else {  // qualitative with a grade word; a declared score inside the band stands
      l.qualitative = true;
      l.op = "定性";
      l.value = "有效提升";
      const std::size_t band = g.below(6) == 0 ? 2 : g.below(3) == 0 ? 1 : 0;  // 达成, 部分达成, 未达成
      // The grade word alone, or inside the officer's sentence: both show the grade.
      const std::vector<std::vector<std::string>> words{
          {"达成预期指标", "达成年度指标", "已达成预期指标", "全面达成预期指标，群众反映良好"},
          {"部分达成预期指标", "部分达成年度指标并具有一定效果", "基本部分达成预期指标"},
          {"未达成预期指标", "未达成年度指标且效果较差"}};
      l.actual = g.pick(words[band]);
      // Bands of the weight: 达成 [80 %, 100 %], 部分达成 [60 %, 80 %), 未达成 [0, 60 %).
      const long long lo = band == 0 ? ratio(l.w100 * 80, 100) : band == 1 ? ratio(l.w100 * 60, 100) : 0;
      const long long hi = band == 0 ? l.w100 : band == 1 ? ratio(l.w100 * 80, 100) - 1 : ratio(l.w100 * 60, 100) - 1;
      l.expected100 = hi < lo ? lo : lo + static_cast<long long>(g.below(static_cast<std::size_t>(hi - lo + 1)));
    }
    l.declared100 = l.expected100;
    t.leaves.push_back(l);
  }
  return t;
}

}  // namespace

TEST_CASE("复核（生成）：按规则填写的表（附件1 / 四川格式，随机指标树、分值、得分）复核无任何问题") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::uint64_t seed = 7001;
  Rng g{seed};
  for (int i = 0; i < 2000; ++i) {
    const GenTable t = generate(g);
    jx::Diagnostics d;
    const auto tables = jx::import_tables({t.grid()}, r, layout(), d);
    INFO("seed " << seed << ", table " << i << (t.sichuan ? " (四川)" : " (附件1)"));
    REQUIRE(tables.size() == 1);
    INFO(jxtest::messages(tables[0].diagnostics));
    REQUIRE_FALSE(tables[0].diagnostics.has_errors());
    const jx::TableReview rv = review(tables[0], r);
    std::string all;
    for (const auto& f : rv.findings) all += f.code + " " + f.row + "：" + f.text + "\n";
    INFO(all);
    CHECK(rv.findings.empty());
    CHECK(rv.unverified == 0);
    long long expected = t.budget_score100;
    for (const auto& l : t.leaves) expected += l.expected100;
    CHECK(rv.computed_total.to_plain() == hundredths(expected));
  }
}

TEST_CASE("复核（生成）：每一类错误都被发现并归类") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  const std::uint64_t seed = 7002;
  Rng g{seed};
  std::map<std::string, int> found;
  for (int i = 0; i < 4000; ++i) {
    GenTable t = generate(g);
    const int kind = static_cast<int>(g.below(9));
    const std::size_t k = g.below(t.leaves.size());
    GenLeaf& l = t.leaves[k];
    std::string code;  // the class expected, on row l.name unless a table class
    std::vector<std::string> also{"total-differs"};
    switch (kind) {
      case 0:
        code = "above-weight";
        l.declared100 = l.w100 + 100 * static_cast<long long>(1 + g.below(40));
        break;
      case 1:
        if (l.qualitative || l.expected100 % 100 == 0) continue;
        code = "rounded-whole";
        l.declared100 = l.expected100 / 100 * 100;
        break;
      case 2:
        if (l.qualitative || l.expected100 == l.w100) continue;
        code = "full-despite-shortfall";
        l.declared100 = l.w100;
        break;
      case 3:
        if (l.qualitative || l.expected100 != l.w100 || l.w100 < 200) continue;
        code = "deduction-although-met";
        l.declared100 = l.w100 - 100;
        break;
      case 4:
        if (!l.qualitative || l.actual.find("部分") != std::string::npos || l.actual.find("未") != std::string::npos ||
            l.w100 < 200) {
          continue;
        }
        code = "outside-band";
        l.declared100 = ratio(l.w100 * 50, 100);
        break;
      case 5:
        if (!l.qualitative) continue;
        code = "unverifiable";
        l.actual = "效果明显，群众反映良好";
        also.clear();
        break;
      case 6:
        if (!t.subtotals) continue;
        code = "subtotal-not-sum";
        t.subtotal_delta[l.l1] = 100 * static_cast<long long>(1 + g.below(5));
        also.clear();
        break;
      case 7:
        code = "total-not-sum";
        t.total_delta = 50 * static_cast<long long>(1 + g.below(10));
        break;
      case 8:
        if (t.budget_declared100 == 0) continue;
        code = "budget-left-out";
        t.total_without_budget = true;
        break;
    }
    jx::Diagnostics d;
    const auto tables = jx::import_tables({t.grid()}, r, layout(), d);
    INFO("seed " << seed << ", table " << i << (t.sichuan ? " (四川)" : " (附件1)") << ", mistake " << code << " on "
                 << l.name);
    REQUIRE(tables.size() == 1);
    REQUIRE_FALSE(tables[0].diagnostics.has_errors());
    const jx::TableReview rv = review(tables[0], r);
    std::vector<std::string> got = codes(rv);
    const bool row_class = kind <= 5;
    const std::string want = row_class ? code + ":" + l.name : code;
    INFO("found: " << Catch::Detail::stringify(got));
    CHECK(std::find(got.begin(), got.end(), want) != got.end());
    // Nothing else but the consequences named in `also` (a wrong row makes the total differ).
    for (const auto& c : got) {
      if (c == want || std::find(also.begin(), also.end(), c) != also.end()) continue;
      if (kind == 7 || kind == 8) {
        CHECK(c == "total-differs");
      } else {
        FAIL_CHECK("unexpected finding " << c);
      }
    }
    ++found[code];
  }
  for (const char* c : {"above-weight", "rounded-whole", "full-despite-shortfall", "deduction-although-met",
                        "outside-band", "unverifiable", "subtotal-not-sum", "total-not-sum", "budget-left-out"}) {
    INFO(c);
    CHECK(found[c] >= 30);
  }
  int exercised = 0;
  for (const auto& [c, n] : found) exercised += n;
  CHECK(exercised >= 1000);
}

TEST_CASE("import：“=较上年提高”这样比较符后面是文字的年度指标值写出后能再次计分") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics d;
  auto tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "46", "46"},
                                                 {"", "", "乙", "=较上年提高", "有所提高", "4", "4"},
                                                 {"", "", "丙", "≥上年水平", "达成预期指标", "0", ""},
                                                 {"效益指标", "社会效益指标", "丁", "≥5个", "5个", "30", "30"},
                                                 {"满意度指标", "服务对象满意度指标", "戊", "≥90%", "95%", "10", "10"},
                                                 {"", "", "己", "≥**人", "95人", "0", "0"},
                                                 {"总分", "", "", "", "", "100", "100"}}))},
                                  r, layout(), d);
  REQUIRE(tables.size() == 1);
  const std::string yaml = jx::load::write_project_yaml(tables[0].project, "t.xlsx");
  jxtest::Scored s = jxtest::score_text(yaml, r);
  INFO(yaml << jxtest::messages(s.diags, true));
  REQUIRE(s.loaded);
  CHECK(s.score.leaves.at(1).score.to_plain() == "4");
  CHECK(s.score.leaves.at(2).score.to_plain() == "0");
  // A template's placeholder ("≥**人") stays an error, in the table and in the YAML alike.
  const std::string errors = jxtest::messages(s.diags, true);
  CHECK_THAT(errors, Catch::StartsWith("t.yaml:54:21: 错误: 无法识别的年度指标值“≥**人”"));
  CHECK(std::count(errors.begin(), errors.end(), '\n') <= 2);  // that one error (and its hint)
}

// A grade word with its qualifier in front: "部分达成预期指标" contains the
// longer word "达成预期指标" of another band, but the qualifier comes first in
// Chinese, so the text is 部分达成. Generated over every rule set, band name
// and tail; the expected band is the name the text starts with, by
// construction.
TEST_CASE("复核：实际完成值以等级名开头的文字按该等级计（限定词在前，不取其后更长的他级词）") {
  const std::vector<std::string> tails{"",           "预期指标",   "年度指标",         "预期指标并具有一定效果",
                                       "年度指标并具有一定效果", "预期目标", "，效果良好", "（见附件）"};
  for (const char* id : {"mof2020", "sichuan2023", "hubei2022"}) {
    const jx::RuleSet r = jxtest::rules(id);
    for (const auto& band : r.bands) {
      for (const auto& tail : tails) {
        const std::string actual = band.name + tail;
        jx::Diagnostics d;
        auto tables = jx::import_tables({grid(minimal({{"产出指标", "数量指标", "甲", "≥5个", "5个", "50", "50"},
                                                       {"效益指标", "社会效益指标", "乙", "有效提升", actual, "40", ""},
                                                       {"满意度指标", "服务对象满意度指标", "丙", "≥90%", "95%", "10", "10"},
                                                       {"总分", "", "", "", "", "100", ""}}))},
                                        r, layout(), d);
        INFO(id << " 实际完成值“" << actual << "”");
        REQUIRE(tables.size() == 1);
        const jx::Indicator& leaf = tables[0].project.indicators[1].children[0].children[0];
        REQUIRE(leaf.grade);
        CHECK(*leaf.grade == band.name);
      }
    }
  }
}
