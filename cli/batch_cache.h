// What an incremental batch re-run (`batch --db`) decides per submission
// file: whether the stored result (store/result_cache.h) still stands, and
// what a new result depends on. I/O edge: reads rule-set, layout and
// dependency files to fingerprint them.
//
// A stored result is reused when, and only when:
// - the file's bytes have the fingerprint stored (content);
// - the run context is the one stored: the program's version, the engine
//   revision (store::kEngineRevision), the result format, and the name and
//   bytes of every rule-set file in the rule search folders and of every
//   layout file (so an edited, added or removed rule set or layout re-reads
//   every file: which rule set a file names is only known by reading it);
// - every other file it was read with (a department's attached project
//   files) has the bytes, or is missing as, stored.
// - a project file with a goal section depends on last year's leaves of
//   the same project in the database (goal-below-last-year): that is a
//   dependency of its own, named by prior_dependency() and fingerprinted
//   by prior_hash() from the LastYearLeaves read before the run, so a
//   re-run after last year's records changed (or first appeared) reads
//   the file again and gives the bytes of a fresh run.
// A file that names its rule set by a path (`rules: ../my.yaml`, resolved
// beside the file) is never stored: that file is outside the context.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "store/history.h"
#include "store/result_cache.h"

namespace jx::cli {

/// Fingerprint (hex) of bytes: the content key of a submission or dependency.
std::string content_hash(std::string_view bytes);

/// The run context's fingerprint (see above).
std::string run_context(const std::vector<std::filesystem::path>& rules_search,
                        const std::vector<std::filesystem::path>& layout_search);

/// The dependency on last year's leaves of (department, project) for a
/// submission of `year`: a name no file has (it starts with U+0001).
std::string prior_dependency(const std::string& department, const std::string& project, int year);
/// Fingerprint of last year's leaves as used (nullptr: none), never "".
std::string prior_hash(const std::vector<PriorActual>* leaves);

/// Fingerprints of dependency files, each file read once per run; a
/// prior_dependency() is looked up in `prior` (nullptr: no leaves loaded).
/// Not thread-safe.
class DependencyHashes {
 public:
  explicit DependencyHashes(const store::LastYearLeaves* prior = nullptr) : prior_(prior) {}
  /// content_hash of the file's bytes; "" when it cannot be read.
  const std::string& hash(const std::string& path);
  /// Whether every dependency is as stored.
  bool unchanged(const std::vector<store::Dependency>& deps);

 private:
  const store::LastYearLeaves* prior_;
  std::map<std::string, std::string> hashes_;
};

/// Whether a `rules:` value is a path resolved beside the file (files.h find_rules).
bool rules_by_path(const std::string& rules);

}  // namespace jx::cli
