#include "reports/project_sheet.h"

#include "reports/project_table.h"
#include "reports/sichuan_table.h"

namespace jx::reports {

void write_project_sheet(xlsx::Workbook& wb, const Project& project, const ProjectScore& score, const RuleSet& rules) {
  if (rules.form) {
    write_sichuan_table(wb, project, score, rules, *rules.form);
  } else {
    write_project_table(wb, project, score, rules);
  }
}

}  // namespace jx::reports
