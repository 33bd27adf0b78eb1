#include "engine/load/goal_loader.h"

#include "engine/text.h"
#include "engine/value.h"

namespace jx::load {

const std::vector<KeySpec>& goal_top_keys() {
  static const std::vector<KeySpec> keys{
      {"attribute", "项目属性"}, {"period", "项目期"}, {"request", "申报资金"}, {"adjustments", "目标调整"}};
  return keys;
}
const std::vector<KeySpec>& goal_indicator_keys() {
  static const std::vector<KeySpec> keys{
      {"unit", "计量单位"}, {"operator", "计算符号"}, {"basis", "取值依据"}, {"mid_target", "中期指标值"}};
  return keys;
}
const std::vector<std::string>& goal_bases() {
  static const std::vector<std::string> bases{"计划标准", "行业标准", "历史标准", "其他"};
  return bases;
}

namespace {

const std::vector<KeySpec> kRequestKeys{{"mid_term", "中期资金"}, {"annual", "年度资金"}};
const std::vector<KeySpec> kRequestRowKeys{{"total", "资金总额"}, {"appropriation", "财政拨款"}, {"other", "其他资金"}};
const std::vector<KeySpec> kAdjustmentKeys{{"indicator", "指标"}, {"from", "原指标值"}, {"to", "调整后指标值"},
                                           {"date", "调整日期"},  {"reason", "调整原因"}};
const std::vector<std::string> kAttributes{"新增", "延续"};

RequestedFunds read_request_row(MapReader& m, const std::string& key, const std::string& label, Diagnostics& diags) {
  RequestedFunds row;
  if (!m.has(key)) return row;
  row.loc = m.loc(key);
  MapReader r(m.get(key), label, &kRequestRowKeys, diags);
  if (!r.ok()) return row;
  row.present = true;
  r.require("appropriation", "appropriation: 135");
  r.require("other", "other: 0");
  row.total = r.number("total", "（万元）");
  row.total_loc = r.loc("total");
  const auto appropriation = r.number("appropriation", "（万元）");
  const auto other = r.number("other", "（万元）");
  row.invalid = !appropriation || !other || (r.has("total") && !row.total);
  row.appropriation = appropriation.value_or(Decimal());
  row.other = other.value_or(Decimal());
  return row;
}

}  // namespace

std::string canonical_operator(std::string_view text) {
  const std::string t = trim(text);
  if (t == "定性") return "定性";
  if (t.empty()) return "";
  // The value parser knows every spelling of a comparator: it reads "≥1" etc.
  const Value v = parse_value(t + "1");
  if (v.kind != Value::Kind::Number || v.op == Op::None || v.amount != Decimal(1) || !v.unit.empty()) return "";
  return std::string(op_symbol(v.op));
}

void read_project_goals(MapReader& top, ProjectGoals& g, Diagnostics& diags) {
  if (top.has("attribute")) {
    g.attribute = trim(top.text("attribute", kMaxNameChars).value_or(""));
    g.attribute_loc = top.loc("attribute");
    if (!g.attribute.empty() && g.attribute != kAttributes[0] && g.attribute != kAttributes[1]) {
      diags.error(g.attribute_loc, "bad-attribute", "项目属性应为“新增”或“延续”，而不是“" + g.attribute + "”",
                  "例如 attribute: 延续");
      g.attribute.clear();
    }
  }
  g.period = trim(top.text("period", kMaxNameChars).value_or(""));
  g.period_loc = top.loc("period");
  if (top.has("request")) {
    g.request_loc = top.loc("request");
    MapReader r(top.get("request"), "申报资金 request ", &kRequestKeys, diags);
    if (r.ok()) {
      g.request_mid = read_request_row(r, "mid_term", "中期资金 mid_term ", diags);
      g.request_annual = read_request_row(r, "annual", "年度资金 annual ", diags);
      if (!r.has("annual")) {
        diags.error(r.loc(), "missing-key", "申报资金缺少“annual”（年度资金）",
                    "例如 annual: {total: 135, appropriation: 135, other: 0}");
      }
    }
  }
  if (top.has("adjustments")) {
    const Node list = top.get("adjustments");
    g.adjustments_loc = loc_of(list);
    if (!list.IsSequence()) {
      diags.error(loc_of(list), "wrong-type", "字段“adjustments”应为列表，每项以“- indicator:”开头",
                  "例如 - {indicator: 走访对接县（区）, from: \"≥5个\", to: \"≥4个\", date: 2022-06-30, reason: …}");
      return;
    }
    for (const auto& n : list) {
      MapReader a(n, "目标调整", &kAdjustmentKeys, diags);
      if (!a.ok()) continue;
      a.require("indicator", "indicator: 走访对接县（区）");
      a.require("date", "date: 2022-06-30");
      a.require("reason", "reason: 经主管部门批准调整");
      if (!a.has("from") && !a.has("to")) {
        diags.error(a.loc(), "missing-key", "目标调整至少要写 from（原指标值）或 to（调整后指标值）",
                    "改动指标值写两者；新增指标只写 to，取消指标只写 from");
      }
      Adjustment adj;
      adj.loc = a.loc();
      adj.indicator = trim(a.text("indicator", 3 * kMaxNameChars).value_or(""));
      if (a.has("from")) adj.from = trim(a.text("from").value_or(""));
      if (a.has("to")) adj.to = trim(a.text("to").value_or(""));
      adj.from_loc = a.has("from") ? a.loc("from") : a.loc();
      adj.date = trim(a.text("date", kMaxNameChars).value_or(""));
      adj.reason = trim(a.text("reason").value_or(""));
      if (a.has("reason") && adj.reason.empty()) {
        diags.error(a.loc("reason"), "empty-reason", "目标调整“" + adj.indicator + "”没有写调整原因",
                    "写明调整的依据，如“经主管部门批准（X财〔2022〕5号）”");
      }
      g.adjustments.push_back(std::move(adj));
    }
  }
}

void read_department_tasks(MapReader& top, std::vector<DepartmentTask>& tasks, Loc& loc, Diagnostics& diags) {
  if (!top.has("tasks")) return;
  static const std::vector<KeySpec> kTaskKeys{{"name", "任务名称"},    {"content", "主要内容"}, {"total", "总额"},
                                              {"appropriation", "财政拨款"}, {"other", "其他资金"}};
  const Node list = top.get("tasks");
  loc = loc_of(list);
  if (!list.IsSequence()) {
    diags.error(loc, "wrong-type", "字段“tasks”应为列表，每项以“- name:”开头",
                "例如 - {name: 科普宣传, content: …, total: 30, appropriation: 30, other: 0}");
    return;
  }
  for (const auto& n : list) {
    MapReader m(n, "年度主要任务", &kTaskKeys, diags);
    if (!m.ok()) continue;
    m.require("name", "name: 科普宣传");
    m.require("appropriation", "appropriation: 30");
    m.require("other", "other: 0");
    DepartmentTask t;
    t.loc = m.loc();
    t.name = trim(m.text("name", kMaxNameChars).value_or(""));
    t.content = trim(m.text("content").value_or(""));
    t.funds.present = true;
    t.funds.loc = m.loc();
    t.funds.total = m.number("total", "（万元）");
    t.funds.total_loc = m.loc("total");
    const auto appropriation = m.number("appropriation", "（万元）");
    const auto other = m.number("other", "（万元）");
    t.funds.invalid = !appropriation || !other || (m.has("total") && !t.funds.total);
    t.funds.appropriation = appropriation.value_or(Decimal());
    t.funds.other = other.value_or(Decimal());
    tasks.push_back(std::move(t));
  }
}

void read_indicator_goal(MapReader& m, IndicatorGoal& g, Diagnostics& diags) {
  if (m.has("unit")) {
    g.unit = trim(m.text("unit", kMaxNameChars).value_or(""));
    g.unit_loc = m.loc("unit");
  }
  if (m.has("operator")) {
    g.op_loc = m.loc("operator");
    const std::string written = trim(m.text("operator", kMaxNameChars).value_or(""));
    const std::string op = canonical_operator(written);
    if (op.empty()) {
      diags.error(g.op_loc, "bad-operator", "计算符号“" + written + "”无法识别",
                  "写 ≥、＞、＝、＜、≤ 之一，或“定性”（也可写 >=、<=、大于等于 等）");
    } else {
      g.op = op;
    }
  }
  if (m.has("basis")) {
    g.basis_loc = m.loc("basis");
    const std::string written = trim(m.text("basis", kMaxNameChars).value_or(""));
    bool known = false;
    for (const auto& b : goal_bases()) known = known || b == written;
    if (!known) {
      diags.error(g.basis_loc, "bad-basis", "取值依据“" + written + "”不是计划标准、行业标准、历史标准或其他",
                  "例如 basis: 计划标准（其他经财政部门确认的标准写“其他”）");
    } else {
      g.basis = written;
    }
  }
  if (m.has("mid_target")) {
    g.mid_target = trim(m.text("mid_target").value_or(""));
    g.mid_target_loc = m.loc("mid_target");
  }
}

}  // namespace jx::load
