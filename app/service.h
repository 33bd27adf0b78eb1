// The application layer as `jixiao serve` uses it: one uploaded file scored
// (YAML) or read and reviewed (a 自评表 workbook), a set of uploads run as a
// batch, the history queried. Every call is independent and thread-safe
// (each builds its own Loader / rule-set resolver; the table layouts are
// read once at construction and only read afterwards), so a pool of
// request threads can share one Service. Nothing is written except the
// history database by a batch run, one run at a time.
//
// Results are the scored model (for the HTML pages) plus the JSON the API
// returns; `bad_input` means the file has errors (HTTP 422), `message` says
// why in Chinese (its first errors).
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/history.h"
#include "app/loading.h"
#include "app/upload.h"
#include "engine/layout.h"
#include "engine/summary.h"
#include "reports/review_report.h"

namespace jx::app {

/// Runs a batch over uploads (cli/batch.h's run_batch with BatchOptions::
/// uploads): fills `summaries`, returns kOk / kBadInput (some files
/// invalid) / kUsage (I/O or database error). Given by the front end that
/// owns the batch runner, so that the server never copies its logic.
/// `recorded`: the new records stored in the history database (left as it
/// is when the run has no database).
using BatchRunner = std::function<int(const std::vector<Upload>& uploads, std::vector<BatchSummary>& summaries,
                                      std::optional<int>& recorded)>;

struct ServiceConfig {
  std::vector<std::filesystem::path> rules_search;
  std::vector<std::filesystem::path> layout_search;
  std::string db;  ///< history database ("" = none)
  BatchRunner batch;
  /// Folders whose *.yaml are offered for download (init templates, the
  /// examples), earlier folders first; a name is taken once.
  std::vector<std::filesystem::path> download_dirs;
};

/// GET /api/history's records, for the page (rows point into points).
struct HistoryResult {
  std::vector<store::TrendPoint> points;
  std::vector<TrendRow> rows;
  std::vector<DepartmentYear> departments;  ///< the departments' budget-weighted means by year
  std::string json;  ///< as history --json, or with `aggregates` as history --json --aggregates
};

/// One uploaded file, scored.
struct ScoreResult {
  bool bad_input = false;
  std::string message;  ///< the first errors (bad_input), else ""
  bool workbook = false;
  std::shared_ptr<Loader> loader;  ///< owns the rule sets `loaded` points into
  /// YAML: the one file. Workbook: one project per table read without errors.
  std::vector<Loaded> loaded;
  std::optional<reports::ReviewedFile> review;  ///< workbook: declared vs computed
  std::string json;  ///< POST /api/score's body (see README: serve)
};

struct BatchResult {
  int code = 0;  ///< kOk, kBadInput (some files invalid: still a result), kUsage
  std::string message;
  std::vector<BatchSummary> summaries;
  std::optional<int> recorded;  ///< with --db: new records stored in the history database (0 when all were there)
  std::string json;  ///< as batch --json
};

class Service {
 public:
  /// Throws std::runtime_error when the table layouts cannot be read.
  explicit Service(ServiceConfig config);

  [[nodiscard]] ScoreResult score(const Upload& file) const;
  /// The 自评表 workbook of a scored upload (ScoreResult without bad_input).
  [[nodiscard]] std::string workbook(const ScoreResult& scored) const;
  /// The 汇总.xlsx workbook of a batch result (what `batch -o` writes: one
  /// set of sheets per year, prefixed with the year when there are several).
  /// Throws std::runtime_error when there is no summary.
  [[nodiscard]] std::string batch_workbook(const BatchResult& result) const;
  [[nodiscard]] BatchResult batch(const std::vector<Upload>& files) const;
  /// GET /api/history (`aggregates`: ?aggregates=1, the JSON of history
  /// --json --aggregates). Throws std::runtime_error (Chinese).
  [[nodiscard]] HistoryResult history(const std::string& department, const std::string& project,
                                      bool aggregates = false) const;

  /// The names offered for download (sorted).
  /// The downloadable files: (file name, name of the folder it is in,
  /// e.g. "templates" or "examples"), by file name.
  [[nodiscard]] std::vector<std::pair<std::string, std::string>> downloads() const;
  /// One of them by name (compared with the listed names, never joined to
  /// a path); nullopt when there is none of that name.
  [[nodiscard]] std::optional<std::string> download(const std::string& name) const;

  [[nodiscard]] bool has_db() const { return !config_.db.empty(); }
  [[nodiscard]] const ServiceConfig& config() const { return config_; }

 private:
  ServiceConfig config_;
  Layout layout_;
  /// The database: one batch (writer) at a time, history reads beside each
  /// other but never during a batch's transaction (no "database is locked").
  mutable std::shared_mutex db_mutex_;
};

}  // namespace jx::app
