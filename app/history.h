// The history database read back for both front ends (`history`, and
// app::Service::history for GET /api/history): each stored record with its
// change from the year before, and the JSON both give (an array of {department, project, kind, year,
// total, grade, change, declared_score, findings, rules, file}; scores as
// exact 2-decimal numbers; change null when the series has no record of
// the year before); and each department's budget-weighted mean by year
// (engine/department_trend.h), which `history`, `history --json
// --aggregates`, GET /api/history?aggregates=1 and the 历年 page all take
// from department_years.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/department_trend.h"
#include "store/history.h"

namespace jx::app {

struct TrendRow {
  const store::TrendPoint* p;     ///< points into the vector given to with_changes
  std::optional<Decimal> change;  ///< against the previous stored year of the same series
};

/// `points` as store::History::trend orders them (by series, then year).
std::vector<TrendRow> with_changes(const std::vector<store::TrendPoint>& points);

/// The JSON array described above, one record per line.
std::string records_json(const std::vector<TrendRow>& rows);

/// The departments' budget-weighted means by year over `points` (projects
/// only), in the order of engine/department_trend.h.
std::vector<DepartmentYear> department_years(const std::vector<store::TrendPoint>& points);

/// `history --json --aggregates`: {"records": records_json(rows),
/// "departments": [{department, year, weighted_mean, projects, change}]}.
std::string aggregates_json(const std::vector<TrendRow>& rows, const std::vector<DepartmentYear>& departments);

}  // namespace jx::app
