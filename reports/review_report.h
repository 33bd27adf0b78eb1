// Output of `jixiao review`: the JSON document and the review workbook (one
// summary sheet, then one sheet per reviewed table with the declared and
// computed scores side by side and every differing cell highlighted).
#pragma once

#include <string>
#include <vector>

#include "engine/review.h"
#include "reports/workbook.h"

namespace jx::reports {

/// One input file of the run: its reviewed tables, or why it could not be read.
struct ReviewedFile {
  std::string file;
  std::vector<TableReview> tables;  ///< the tables that could be read
  std::vector<std::string> errors;  ///< formatted diagnostics of what could not be read; non-empty = failed
};

/// A JSON array, one object per file:
/// {file, ok, errors[], tables[{sheet, project, declared_total, computed_total,
///  difference, declared_grade, computed_grade, weight_sum, unverified (rows
///  listed as 无法核实), findings[{code,
///  label, text, row, cell}], rows[{path, weight, target, actual, applicable,
///  declared, computed, difference, code, label, reason, cell}]}]}.
/// Scores are exact 2-decimal numbers; null when not declared.
std::string review_json(const std::vector<ReviewedFile>& files);

/// Adds the summary sheet and one sheet per table to `wb`.
void write_review_workbook(xlsx::Workbook& wb, const std::vector<ReviewedFile>& files);

}  // namespace jx::reports
