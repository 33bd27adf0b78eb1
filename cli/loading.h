// Reading, loading and scoring the files named on the command line, project
// and department alike, with rule sets looked up and cached. Diagnostics of
// files with errors are printed to stderr as they are found.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::cli {

constexpr int kOk = 0;
constexpr int kBadInput = 1;
constexpr int kUsage = 2;

struct LoadedProject {
  std::string file;
  Project project;
  const RuleSet* rules = nullptr;
  ProjectScore score;
};

struct LoadedDepartment {
  std::string file;
  Department department;
  const RuleSet* rules = nullptr;
  DepartmentScore score;
  std::vector<LoadedProject> projects;  ///< the attached project files, scored
};

/// One input file: exactly one of the two is set.
struct Loaded {
  std::optional<LoadedProject> project;
  std::optional<LoadedDepartment> department;
};

class Loader {
 public:
  Loader(std::vector<std::filesystem::path> rules_search) : search_(std::move(rules_search)) {}

  /// Loads and scores one file. Returns kOk, kBadInput or kUsage; on kOk
  /// `out` holds the result.
  int load(const std::string& file, Loaded& out);

 private:
  int load_project(const std::string& file, const std::string& text, LoadedProject& out);
  int load_department(const std::string& file, const std::string& text, LoadedDepartment& out);
  const RuleSet* resolve_rules(const std::string& file, const std::string& rules, Loc loc, Diagnostics& diags);

  std::vector<std::filesystem::path> search_;
  std::map<std::string, std::unique_ptr<RuleSet>> cache_;
};

/// Prints the diagnostics to stderr, sorted; at most 200, then a count of the rest.
void print_diagnostics(const std::string& file, const Diagnostics& d);

}  // namespace jx::cli
