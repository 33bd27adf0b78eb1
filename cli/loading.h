// Reading, loading and scoring the files named on the command line, project
// and department alike, with rule sets looked up and cached. Diagnostics of
// files with errors go to the loader's sink as they are found (by default
// printed to stderr). A Loader is not thread-safe: use one per thread.
#pragma once

#include <filesystem>
#include <functional>
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

/// Receives the diagnostics of a file that has errors (file name, diagnostics).
using DiagnosticSink = std::function<void(const std::string&, const Diagnostics&)>;

class Loader {
 public:
  explicit Loader(std::vector<std::filesystem::path> rules_search);

  /// Where diagnostics of files with errors go (default: printed to stderr).
  void set_sink(DiagnosticSink sink) { sink_ = std::move(sink); }

  /// Loads and scores one file. Returns kOk, kBadInput or kUsage; on kOk
  /// `out` holds the result.
  int load(const std::string& file, Loaded& out);
  /// The same for text already read.
  int load_text(const std::string& file, const std::string& text, Loaded& out);

  /// The rule sets loaded so far, by id.
  [[nodiscard]] std::vector<const RuleSet*> rule_sets() const;

  /// Fingerprint (hex) of the rule-set file a loaded result was scored with.
  [[nodiscard]] std::string rules_fingerprint(const RuleSet* rules) const;

 private:
  int load_project(const std::string& file, const std::string& text, LoadedProject& out);
  int load_department(const std::string& file, const std::string& text, LoadedDepartment& out);
  const RuleSet* resolve_rules(const std::string& file, const std::string& rules, Loc loc, Diagnostics& diags);

  std::vector<std::filesystem::path> search_;
  std::map<std::string, std::unique_ptr<RuleSet>> cache_;
  std::map<const RuleSet*, std::string> fingerprints_;
  DiagnosticSink sink_;
};

/// Prints the diagnostics to stderr, sorted; at most 200, then a count of the rest.
void print_diagnostics(const std::string& file, const Diagnostics& d);

}  // namespace jx::cli
