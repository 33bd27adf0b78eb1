// The one place that chooses a project's printed form: the rule set's
// `form:` (Sichuan 510000_0013zp) or else the 财预〔2020〕10号 table. Used for
// project files and for the projects attached to a department.
#pragma once

#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"
#include "reports/workbook.h"

namespace jx::reports {

void write_project_sheet(xlsx::Workbook& wb, const Project& project, const ProjectScore& score, const RuleSet& rules);

}  // namespace jx::reports
