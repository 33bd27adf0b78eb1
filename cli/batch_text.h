// The terminal summary of `jixiao batch` (not --json, not -q): per year the
// headline figures against last year, grades, findings and causes, the
// departments (all, or the top and bottom five) and the invalid files, each
// named once with its first error. Scores with 2 places, changes signed.
#pragma once

#include <string>
#include <vector>

#include "engine/summary.h"

namespace jx::cli {

std::string text_summaries(const std::vector<BatchSummary>& all);

}  // namespace jx::cli
