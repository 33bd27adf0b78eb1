// Fuzz target: the xlsx reader (libzip + pugixml) on untrusted bytes, then
// table recognition, scoring and review of whatever it reads — the path of
// `jixiao review`. Any ReadError is an expected outcome; a crash, leak,
// hang or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/review.h"
#include "engine/score.h"
#include "engine/table_import.h"
#include "reports/xlsx_reader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  jx::xlsx::ReadLimits limits;  // small limits keep each run fast; the logic is the same
  limits.max_entry_bytes = 4u << 20;
  limits.max_total_bytes = 16u << 20;
  limits.max_cells = 100'000;
  std::vector<jx::Grid> grids;
  try {
    grids = jx::xlsx::read_workbook_bytes(bytes, limits);
  } catch (const jx::xlsx::ReadError&) {
    return 0;
  }
  const jx::RuleSet& rules = jxfuzz::rules_for("mof2020");
  jx::Diagnostics diags;
  const auto tables = jx::import_tables(grids, rules, jxfuzz::layout(), diags);
  std::size_t n = jxfuzz::format_all(diags);
  for (const auto& t : tables) {
    n += jxfuzz::format_all(t.diagnostics);
    if (t.diagnostics.has_errors()) continue;
    const jx::ProjectScore score = jx::score_project(t.project, rules);
    if (score.diagnostics.has_errors()) continue;
    const jx::TableReview review = jx::review_table(t, score, rules);
    n += review.findings.size();
  }
  return n == static_cast<std::size_t>(-1) ? 1 : 0;
}
