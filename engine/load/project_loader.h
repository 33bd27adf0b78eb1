// YAML text → Project (kind: project). Reports every problem of the text to
// `diags` and returns the model when its shape is usable (scoring may still
// find errors). No file access: the caller reads the file.
#pragma once

#include <optional>
#include <string_view>

#include "engine/diagnostic.h"
#include "engine/model.h"

namespace jx::load {

std::optional<Project> load_project(std::string_view text, Diagnostics& diags);

}  // namespace jx::load
