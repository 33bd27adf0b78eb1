// Fuzz target: a department file (kind: department): YAML parsing and
// validation, facts and formulas, scorers, cross-checks and charts, scored
// with the rule set the file names; attached project files are not read (no
// file system), so the project list is empty.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/dept_score.h"
#include "engine/load/department_loader.h"
#include "reports/json_report.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jx::Diagnostics diags;
  auto dept = jx::load::load_department(text, diags);
  std::size_t sink = jxfuzz::format_all(diags);
  if (dept) {
    const jx::RuleSet& rules = jxfuzz::rules_for(dept->rules);
    const jx::DepartmentScore score = jx::score_department(*dept, rules, {});
    sink += jxfuzz::format_all(score.core.diagnostics);
    if (!score.core.diagnostics.has_errors()) {
      jx::reports::ScoredFile f;
      f.file = "f.yaml";
      f.rules = &rules;
      f.department = &*dept;
      f.department_score = &score;
      sink += jx::reports::to_json({f}).size();
    }
  }
  return sink == 0 ? 0 : 0;
}
