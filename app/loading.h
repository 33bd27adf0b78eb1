// Reading, loading and scoring input files (named on the command line or
// uploaded to `jixiao serve`), project and department alike, with rule sets
// resolved by the one resolver (app/rule_sets.h). Diagnostics of
// files with errors go to the loader's sink as they are found (by default
// printed to stderr, an attached project's errors indented under the
// department's 「所附项目 X 有错误，未计入」). A file with errors is still
// described (Loaded::failed: what identifies it and every diagnostic) so that
// the outputs can list it among the good ones. Files are read through a
// FileReader: the disk for the command line; for uploads, only the other
// uploaded files (nothing the client sends names a path on the server). Every limit a file passes
// (size included) is bad input (kBadInput), never an I/O error. A Loader is
// not thread-safe: use one per thread.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <variant>
#include <string>
#include <vector>

#include "app/rule_sets.h"
#include "engine/department.h"
#include "engine/dept_score.h"
#include "engine/load/file_header.h"
#include "engine/model.h"
#include "engine/rules.h"
#include "engine/score.h"

namespace jx::app {

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

/// One input file: a project or a department (one type, `file`). A file
/// that was scored holds one of them; a file with errors has `failed` and,
/// when it could be read that far, the project or department read
/// (monostate when it could not be read at all).
struct Loaded {
  std::variant<std::monostate, LoadedProject, LoadedDepartment> file;
  std::optional<FailedFile> failed;

  [[nodiscard]] const LoadedProject* project() const { return std::get_if<LoadedProject>(&file); }
  [[nodiscard]] const LoadedDepartment* department() const { return std::get_if<LoadedDepartment>(&file); }
  [[nodiscard]] LoadedProject* project() { return std::get_if<LoadedProject>(&file); }
};

/// What a FileReader sets `error` to when there is no such file.
inline constexpr const char* kNoSuchFile = "文件不存在";

/// Reads an input file by the name it was given: its text, or nullopt with
/// `error` set (Chinese; kNoSuchFile when there is none) when it cannot.
using FileReader = std::function<std::optional<std::string>(const std::string& name, std::string& error)>;

/// The command line's reader: the file system, with the input size limit.
FileReader disk_reader();

class Loader {
 public:
  explicit Loader(std::vector<std::filesystem::path> rules_search);

  /// Where diagnostics of files with errors go (default: printed to stderr),
  /// a broken rule file's included.
  void set_sink(DiagnosticSink sink) {
    sink_ = sink;
    rules_.set_sink(std::move(sink));
  }

  /// Uploaded files: attached projects are read through `reader` (the other
  /// uploads) and `rules:` must be an id, never a path.
  void set_uploads(FileReader reader) {
    reader_ = std::move(reader);
    allow_rule_paths_ = false;
  }

  /// Loads and scores one file. Returns kOk, kBadInput or kUsage; on kOk
  /// `out` holds the result.
  int load(const std::string& file, Loaded& out);
  /// The same for text already read.
  int load_text(const std::string& file, const std::string& text, Loaded& out);

  /// The resolver this loader uses (workbooks read beside YAML files share it).
  RuleSets& rules() { return rules_; }

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

  RuleSets rules_;
  FileReader reader_;
  bool allow_rule_paths_ = true;
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

}  // namespace jx::app
