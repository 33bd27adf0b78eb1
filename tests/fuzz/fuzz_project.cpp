// Fuzz target: a project file (kind: project) as the CLI handles it, minus
// the file system: YAML parsing and validation, scoring with the rule set
// the file names (one of the repository's), diagnostics and the JSON report;
// and the same text read as a goal form (jixiao goals): the goal checks and
// the goals JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/goal_checks.h"
#include "engine/load/project_loader.h"
#include "engine/score.h"
#include "reports/goals_table.h"
#include "reports/json_report.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  jx::Diagnostics diags;
  auto project = jx::load::load_project(text, diags);
  std::size_t sink = jxfuzz::format_all(diags);
  if (project) {
    const jx::RuleSet& rules = jxfuzz::rules_for(project->rules);
    const jx::ProjectScore score = jx::score_project(*project, rules);
    sink += jxfuzz::format_all(score.diagnostics);
    if (!score.diagnostics.has_errors()) {
      sink += jx::reports::to_json({{"f.yaml", &*project, &rules, &score, nullptr, nullptr, {}}}).size();
    }
  }
  jx::Diagnostics goal_diags;
  auto goal_form = jx::load::load_project(text, goal_diags, jx::load::Stage::Goals);
  if (goal_form) {
    const jx::RuleSet& rules = jxfuzz::rules_for(goal_form->rules);
    goal_diags.append(jx::check_goals(*goal_form, rules));
    sink += jx::reports::goals_json({{"f.yaml", &*goal_form, goal_diags, nullptr}}).size();
  }
  sink += jxfuzz::format_all(goal_diags);
  return sink == 0 ? 0 : 0;
}
