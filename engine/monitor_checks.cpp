#include "engine/monitor_checks.h"

#include <algorithm>
#include <map>

#include "engine/lights.h"
#include "engine/value.h"

namespace jx {
namespace {

bool listed(const std::vector<std::string>& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
  std::string s;
  for (const auto& w : list) s += (s.empty() ? "" : "、") + w;
  return s;
}

template <typename F>
void for_each_leaf(const Indicator& ind, F&& f) {
  if (ind.is_leaf()) {
    f(ind);
    return;
  }
  for (const auto& c : ind.children) for_each_leaf(c, f);
}

void check_snapshot(const Indicator& ind, int month, const IndicatorSnapshot& s, const MonitorRules& r,
                    Diagnostics& diags) {
  const std::string m = std::to_string(month);
  for (std::size_t i = 0; i < s.reasons.size(); ++i) {
    if (!listed(r.reasons, s.reasons[i])) {
      diags.error(s.reason_locs[i], "monitor-bad-reason",
                  "指标“" + ind.name + "”" + m + " 月的偏差原因“" + s.reasons[i] + "”不是规定的选项",
                  "从 " + joined(r.reasons) + " 中选择；具体情况写在 note 中");
    }
  }
  if (s.possibility && !listed(r.possibilities, *s.possibility)) {
    diags.error(s.possibility_loc, "monitor-bad-possibility",
                "指标“" + ind.name + "”" + m + " 月的完成目标可能性“" + *s.possibility + "”不是规定的选项",
                "从 " + joined(r.possibilities) + " 中选择");
  }
  const bool doubtful = s.possibility && listed(r.possibilities_needing_note, *s.possibility);
  if (s.note.empty() && ((r.reason_needs_note && !s.reasons.empty()) || doubtful)) {
    const std::string why = !s.reasons.empty() && (r.reason_needs_note || !doubtful)
                                ? "勾选了偏差原因（" + joined(s.reasons) + "）"
                                : "完成目标可能性为“" + *s.possibility + "”";
    diags.warning(s.loc, "monitor-note-missing", "指标“" + ind.name + "”" + m + " 月" + why + "，但没有填写原因说明",
                  "在 note 中写明偏差或不能完成目标的原因及相关举措");
  }
  if (doubtful && r.possibility_needs_reason && s.reasons.empty()) {
    diags.warning(s.possibility_loc, "monitor-reason-missing",
                  "指标“" + ind.name + "”" + m + " 月的完成目标可能性为“" + *s.possibility + "”，但没有勾选偏差原因",
                  "在 reasons 中选择 " + joined(r.reasons) + " 中的一项或几项");
  }
}

// The snapshot of the latest month that has a forecast, or nullptr.
template <typename Map>
const typename Map::mapped_type* latest_forecast(const Map& m, int& month) {
  for (auto it = m.rbegin(); it != m.rend(); ++it) {
    if (it->second.forecast) {
      month = it->first;
      return &it->second;
    }
  }
  return nullptr;
}

// |forecast − actual| > threshold × |actual|, exactly (no division).
bool off(Decimal forecast, Decimal actual, Decimal threshold) {
  const Decimal diff = forecast > actual ? forecast - actual : actual - forecast;
  if (diff.is_zero()) return false;
  const Decimal base = actual.is_negative() ? Decimal() - actual : actual;
  const auto allowed = checked_mul(threshold, base);
  return !allowed || diff > *allowed;
}

std::string deviation_text(Decimal forecast, Decimal actual) {
  if (actual.is_zero()) return "年终实际为 0";
  const Decimal diff = forecast > actual ? forecast - actual : actual - forecast;
  const Decimal base = actual.is_negative() ? Decimal() - actual : actual;
  return "相差 " + percent_text(div(diff, base)) + "（以年终实际值为基数）";
}

}  // namespace

void check_snapshots(const Project& project, const RuleSet& rules, Diagnostics& diags) {
  const MonitorRules& r = rules.monitor;
  for (const auto& [month, s] : project.funds.monitor) {
    if (s.executed && s.forecast && *s.forecast < *s.executed) {
      diags.warning(s.forecast_loc, "monitor-forecast-below-executed",
                    std::to_string(month) + " 月的全年预计执行数 " + s.forecast->to_plain() + " 万元小于已执行的 " +
                        s.executed->to_plain() + " 万元",
                    "全年预计执行数应不小于截至该月的执行数");
    }
  }
  for (const auto& top : project.indicators) {
    for_each_leaf(top, [&](const Indicator& ind) {
      for (const auto& [month, s] : ind.monitor) check_snapshot(ind, month, s, r, diags);
    });
  }
}

void check_year_end(const Project& project, const RuleSet& rules, const ProjectScore& score, Diagnostics& diags) {
  const MonitorRules& r = rules.monitor;
  if (score.diagnostics.has_errors()) return;
  // Red at some month, 优 at year end, and nothing said about it.
  if (listed(r.red_then_grades, score.grade)) {
    bool budget_red = false;
    int budget_month = 0;
    std::map<const Indicator*, int> red_leaves;  // leaf → latest red month
    for (const int month : snapshot_months(project)) {
      const MonitorOutcome o = compute_lights(project, rules, month);
      if (o.budget_light == Light::Red) {
        budget_red = true;
        budget_month = month;
      }
      for (const LeafLight& l : o.leaves) {
        if (l.light == Light::Red) red_leaves[l.leaf] = month;
      }
    }
    if (budget_red && project.funds.reason.empty()) {
      const auto& s = project.funds.monitor.at(budget_month);
      diags.warning(s.loc, "monitor-red-unexplained",
                    std::to_string(budget_month) + " 月预算执行为" + light_label(r, Light::Red) + "，年终自评为“" +
                        score.grade + "”，但没有说明执行如何追上",
                    "在 funds.reason 中说明下半年执行加快的原因");
    }
    for (const auto& top : project.indicators) {
      for_each_leaf(top, [&](const Indicator& ind) {
        const auto it = red_leaves.find(&ind);
        if (it == red_leaves.end() || !ind.note.empty()) return;
        diags.warning(ind.monitor.at(it->second).loc, "monitor-red-unexplained",
                      "指标“" + ind.name + "”" + std::to_string(it->second) + " 月为" + light_label(r, Light::Red) +
                          "，年终自评为“" + score.grade + "”，但没有说明",
                      "在该指标的 note（偏差原因分析）中说明目标如何达成");
      });
    }
  }
  // Forecasts far from the year-end figures.
  int month = 0;
  if (const FundsSnapshot* s = latest_forecast(project.funds.monitor, month)) {
    if (off(*s->forecast, score.budget.executed, r.forecast_deviation)) {
      diags.warning(s->forecast_loc, "monitor-forecast-off",
                    std::to_string(month) + " 月预计全年执行 " + s->forecast->to_plain() + " 万元，年终执行 " +
                        score.budget.executed.to_plain() + " 万元，" +
                        deviation_text(*s->forecast, score.budget.executed),
                    "预计执行数与实际偏离超过 " + percent_text(r.forecast_deviation) + "：核对监控表或说明原因");
    }
  }
  for (const auto& top : project.indicators) {
    for_each_leaf(top, [&](const Indicator& ind) {
      if (!ind.applicable || !ind.actual || !ind.target) return;
      int m = 0;
      const IndicatorSnapshot* s = latest_forecast(ind.monitor, m);
      if (s == nullptr) return;
      const Value target = parse_value(*ind.target);
      if (target.kind != Value::Kind::Number && target.kind != Value::Kind::Range) return;
      const Value f = parse_actual(*s->forecast, target, rules.deadline_actuals);
      const Value a = parse_actual(*ind.actual, target, rules.deadline_actuals);
      if (f.kind != Value::Kind::Number || a.kind != Value::Kind::Number || !units_compatible(f.unit, a.unit)) return;
      if (!off(f.amount, a.amount, r.forecast_deviation)) return;
      diags.warning(s->forecast_loc, "monitor-forecast-off",
                    "指标“" + ind.name + "”" + std::to_string(m) + " 月预计全年完成“" + *s->forecast +
                        "”，年终实际“" + *ind.actual + "”，" + deviation_text(f.amount, a.amount),
                    "预计与实际偏离超过 " + percent_text(r.forecast_deviation) + "：在 note 中说明原因");
    });
  }
}

void monitor_year_checks(const Project& project, const RuleSet& rules, ProjectScore& score) {
  if (!rules.monitor.given) return;
  const std::vector<int> months = snapshot_months(project);
  if (months.empty()) return;
  Diagnostics found;
  for (const int month : months) {
    const MonitorOutcome o = compute_lights(project, rules, month);
    // At year end an incomplete month is not bad input (the self-evaluation
    // stands on its own): one warning per month naming what is missing.
    // Values that cannot be read stay errors.
    std::vector<const Diagnostic*> missing;
    for (const Diagnostic& d : o.diagnostics.items()) {
      if (d.code == "monitor-missing") {
        missing.push_back(&d);
      } else if (d.severity == Severity::Error) {
        found.error(d.loc, d.code, d.message, d.hint);
      }
    }
    if (missing.empty()) continue;
    std::string what;
    for (std::size_t i = 0; i < missing.size() && i < 3; ++i) {
      const std::string& msg = missing[i]->message;
      what += (i ? "；" : "") + msg;
    }
    if (missing.size() > 3) what += "等 " + std::to_string(missing.size()) + " 处";
    found.warning(missing.front()->loc, "monitor-incomplete",
                  std::to_string(month) + " 月的监控数据不完整：" + what,
                  "jixiao monitor --month " + std::to_string(month) + " 需要项目资金和每个适用指标的 " +
                      std::to_string(month) + " 月数据");
  }
  check_snapshots(project, rules, found);
  score.diagnostics.append(found);
  check_year_end(project, rules, score, score.diagnostics);
}

}  // namespace jx
