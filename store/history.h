// The history of scored submissions in an SQLite database (`--db FILE`).
//
// Contract:
// - Access::Record (batch): an existing database is opened and its schema
//   migrated step by step (PRAGMA user_version; kSchemaVersion is current),
//   in one transaction. A database that does not exist yet is built in a
//   temporary file beside it and renamed into place by commit(): a run that
//   fails leaves no new database file behind.
// - Access::Read (history): opened read-only; never created, migrated or
//   changed. A database of another schema version is refused (StoreError).
// - stage() adds a whole run inside one open transaction and commit() makes
//   it durable; a History destroyed before commit() rolls the run back. The
//   caller stages first (so a refused row fails the run before any output
//   moves), puts its outputs in place, and commits last. record() is both.
//   Either every new submission is stored or none is. A submission already
//   stored (same fingerprint of input bytes and rule set) is not added
//   again, so re-runs are idempotent.
// - Rows the schema would refuse (storable() is false) must not be staged:
//   the batch reports them as invalid files instead.
// - Numbers are stored as exact decimal text, never as floating point.
// - A submission's history key is (department, project, kind); its prior
//   is the most recently stored record of that key for year − 1.
// - Schema 3 keeps each leaf's target and actual as written (table
//   indicator_result, path joined with U+001F) for the goal check
//   goal-below-last-year; records stored before it simply have none.
// - Schema 4 adds the result cache of incremental re-runs (results():
//   store/result_cache.h). begin() opens the run transaction early, so that
//   results stored while the run goes on belong to it; stage() then adds
//   the run's submissions to the same transaction.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/decimal.h"
#include "engine/summary.h"
#include "store/result_cache.h"
#include "store/sqlite.h"

namespace jx::store {

constexpr int kSchemaVersion = 4;

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
  Decimal budget;  ///< 全年预算数 (万元), for budget-weighted department means
  int findings = 0;
  std::string file;
};

/// Years the schema accepts (CHECK constraint of the submission table).
constexpr int kMinYear = 1900;
constexpr int kMaxYear = 9999;

/// Last year's leaves of many projects at once, read before a batch scores
/// in parallel (worker threads never touch the database): for each project
/// submission year Y of the run, the leaves of the latest stored project
/// record of each (department, project) for Y − 1, the record
/// History::prior_actuals picks. Read-only after it is built, so threads may
/// share it. Memory: the stored leaves' text (path, target, actual as
/// written: ~320 bytes a leaf in memory, ~5 KB for a 15-leaf project, as
/// measured: 9.4 MB for 1 962 records) for each record
/// of the years the run needs, nothing for other years.
class LastYearLeaves {
 public:
  /// The leaves for a submission of (department, project, year); nullptr
  /// when no record (or one without leaves) of year − 1 was loaded.
  [[nodiscard]] const std::vector<PriorActual>* find(const std::string& department, const std::string& project,
                                                     int year) const;
  void add(const std::string& department, const std::string& project, int year, PriorActual leaf);
  [[nodiscard]] std::size_t records() const { return by_key_.size(); }

 private:
  std::map<std::tuple<std::string, std::string, int>, std::vector<PriorActual>> by_key_;  ///< key year = submission year
};

/// Whether the database would accept `row`; "" when it would, else why not
/// (Chinese).
std::string unstorable(const SubmissionRow& row);

class History {
 public:
  enum class Access { Record, Read };
  /// Opens the database as described above. Throws StoreError.
  explicit History(const std::string& path, Access access = Access::Record);
  ~History();
  History(const History&) = delete;
  History& operator=(const History&) = delete;

  /// The total of the same department / project one year before `row.year`.
  std::optional<Decimal> prior_total(const SubmissionRow& row);

  /// Last year's leaves (path, target, actual) of the same project: the
  /// latest stored record of (department, project) for year − 1; empty when
  /// there is none, or it was stored before schema 3 kept the leaves.
  std::vector<PriorActual> prior_actuals(const std::string& department, const std::string& project, int year);

  /// Whether any record has leaves (schema 3 on): when none does, a batch
  /// need not look up last year's leaves at all.
  bool has_leaves();
  /// LastYearLeaves for submissions of the years `years` (one query a year).
  LastYearLeaves last_year_leaves(const std::set<int>& years);

  /// The records of `year`, the latest per (department, project, kind), for
  /// last year's figures in the summary.
  std::vector<PriorRecord> year_records(int year);

  /// Opens the run transaction (stage() opens it when this was not called).
  void begin();
  /// The result cache, in this database (valid until commit()).
  ResultCache& results();

  /// Inserts the run's rows (ranked summary rows) in an open transaction;
  /// returns how many are new. Throws StoreError (nothing stored) on failure.
  int stage(const std::vector<SubmissionRow>& rows);
  /// The same for rows held elsewhere; light rows (SubmissionRow::detail)
  /// have their findings restored from `details`.
  int stage(const std::vector<const SubmissionRow*>& rows, const RowDetails* details);
  /// Commits the staged run (and renames a new database into place).
  void commit();
  /// stage() then commit().
  int record(const std::vector<SubmissionRow>& rows);

  /// The stored records, latest per (department, project, kind, year),
  /// ordered by department, kind, project, year. Empty filters match all;
  /// a filter matches a substring.
  std::vector<TrendPoint> trend(const std::string& department, const std::string& project);

  [[nodiscard]] Database& database() { return *db_; }

 private:
  std::string path_;  ///< where the database lives
  std::string temp_;  ///< a new database being built, "" when it existed
  std::unique_ptr<Database> db_;
  std::unique_ptr<Statement> prior_;  ///< prepared once: a batch asks for every row
  std::unique_ptr<ResultCache> results_;
  std::unique_ptr<Transaction> run_;  ///< the staged run
};

}  // namespace jx::store
