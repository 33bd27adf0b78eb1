// The history database read back for both front ends (`history`, and
// app::Service::history for GET /api/history): each stored record with its
// change from the year before, and the JSON both give (an array of {department, project, kind, year,
// total, grade, change, declared_score, findings, rules, file}; scores as
// exact 2-decimal numbers; change null when the series has no record of
// the year before).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
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

}  // namespace jx::app
