// The readable terminal table of one scored project: indicator, target,
// actual, weight, score (and how the score came about), then the budget
// score, the total, the grade.
//
// Layout contract: every line is at most `width` display columns (CJK and
// full-width characters count 2, combining marks 0; see display_width);
// long names, targets, actuals and explanations wrap inside their own
// column, and every column starts at the same display column on every line
// of the table. Lines outside the table (headings, totals) wrap at the width
// too; diagnostics stay one line each (FILE:LINE:COL: …, for editors).
#pragma once

#include <cstddef>
#include <string>

#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::cli {

/// The width to print at: $COLUMNS when it is a positive number, else the
/// terminal's width when standard output is a terminal, else 100; at least 40.
std::size_t terminal_width();

std::string terminal_report(const std::string& file, const Project& project, const ProjectScore& score,
                            const RuleSet& rules, std::size_t width = terminal_width());

/// The department's table, its attached projects, its cross-checks, and the
/// computed total beside the declared one.
std::string terminal_report(const std::string& file, const Department& department, const DepartmentScore& score,
                            const RuleSet& rules, std::size_t width = terminal_width());

}  // namespace jx::cli
