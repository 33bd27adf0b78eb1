// The 批量汇总 page (GET /batch: the upload form only; POST /batch: the
// summary of the uploaded files, one section per year): the overview, the
// ranked table (sorted and filtered in the page by the script; the server
// order is the rank), grades by department, the grade distribution and the
// score histogram as inline SVG, the 问题清单 (filterable by finding code),
// the invalid files with their first errors, and the button that downloads
// 汇总.xlsx (POST /api/batch.xlsx with the same files).
// Numbers as `batch --json` prints them (2 decimals, rates in per cent).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/summary.h"

namespace jx::reports {

struct BatchPageNotes {
  /// New records stored in the history database (set when --db is on); unset:
  /// the page says the run was not recorded.
  std::optional<int> recorded;
};

/// `summaries` empty: the upload form alone (GET /batch).
std::string html_batch_page(const std::vector<BatchSummary>& summaries, const BatchPageNotes& notes = {});

}  // namespace jx::reports
