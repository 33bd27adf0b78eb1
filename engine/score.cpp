#include "engine/score.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "engine/leaf_score.h"
#include "engine/monitor_checks.h"
#include "engine/text_checks.h"

namespace jx {
namespace {

std::string money(Decimal d) {
  return d.to_string(2);
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : std::string(sep)) + x;
  return s;
}

struct Walker {
  const Evaluation& project;
  const RuleSet& rules;
  const LeafScorer& leaf_scorer;
  ProjectScore& out;
  std::vector<std::string> path;
  bool weights_complete = true;  ///< false once a leaf weight is missing or invalid
  int weight_gaps = 0;           ///< leaves so far whose weight is missing or invalid

  ScoredNode walk(const Indicator& ind, std::size_t depth) {
    ScoredNode node;
    node.name = ind.name;
    path.push_back(ind.name);
    const std::size_t levels = rules.level_names.size();
    const std::string level = depth - 1 < levels ? rules.level_names[depth - 1] : std::to_string(depth) + "级指标";
    if (ind.name.empty()) {
      out.diagnostics.error(ind.loc, "missing-name", "指标缺少名称", "每个指标都要写 name");
    }
    if (ind.is_leaf()) {
      if (depth < levels) {
        out.diagnostics.error(ind.loc, "leaf-too-shallow", level + "“" + ind.name + "”没有下级指标",
                              "规则集 " + rules.id + " 的指标分 " + std::to_string(levels) + " 级（" +
                                  join(rules.level_names, " / ") + "），评分写在" + rules.level_names.back() + "上");
      }
      score_leaf_node(ind, node);
    } else {
      if (depth >= levels) {
        out.diagnostics.error(ind.loc, "tree-too-deep",
                              rules.level_names.back() + "“" + ind.name + "”下不能再有下级指标",
                              "规则集 " + rules.id + " 的指标分 " + std::to_string(levels) + " 级");
      }
      if (ind.children.empty()) {
        // An empty 二级 (e.g. 经济效益指标 with nothing below) stays in the form, scoring nothing.
        if (ind.weight && !ind.weight->is_zero()) {
          out.diagnostics.error(ind.weight_loc, "weight-sum",
                                "“" + ind.name + "”的分值 " + ind.weight->to_plain() + " 与下级分值之和 0 不符",
                                "没有下级指标时分值应为 0，或删去 weight");
        }
      }
      const int gaps_before = weight_gaps;
      for (const auto& child : ind.children) {
        ScoredNode c = walk(child, depth + 1);
        node.weight += c.weight;
        node.applicable_weight += c.applicable_weight;
        node.score += c.score;
        node.children.push_back(std::move(c));
      }
      // A sum with a missing or invalid weight below is not worth a second message.
      if (ind.weight && !ind.children.empty() && weight_gaps == gaps_before && *ind.weight != node.weight) {
        out.diagnostics.error(ind.weight_loc, "weight-sum",
                              "“" + ind.name + "”的分值 " + ind.weight->to_plain() + " 与下级分值之和 " +
                                  node.weight.to_plain() + " 不符",
                              "改正分值，或删去上级的 weight 由引擎求和");
      }
    }
    path.pop_back();
    return node;
  }

  void score_leaf_node(const Indicator& ind, ScoredNode& node) {
    LeafScore leaf;
    leaf.path = path;
    leaf.target = ind.target.value_or("");
    leaf.direction = ind.direction;
    leaf.actual = ind.actual.value_or("");
    leaf.applicable = ind.applicable;
    leaf.note = ind.note;
    leaf.declared = ind.declared_score;
    leaf.loc = ind.loc;
    if (!ind.weight) {
      if (!ind.weight_invalid) {
        out.diagnostics.error(ind.loc, "missing-weight", "指标“" + ind.name + "”缺少分值",
                              "填写 weight，例如 weight: 5");
      }
      weights_complete = false;
      ++weight_gaps;
    } else if (ind.weight->is_negative()) {
      weights_complete = false;
      ++weight_gaps;
      out.diagnostics.error(ind.weight_loc, "negative-weight", "分值不能为负数：" + ind.weight->to_plain());
    } else {
      leaf.weight = *ind.weight;
    }
    node.weight = leaf.weight;
    check_template_text(ind);
    if (!ind.applicable) {
      leaf.basis = "不适用，不计入总分";
    } else {
      const std::string second = path.size() >= 2 ? path[path.size() - 2] : std::string();
      LeafOutcome r = leaf_scorer ? leaf_scorer(ind, second, leaf, out.diagnostics)
                                  : score_leaf(ind, second, rules, project.year, out.diagnostics);
      leaf.score = r.score;
      leaf.basis = r.basis;
      if (r.slip && r.slip->has_reading && r.slip_score) {
        leaf.unit_slip = LeafUnitSlip{r.slip->what, r.slip->reading_text, *r.slip_score};
      }
      node.applicable_weight = leaf.weight;
      node.score = r.score;
      if (r.ok && r.score < leaf.weight && trim_empty(ind.note)) {
        out.diagnostics.warning(ind.loc, "missing-deviation-reason",
                                "指标“" + ind.name + "”得分 " + r.score.to_plain() + " 低于分值 " +
                                    leaf.weight.to_plain() + "，但未填写偏差原因分析",
                                "在 note 中写明偏差原因及改进措施");
      }
      // A declared score that a probable unit slip explains is the slip's
      // finding (warned about by score_leaf), not a wrong declaration.
      const bool slip_explains = r.slip_score && ind.declared_score && *ind.declared_score == *r.slip_score;
      if (r.ok && ind.declared_score && *ind.declared_score != r.score && !slip_explains) {
        out.diagnostics.warning(
            ind.declared_loc, "declared-row-differs",
            "指标“" + ind.name + "”自报得分 " + ind.declared_score->to_plain() + "，按规则应为 " + r.score.to_plain(),
            r.basis);
      }
    }
    node.leaf = static_cast<int>(out.leaves.size());
    out.leaves.push_back(std::move(leaf));
  }

