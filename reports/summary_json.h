// `batch --json`: everything the summary workbook shows, as one JSON object
// per year:
//   {"title", "year", "files", "scored", "invalid_count",
//    "overview": {received, scored, invalid, projects, mean, weighted_mean,
//                 prior_mean, prior_weighted_mean, mean_change,
//                 weighted_mean_change (null without last year), budget,
//                 executed, rate (per cent), grades {…}, prior_grades {…}|null,
//                 findings [{code, label, findings, projects, departments}],
//                 invalid_causes [{code, label, files, departments}]},
//    "rows": [{rank, kind, department, unit, project, year, rules, budget,
//              executed, rate (per cent, 2 dp), budget_score,
//              levels [{name, weight, score}], total, declared_score,
//              difference, grade, light (运行监控: green/yellow/red/blue at the latest
//              snapshot, null without one), light_month, prior_total, change, file, hash,
//              findings [{code, label, line, indicator, message}]}],
//    "departments": [{rank, name, projects, invalid, budget, executed,
//                     weighted_mean, prior_weighted_mean, change,
//                     grades {…}, department_total, department_grade}],
//    "grades": {…}, "histogram": [{label, count}],
//    "finding_counts": {code: n},
//    "mover_threshold", "movers": [{rank, department, project, prior_total,
//                                   total, change, file}],
//    "invalid": [{file, department, project, year (null when unreadable),
//                 cause, errors (count), messages [errors first, then warnings]}]}
// A run of one year prints that object; a run of several years prints
// {"years": [2021, 2022], "summaries": [{…}, {…}]}, oldest first.
// One row object per line. Money and scores are exact decimals with 2
// places; absent values are null.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/summary.h"

namespace jx::reports {

std::string summary_json(const BatchSummary& s);
std::string summary_json(const std::vector<BatchSummary>& years);
/// The same, written to `out` as it is made (a run's rows are never all in
/// memory as text: light rows are restored one at a time).
void write_summary_json(std::ostream& out, const BatchSummary& s);
void write_summary_json(std::ostream& out, const std::vector<BatchSummary>& years);

}  // namespace jx::reports
