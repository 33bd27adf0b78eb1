// `jixiao history --db FILE [--department NAME] [--project NAME] [--json]
// [-o FILE.csv|FILE.xlsx]`: each department's aggregate trend (the
// budget-weighted mean of its projects, by year) and the stored scores of
// each project / department-wide evaluation by year, with the change from
// the year before. Filters match substrings.
//
// `--json` prints the stored records as an array (unchanged for existing
// readers); `--json --aggregates` prints {"records": that array,
// "departments": [{department, year, weighted_mean, projects, change}]},
// the departments' budget-weighted means by year.
//
// The database is opened read-only: never created, migrated or changed (an
// older schema is refused with a hint to run batch once). `-o` exports the
// side-by-side table (one row per department aggregate and per series, one
// column per year, the last change), prints one line and nothing else; it
// may not be the database. The export is written atomically; CSV is UTF-8
// with a byte-order mark so that spreadsheet programs read the Chinese text,
// and text cells starting with = + - @ (or tab / CR) get a leading
// apostrophe so no spreadsheet runs them; the xlsx prints landscape with
// its header rows on every page.
#pragma once

#include <string>

namespace jx::cli {

struct HistoryOptions {
  std::string db;
  std::string department;
  std::string project;
  std::string output;
  bool json = false;
  bool quiet = false;  ///< -q: errors only (no listing; --json still printed)
  bool aggregates = false;  ///< --json --aggregates: {records, departments}
};

int run_history(const HistoryOptions& opt);

}  // namespace jx::cli
