// YAML text → RuleSet (indicators/rules/*.yaml). Every key is checked; a
// rule set with errors is not returned.
#pragma once

#include <optional>
#include <string_view>

#include "engine/diagnostic.h"
#include "engine/rules.h"

namespace jx::load {

std::optional<RuleSet> load_rules(std::string_view text, Diagnostics& diags);

}  // namespace jx::load
