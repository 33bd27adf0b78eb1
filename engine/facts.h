// The facts of a department file as a table of values: plain figures and
// computed facts (formulas over other facts), evaluated lazily with cycle
// detection. Every problem (unknown name with "did you mean", division by
// zero, a cycle, a missing prior-year figure) becomes a Diagnostic at the
// position inside the formula, reported once.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/department.h"
#include "engine/diagnostic.h"
#include "engine/formula.h"

namespace jx {

class FactTable {
 public:
  /// Computed facts may depend on computed facts this many levels deep.
  static constexpr std::size_t kMaxChain = 64;

  /// REQUIRES: `facts` outlives the table. Duplicate names are reported.
  FactTable(const std::vector<Fact>& facts, Diagnostics& diags);

  /// The value of a fact (prior: its 上年 figure); nullopt when unknown or
  /// when computing it failed (already reported).
  std::optional<Decimal> value(const std::string& name, bool prior = false);

  /// Evaluates a formula written at `loc` (the position of its first
  /// character). `inputs` receives each fact used and its value.
  std::optional<Decimal> eval(const std::string& text, Loc loc,
                              std::vector<std::pair<std::string, Decimal>>* inputs = nullptr);

  [[nodiscard]] const Fact* find(const std::string& name) const;
  /// Computes every fact, reporting every problem.
  void evaluate_all();

 private:
  enum class State { Todo, Busy, Done, Failed };
  std::optional<Decimal> eval_formula(const Formula& f, Loc loc, bool prior,
                                      std::vector<std::pair<std::string, Decimal>>* inputs);
  std::string suggest(const std::string& name) const;

  const std::vector<Fact>& facts_;
  Diagnostics& diags_;
  std::map<std::string, const Fact*> by_name_;
  std::map<std::pair<std::string, bool>, State> state_;
  std::map<std::pair<std::string, bool>, Decimal> cache_;
  std::vector<std::string> stack_;
  bool dependency_failed_ = false;
};

}  // namespace jx