  // Text left from a template would be printed into the official table.
  void check_template_text(const Indicator& ind) {
    const std::pair<const std::optional<std::string>, Loc> fields[] = {
        {ind.name, ind.loc}, {ind.target, ind.target_loc}, {ind.actual, ind.actual_loc}, {ind.note, ind.loc}};
    for (const auto& [text, loc] : fields) {
      if (!text) continue;
      if (auto w = template_word_in(*text, rules.template_text)) {
        out.diagnostics.warning(loc.line ? loc : ind.loc, "template-text",
                                "指标“" + ind.name + "”中的“" + *text + "”含模板文字“" + *w + "”",
                                "填写本项目的实际内容；模板文字会原样印在自评表上");
        return;
      }
    }
  }

  static bool trim_empty(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
  }
};

void check_first_levels(const ProjectScore& ps, const Evaluation& project, const RuleSet& rules, Diagnostics& diags) {
  std::string standard;
  for (const auto& f : rules.first_levels) standard += (standard.empty() ? "" : "、") + f.name;
  for (std::size_t i = 0; i < ps.tree.size(); ++i) {
    const ScoredNode& node = ps.tree[i];
    const Indicator& ind = project.indicators[i];
    const FirstLevel* f = find_first_level(rules, node.name);
    if (f == nullptr) {
      if (!rules.first_levels.empty()) {
        diags.warning(ind.loc, "nonstandard-first-level",
                      "一级指标“" + node.name + "”不是规则集 " + rules.id + " 的标准名称", "标准一级指标：" + standard);
      }
      continue;
    }
    if (f->has_weight && node.weight != f->weight) {
      const std::string msg = "一级指标“" + node.name + "”分值为 " + node.weight.to_plain() + "，规则集 " + rules.id +
                              " 规定为 " + f->weight.to_plain();
      const std::string hint = "财预〔2020〕10号：原则上产出 50、效益 30、满意度 10，特殊情况可调整并说明";
      if (rules.first_level_weights_strict) {
        diags.error(ind.loc, "first-level-weight", msg, hint);
      } else {
        diags.warning(ind.loc, "first-level-weight", msg, hint);
      }
    }
    if (!f->second_level.empty()) {
      for (std::size_t k = 0; k < node.children.size(); ++k) {
        const auto& name = node.children[k].name;
        if (std::find(f->second_level.begin(), f->second_level.end(), name) == f->second_level.end()) {
          diags.warning(ind.children[k].loc, "nonstandard-second-level",
                        "二级指标“" + name + "”不是“" + f->name + "”下的标准名称",
                        "标准二级指标：" + join(f->second_level, "、"));
        }
      }
    }
  }
}

BudgetScore score_budget(const Funds& f, const RuleSet& rules, bool sum_error, Diagnostics& diags) {
  BudgetScore b;
  // special and unit_funds (rows of the Sichuan form) are sources like the
  // others; the MOF table shows them inside its 其他资金 row (below).
  const std::vector<std::pair<std::string, const FundRow*>> parts{{"其中：当年财政拨款", &f.appropriation},
                                                                  {"上年结转资金", &f.carryover},
                                                                  {"其他资金", &f.other},
                                                                  {"财政专户管理资金", &f.special},
                                                                  {"单位资金", &f.unit_funds}};
  FundRow sum;
  bool any_part = false;
  for (const auto& [label, row] : parts) {
    if (!row->present) continue;
    any_part = true;
    sum.initial += row->initial;
    sum.budget += row->budget;
    sum.executed += row->executed;
  }
  // A figure the loader could not read makes every check below a follow-on error.
  bool incomplete = f.total.present && f.total.invalid;
  for (const auto& [label, row] : parts) incomplete = incomplete || (row->present && row->invalid);
  if (incomplete) return b;
  FundRow total = f.total;
  if (!total.present) {
    if (!any_part) {
      if (!f.given) return b;  // the loader reported the missing key
      diags.error(f.loc, "missing-funds", "缺少项目资金",
                  "在 funds 下填写 total 或 appropriation / carryover / other 的 initial、budget、executed（万元）");
      return b;
    }
    total = sum;
    total.present = true;
    total.loc = f.loc;
  } else if (any_part) {
    const std::vector<std::tuple<std::string, Decimal, Decimal>> cols{{"年初预算数", total.initial, sum.initial},
                                                                      {"全年预算数", total.budget, sum.budget},
                                                                      {"全年执行数", total.executed, sum.executed}};
    for (const auto& [name, t, s] : cols) {
      if (t != s) {
        const std::string msg = "年度资金总额的" + name + " " + money(t) + " 万元与各来源之和 " + money(s) +
                                " 万元不符（相差 " + money(t - s) + "）";
        const std::string hint = sum_error
                                     ? "年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金；可删去 total 由引擎求和"
                                     : "年度资金总额 = 财政拨款 + 上年结转 + 其他资金；核对决算报表";
        if (sum_error) {
          diags.error(total.loc, "funds-sum", msg, hint);
        } else {
          diags.warning(total.loc, "funds-sum", msg, hint);
        }
      }
    }
  }
  auto line = [](std::string label, const FundRow& row) {
    FundLine l{std::move(label), row, std::nullopt};
    if (row.budget > Decimal(0)) l.rate = div(row.executed, row.budget);
    return l;
  };
  b.lines.push_back(line("年度资金总额", total));
  FundRow other;  // 其他资金 of the MOF table: other + special + unit_funds
  for (const FundRow* row : {&f.other, &f.special, &f.unit_funds}) {
    if (!row->present) continue;
    other.present = true;
    other.initial += row->initial;
    other.budget += row->budget;
    other.executed += row->executed;
  }
  for (std::size_t i = 0; i < 2; ++i) {
    b.lines.push_back(line(parts[i].first, parts[i].second->present ? *parts[i].second : FundRow{}));
  }
  b.lines.push_back(line(parts[2].first, other));
  // Department files also split the spending by its nature (shown, not scored).
  if (f.basic.present) b.lines.push_back(line("按支出性质：基本支出", f.basic));
  if (f.project.present) b.lines.push_back(line("按支出性质：项目支出", f.project));
  b.initial = total.initial;
  b.budget = total.budget;
  b.executed = total.executed;
  b.weight = rules.budget_weight;
  for (const FundRow* row :
       std::array<const FundRow*, 6>{&total, &f.appropriation, &f.carryover, &f.other, &f.special, &f.unit_funds}) {
    if (row->present && (row->initial.is_negative() || row->budget.is_negative() || row->executed.is_negative())) {
      diags.error(row->loc, "negative-funds", "资金数不能为负数");
    }
  }
  if (b.budget <= Decimal(0)) {
    diags.error(total.loc, "zero-budget", "全年预算数为 0，无法计算预算执行率",
                "执行率 = 全年执行数 / 全年预算数（调整后预算），请填写全年预算数");
    return b;
  }
  b.rate = div(b.executed, b.budget);
  b.score = mul_div(min(b.executed, b.budget), b.weight, b.budget, rules.digits, rules.rounding);
  const bool reason_empty = Walker::trim_empty(f.reason);
  if (b.executed > b.budget) {
    diags.warning(total.loc, "execution-over-budget",
                  "全年执行数 " + money(b.executed) + " 万元超过全年预算数 " + money(b.budget) + " 万元（执行率 " +
                      percent_text(b.rate) + "）",
                  "执行率超过 100% 时按 100% 计分；请核对数据");
  }
  if (b.rate < rules.low_execution && reason_empty) {
    diags.warning(
        total.loc, "low-execution-no-reason",
        "预算执行率 " + percent_text(b.rate) + " 低于 " + percent_of(rules.low_execution).to_plain() + "%，未说明原因",
        "在 funds.reason 中说明执行率偏低的原因");
  }
  if (b.budget != b.initial && reason_empty) {
    diags.warning(
        total.loc, "budget-adjusted-no-reason",
        "全年预算数 " + money(b.budget) + " 万元与年初预算数 " + money(b.initial) + " 万元不同，未说明调整原因",
        "在 funds.reason 中说明年中追加或调减的原因");
  }
  if (!f.items.empty()) {
    for (const auto& item : f.items) b.items_total += item.amount;
    if (b.items_total != b.executed) {
      const Decimal diff = b.executed - b.items_total;
      diags.warning(f.items_loc, "items-sum",
                    "资金使用明细合计 " + money(b.items_total) + " 万元，与全年执行数 " + money(b.executed) +
                        " 万元相差 " + money(diff.is_negative() ? Decimal(0) - diff : diff) + " 万元",
                    "核对各项支出明细与执行数");
    }
  }
  return b;
}

}  // namespace

