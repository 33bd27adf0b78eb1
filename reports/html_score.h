// The 评分 / 复核 pages: the upload form (GET /), the scored table of a YAML
// file (POST /score), the review of a filled 自评表 workbook (POST /score
// with a workbook).
//
// The score page shows the table as printed (一级 / 二级 / 三级, 年度指标值,
// 实际完成值, 分值, 得分), each row's basis (how the score came about, from
// LeafScore::basis: never recomputed here), the warnings beside the rows
// they concern with the file's line (a warning belongs to a row when its
// line is one of the lines the row's keys are written on; to the budget row
// when it is on a line of `funds`; otherwise it is listed above the table),
// the budget row, the total and the grade. Numbers are printed exactly as
// `score --json` prints them (Decimal::to_string(2)).
// A file with errors shows its errors (FILE:LINE:COL, message, 提示).
// A department shows its own table and then each attached project's.
// The review page shows, per table, declared beside computed, each
// difference with its class (engine/review.h codes and labels) and cell.
#pragma once

#include <string>
#include <vector>

#include "reports/json_report.h"
#include "reports/review_report.h"

namespace jx::reports {

/// GET /: the upload form (file input, drop zone) and a short explanation.
std::string html_upload_page();

/// POST /score for YAML files: one section per file (failed files show
/// their errors). The download buttons re-post the file the user chose.
std::string html_score_page(const std::vector<ScoredFile>& files);

/// POST /score for a workbook: its reviewed tables, or why it could not be read.
std::string html_review_page(const ReviewedFile& file);

}  // namespace jx::reports
