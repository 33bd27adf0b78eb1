#include "engine/goal_checks.h"

#include <algorithm>

#include "engine/text.h"
#include "engine/text_checks.h"
#include "engine/value.h"

namespace jx {

namespace {

void collect(const std::vector<Indicator>& nodes, std::vector<std::string>& path, std::vector<LeafRef>& out) {
  for (const Indicator& n : nodes) {
    path.push_back(n.name);
    if (n.is_leaf()) {
      out.push_back({path, &n});
    } else {
      collect(n.children, path, out);
    }
    path.pop_back();
  }
}

bool contains_name(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string folded(std::string_view s) {
  std::string out;
  for (char32_t c : fold_width(utf8_decode(trim(s)))) {
    if (c != U' ') utf8_append(out, c);
  }
  return out;
}

void check_request(const RequestedFunds& r, const char* label, Diagnostics& d) {
  if (!r.present || r.invalid || !r.total) return;
  const Decimal sum = r.appropriation + r.other;
  if (*r.total != sum) {
    d.error(r.total_loc, "goal-funds-sum",
            std::string(label) + "资金总额 " + r.total->to_plain() + " 万元不等于财政拨款 " + r.appropriation.to_plain() +
                " 万元与其他资金 " + r.other.to_plain() + " 万元之和 " + sum.to_plain() + " 万元",
            "资金总额 = 财政拨款 + 其他资金；改正其中的数字");
  }
}

std::string placeholder_in(const std::string& text, const GoalRules& g) {
  const std::string f = folded(text);
  for (const auto& w : g.placeholders) {
    const std::string fw = folded(w);
    if (fw.empty()) continue;
    // A placeholder of dashes or slashes is the whole value ("—"), never a
    // part of one (3—5场 is a range); letters and stars count anywhere.
    const bool whole_only = fw.find_first_not_of("-/") == std::string::npos;
    if (whole_only ? f == fw : f.find(fw) != std::string::npos) return w;
  }
  return "";
}

// What a quantitative target lacks: "" when it is complete.
std::string missing_parts(const Value& v, const Indicator& leaf, bool implied_ceiling) {
  std::vector<std::string> missing;
  const bool op_given = v.op != Op::None || (leaf.goal.op && *leaf.goal.op != "定性") || leaf.direction ||
                        implied_ceiling || v.kind == Value::Kind::Range;
  if (!op_given) missing.emplace_back("计算符号（≥、≤ 等）");
  const bool unit_given = !v.unit.empty() || (leaf.goal.unit && !leaf.goal.unit->empty());
  if (!unit_given) missing.emplace_back("计量单位");
  std::string out;
  for (std::size_t i = 0; i < missing.size(); ++i) out += (i ? "和" : "") + missing[i];
  return out;
}

// A text with a number in it states something measurable, vague words or not
// ("进一步提高到≥95%").
bool has_digit(const std::string& text) {
  for (char32_t c : fold_width(utf8_decode(text))) {
    if (c >= U'0' && c <= U'9') return true;
  }
  return false;
}

const PriorActual* find_prior(const std::vector<PriorActual>& last, const LeafRef& leaf) {
  for (const auto& p : last) {
    if (p.path == leaf.path) return &p;
  }
  const PriorActual* only = nullptr;
  for (const auto& p : last) {
    if (!p.path.empty() && p.path.back() == leaf.path.back()) {
      if (only != nullptr) return nullptr;  // ambiguous
      only = &p;
    }
  }
  return only;
}

std::string join(const std::vector<std::string>& path) {
  std::string s;
  for (std::size_t i = 0; i < path.size(); ++i) s += (i ? "/" : "") + path[i];
  return s;
}

// The checks on each 三级指标 (every code but the funds and the tree's).
void check_leaves(const std::vector<LeafRef>& leaves, const RuleSet& rules, const std::vector<PriorActual>& last_year,
                  Diagnostics& d) {
  const GoalRules& g = rules.goal_checks;
  for (const LeafRef& ref : leaves) {
    const Indicator& leaf = *ref.leaf;
    if (!leaf.applicable) continue;
    const Loc at = leaf.target_loc.line ? leaf.target_loc : leaf.loc;
    const std::string& name = leaf.name;
    if (!leaf.target || trim(*leaf.target).empty()) {
      d.error(leaf.loc, "goal-missing-target", "指标“" + name + "”没有指标值",
              "写 target，如 target: \"≥5个\"；定性指标写预期的状态，并加 operator: 定性");
      continue;
    }
    const std::string target = trim(*leaf.target);
    if (g.require_basis && !leaf.goal.basis) {
      d.warning(leaf.loc, "goal-no-basis", "指标“" + name + "”没有写取值依据",
                "加 basis: 计划标准、行业标准、历史标准或其他");
    }
    bool placeholder = false;
    for (const auto* text : {&target, leaf.goal.mid_target ? &*leaf.goal.mid_target : nullptr}) {
      if (text == nullptr) continue;
      const std::string w = placeholder_in(*text, g);
      if (w.empty()) continue;
      placeholder = true;
      d.warning(text == &target ? at : leaf.goal.mid_target_loc, "goal-placeholder",
                "指标“" + name + "”的指标值“" + *text + "”含模板占位符“" + w + "”",
                "把占位符换成具体数值，如 ≥120人次");
    }
    if (placeholder) continue;
    const Value v = parse_value(target);
    const bool qualitative_op = leaf.goal.op && *leaf.goal.op == "定性";
    // Bare numbers under 成本指标 are ceilings by the rule set: the operator is implied.
    const bool implied_ceiling =
        ref.path.size() >= 2 && contains_name(rules.reverse_second_level, ref.path[ref.path.size() - 2]);
    if ((v.kind == Value::Kind::Number || v.kind == Value::Kind::Range) && !qualitative_op) {
      const std::string missing = missing_parts(v, leaf, implied_ceiling);
      if (!missing.empty()) {
        d.warning(at, "goal-not-quantified", "定量指标“" + name + "”的指标值“" + target + "”缺" + missing,
                  "写完整，如 ≥98%、≤50万元、≥5个；或用 operator: / unit: 补上");
      }
    } else if (v.kind == Value::Kind::Qualitative) {
      if (leaf.goal.op && !qualitative_op) {
        d.warning(at, "goal-not-quantified",
                  "指标“" + name + "”的计算符号是 " + *leaf.goal.op + "，指标值“" + target + "”却没有数值",
                  "写出数值（如 ≥95%），或改为 operator: 定性");
      } else if (const auto w = has_digit(target) ? std::nullopt : template_word_in(target, g.vague_words)) {
        d.warning(at, "goal-vague", "定性指标“" + name + "”的指标值“" + target + "”用语含糊（“" + *w + "”）",
                  "写可以判断是否达成的状态或标准，如“通过验收”“覆盖全部乡镇”，能量化的写数值");
      }
    }
    // Last year's actual above this year's positive target.
    if (v.kind != Value::Kind::Number || !(v.op == Op::Ge || v.op == Op::Gt || (v.op == Op::None && !implied_ceiling)) ||
        leaf.direction == std::optional<std::string>("reverse")) {
      continue;
    }
    const PriorActual* prior = find_prior(last_year, ref);
    if (prior == nullptr) continue;
    const Value prior_target = parse_value(prior->target);
    const Value actual = parse_actual(prior->actual, prior_target, rules.deadline_actuals);
    if (actual.kind != Value::Kind::Number || actual.unit != v.unit) continue;
    if (actual.amount > v.amount) {
      d.warning(at, "goal-below-last-year",
                "指标“" + name + "”的指标值“" + target + "”低于上年实际完成值“" + trim(prior->actual) + "”（" +
                    join(prior->path) + "）",
                "目标应不低于上年实际（历史标准）；确需降低的，说明理由");
    }
  }
}

}  // namespace

std::vector<LeafRef> leaves_of(const std::vector<Indicator>& tree) {
  std::vector<LeafRef> out;
  std::vector<std::string> path;
  collect(tree, path, out);
  return out;
}

Diagnostics check_department_goals(const Department& dep, const RuleSet& rules) {
  Diagnostics d;
  for (const DepartmentTask& t : dep.tasks) check_request(t.funds, ("任务“" + t.name + "”的").c_str(), d);
  if (dep.goal_expected.empty()) {
    d.warning(dep.goal_expected_loc.line ? dep.goal_expected_loc : Loc{1, 1}, "goal-no-annual-goal", "没有填写年度总体目标",
              "在 goals: expected: 中写年度总体目标，如“目标1：…；目标2：…”");
  }
  // Computed leaves (a formula over the 决算 facts, or a scorer such as a
  // checklist) have no stated target: their scorer sets it.
  std::vector<LeafRef> stated;
  for (const LeafRef& l : leaves_of(dep.indicators)) {
    if (!l.leaf->formula && !l.leaf->scorer) stated.push_back(l);
  }
  check_leaves(stated, rules, {}, d);
  return d;
}

Diagnostics check_goals(const Project& p, const RuleSet& rules, const std::vector<PriorActual>& last_year) {
  Diagnostics d;
  const GoalRules& g = rules.goal_checks;
  const ProjectGoals& goals = p.goals;

  check_request(goals.request_mid, "中期", d);
  check_request(goals.request_annual, "年度", d);
  if (goals.request_mid.present && goals.request_annual.present && !goals.request_mid.invalid &&
      !goals.request_annual.invalid && goals.request_annual.shown_total() > goals.request_mid.shown_total()) {
    d.warning(goals.request_annual.loc, "goal-annual-over-mid",
              "年度资金总额 " + goals.request_annual.shown_total().to_plain() + " 万元超过中期资金总额 " +
                  goals.request_mid.shown_total().to_plain() + " 万元",
              "中期资金包含各年度资金；核对两行");
  }
  if (p.goal_expected.empty()) {
    d.warning(p.goal_expected_loc.line ? p.goal_expected_loc : Loc{1, 1}, "goal-no-annual-goal", "没有填写年度目标",
              "在 goals: expected: 中写年度总体目标，如“目标1：…；目标2：…”");
  }

  const std::vector<LeafRef> leaves = leaves_of(p.indicators);
  if (g.require_cost && !leaves.empty()) {
    bool cost = false;
    for (const auto& l : leaves) {
      for (std::size_t i = 0; i + 1 < l.path.size(); ++i) cost = cost || contains_name(g.cost_names, l.path[i]);
    }
    if (!cost) {
      d.warning(p.indicators_loc, "goal-no-cost", "没有成本指标",
                "按财预〔2021〕101号，绩效指标应含成本指标（如“经济成本指标”下的单位成本、总成本控制数，写作 ≤）");
    }
  }

  check_leaves(leaves, rules, last_year, d);
  return d;
}

}  // namespace jx
