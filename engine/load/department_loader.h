// YAML text → Department (kind: department). Reports every problem of the
// text; the attached project files are read by the caller.
#pragma once

#include <optional>
#include <string_view>

#include "engine/department.h"
#include "engine/diagnostic.h"

namespace jx::load {

std::optional<Department> load_department(std::string_view text, Diagnostics& diags);

}  // namespace jx::load
