// The finance bureau's summary workbook (绩效自评汇总) of a batch run:
//   汇总      one row per scored submission, ranked (see engine/summary.h),
//             frozen header, auto-filter, grade colours (conditional format),
//             a 合计 row of formulas
//   按部门    per department: project count, budget, execution, the
//             budget-weighted mean score, grade counts, the department-wide
//             score where one was filed, a 合计 row
//   等级分布  counts per grade and a score histogram, each with a native chart;
//             counts per finding kind
//   问题清单  one row per finding: file, line, department, project, indicator,
//             kind, code, message (auto-filter)
//   无效文件  each file that could not be scored with its diagnostics
// Counts, sums and rates are formulas over the 汇总 / 问题清单 cells, each
// written with the engine's exact value as its cached result.
#pragma once

#include "engine/summary.h"
#include "reports/workbook.h"

namespace jx::reports {

/// Title of the workbook: "2022年度绩效自评汇总" (years of the rows; "绩效自评汇总" when none).
std::string summary_title(const BatchSummary& s);

void write_summary(xlsx::Workbook& wb, const BatchSummary& s);

/// "A", "B", … "Z", "AA" … for a 0-based column.
std::string column_name(int col);

}  // namespace jx::reports
