// Scoring one 三级 indicator (a leaf) under a rule set.
//
// Decisions (see README "评分规则" for the table):
// - grade given → judged: the score lies in the grade's band; without an
//   explicit `score` the band's default fraction of the weight is used.
// - target a deadline (…前) → 时效: on time or earlier = full weight, late =
//   rules.late_fraction × weight.
// - ≥ / > / bare number → positive: min(actual/target, 1) × weight; target ≤ 0
//   → full weight. The strict ">" is scored like "≥" (a ratio cannot tell).
// - ≤ / < → reverse: full when actual ≤ target, else target/actual × weight
//   (ReverseMode::Ratio) or linear to 0 at twice the target (Linear2x).
//   A bare number under a 二级 listed in rules.reverse_second_level (成本指标)
//   is a ceiling too.
// - "=" → target 0: full when actual ≤ 0, else 0; otherwise per EqualMode.
// - range lo..hi → full inside; below: actual/lo × weight; above: reverse
//   with target hi.
// - negative actuals are clamped to 0 before scoring.
#pragma once

#include <string>
#include <string_view>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

struct LeafOutcome {
  bool ok = false;    ///< false: an error was reported, score is 0
  Decimal score;      ///< rounded to rules.digits
  std::string basis;  ///< e.g. "正向：完成率 100.00%"
  bool target_too_low = false;
};

/// Scores an applicable leaf. `second_level` is the name of its 二级 parent
/// (for direction defaults); `year` fills deadlines written without a year.
/// Errors and warnings about the leaf go to `diags`.
LeafOutcome score_leaf(const Indicator& leaf, std::string_view second_level, const RuleSet& rules, int year,
                       Diagnostics& diags);

}  // namespace jx