ProjectScore score_project(const Project& project, const RuleSet& rules) {
  Evaluation e{
      project.year,           project.funds,       project.indicators, project.indicators_loc, project.indicators_given,
      project.declared_score, project.declared_loc};
  e.texts = {{"年度总体目标（预期目标）", project.goal_expected, project.goal_expected_loc},
             {"年度总体目标（实际完成情况）", project.goal_achieved, project.goal_achieved_loc},
             {"项目实施内容及过程概述", project.content, project.content_loc},
             {"评价结论", project.conclusion, project.conclusion_loc},
             {"存在问题", project.problems, project.problems_loc},
             {"改进措施", project.improvements, project.improvements_loc}};
  ProjectScore out = score_evaluation(e, rules, nullptr);
  monitor_year_checks(project, rules, out);  // 运行监控 snapshots, if any (engine/monitor_checks.h)
  return out;
}

ProjectScore score_evaluation(const Evaluation& project, const RuleSet& rules, const LeafScorer& leaf_scorer) {
  ProjectScore out;
  out.budget = score_budget(project.funds, rules, project.funds_sum_error, out.diagnostics);
  if (project.indicators.empty() && project.indicators_given) {
    out.diagnostics.error(project.indicators_loc, "missing-indicators", "没有绩效指标",
                          "在 indicators 下按 " + join(rules.level_names, " / ") + " 填写指标");
  }
  if (auto word = template_word_in(project.funds.reason, rules.template_text)) {
    out.diagnostics.warning(project.funds.loc, "template-text",
                            "资金调整 / 执行偏差原因“" + project.funds.reason + "”含模板文字“" + *word + "”",
                            "填写本项目的实际原因；模板文字会原样印在自评表上");
  }
  for (const Evaluation::Text& t : project.texts) {
    if (auto word = template_word_in(t.text, rules.template_text)) {
      out.diagnostics.warning(t.loc, "template-text",
                              std::string(t.label) + "“" + std::string(t.text) + "”含模板文字“" + *word + "”",
                              "填写本项目的实际内容；模板文字会原样印在自评表上");
    }
  }
  Walker w{project, rules, leaf_scorer, out, {}};
  for (const auto& ind : project.indicators) {
    ScoredNode n = w.walk(ind, 1);
    out.indicator_score += n.score;
    out.indicator_weight += n.weight;
    out.applicable_weight += n.applicable_weight;
    out.tree.push_back(std::move(n));
  }
  if (w.weights_complete && project.standard_levels) check_first_levels(out, project, rules, out.diagnostics);
  const Decimal all_weight = rules.budget_weight + out.indicator_weight;
  // Only when every leaf has a weight: a missing one is already reported.
  if (!project.indicators.empty() && w.weights_complete && all_weight != rules.total_weight) {
    out.diagnostics.error(
        project.indicators_loc, "total-weight",
        "分值合计 " + all_weight.to_plain() + "（预算执行 " + rules.budget_weight.to_plain() + " + 绩效指标 " +
            out.indicator_weight.to_plain() + "），应为 " + rules.total_weight.to_plain(),
        "调整各三级指标的 weight，使绩效指标合计为 " + (rules.total_weight - rules.budget_weight).to_plain());
  }
  out.applicable_weight += rules.budget_weight;
  const Decimal raw = out.budget.score + out.indicator_score;
  out.rescaled = out.applicable_weight != all_weight;
  if (out.rescaled && out.applicable_weight > Decimal(0)) {
    out.total = mul_div(raw, rules.total_weight, out.applicable_weight, rules.digits, rules.rounding);
  } else {
    out.total = raw;
  }
  out.grade = grade_of(rules, out.total);
  if (project.declared && *project.declared != out.total && !out.diagnostics.has_errors()) {
    const Decimal d = *project.declared - out.total;
    out.diagnostics.warning(project.declared_loc, "declared-total-differs",
                            "自报总分 " + project.declared->to_string(2) + " 与计算总分 " + out.total.to_string(2) +
                                " 不符（相差 " + (d.is_negative() ? "" : "+") + d.to_string(2) + "）",
                            "按规则逐行核对得分；计算总分 = 预算执行得分 + 各指标得分");
  }
  return out;
}

}  // namespace jx
