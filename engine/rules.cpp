#include "engine/rules.h"

namespace jx {

const QualitativeBand* find_band(const RuleSet& rules, std::string_view word) {
  for (const auto& b : rules.bands) {
    if (b.name == word) return &b;
    for (const auto& s : b.synonyms) {
      if (s == word) return &b;
    }
  }
  return nullptr;
}

std::string grade_of(const RuleSet& rules, Decimal total) {
  for (const auto& g : rules.grades) {
    if (total >= g.min) return g.name;
  }
  return rules.grades.empty() ? std::string() : rules.grades.back().name;
}

const FirstLevel* find_first_level(const RuleSet& rules, std::string_view name) {
  for (const auto& f : rules.first_levels) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

}  // namespace jx
