#include "app/review.h"

#include "app/loading.h"
#include "app/workbook_input.h"
#include "engine/review.h"
#include "engine/score.h"
#include "reports/xlsx_reader.h"

namespace jx::app {

Imported import_workbook(const std::string& file, const std::string& bytes, const std::string& rules_id,
                         RuleSets& rules, const Layout& layout, bool quiet, std::ostream* log) {
  Imported out;
  auto fail = [&](int code, const std::string& msg) {
    out.code = code;
    out.errors.push_back(msg);
    if (log != nullptr) *log << msg << "\n";
    return out;
  };
  std::vector<Grid> grids;
  try {
    grids = read_workbook_bytes(file, bytes);
  } catch (const xlsx::ReadError& e) {
    return fail(kBadInput, file + ": 错误: " + e.what());
  }
  std::string id = rules_id;
  for (const Grid& g : grids) {
    if (id.empty()) id = rules_hint(g);
  }
  if (id.empty()) id = "mof2020";
  std::string err;
  out.rules = rules.get(id, err);
  if (out.rules == nullptr) return fail(kUsage, "jixiao: 错误: " + err);
  Diagnostics wd;
  std::vector<ImportedTable> tables = import_tables(grids, *out.rules, layout, wd);
  for (const Diagnostic& d : wd.sorted()) {
    out.errors.push_back(format_table_diagnostic(file, "", d));
    if (log != nullptr) *log << out.errors.back() << "\n";
  }
  // A table with errors is reported; the other tables of the workbook are still used.
  for (ImportedTable& t : tables) {
    for (const Diagnostic& d : t.diagnostics.sorted()) {
      const std::string line = format_table_diagnostic(file, t.sheet, d);
      if (log != nullptr && (d.severity == Severity::Error || !quiet)) *log << line << "\n";  // -q: errors only
      if (d.severity == Severity::Error) out.errors.push_back(line);
    }
    if (!t.diagnostics.has_errors()) out.tables.push_back(std::move(t));
  }
  if (!out.errors.empty()) out.code = kBadInput;
  return out;
}

reports::ReviewedFile review_imported(const std::string& file, const Imported& in) {
  reports::ReviewedFile rf;
  rf.file = file;
  if (in.code != kOk) rf.errors = in.errors;
  for (const ImportedTable& t : in.tables) {
    const ProjectScore s = score_project(t.project, *in.rules);
    rf.tables.push_back(review_table(t, s, *in.rules));
  }
  return rf;
}

}  // namespace jx::app
