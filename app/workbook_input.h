// Submitted 自评表 workbooks (.xlsx, .xls) as inputs: the rule sets and table
// layouts they are read with, and — for `batch` — one workbook turned into
// summary rows (one per table) and 退回重报 lines (one per refusal).
//
// score_workbook contract (never writes; a workbook it cannot read is a
// refusal, not an exception):
// - every table of every sheet (engine/table_import, several per sheet
//   included) is one SubmissionRow: file "FILE:SHEET" ("FILE:SHEET!A25" for a
//   table that begins below row 1), the table's declared total as
//   `declared`, the rule set the table names (else mof2020), the engine's
//   findings, and each declared-vs-computed difference classified with the
//   review classes (engine/review.h: rounded-whole, full-despite-shortfall,
//   budget-left-out …) in place of the engine's declared-row-differs /
//   declared-total-differs;
// - one InvalidFile each, with the reason, for: an unreadable, empty,
//   corrupt or encrypted workbook (cause "bad-workbook"); a sheet with formula
//   cells saved without their value ("formula-without-result"); a sheet that
//   has some of a 自评表's labels but is not one, naming the labels not found
//   ("unrecognised-sheet"); a workbook with no table at all, each sheet with
//   its missing labels ("no-table"); a table with errors (the code of its
//   first error); a table the rules cannot score. Sheets with none of the
//   labels (a 说明 sheet beside the tables) are passed over.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/rule_sets.h"
#include "engine/grid.h"
#include "engine/layout.h"
#include "engine/rules.h"
#include "engine/summary.h"

namespace jx::app {

constexpr std::uintmax_t kMaxWorkbook = 64u << 20;

/// Rule sets by id for workbooks: the one resolver (app/rule_sets.h).
using RuleCache = RuleSets;

/// Every layout file merged; nullopt (with the reason printed) when none is
/// found or one has errors.
std::optional<Layout> load_layouts(const std::vector<std::filesystem::path>& layout_dirs);

/// The grids of a workbook already read (engine/grid.h), whatever its
/// format; `file` only names it (an .xls is read from a copy in memory).
/// Throws xlsx::ReadError.
std::vector<Grid> read_workbook_bytes(const std::string& file, const std::string& bytes);

/// .xlsx or .xls, by name (case-insensitive).
bool is_workbook_name(const std::filesystem::path& p);

/// The file's first bytes are a zip's or an OLE file's, or it is empty (what
/// workbook::sniff tells apart); false when it cannot be read.
bool looks_like_workbook(const std::filesystem::path& p);

struct WorkbookSubmissions {
  std::vector<SubmissionRow> rows;
  std::vector<InvalidFile> invalid;
};

/// One workbook as batch submissions (see the contract above). `rules_id`
/// forces a rule set ("" = the one each table names, else mof2020).
WorkbookSubmissions score_workbook(const std::string& file, const Layout& layout, RuleCache& rules,
                                   const std::string& rules_id = "");

/// The same for a workbook already in memory (an upload), named `file`.
WorkbookSubmissions score_workbook_bytes(const std::string& file, const std::string& bytes, const Layout& layout,
                                         RuleCache& rules, const std::string& rules_id = "");

}  // namespace jx::app
