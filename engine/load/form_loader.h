// The `form:` section of a rule set (indicators/rules/*.yaml) → FormLayout.
// Strict like every reader here: unknown keys (with "did you mean"), missing
// labels, wrong counts of columns or widths, unknown fund sources are errors.
#pragma once

#include <optional>

#include "engine/diagnostic.h"
#include "engine/form_layout.h"
#include "engine/load/yaml_reader.h"

namespace jx::load {

/// Reads `top["form"]`; nullopt when absent or when it has errors (reported).
std::optional<FormLayout> read_form_layout(MapReader& top, Diagnostics& diags);

}  // namespace jx::load
