#include "engine/load/project_loader.h"

#include <tuple>

#include "engine/load/file_header.h"
#include "engine/load/goal_loader.h"
#include "engine/load/monitor_yaml.h"
#include "engine/load/scorer_reader.h"
#include "engine/load/yaml_reader.h"
#include "engine/text.h"
#include "engine/text_checks.h"

namespace jx::load {
namespace {

const std::vector<KeySpec> kTopKeys = [] {
  std::vector<KeySpec> keys{{"kind", "类型"},
                                    {"year", "年度"},
                                    {"rules", "规则"},
                                    {"project", "项目名称"},
                                    {"department", "主管部门"},
                                    {"unit", "实施单位"},
                                    {"declared_score", "自评得分"},
                                    {"funds", "项目资金"},
                                    {"goals", "年度总体目标"},
                                    {"indicators", "绩效指标"},
                                    {"code", "项目编码"},
                                    {"content", "实施内容及过程概述"},
                                    {"conclusion", "评价结论"},
                                    {"problems", "存在问题"},
                                    {"improvements", "改进措施"},
                                    {"leads", "负责人"}};
  keys.insert(keys.end(), goal_top_keys().begin(), goal_top_keys().end());  // the goal form (goal_loader.h)
  return keys;
}();
const std::vector<KeySpec> kFundsKeys{{"total", "年度资金总额"},
                                      {"appropriation", "当年财政拨款"},
                                      {"carryover", "上年结转资金"},
                                      {"other", "其他资金"},
                                      {"special", "财政专户管理资金"},
                                      {"unit_funds", "单位资金"},
                                      {"reason", "原因"},
                                      {"items", "支出明细"},
                                      {"declared_score", "自报得分"},
                                      {"monitor", "运行监控"}};
const std::vector<KeySpec> kRowKeys{{"initial", "年初预算数"}, {"budget", "全年预算数"}, {"executed", "全年执行数"}};
const std::vector<KeySpec> kItemKeys{{"name", "名称"}, {"amount", "金额"}};
const std::vector<KeySpec> kLeadKeys{{"project", "项目负责人"}, {"finance", "财务负责人"}};
const std::vector<KeySpec> kGoalKeys{{"expected", "预期目标"}, {"achieved", "实际完成情况"}, {"mid_term", "中期目标"}};
const std::vector<KeySpec> kIndicatorKeys = [] {
  std::vector<KeySpec> keys{
    {"name", "名称"},         {"weight", "分值"},         {"target", "年度指标值"},
    {"actual", "实际完成值"}, {"note", "偏差原因"},       {"grade", "等级"},
    {"score", "得分"},        {"applicable", "是否适用"}, {"declared_score", "自报得分"},
    {"direction", "方向"},    {"children", "下级指标"},   {"monitor", "运行监控"}};
  keys.insert(keys.end(), goal_indicator_keys().begin(), goal_indicator_keys().end());  // the goal form
  return keys;
}();

const std::vector<KeySpec> kDeptFundsExtra{{"basic", "基本支出"}, {"project", "项目支出"}};
const std::vector<KeySpec> kDeptIndicatorExtra{{"formula", "公式"}, {"scorer", "评分方法"}, {"display", "显示"}};

constexpr int kMaxDepth = 8;
constexpr std::size_t kMaxCodeChars = 64;  // 项目编码: 22 characters in Sichuan

// The optional fields of the Sichuan form (510000_0013zp): 项目编码, the
// narrative texts and the two signatures.
void read_form_fields(MapReader& top, Project& p, Diagnostics& diags) {
  p.code = trim(top.text("code", kMaxCodeChars).value_or(""));
  for (const char32_t c : utf8_decode(p.code)) {
    if (!((c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'))) {
      diags.error(top.loc("code"), "bad-code", "项目编码“" + p.code + "”只能由字母和数字组成",
                  "例如 code: 51000022R000000012345（表中印作“编码-项目名称”）");
      p.code.clear();
      break;
    }
  }
  p.content = trim(top.text("content").value_or(""));
  p.conclusion = trim(top.text("conclusion").value_or(""));
  p.problems = trim(top.text("problems").value_or(""));
  p.improvements = trim(top.text("improvements").value_or(""));
  p.content_loc = top.loc("content");
  p.conclusion_loc = top.loc("conclusion");
  p.problems_loc = top.loc("problems");
  p.improvements_loc = top.loc("improvements");
  if (top.has("leads")) {
    MapReader l(top.get("leads"), "负责人 leads ", kLeadKeys, diags);
    if (!l.ok()) return;
    p.project_lead = trim(l.text("project", kMaxNameChars).value_or(""));
    p.finance_lead = trim(l.text("finance", kMaxNameChars).value_or(""));
  }
}
constexpr std::size_t kMaxIndicators = 2000;  // per file, all levels

FundRow read_row(MapReader& funds, const std::string& key, const std::string& label, Diagnostics& diags) {
  FundRow row;
  if (!funds.has(key)) return row;
  MapReader r(funds.get(key), "资金行“" + label + "”", kRowKeys, diags);
  row.loc = funds.loc(key);
  if (!r.ok()) return row;
  row.present = true;
  r.require("initial", "initial: 135");
  r.require("budget", "budget: 89.66");
  r.require("executed", "executed: 89.66");
  auto initial = r.number("initial", "（万元）");
  auto budget = r.number("budget", "（万元）");
  auto executed = r.number("executed", "（万元）");
  row.invalid = !initial || !budget || !executed;
  row.initial = initial.value_or(Decimal());
  row.budget = budget.value_or(Decimal());
  row.executed = executed.value_or(Decimal());
  return row;
}

}  // namespace

Funds read_funds(MapReader& top, Diagnostics& diags, bool department) {
  Funds f;
  f.loc = top.loc("funds");
  if (!top.has("funds")) {
    diags.error(top.loc(), "missing-key", "缺少字段“funds”（项目资金）",
                "例如 funds: {total: {initial: 135, budget: 89.66, executed: 89.66}}");
    return f;
  }
  f.given = true;
  std::vector<KeySpec> keys = kFundsKeys;
  if (department) keys.insert(keys.end(), kDeptFundsExtra.begin(), kDeptFundsExtra.end());
  MapReader m(top.get("funds"), department ? "资金 funds " : "项目资金 funds ", keys, diags);
  if (!m.ok()) return f;
  f.total = read_row(m, "total", "年度资金总额", diags);
  f.appropriation = read_row(m, "appropriation", "当年财政拨款", diags);
  f.carryover = read_row(m, "carryover", "上年结转资金", diags);
  f.other = read_row(m, "other", "其他资金", diags);
  f.special = read_row(m, "special", "财政专户管理资金", diags);
  f.unit_funds = read_row(m, "unit_funds", "单位资金", diags);
  if (department) {
    f.basic = read_row(m, "basic", "基本支出", diags);
    f.project = read_row(m, "project", "项目支出", diags);
  }
  f.reason = trim(m.text("reason").value_or(""));
  f.declared_score = m.number("declared_score", "（分）");
  f.declared_loc = m.loc("declared_score");
  if (m.has("monitor")) f.monitor = read_funds_monitor(m.get("monitor"), diags);
  if (m.has("items")) {
    const Node items = m.get("items");
    f.items_loc = loc_of(items);
    if (!items.IsSequence()) {
      diags.error(loc_of(items), "wrong-type", "字段“items”应为列表", "例如 items: [{name: 布展费, amount: 32.77}]");
    } else {
      for (const auto& it : items) {
        MapReader r(it, "支出明细", kItemKeys, diags);
        if (!r.ok()) continue;
        r.require("amount", "amount: 32.77");
        SpendingItem item;
        item.name = r.text("name", kMaxNameChars).value_or("");
        item.amount = r.number("amount", "（万元）").value_or(Decimal());
        item.loc = r.loc();
        f.items.push_back(std::move(item));
      }
    }
  }
  return f;
}

Indicator read_indicator(const Node& node, int depth, Diagnostics& diags, bool department) {
  Indicator ind;
  std::string what = "指标";
  if (node.IsMap() && node["name"].IsDefined() && node["name"].IsScalar() &&
      utf8_decode(node["name"].Scalar()).size() <= kMaxNameChars) {
    what = "指标“" + node["name"].Scalar() + "”";
  }
  static const std::vector<KeySpec> kDeptIndicatorKeys = [] {
    std::vector<KeySpec> keys = kIndicatorKeys;
    keys.insert(keys.end(), kDeptIndicatorExtra.begin(), kDeptIndicatorExtra.end());
    return keys;
  }();
  MapReader m(node, what, department ? &kDeptIndicatorKeys : &kIndicatorKeys, diags);
  ind.loc = m.loc();
  if (!m.ok()) return ind;
  m.require("name", "name: 走访对接县（区）");
  ind.name = trim(m.text("name", kMaxNameChars).value_or(""));
  if (m.has("name")) ind.loc = m.loc("name");
  ind.weight = m.number("weight", "（分）");
  ind.weight_loc = m.loc("weight");
  ind.weight_invalid = m.has("weight") && !ind.weight;
  if (m.has("target")) {
    ind.target = m.text("target");
    ind.target_loc = m.loc("target");
  }
  if (m.has("actual")) {
    ind.actual = m.text("actual");
    ind.actual_loc = m.loc("actual");
  }
  ind.note = trim(m.text("note").value_or(""));
  if (m.has("grade")) {
    ind.grade = trim(m.text("grade").value_or(""));
    ind.grade_loc = m.loc("grade");
  }
  ind.score = m.number("score", "（分）");
  ind.score_loc = m.loc("score");
  ind.applicable = m.boolean("applicable").value_or(true);
  ind.declared_score = m.number("declared_score", "（分）");
  ind.declared_loc = m.loc("declared_score");
  if (m.has("direction")) {
    ind.direction = m.text("direction");
    ind.direction_loc = m.loc("direction");
    if (ind.direction && *ind.direction != "positive" && *ind.direction != "reverse") {
      diags.error(ind.direction_loc, "bad-direction",
                  "direction 应为 positive（正向）或 reverse（反向），而不是“" + *ind.direction + "”");
      ind.direction.reset();
    }
  }
  read_indicator_goal(m, ind.goal, diags);
  if (department) read_computed(m, ind, diags);
  if (m.has("monitor")) ind.monitor = read_indicator_monitor(m.get("monitor"), diags);
  if (m.has("children")) {
    ind.has_children_key = true;
    const Node ch = m.get("children");
    if (ch.IsNull()) return ind;  // an empty 二级 row kept in the form
    if (!ch.IsSequence()) {
      diags.error(loc_of(ch), "wrong-type", "字段“children”应为列表，每项以“- name:”开头");
      return ind;
    }
    if (depth >= kMaxDepth) {
      diags.error(loc_of(ch), "tree-too-deep", "指标层级超过 " + std::to_string(kMaxDepth) + " 级");
      return ind;
    }
    for (const auto& c : ch) ind.children.push_back(read_indicator(c, depth + 1, diags, department));
    for (const char* key :
         {"target", "actual", "grade", "score", "formula", "scorer", "unit", "operator", "basis", "mid_target", "monitor"}) {
      if (m.has(key)) {
        diags.error(m.loc(key), "inner-node-value", "有下级指标的“" + ind.name + "”不能填写 " + key,
                    "年度指标值、实际完成值和得分只写在末级（三级）指标上");
      }
    }
  }
  return ind;
}

bool report_mojibake(std::string_view text, Diagnostics& diags) {
  const auto run = gbk_mojibake_in(text);
  if (!run) return false;
  const std::size_t at = text.find(*run);
  Loc loc{1, 1};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++loc.line;
      line_start = i + 1;
    }
  }
  loc.col = static_cast<int>(utf8_decode(text.substr(line_start, at - line_start)).size()) + 1;
  diags.error(loc, "gbk-mojibake",
              "文字“" + *run + "”是乱码：文件中的中文曾按 GBK 保存，又被当作 Latin-1 读入后另存为 UTF-8",
              "用原来的 GBK 文件重新转换（如 iconv -f GBK -t UTF-8），或在编辑器中以 GBK 编码重新打开后另存为 UTF-8；"
              "乱码未修正前不再逐项检查");
  return true;
}

std::optional<Project> load_project(std::string_view text, Diagnostics& diags, Stage stage) {
  const SourceScope source(text);
  const Node root = parse_yaml(text, diags);
  if (!root.IsDefined()) return std::nullopt;
  // One clear message instead of a string of misleading ones about every field.
  if (report_mojibake(text, diags)) return std::nullopt;
  if (root.IsNull()) {
    diags.error({1, 1}, "empty-file", "文件是空的", "参照 indicators/examples/ 中的示例填写");
    return std::nullopt;
  }
  MapReader top(root, "文件", kTopKeys, diags);
  if (!top.ok()) return std::nullopt;
  Project p;
  top.require("kind", "kind: project");
  if (auto k = top.text("kind")) {
    p.kind = *k;
    if (p.kind != "project") {
      diags.error(top.loc("kind"), "bad-kind", "不支持的 kind“" + p.kind + "”",
                  p.kind == "department" ? "部门整体自评（kind: department）尚未实现" : "项目支出自评写 kind: project");
      return std::nullopt;
    }
  }
  top.require("year", "year: 2022");
  top.require("rules", "rules: mof2020");
  top.require("project", "project: 省级科普专项经费");
  top.require("indicators", "indicators: [...]");
  const std::optional<int> year = top.integer("year");
  p.year = year.value_or(0);
  p.year_loc = top.loc("year");
  if (year && (p.year < 1990 || p.year > 2100)) {
    diags.error(p.year_loc, "bad-year", "年度 " + std::to_string(p.year) + " 不合理", "写四位年份，如 2022");
  }
  p.rules = trim(top.text("rules").value_or(""));
  p.rules_loc = top.loc("rules");
  p.name = trim(top.text("project", kMaxNameChars).value_or(""));
  p.name_loc = top.loc("project");
  p.department = trim(top.text("department", kMaxNameChars).value_or(""));
  p.unit = trim(top.text("unit", kMaxNameChars).value_or(""));
  p.declared_score = top.number("declared_score", "（分）");
  p.declared_loc = top.loc("declared_score");
  // A goal form needs no 执行数: its funds are the request.
  if (stage != Stage::Goals || top.has("funds")) p.funds = read_funds(top, diags, false);
  std::tie(p.goal_expected, p.goal_achieved) =
      read_goals(top, diags, &p.goal_expected_loc, &p.goal_achieved_loc, &p.goals.mid_term, &p.goals.mid_term_loc);
  read_project_goals(top, p.goals, diags);
  read_form_fields(top, p, diags);
  read_indicators(top, diags, false, p.indicators, p.indicators_loc, p.indicators_given);
  return p;
}

std::pair<std::string, std::string> read_goals(MapReader& top, Diagnostics& diags, Loc* expected_loc,
                                               Loc* achieved_loc, std::string* mid_term, Loc* mid_term_loc) {
  if (!top.has("goals")) return {};
  MapReader g(top.get("goals"), "年度总体目标 goals ", kGoalKeys, diags);
  if (!g.ok()) return {};
  if (expected_loc != nullptr) *expected_loc = g.loc("expected");
  if (achieved_loc != nullptr) *achieved_loc = g.loc("achieved");
  if (mid_term != nullptr && g.has("mid_term")) {
    *mid_term = trim(g.text("mid_term").value_or(""));
    if (mid_term_loc != nullptr) *mid_term_loc = g.loc("mid_term");
  }
  return {trim(g.text("expected").value_or("")), trim(g.text("achieved").value_or(""))};
}

void read_indicators(MapReader& top, Diagnostics& diags, bool department, std::vector<Indicator>& out, Loc& loc,
                     bool& given) {
  loc = top.loc("indicators");
  if (!top.has("indicators")) return;
  given = true;
  const Node inds = top.get("indicators");
  if (!inds.IsSequence()) {
    diags.error(loc_of(inds), "wrong-type", "字段“indicators”应为列表，每项以“- name:”开头");
    return;
  }
  for (const auto& n : inds) out.push_back(read_indicator(n, 1, diags, department));
  std::size_t count = 0;
  const auto add = [&count](const Indicator& i, const auto& self) -> void {
    ++count;
    for (const auto& c : i.children) self(c, self);
  };
  for (const auto& i : out) add(i, add);
  if (count > kMaxIndicators) {
    diags.error(loc, "too-many-indicators",
                "指标过多（" + std::to_string(count) + " 个，上限 " + std::to_string(kMaxIndicators) + "）",
                "一个文件只写一个项目或部门的指标");
  }
}

std::string document_kind(std::string_view text) {
  // A line scan, not a parse: the file is parsed once, by the loader of its kind.
  return top_level_value(text, "kind");
}

}  // namespace jx::load
