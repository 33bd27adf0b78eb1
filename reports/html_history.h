// The 历年 page (GET /history?department=&project=): the filter form, then
// for each department's and each project's record the score over the years
// as an inline SVG line chart and a table (year, total, grade, declared,
// budget, findings). Records come from store::History::trend (ordered by
// department, kind, project, year).
#pragma once

#include <string>
#include <vector>

#include "store/history.h"

namespace jx::reports {

struct HistoryQuery {
  std::string department;  ///< the filters as typed (echoed in the form)
  std::string project;
  bool has_db = true;  ///< false: the server runs without --db (the page says how to start it)
};

std::string html_history_page(const std::vector<store::TrendPoint>& points, const HistoryQuery& query);

}  // namespace jx::reports
