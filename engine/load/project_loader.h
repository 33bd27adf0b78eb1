// YAML text → Project (kind: project). Reports every problem of the text to
// `diags` and returns the model when its shape is usable (scoring may still
// find errors). No file access: the caller reads the file.
#pragma once

#include <optional>
#include <string_view>

#include "engine/diagnostic.h"
#include "engine/model.h"

namespace YAML {
class Node;
}

namespace jx::load {

std::optional<Project> load_project(std::string_view text, Diagnostics& diags);

class MapReader;

/// Shared with the department loader: the `funds` block and one indicator
/// (with its children). `department` admits basic/project rows and the
/// formula/scorer/display keys.
Funds read_funds(MapReader& top, Diagnostics& diags, bool department);
Indicator read_indicator(const YAML::Node& node, int depth, Diagnostics& diags, bool department);

/// The `kind:` of a document ("project", "department"), or "" when the text
/// is not a YAML map with a scalar kind. Reports nothing.
std::string document_kind(std::string_view text);

}  // namespace jx::load
