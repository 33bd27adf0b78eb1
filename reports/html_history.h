// The 历年 page (GET /history?department=&project=): the filter form, then
// for each department's and each project's record the score over the years
// as an inline SVG line chart and a table (year, total, grade, declared,
// budget, findings). Records come from store::History::trend (ordered by
// department, kind, project, year). Each department with projects also
// gets its budget-weighted mean by year (engine/department_trend.h, the
// numbers of `history --json --aggregates`): a line 「部门加权平均」 drawn
// apart (thick, dashed, square points) and the table's first row.
#pragma once

#include <string>
#include <vector>

#include "engine/department_trend.h"
#include "store/history.h"

namespace jx::reports {

struct HistoryQuery {
  std::string department;  ///< the filters as typed (echoed in the form)
  std::string project;
  bool has_db = true;  ///< false: the server runs without --db (the page says how to start it)
};

/// `departments`: the departments' means over `points` (app::department_years);
/// a department missing from it has no mean line.
std::string html_history_page(const std::vector<store::TrendPoint>& points, const std::vector<DepartmentYear>& departments,
                              const HistoryQuery& query);

}  // namespace jx::reports
