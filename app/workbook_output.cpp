#include "app/workbook_output.h"

#include "app/files.h"
#include "reports/department_table.h"
#include "reports/project_sheet.h"
#include "reports/workbook.h"

namespace jx::app {

void write_workbook(const std::string& path, const std::vector<Loaded>& loaded) {
  write_atomically(path, [&](const std::string& tmp) { write_workbook_to(tmp, loaded); });
}

void write_workbook_to(const std::string& path, const std::vector<Loaded>& loaded) {
  {
    xlsx::Workbook wb(path);
    const Loaded& first = loaded.front();
    if (first.department()) {
      wb.properties(first.department()->department.name + " 部门整体支出绩效自评表", first.department()->department.name,
                    first.department()->department.year);
    } else {
      const Project& p = first.project()->project;
      wb.properties(loaded.size() == 1 ? p.name + " 项目支出绩效自评表" : "项目支出绩效自评表", p.department, p.year);
    }
    for (const auto& l : loaded) {
      if (l.department()) {
        const LoadedDepartment& d = *l.department();
        reports::write_department_table(wb, d.department, d.score, *d.rules);
        for (const auto& p : d.projects) reports::write_project_sheet(wb, p.project, p.score, *p.rules);
        reports::write_department_checks(wb, d.department, d.score);
        reports::write_department_charts(wb, d.department, d.score);
      } else {
        reports::write_project_sheet(wb, l.project()->project, l.project()->score, *l.project()->rules);
      }
    }
    wb.close();
  }
}

}  // namespace jx::app
