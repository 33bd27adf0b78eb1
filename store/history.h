// The history of scored submissions in an SQLite database (`--db FILE`).
//
// Contract:
// - Opening creates the schema on first use and migrates an older one step
//   by step (PRAGMA user_version; kSchemaVersion is current), in one
//   transaction.
// - record() adds a whole run in one transaction: either every new
//   submission is stored or none is. A submission already stored (same
//   fingerprint of input bytes and rule set) is not added again, so re-runs
//   are idempotent.
// - Numbers are stored as exact decimal text, never as floating point.
// - A submission's history key is (department, project, kind); its prior
//   is the most recently stored record of that key for year − 1.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/summary.h"
#include "store/sqlite.h"

namespace jx::store {

constexpr int kSchemaVersion = 2;

/// Applies the schema migrations from the database's version up to
/// `target` (1 … kSchemaVersion). Exposed for tests of the migration path.
void migrate(Database& db, int target = kSchemaVersion);

struct TrendPoint {
  int year = 0;
  std::string department;
  std::string unit;
  std::string project;  ///< "" for department-wide records
  bool department_wide = false;
  std::string rules;
  Decimal total;
  std::string grade;
  std::optional<Decimal> declared;
  int findings = 0;
  std::string file;
};

class History {
 public:
  /// Opens or creates the database and brings its schema up to date.
  explicit History(const std::string& path);

  /// The total of the same department / project one year before `row.year`.
  std::optional<Decimal> prior_total(const SubmissionRow& row);

  /// Stores the run's rows (ranked summary rows) in one transaction; returns
  /// how many were new. Throws StoreError and stores nothing on failure.
  int record(const std::vector<SubmissionRow>& rows);

  /// The stored records, latest per (department, project, kind, year),
  /// ordered by department, kind, project, year. Empty filters match all;
  /// a filter matches a substring.
  std::vector<TrendPoint> trend(const std::string& department, const std::string& project);

  [[nodiscard]] Database& database() { return db_; }

 private:
  Database db_;
  std::unique_ptr<Statement> prior_;  ///< prepared once: a batch asks for every row
};

}  // namespace jx::store
