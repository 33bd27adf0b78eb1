#include "engine/dept_score.h"

#include "engine/facts.h"
#include "engine/rate_plausibility.h"
#include "engine/same_figures.h"
#include "engine/text.h"

namespace jx {
namespace {

ProjectsAggregate aggregate(const std::vector<ProjectSummary>& projects) {
  ProjectsAggregate a;
  a.count = static_cast<int>(projects.size());
  if (projects.empty()) return a;
  Decimal sum;
  Decimal budget;
  Decimal weighted_sum;
  for (const auto& p : projects) {
    sum += p.total;
    budget += p.budget;
    weighted_sum += p.total * p.budget;
  }
  a.mean = mul_div(sum, Decimal(1), Decimal(a.count), 2);
  a.weighted = budget.is_zero() ? a.mean : mul_div(weighted_sum, Decimal(1), budget, 2);
  return a;
}

// The target column of a computed leaf: what the scorer asks for.
std::string scorer_target(const Scorer& s) {
  switch (s.kind) {
    case Scorer::Kind::Linear: return "≥" + percent_text(s.target);
    case Scorer::Kind::Reverse: return "≤" + percent_text(s.target);
    case Scorer::Kind::DeductPerPP: return (s.above ? "≤" : "≥") + percent_text(s.reference);
    case Scorer::Kind::Steps: return "分档计分（" + std::to_string(s.steps.size()) + " 档）";
    case Scorer::Kind::Checklist: return std::to_string(s.items.size()) + " 项标准";
    case Scorer::Kind::PerViolation: return "无违规";
    case Scorer::Kind::ProjectsMean:
    case Scorer::Kind::ProjectsWeighted: return "项目自评";
  }
  return "";
}

std::string plain_or_percent(Decimal v, bool percent) {
  return percent ? percent_text(v) : v.to_string(2);
}

}  // namespace

DepartmentScore score_department(const Department& d, const RuleSet& rules,
                                 const std::vector<ProjectSummary>& projects) {
  DepartmentScore out;
  Diagnostics pre;  // facts, scorers, checks: merged into core.diagnostics at the end
  FactTable table(d.facts, pre);
  table.evaluate_all();
  out.projects = aggregate(projects);
  out.project_list = projects;
  RatePlausibility plausibility(d.facts);

  LeafScorer leaf_scorer = [&](const Indicator& ind, const std::string& second, LeafScore& row,
                               Diagnostics& diags) -> LeafOutcome {
    const Decimal w = ind.weight.value_or(Decimal());
    if (!ind.scorer) {
      if (ind.formula) {
        diags.error(ind.formula_loc, "formula-without-scorer", "公式指标“" + ind.name + "”缺少 scorer",
                    "例如 scorer: {kind: linear, target: 100%}；可用 linear / reverse / steps / deduct_per_pp");
        return {};
      }
      return score_leaf(ind, second, rules, d.year, diags);
    }
    const Scorer& s = *ind.scorer;
    // The formula is evaluated even when the scorer is bad, so that every problem is reported at once.
    std::optional<Decimal> value;
    if (scorer_needs_value(s)) {
      if (!ind.formula) {
        diags.error(ind.scorer->loc, "scorer-without-formula", "指标“" + ind.name + "”的 scorer 需要一个 formula",
                    "例如 formula: 支出决算数 / 预算数");
        validate_scorer(s, w, diags);
        return {};
      }
      value = table.eval(*ind.formula, ind.formula_loc, &row.inputs);
      if (value) {
        row.value = value;
        row.formula = *ind.formula;
        row.actual = plain_or_percent(*value, ind.percent);
      }
    }
    if (!validate_scorer(s, w, diags) || (scorer_needs_value(s) && !value)) return {};
    // A bound written as 90 instead of 90% means 9000 %: almost always a slip.
    if (ind.percent) {
      std::vector<Decimal> bounds;
      if (s.kind == Scorer::Kind::Linear || s.kind == Scorer::Kind::Reverse) bounds.push_back(s.target);
      if (s.kind == Scorer::Kind::DeductPerPP) bounds.push_back(s.reference);
      for (const auto& st : s.steps) {
        if (st.has_min || st.has_max) bounds.push_back(st.bound);
      }
      for (const Decimal b : bounds) {
        if (b >= Decimal(2)) {
          diags.warning(
              s.loc, "scorer-bound-not-percent",
              "指标“" + ind.name + "”的评分界限 " + b.to_plain() + " 即 " + percent_text(b) + "，可能漏写了 %",
              "百分比请写成 90%（或 0.9）；若指标本身不是比率，写 display: number");
          break;
        }
      }
    }
    if (value) plausibility.check(ind, *value, diags);
    if ((s.kind == Scorer::Kind::ProjectsMean || s.kind == Scorer::Kind::ProjectsWeighted) && projects.empty()) {
      // Projects listed but none scored: each failure is already an error of
      // its own (所附项目 X 有错误，未计入), which says more than "no projects".
      if (!d.projects.empty()) return {};
      diags.error(s.loc, "no-projects", "指标“" + ind.name + "”按项目自评得分计算，但 projects 中没有项目",
                  "在 projects 下列出项目自评文件");
      return {};
    }
    if (s.kind == Scorer::Kind::ProjectsMean || s.kind == Scorer::Kind::ProjectsWeighted) {
      row.value = s.kind == Scorer::Kind::ProjectsMean ? out.projects.mean : out.projects.weighted;
      row.actual = row.value->to_string(2) + " 分";
    }
    if (row.target.empty()) row.target = scorer_target(s);
    ScorerOutcome r = apply_scorer(s, w, value, out.projects, rules);
    LeafOutcome lo;
    lo.ok = r.ok;
    lo.score = r.score;
    lo.basis = r.basis;
    return lo;
  };

  Evaluation e{d.year,         d.funds, d.indicators, d.indicators_loc, d.indicators_given, d.declared_score,
               d.declared_loc, false,   false};
  e.texts = {{"年度总体目标（预期目标）", d.goal_expected, d.goal_expected_loc},
             {"年度总体目标（实际完成情况）", d.goal_achieved, d.goal_achieved_loc}};
  out.core = score_evaluation(e, rules, leaf_scorer);

  // Cross-checks: each a warning naming both figures and their difference.
  for (const CrossCheck& c : d.checks) {
    CheckResult r{c.name, c.left, c.right, {}, {}, false, false, c.loc};
    auto l = table.eval(c.left, c.left_loc);
    auto rv = table.eval(c.right, c.right_loc);
    if (l && rv) {
      r.evaluated = true;
      r.left_value = *l;
      r.right_value = *rv;
      const Decimal diff = *l - *rv;
      const Decimal abs = diff.is_negative() ? Decimal(0) - diff : diff;
      r.ok = abs <= c.tolerance;
      if (!r.ok) {
        pre.warning(c.loc, "cross-check",
                    "勾稽关系“" + c.name + "”不符：" + c.left + " = " + l->to_string(2) + "，" + c.right + " = " +
                        rv->to_string(2) + "，相差 " + (diff.is_negative() ? "" : "+") + diff.to_string(2),
                    "核对决算报表中的这两个数；容差 " + c.tolerance.to_plain());
      }
    }
    out.checks.push_back(std::move(r));
  }

  check_same_figures(d, table, pre);

  for (const Fact& f : d.facts) {
    out.facts.push_back({f.name, table.value(f.name), f.prior, f.unit, f.formula.value_or(""), f.source});
  }

  for (const ChartSpec& c : d.charts) {
    ChartData data{c.title, c.type, c.prior, {}, {}, {}};
    bool ok = true;
    for (std::size_t i = 0; i < c.facts.size(); ++i) {
      const std::string& name = c.facts[i];
      if (table.find(name) == nullptr) {
        pre.error(c.facts_loc, "chart-unknown-fact", "图表“" + c.title + "”中的事实“" + name + "”未定义",
                  "图表只能引用 facts 中的名称");
        ok = false;
        continue;
      }
      auto v = table.value(name);
      if (!v) {
        ok = false;
        continue;
      }
      data.labels.push_back(name);
      data.values.push_back(*v);
      if (c.prior) {
        auto p = table.value(name, true);
        if (!p) {
          pre.error(c.facts_loc, "chart-no-prior", "图表“" + c.title + "”要对比上年，但事实“" + name + "”没有上年数",
                    "在 facts 中为它写 prior: 上年数，或去掉 prior: true");
          ok = false;
          continue;
        }
        data.prior_values.push_back(*p);
      }
    }
    if (ok) out.charts.push_back(std::move(data));
  }

  pre.append(out.core.diagnostics);
  out.core.diagnostics = pre;
  return out;
}

}  // namespace jx
