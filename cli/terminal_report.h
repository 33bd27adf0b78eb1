// The readable terminal table of one scored project: indicator, target,
// actual, weight, score (and how the score came about), then the budget
// score, the total, the grade.
#pragma once

#include <string>

#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::cli {

std::string terminal_report(const std::string& file, const Project& project, const ProjectScore& score,
                            const RuleSet& rules);

/// The department's table, its attached projects, its cross-checks, and the
/// computed total beside the declared one.
std::string terminal_report(const std::string& file, const Department& department, const DepartmentScore& score,
                            const RuleSet& rules);

}  // namespace jx::cli
