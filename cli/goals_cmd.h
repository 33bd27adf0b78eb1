// `jixiao goals FILE… [-o 绩效目标申报表.xlsx] [--json] [--db DB]` and
// `jixiao validate --stage goals FILE…`: the spring stage. Each file is read
// as a goal form (engine/load Stage::Goals: no 执行数 needed), its rule set
// found as for score, and the goal checks run (engine/goal_checks.h; with
// --db, last year's actuals of the same project from the history database).
// Exit 0 (warnings allowed), 1 when any file has errors (nothing written),
// 2 usage or I/O. The terminal shows each form's content and its warnings;
// --json the forms' content (reports/goals_table.h goals_json).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/approved_check.h"

namespace jx::cli {

struct GoalsOptions {
  std::vector<std::string> files;
  std::string output;  ///< .xlsx, "" = none
  std::string db;      ///< history database for last year's actuals, "" = none
  bool json = false;
  bool quiet = false;
  bool validate_only = false;  ///< validate --stage goals: 通过 / warnings, no form
  std::vector<std::filesystem::path> rules_search;
};

int run_goals(const GoalsOptions& options);

/// `score --approved FILE`: the approved targets from a goal-form YAML file
/// or from a 申报表 workbook written by `jixiao goals` (.xlsx). Prints what
/// is wrong with the file and returns nullopt (bad input: `io` false; cannot
/// be read: `io` true).
std::optional<std::vector<ApprovedTarget>> load_approved(const std::string& path, bool& io);

}  // namespace jx::cli
