// `batch --json`: everything the summary workbook shows, as one JSON object:
//   {"title", "files", "scored", "invalid_count",
//    "rows": [{rank, kind, department, unit, project, year, rules, budget,
//              executed, rate (per cent, 2 dp), budget_score,
//              levels [{name, weight, score}], total, declared_score,
//              difference, grade, prior_total, change, file, hash,
//              findings [{code, label, line, indicator, message}]}],
//    "departments": [{name, projects, budget, executed, weighted_mean,
//                     grades {…}, department_total, department_grade}],
//    "grades": {…}, "histogram": [{label, count}],
//    "finding_counts": {code: n},
//    "invalid": [{file, errors (count), messages [errors first, then warnings]}]}
// One row object per line. Money and scores are exact decimals with 2
// places; absent values are null.
#pragma once

#include <string>

#include "engine/summary.h"

namespace jx::reports {

std::string summary_json(const BatchSummary& s);

}  // namespace jx::reports
