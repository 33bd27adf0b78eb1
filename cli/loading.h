// Reading, loading and scoring the files named on the command line, project
// and department alike, with rule sets looked up and cached. Diagnostics of
// files with errors go to the loader's sink as they are found (by default
// printed to stderr, an attached project's errors indented under the
// department's 「所附项目 X 有错误，未计入」). A file with errors is still
// described (Loaded::failed: what identifies it and every diagnostic) so that
// the outputs can list it among the good ones. Every limit a file passes
// (size included) is bad input (kBadInput), never an I/O error. A Loader is
// not thread-safe: use one per thread.
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
#include "engine/load/file_header.h"
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
  Loc ref;  ///< an attached project: where the department file names it
};

/// A file that could not be scored: what identifies it and all its
/// diagnostics (errors and warnings).
struct FailedFile {
  std::string file;
  load::FileHeader header;
  Diagnostics diagnostics;
  Loc ref;          ///< an attached project: where the department file names it
  bool io = false;  ///< could not be read at all (usage / I/O, exit 2)
};

struct LoadedDepartment {
  std::string file;
  Department department;
  const RuleSet* rules = nullptr;
  DepartmentScore score;
  std::vector<LoadedProject> projects;      ///< the attached project files, scored
  std::vector<FailedFile> failed_projects;  ///< attached project files with errors (not counted)
};

/// One input file. A file that was scored has exactly one of `project` and
/// `department`; a file with errors has `failed` (and, when it could be read
/// that far, `project` or `department` holding what was read).
struct Loaded {
  std::optional<LoadedProject> project;
  std::optional<LoadedDepartment> department;
  std::optional<FailedFile> failed;
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
  // Both leave every diagnostic of the file in `all`; `report` sends a
  // failure to the sink (an attached project's goes under its department).
  int load_project(const std::string& file, const std::string& text, LoadedProject& out, Diagnostics& all, bool report);
  int load_department(const std::string& file, const std::string& text, LoadedDepartment& out, Diagnostics& all);
  const RuleSet* resolve_rules(const std::string& file, const std::string& rules, Loc loc, Diagnostics& diags);

  std::vector<std::filesystem::path> search_;
  std::map<std::string, std::unique_ptr<RuleSet>> cache_;
  std::map<const RuleSet*, std::string> fingerprints_;
  DiagnosticSink sink_;  ///< empty: print to stderr (print_department_diagnostics for departments)
};

/// Prints the diagnostics to stderr, sorted; at most 200, then a count of the rest.
void print_diagnostics(const std::string& file, const Diagnostics& d);

/// Formats diagnostics, one per line, each line prefixed with `indent`.
std::string format_diagnostics(const std::string& file, const std::vector<Diagnostic>& d, const std::string& indent);

/// Prints a department's diagnostics to stderr; under each 「所附项目 X 有错误」
/// the attached project's own diagnostics, indented.
void print_department_diagnostics(const std::string& file, const Diagnostics& d,
                                  const std::vector<FailedFile>& failed_projects);

/// The name to show for an attached project: its project name, else its file.
std::string attached_name(const std::string& name, const std::string& file);

}  // namespace jx::cli
