#include "engine/load/department_loader.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>

#include "engine/load/goal_loader.h"
#include "engine/load/project_loader.h"
#include "engine/load/scorer_reader.h"
#include "engine/load/yaml_reader.h"
#include "engine/same_figures.h"
#include "engine/text.h"

namespace jx::load {
namespace {

const std::vector<KeySpec> kTopKeys{{"kind", "类型"},
                                    {"year", "年度"},
                                    {"rules", "规则"},
                                    {"department", "部门名称"},
                                    {"declared_score", "自评得分"},
                                    {"funds", "资金"},
                                    {"goals", "年度总体目标"},
                                    {"facts", "决算数据"},
                                    {"projects", "项目"},
                                    {"indicators", "绩效指标"},
                                    {"checks", "勾稽关系"},
                                    {"charts", "图表"},
                                    {"same_figures", "同一数字"},
                                    {"template", "模板"},
                                    {"tasks", "年度主要任务"}};  // the goal form (goal_loader.h)

constexpr const char* kOperators[] = {"(", ")", "+", "-", "*", "/", ",", " ", "×", "÷"};

void read_facts(const Node& node, Department& d, Diagnostics& diags) {
  if (!node.IsMap()) {
    diags.error(loc_of(node), "wrong-type", "facts 应写成“名称: 数值”的形式", "例如 facts: {收入合计: 676.52}");
    return;
  }
  std::map<std::string, int> seen;
  for (const auto& kv : node) {
    Fact f;
    f.name = kv.first.IsScalar() ? trim(kv.first.Scalar()) : std::string();
    f.loc = loc_of(kv.first);
    if (!check_length(f.name, kMaxNameChars, f.loc, "事实名称", diags)) continue;
    if (auto it = seen.find(f.name); it != seen.end()) {
      diags.error(f.loc, "duplicate-key", "重复的事实“" + f.name + "”（第 " + std::to_string(it->second) + " 行已有）");
      continue;
    }
    seen.emplace(f.name, f.loc.line);
    // Characters the formula language reads as operators cannot be part of a name.
    const bool bad_name =
        f.name.empty() || std::any_of(std::begin(kOperators), std::end(kOperators),
                                      [&](const char* op) { return f.name.find(op) != std::string::npos; });
    if (bad_name) {
      diags.error(f.loc, "bad-fact-name", "事实名称“" + f.name + "”不能为空，也不能含有 ( ) + - * / × ÷ , 或空格",
                  "括号请用全角（），例如 社会保障和就业（类）");
    }
    const Node v = kv.second;
    if (v.IsScalar()) {
      f.value = parse_number_text(v.Scalar());
      if (f.value && (*f.value > Decimal(kMaxNumber) || *f.value < Decimal(-kMaxNumber))) {
        diags.error(loc_of(v), "number-too-large",
                    "事实“" + f.name + "”的数值 " + f.value->to_plain() + " 超出范围（绝对值不超过 1000000000）",
                    "检查是否多写了几位数字；金额以万元为单位");
        f.value.reset();
      } else if (!f.value) {
        diags.error(loc_of(v), "not-a-number", "事实“" + f.name + "”应为数字，而不是“" + v.Scalar() + "”",
                    "计算出的事实写成 {formula: …}；带上年数写成 {value: …, prior: …}");
      }
    } else {
      MapReader m(v, "事实“" + f.name + "”",
                  {{"value", "本年"}, {"prior", "上年"}, {"unit", "单位"}, {"formula", "公式"}, {"source", "出处"}},
                  diags);
      if (!m.ok()) continue;
      f.value = m.number("value");
      f.prior = m.number("prior");
      if (auto u = m.text("unit")) f.unit = *u;
      f.source = m.text("source").value_or("");
      if (m.has("formula")) {
        f.formula = m.text("formula");
        f.formula_loc = content_loc(m.get("formula"));
        if (m.has("value"))
          diags.error(m.loc("value"), "fact-value-and-formula", "事实“" + f.name + "”不能同时有 value 和 formula");
      } else if (!m.has("value")) {
        diags.error(m.loc(), "missing-key", "事实“" + f.name + "”缺少 value 或 formula",
                    "例如 {value: 56.26, prior: 70.64}");
      }
    }
    d.facts.push_back(std::move(f));
  }
}

void read_checks(const Node& node, Department& d, Diagnostics& diags) {
  if (!node.IsSequence()) {
    diags.error(loc_of(node), "wrong-type", "checks 应为列表");
    return;
  }
  for (const auto& n : node) {
    MapReader m(n, "勾稽关系", {{"name", "名称"}, {"left", "左边"}, {"right", "右边"}, {"tolerance", "容差"}}, diags);
    if (!m.ok()) continue;
    m.require("name", "name: 收支平衡");
    m.require("left", "left: 收入合计 + 年初结转结余");
    m.require("right", "right: 支出合计 + 年末结转结余");
    CrossCheck c;
    c.loc = m.loc();
    c.name = m.text("name").value_or("");
    c.left = m.text("left").value_or("");
    c.right = m.text("right").value_or("");
    c.left_loc = content_loc(m.get("left"));
    c.right_loc = content_loc(m.get("right"));
    if (auto t = m.number("tolerance", "（万元）")) c.tolerance = *t;
    if (m.has("left") && m.has("right")) d.checks.push_back(std::move(c));
  }
}

void read_charts(const Node& node, Department& d, Diagnostics& diags) {
  if (!node.IsSequence()) {
    diags.error(loc_of(node), "wrong-type", "charts 应为列表");
    return;
  }
  for (const auto& n : node) {
    MapReader m(n, "图表", {{"title", "标题"}, {"type", "类型"}, {"facts", "数据"}, {"prior", "对比上年"}}, diags);
    if (!m.ok()) continue;
    m.require("title", "title: 支出结构");
    m.require("facts", "facts: [基本支出, 项目支出]");
    ChartSpec c;
    c.loc = m.loc();
    c.title = m.text("title").value_or("");
    const std::string type = m.text("type").value_or("column");
    if (type == "pie") {
      c.type = ChartSpec::Type::Pie;
    } else if (type == "bar") {
      c.type = ChartSpec::Type::Bar;
    } else if (type == "column") {
      c.type = ChartSpec::Type::Column;
    } else {
      diags.error(m.loc("type"), "bad-chart-type", "图表类型应为 pie / column / bar，而不是“" + type + "”");
    }
    c.prior = m.boolean("prior").value_or(false);
    if (c.prior && c.type == ChartSpec::Type::Pie) {
      diags.error(m.loc("prior"), "pie-prior", "饼图不能对比上年", "对比上年请用 column 或 bar");
    }
    const Node facts = m.get("facts");
    c.facts_loc = loc_of(facts);
    if (facts.IsSequence()) {
      for (const auto& f : facts) {
        if (f.IsScalar()) c.facts.push_back(trim(f.Scalar()));
      }
    } else if (facts.IsDefined()) {
      diags.error(loc_of(facts), "wrong-type", "图表的 facts 应为事实名称的列表");
    }
    d.charts.push_back(std::move(c));
  }
}

// same_figures: {fact name: funds row.column}, e.g. {年初预算数: total.initial}.
void read_same_figures(const Node& node, Department& d, Diagnostics& diags) {
  if (!node.IsMap()) {
    diags.error(loc_of(node), "wrong-type", "same_figures 应写成“事实名称: funds 栏目”的形式",
                "例如 same_figures: {年初预算数: total.initial, 支出合计: total.executed}");
    return;
  }
  for (const auto& kv : node) {
    SameFigure s;
    s.fact = kv.first.IsScalar() ? trim(kv.first.Scalar()) : std::string();
    s.loc = loc_of(kv.first);
    s.funds = kv.second.IsScalar() ? trim(kv.second.Scalar()) : std::string();
    if (!check_length(s.fact, kMaxNameChars, s.loc, "事实名称", diags)) continue;
    if (!is_funds_path(s.funds)) {
      diags.error(loc_of(kv.second), "bad-funds-path", "“" + s.funds + "”不是 funds 的栏目",
                  "写成 行.列：行为 total / appropriation / carryover / other / basic / project，"
                  "列为 initial / budget / executed，例如 total.initial");
      continue;
    }
    d.same_figures.push_back(std::move(s));
  }
}

}  // namespace

std::optional<Department> load_department(std::string_view text, Diagnostics& diags, Stage stage) {
  const SourceScope source(text);
  const Node root = parse_yaml(text, diags);
  if (!root.IsDefined()) return std::nullopt;
  if (report_mojibake(text, diags)) return std::nullopt;
  MapReader top(root, "文件", kTopKeys, diags);
  if (!top.ok()) return std::nullopt;
  Department d;
  for (const auto& [key, example] :
       std::vector<std::pair<std::string, std::string>>{{"year", "year: 2022"},
                                                        {"rules", "rules: mof2020"},
                                                        {"department", "department: 攀枝花市科学技术协会"},
                                                        {"facts", "facts: {收入合计: 676.52}"},
                                                        {"indicators", "indicators: [...]"}}) {
    // A goal form is written before the 决算: no facts yet.
    if (stage == Stage::Goals && key == "facts") continue;
    top.require(key, example);
  }
  const std::optional<int> year = top.integer("year");
  d.year = year.value_or(0);
  if (year && (d.year < 1990 || d.year > 2100)) {
    diags.error(top.loc("year"), "bad-year", "年度 " + std::to_string(d.year) + " 不合理", "写四位年份，如 2022");
  }
  d.rules = trim(top.text("rules").value_or(""));
  d.rules_loc = top.loc("rules");
  d.name = trim(top.text("department", kMaxNameChars).value_or(""));
  d.name_loc = top.loc("department");
  d.declared_score = top.number("declared_score", "（分）");
  d.declared_loc = top.loc("declared_score");
  if (stage != Stage::Goals || top.has("funds")) d.funds = read_funds(top, diags, true);
  read_department_tasks(top, d.tasks, d.tasks_loc, diags);
  std::tie(d.goal_expected, d.goal_achieved) = read_goals(top, diags, &d.goal_expected_loc, &d.goal_achieved_loc);
  if (top.has("facts")) read_facts(top.get("facts"), d, diags);
  if (top.has("projects")) {
    const Node list = top.get("projects");
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "projects 应为项目自评文件路径的列表");
    } else {
      for (const auto& n : list) {
        if (n.IsScalar()) {
          d.projects.push_back({trim(n.Scalar()), loc_of(n)});
        } else {
          diags.error(loc_of(n), "wrong-type", "projects 的每一项应为文件路径");
        }
      }
    }
  }
  read_indicators(top, diags, true, d.indicators, d.indicators_loc, d.indicators_given);
  if (top.has("checks")) read_checks(top.get("checks"), d, diags);
  if (top.has("charts")) read_charts(top.get("charts"), d, diags);
  if (top.has("same_figures")) read_same_figures(top.get("same_figures"), d, diags);
  return d;
}

}  // namespace jx::load
