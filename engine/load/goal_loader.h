// The goal-form keys (engine/goals.h) of a project file: the top-level
// `attribute`, `period`, `request`, `adjustments`, and per indicator `unit`,
// `operator`, `basis`, `mid_target`. Each problem is an error with its
// position; an absent key leaves its field empty.
#pragma once

#include <vector>

#include "engine/diagnostic.h"
#include "engine/goals.h"
#include "engine/load/yaml_reader.h"

namespace jx::load {

// Functions, not globals: the loaders' own key tables are built from them
// during static initialisation, in another translation unit.

/// Top-level keys a project file may carry for the goal form, with labels.
const std::vector<KeySpec>& goal_top_keys();
/// Indicator keys for the goal form, with labels.
const std::vector<KeySpec>& goal_indicator_keys();
/// Accepted 取值依据 values, in the form's order.
const std::vector<std::string>& goal_bases();

/// Reads attribute, period, request and adjustments from the file's top map.
void read_project_goals(MapReader& top, ProjectGoals& goals, Diagnostics& diags);

/// Reads a department file's `tasks:` (年度主要任务) into `tasks`.
void read_department_tasks(MapReader& top, std::vector<DepartmentTask>& tasks, Loc& loc, Diagnostics& diags);

/// Reads unit, operator, basis and mid_target of one indicator's map.
void read_indicator_goal(MapReader& m, IndicatorGoal& goal, Diagnostics& diags);

/// The canonical 计算符号 of what the officer wrote (≥ ＞ ＝ ＜ ≤ or 定性),
/// "" when it is none of them. >=, 大于等于, 不低于 … are accepted.
std::string canonical_operator(std::string_view text);

}  // namespace jx::load
