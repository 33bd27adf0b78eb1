// Plausibility of a department's computed rates: the slips that would
// otherwise give silent full marks (or silent zeros).
//
// A computed leaf shown as a percentage and scored as a fraction (linear,
// reverse, steps, deduct_per_pp; not `display: number`) is checked:
// - percent-fact-as-ratio: its formula uses, directly or through computed
//   facts, a fact written with `unit: "%"` (93.6 meaning 93.6 %), the result
//   exceeds 1 (100 %) in magnitude, reading those facts as fractions (93.6 %
//   = 0.936) changes the result (the units do not cancel, as they do in
//   实际支付进度 / 既定支付进度), and the formula does not convert by itself
//   (no "/ 100", "÷ 100", "* 0.01", "× 0.01"). The warning names the facts,
//   the literal reading and the sensible one: the value with the facts read
//   as fractions when the formula scales with them (by 100 or 10000), else
//   (constants in % mixed in, 甲率 - 90) the value / 100.
// - rate-implausible: otherwise, a result beyond ±10 (±1000 %), which no
//   rate reaches; the warning names the readings without a missing / 100 and
//   with 元 taken for 万元 (/ 10000).
// Warnings only: the score is what the formula gives. Pure.
#pragma once

#include <optional>
#include <vector>

#include "engine/decimal.h"
#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/facts.h"
#include "engine/model.h"

namespace jx {

class RatePlausibility {
 public:
  /// REQUIRES: `facts` outlives this object.
  explicit RatePlausibility(const std::vector<Fact>& facts);

  /// Checks a computed leaf whose formula gave `value`; warnings at the
  /// formula's position.
  void check(const Indicator& leaf, Decimal value, Diagnostics& diags);

 private:
  /// The facts with unit % that `formula` depends on, in first-use order.
  std::vector<std::string> percent_facts(const std::string& formula) const;
  void collect(const std::string& formula, std::vector<std::string>& out, std::vector<std::string>& seen) const;

  const std::vector<Fact>& facts_;
  std::vector<Fact> fractional_;  ///< the facts with % figures read as fractions
  Diagnostics scratch_;           ///< problems of the second reading (the first one reported them)
  FactTable fractional_table_;
};

/// Whether a fact's unit is a percentage ("%", "％", "百分比").
bool is_percent_unit(const std::string& unit);

}  // namespace jx
