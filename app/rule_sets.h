// The one rule-set resolver of both front ends: `rules: mof2020` (an id,
// looked up as mof2020.yaml in the search folders) or, for files read from
// disk, a path relative to the input file ("../my-rules.yaml"). Each rule
// file is read and parsed once per RuleSets (cached by its canonical path,
// so an id and a path naming the same file share one RuleSet) and its
// fingerprint kept for the history database. A rule file with errors is
// reported the same way whoever asked: its own diagnostics go to the sink
// (default: stderr) and the caller gets one error naming the file.
//
// Uploaded files (jixiao serve) never name a path on the server: with
// `allow_paths` false a value containing '/' or ending in .yaml is an error.
// Not thread-safe: one per thread (or per request).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/rules.h"

namespace jx::app {

/// Receives the diagnostics of a file that has errors (file name, diagnostics).
using DiagnosticSink = std::function<void(const std::string&, const Diagnostics&)>;

class RuleSets {
 public:
  explicit RuleSets(std::vector<std::filesystem::path> search) : search_(std::move(search)) {}

  /// Where the diagnostics of a broken rule file go (empty: stderr).
  void set_sink(DiagnosticSink sink) { sink_ = std::move(sink); }

  /// `rules:` of a file in `input_dir`, named at `loc`; nullptr with one
  /// error in `diags` (unknown-rules with a did-you-mean, rules-unreadable,
  /// bad-rules, rules-path-refused) when it cannot be used.
  const RuleSet* resolve(const std::string& value, const std::filesystem::path& input_dir, bool allow_paths, Loc loc,
                         Diagnostics& diags);

  /// By id only (workbooks name their rule set): nullptr with `error` set
  /// (Chinese, one line per problem) when it cannot be found or loaded.
  const RuleSet* get(const std::string& id, std::string& error);

  /// The rule sets loaded so far, in id order.
  [[nodiscard]] std::vector<const RuleSet*> rule_sets() const;

  /// Fingerprint (hex) of the rule file `rules` was read from ("" if unknown).
  [[nodiscard]] std::string fingerprint(const RuleSet* rules) const;

  [[nodiscard]] const std::vector<std::filesystem::path>& search() const { return search_; }

 private:
  std::vector<std::filesystem::path> search_;
  std::map<std::string, std::unique_ptr<RuleSet>> cache_;  ///< by canonical path of the rule file
  std::map<const RuleSet*, std::string> fingerprints_;
  DiagnosticSink sink_;
};

}  // namespace jx::app
