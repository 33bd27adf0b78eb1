// Test helpers: rule sets from indicators/rules, projects from in-memory YAML.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/load/layout_loader.h"
#include "engine/load/project_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/score.h"

namespace jxtest {

/// A temporary file path unique to this process and call: ctest runs test
/// cases as parallel processes, so a fixed name would be shared by two.
inline std::string temp_path(const std::string& stem, const std::string& ext) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ext))
      .string();
}

inline std::string read_source(const std::string& rel) {
  std::ifstream in(std::string(JIXIAO_SOURCE_DIR) + "/" + rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline jx::RuleSet rules(const std::string& id) {
  jx::Diagnostics d;
  auto r = jx::load::load_rules(read_source("indicators/rules/" + id + ".yaml"), d);
  if (!r) throw std::runtime_error("rule set " + id + " does not load");
  return *r;
}

/// Every layout file of indicators/layouts merged (what import and review use),
/// plus `extra` files named relative to the source tree.
inline jx::Layout load_layouts(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(std::string(JIXIAO_SOURCE_DIR) + "/indicators/layouts")) {
    if (e.path().extension() == ".yaml") files.push_back("indicators/layouts/" + e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  files.insert(files.end(), extra.begin(), extra.end());
  jx::Layout all;
  for (const auto& f : files) {
    jx::Diagnostics d;
    auto l = jx::load::load_layout(read_source(f), d);
    if (!l) throw std::runtime_error("layout " + f + " does not load");
    jx::load::merge_layout(all, *l);
  }
  return all;
}

/// The shipped layouts, loaded once.
inline const jx::Layout& layout() {
  static const jx::Layout all = load_layouts();
  return all;
}

struct Scored {
  jx::Project project;
  jx::ProjectScore score;
  jx::Diagnostics diags;  ///< loader + scoring
  bool loaded = false;
};

inline Scored score_text(const std::string& yaml, const jx::RuleSet& r) {
  Scored s;
  auto p = jx::load::load_project(yaml, s.diags);
  if (!p) return s;
  s.loaded = true;
  s.project = *p;
  s.score = jx::score_project(s.project, r);
  s.diags.append(s.score.diagnostics);
  return s;
}

/// All diagnostics formatted as the CLI prints them, one per line, for file "t.yaml".
inline std::string messages(const jx::Diagnostics& d, bool errors_only = false) {
  std::string out;
  for (const auto& x : d.sorted()) {
    if (!errors_only || x.severity == jx::Severity::Error) out += jx::format_diagnostic("t.yaml", x) + "\n";
  }
  return out;
}

/// A project with budget 10 + one 一级 "产出指标" of 90 points: one leaf of
/// weight `w` with the given target/actual lines (already indented YAML),
/// plus a filler leaf that makes the weights add up to 100.
inline std::string one_leaf(const std::string& leaf_yaml, const std::string& w = "10",
                            const std::string& funds = "{initial: 100, budget: 100, executed: 100}") {
  const int filler = 90 - std::stoi(w);
  std::string s = "kind: project\nyear: 2022\nrules: mof2020\nproject: 测试项目\n";
  s += "funds:\n  total: " + funds + "\n";
  s += "indicators:\n  - name: 产出指标\n    children:\n      - name: 数量指标\n        children:\n";
  s += "          - name: 被测指标\n            weight: " + w + "\n" + leaf_yaml;
  if (filler > 0) {
    s += "          - name: 其余指标\n            weight: " + std::to_string(filler) +
         "\n            target: \"≥1个\"\n            actual: \"1个\"\n";
  }
  return s;
}

/// The score of the leaf "被测指标" in one_leaf(...).
inline std::string leaf_score(const std::string& leaf_yaml, const std::string& w = "10") {
  const jx::RuleSet r = rules("mof2020");
  Scored s = score_text(one_leaf(leaf_yaml, w), r);
  if (s.diags.has_errors()) return "ERROR: " + messages(s.diags, true);
  return s.score.leaves.at(0).score.to_string(2);
}

}  // namespace jxtest
