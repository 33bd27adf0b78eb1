// The traffic lights of a monitoring snapshot (绩效运行监控, month M = 1–M月):
// the budget's, each applicable leaf's and the project's, from the file's
// `monitor:` snapshots and the rule set's bands (RuleSet::monitor). Pure.
//
// Contract (the rules are the rule set's; lifecycle.md §2.4):
// - 序时进度 = M/12. Budget: 执行率 e = 1-M月执行数 ÷ 全年预算数 (0 when the
//   budget is 0, as the vendor does); v = e ÷ (M/12) × 100 = 执行数 × 1200 ÷
//   (预算数 × M).
// - A leaf is classified from its target (the same reading as scoring):
//   时效 (a deadline …前) → deadline; qualitative text → qualitative; ≤ / <,
//   `direction: reverse`, or a bare number under a 二级 of
//   rules.reverse_second_level (成本指标) → ceiling; "= 0" → equal_zero;
//   ≥, >, a bare number, "= x" (x ≠ 0), a range (its low end) → positive.
// - positive: v = 完成值 × 1200 ÷ (指标值 × M) (a % target with
//   rates_whole_year: 完成值 × 100 ÷ 指标值); a target ≤ 0 is met at once
//   (green, no v). ceiling: within / over the ceiling; equal_zero: = 0 or not.
//   deadline: the value is one of the qualitative words, or one of
//   deadline_pending_words (按计划推进: the pending light while the deadline
//   is after the end of month M, the late light once it is not), or is read
//   like a year-end actual against the deadline (a date, a completion word).
//   qualitative: the value must be one of the rule set's words.
// - v is computed exactly (mul_div) and rounded once to rules.v_digits with
//   rules.v_rounding; the rounded v is compared with the bands (min
//   inclusive). v is a percentage (102.86 = 102.86 %).
// - The project's light is the worst (rules.worst_first) of its leaves'
//   lights and, when rules.project_includes_budget, the budget's.
// - Missing data are errors, all reported: no snapshot for M anywhere (one
//   error naming the months there are), the funds or an applicable leaf
//   without a snapshot for M, a value that cannot be read against its target.
//   A leaf with an error has no light; the project then has none either.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

struct LeafLight {
  std::string path;  ///< 产出指标/数量指标/走访对接县（区）
  const Indicator* leaf = nullptr;
  const IndicatorSnapshot* snapshot = nullptr;  ///< null when missing (an error was reported)
  std::string kind;                             ///< positive | ceiling | equal_zero | deadline | qualitative
  std::optional<Decimal> v;                     ///< positive only, rounded
  std::optional<Light> light;                   ///< none when an error was reported
  std::string basis;                            ///< how the light came about (Chinese)
};

struct MonitorOutcome {
  int month = 0;
  const FundsSnapshot* funds = nullptr;  ///< the funds snapshot for M (null when missing)
  Decimal budget;                        ///< 全年预算数 (total, else the sum of the sources)
  Decimal initial;                       ///< 年初预算数
  Decimal executed;                      ///< 1-M月执行数
  Decimal rate;                          ///< e, a fraction at 6 decimals
  std::optional<Decimal> budget_v;       ///< rounded like every v
  std::optional<Light> budget_light;
  std::string budget_basis;
  std::vector<LeafLight> leaves;  ///< applicable leaves, in tree order
  std::optional<Light> light;     ///< the project's
  Diagnostics diagnostics;
};

/// The months (1–12) for which the file has any snapshot, ascending.
std::vector<int> snapshot_months(const Project& project);

/// The lights for month M (1–12). REQUIRES: rules.monitor.given.
MonitorOutcome compute_lights(const Project& project, const RuleSet& rules, int month);

/// The project's light at its latest snapshot month (what the bureau's
/// summary shows beside the score), or nullopt when the file has no
/// snapshot, the rule set no `monitor:` section, or the lights cannot all be
/// judged. `month` receives the month when given.
std::optional<Light> latest_light(const Project& project, const RuleSet& rules, int* month = nullptr);

/// The light of a v under bands (highest first; below all → the last band's).
Light band_light(const std::vector<LightBand>& bands, Decimal v);

}  // namespace jx
