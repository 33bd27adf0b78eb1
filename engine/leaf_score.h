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
// - the actual is read against its target (parse_actual): a bare number takes
//   the target's unit and scale; a 时效 actual may be any of the rule set's
//   completion words. A bare actual ≤ 1 against a percentage target that it
//   matches only as a fraction (0.985 against ≥98%) is refused as ambiguous.
// - a completion ratio below 1 % or above 1 000 %, or off by 100 / 10 000,
//   is a unit-slip warning naming the reading that would make sense; the
//   score is the one of the value as written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/unit_slip.h"

namespace jx {

struct LeafOutcome {
  bool ok = false;    ///< false: an error was reported, score is 0
  Decimal score;      ///< rounded to rules.digits
  std::string basis;  ///< e.g. "正向：完成率 100.00%"
  bool target_too_low = false;
  std::optional<UnitSlip> slip;       ///< a probable unit slip in the actual (warned about)
  std::optional<Decimal> slip_score;  ///< the score the slip's reading would give
};

/// Scores an applicable leaf. `second_level` is the name of its 二级 parent
/// (for direction defaults); `year` fills deadlines written without a year.
/// Errors and warnings about the leaf go to `diags`.
LeafOutcome score_leaf(const Indicator& leaf, std::string_view second_level, const RuleSet& rules, int year,
                       Diagnostics& diags);

}  // namespace jx
