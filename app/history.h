// The history database read back for both front ends: each stored record
// with its change from the year before, and the JSON `history --json` and
// GET /api/history give (an array of {department, project, kind, year,
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

/// Opens `db` read-only (never created, migrated or changed), filters by
/// substring as `history` does and returns records_json. Throws
/// std::runtime_error (Chinese) when the database does not exist or cannot
/// be read.
std::string history_json(const std::string& db, const std::string& department, const std::string& project);

}  // namespace jx::app
