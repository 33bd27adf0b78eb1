// The finance bureau's summary workbook (绩效自评汇总) of a batch run, one
// set of sheets per year (engine/summary.h: years are never pooled):
//   总览      the headline figures: submissions received / scored / invalid,
//             the mean and the budget-weighted mean with last year's and the
//             change, the grade distribution against last year, projects and
//             departments per finding kind, budget total and execution rate
//   汇总      one row per scored submission, ranked: the columns a reader
//             needs first (they are the print area, landscape, header rows
//             repeated; 监控预警 beside 等级: the latest 运行监控 light, coloured, with
//             its word and month), then the rest on screen only; frozen header,
//             auto-filter, grade colours, a 合计 row of formulas
//   按部门    per department: rank, projects scored / invalid, budget,
//             execution, the budget-weighted mean, last year's and the
//             change, grade counts, the department-wide score, a 合计 row
//   等级分布  counts per grade and a score histogram, each with a native chart;
//             counts per finding kind
//   变动较大  projects whose score moved by more than the threshold
//   问题清单  one row per finding: file, line, department, project, indicator,
//             kind, code, message (auto-filter)
//   退回重报  each file that could not be scored: department and project (read
//             from the file even when it has errors), the first error, all
//             messages; grouped by cause (the first error's code)
// Counts, sums and rates are formulas over the 汇总 / 问题清单 cells, each
// written with the engine's exact value as its cached result. Names from the
// input are never used as COUNTIFS/SUMIFS criteria (they would be read as
// wildcards and comparisons): department and grade matches are
// SUMPRODUCT(EXACT(…)) formulas, exact and case-sensitive like the engine.
// With several years each sheet name starts with the year ("2021年汇总").
#pragma once

#include <string>
#include <vector>

#include "engine/summary.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Title of the workbook: "2022年度绩效自评汇总" ("绩效自评汇总" when no year is known).
std::string summary_title(const BatchSummary& s);

/// Writes the sheets of one year's summary; `prefix` starts every sheet name.
void write_summary(xlsx::Workbook& wb, const BatchSummary& s, const std::string& prefix = "");

/// The whole summary workbook at `path`: its properties, then each year's
/// sheets (prefixed 「2022年」 when there are several years). Rows are
/// streamed (constant memory). `summaries` must not be empty. Throws on I/O
/// failure. The one writer of both front ends (batch -o, jixiao serve).
void write_summary_workbook(const std::string& path, const std::vector<BatchSummary>& summaries);

/// "A", "B", … "Z", "AA" … for a 0-based column.
std::string column_name(int col);

/// The Chinese label of an invalid file's cause (its first error's code).
std::string cause_label(const std::string& code);

}  // namespace jx::reports
