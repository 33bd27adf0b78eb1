// Shared by the libFuzzer targets: the repository's rule sets, loaded once
// from the source tree (JIXIAO_SOURCE_DIR), and a sink that keeps results
// alive without printing. A fuzz target must never print or leak.
#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "engine/diagnostic.h"
#include "engine/load/layout_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/rules.h"

namespace jxfuzz {

/// The rule sets of indicators/rules by id; aborts when one does not load
/// (a broken checkout, not a finding).
inline const std::map<std::string, jx::RuleSet>& rule_sets() {
  static const std::map<std::string, jx::RuleSet> sets = [] {
    std::map<std::string, jx::RuleSet> out;
    for (const char* id : {"mof2020", "sichuan2023", "hubei2022"}) {
      std::ifstream in(std::string(JIXIAO_SOURCE_DIR) + "/indicators/rules/" + id + ".yaml", std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      jx::Diagnostics d;
      auto r = jx::load::load_rules(ss.str(), d);
      if (!r) std::abort();
      out.emplace(id, std::move(*r));
    }
    return out;
  }();
  return sets;
}

/// The rule set a file names, or mof2020 when it names another.
inline const jx::RuleSet& rules_for(const std::string& id) {
  const auto& sets = rule_sets();
  auto it = sets.find(id);
  return it != sets.end() ? it->second : sets.at("mof2020");
}

/// Every layout file of indicators/layouts merged; aborts when one does not load.
inline const jx::Layout& layout() {
  static const jx::Layout all = [] {
    jx::Layout out;
    for (const char* name : {"common", "mof2020", "sichuan"}) {
      std::ifstream in(std::string(JIXIAO_SOURCE_DIR) + "/indicators/layouts/" + name + ".yaml", std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      jx::Diagnostics d;
      auto l = jx::load::load_layout(ss.str(), d);
      if (!l) std::abort();
      jx::load::merge_layout(out, *l);
    }
    return out;
  }();
  return all;
}

/// Formats every diagnostic (exercising the message code) and returns a
/// checksum so the work is not optimised away.
inline std::size_t format_all(const jx::Diagnostics& d) {
  std::size_t n = 0;
  for (const auto& x : d.sorted()) n += jx::format_diagnostic("f.yaml", x).size();
  return n;
}

}  // namespace jxfuzz
