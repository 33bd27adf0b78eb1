// YAML text → Department (kind: department). Reports every problem of the
// text; the attached project files are read by the caller.
#pragma once

#include <optional>
#include <string_view>

#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/load/project_loader.h"

namespace jx::load {

/// `stage` Goals: a 部门整体支出绩效目标申报表 (no facts or funds needed yet).
std::optional<Department> load_department(std::string_view text, Diagnostics& diags, Stage stage = Stage::Year);

}  // namespace jx::load
