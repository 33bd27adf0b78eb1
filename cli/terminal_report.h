// The readable terminal table of one scored project: indicator, target,
// actual, weight, score (and how the score came about), then the budget
// score, the total, the grade.
#pragma once

#include <string>

#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::cli {

std::string terminal_report(const std::string& file, const Project& project, const ProjectScore& score,
                            const RuleSet& rules);

}  // namespace jx::cli
