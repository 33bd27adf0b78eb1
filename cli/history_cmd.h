// `jixiao history --db FILE [--department NAME] [--project NAME] [--json]
// [-o FILE.csv|FILE.xlsx]`: the stored scores of each department / project
// by year, with the change from the year before. Filters match substrings.
// The export is written atomically; CSV is UTF-8 with a byte-order mark so
// that spreadsheet programs read the Chinese text.
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
};

int run_history(const HistoryOptions& opt);

}  // namespace jx::cli
