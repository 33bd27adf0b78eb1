// YAML text → Layout (indicators/layouts/*.yaml): the labels `import` and
// `review` recognise tables by. A file is a flat map: `layout` (its id),
// `name` (what form it describes) and any of the label lists of
// engine/layout.h, each a list of texts. Unknown keys and wrong types are
// errors with positions; a file with errors is not returned.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/layout.h"

namespace jx::load {

std::optional<Layout> load_layout(std::string_view text, Diagnostics& diags);

/// Adds every label of `from` that `into` does not have yet (order kept:
/// `into`'s first, then `from`'s new ones) and `from`'s ids.
void merge_layout(Layout& into, const Layout& from);

}  // namespace jx::load
