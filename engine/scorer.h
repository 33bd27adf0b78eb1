// Scorers of computed department indicators (the kinds real frameworks use:
// 财预〔2013〕53号 lineage, Hunan thresholds, "按完成比例计算得分，满分为止").
//
// Values of rates are fractions (0.95 = 95 %); a percentage point is 0.01.
// - Linear: weight × min(value / target, 1); value ≤ 0 → 0.
// - Reverse: full when value ≤ target, else target / value × weight.
// - Steps: thresholds all {min} (descending: first value ≥ min) or all {max}
//   (ascending: first value ≤ max); a last step without bound catches the
//   rest; no match → 0.
// - DeductPerPP: pp = (value − reference) × 100 when `above` (else
//   reference − value); deduction = deduct × ⌊pp / per⌋ (whole steps, as the
//   published tables count them; `partial` counts fractions); floored at 0.
// - Checklist: Σ points of the criteria met (the points must add up to the weight).
// - PerViolation: weight − deduct × count, floored at 0.
// - ProjectsMean / ProjectsWeighted: mean (or 全年预算数-weighted mean) of the
//   attached projects' totals, × weight / 100.
// Every score is rounded once to rules.digits.
#pragma once

#include <optional>
#include <string>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

/// The attached projects, summarised for the Projects* scorers.
struct ProjectsAggregate {
  int count = 0;
  Decimal mean;      ///< plain mean of totals, 2 decimals
  Decimal weighted;  ///< Σ total × 全年预算数 / Σ 全年预算数, 2 decimals
};

struct ScorerOutcome {
  bool ok = false;
  Decimal score;
  std::string basis;
};

/// Checks the scorer's own data (sorted, non-overlapping thresholds, points
/// within the weight, checklist points adding up). Returns false on error.
bool validate_scorer(const Scorer& s, Decimal weight, Diagnostics& diags);

/// Whether the scorer needs a computed value (a formula).
bool scorer_needs_value(const Scorer& s);

/// Scores. `value` is the formula's result when scorer_needs_value().
ScorerOutcome apply_scorer(const Scorer& s, Decimal weight, std::optional<Decimal> value,
                           const ProjectsAggregate& projects, const RuleSet& rules);

}  // namespace jx
