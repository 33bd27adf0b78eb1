// Reading a submitted 自评表 workbook and reviewing it against the rules
// (declared vs computed, engine/review.h): what `import` and `review` do for
// the command line and POST /api/score does for an uploaded workbook.
// The workbook comes as bytes already read (within kMaxWorkbook); `file`
// only names it in messages. Never writes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/rule_sets.h"
#include "engine/layout.h"
#include "engine/table_import.h"
#include "reports/review_report.h"

namespace jx::app {

/// A workbook read and its tables recognised. `code` is kOk, kBadInput or
/// kUsage (the rule set cannot be loaded).
struct Imported {
  int code = 0;
  const RuleSet* rules = nullptr;
  std::vector<ImportedTable> tables;  ///< the tables read without errors
  std::vector<std::string> errors;    ///< formatted diagnostics (FILE:SHEET!CELL: 错误: …)
};

/// Reads the tables of workbook `file` (content `bytes`) with `rules_id` ("":
/// the one the table names, else mof2020). Each error (and, unless `quiet`,
/// each warning) is also written to `log` as it is found, when given.
Imported import_workbook(const std::string& file, const std::string& bytes, const std::string& rules_id,
                         RuleSets& rules, const Layout& layout, bool quiet, std::ostream* log);

/// Every table of an imported workbook scored and reviewed; the file's
/// errors are carried over (non-empty = the file failed).
reports::ReviewedFile review_imported(const std::string& file, const Imported& in);

}  // namespace jx::app
