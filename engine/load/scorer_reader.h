// Reading the computed parts of a department indicator: `formula`, `scorer`
// and `display`, and percentages written as "90%" or 0.9.
#pragma once

#include <optional>
#include <string>

#include "engine/load/yaml_reader.h"
#include "engine/model.h"

namespace jx::load {

/// Reads formula / scorer / display of `m` into `ind`.
void read_computed(MapReader& m, Indicator& ind, Diagnostics& diags);

/// "90%" → 0.9, "0.9" → 0.9, "5" → 5. Reports text that is neither.
std::optional<Decimal> read_fraction_or_percent(MapReader& m, const std::string& key, Diagnostics& diags);

/// The position of the first character of a scalar's content (inside quotes).
Loc content_loc(const Node& scalar);

}  // namespace jx::load
