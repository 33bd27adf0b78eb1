// Probable unit slips: an actual whose completion ratio against its target is
// implausible (below 1 % or above 1 000 %) or off by a factor of 100 or
// 10 000 (元 vs 万元, 0.95 vs 95 %), and the reading that would make sense.
//
// Contract:
// - Pure: two amounts in the same base unit, the unit and the target's
//   written scale in; an explanation out. No rule set is needed: the
//   thresholds are properties of units, not of a scoring rule.
// - Only positive amounts are judged (an actual of 0 is a plausible result).
// - A slip is reported with a reading when multiplying or dividing the
//   actual by 10 000 or 10^8 (or by 100 for per cent and money) brings the
//   ratio into [50 %, 200 %]; the factor that brings it closest to 100 % wins. Without such a factor an
//   implausible ratio is still reported, with no reading.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/decimal.h"

namespace jx {

struct UnitSlip {
  Decimal ratio;             ///< actual / target as read (a fraction, 6 dp)
  bool has_reading = false;  ///< false: implausible, but no factor explains it
  bool divide = false;       ///< the reading divides the actual by `factor` (else multiplies)
  std::int64_t factor = 1;   ///< 100, 10 000 or 100 000 000
  Decimal reading;           ///< the actual as it would make sense, in the base unit
  Decimal reading_ratio;     ///< reading / target
  std::string what;          ///< the slip in words: "元与万元混用"
  std::string reading_text;  ///< the reading as written: "426.4万元"
};

/// Judges `actual` against `target` (both in `unit`, the base unit; the
/// target was written with `target_scale`, 1 / 10^4 / 10^8). nullopt when
/// the ratio is plausible.
std::optional<UnitSlip> detect_unit_slip(Decimal actual, Decimal target, std::string_view unit, Decimal target_scale);

}  // namespace jx
