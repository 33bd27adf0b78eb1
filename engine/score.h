// Scoring a project self-evaluation under a rule set (财预〔2020〕10号 and
// variants). Pure: takes the model and the rules, returns the scores and every
// diagnostic (errors make the result unusable; warnings are for reviewers).
//
// Rounding: each leaf score is rounded once to rules.digits (half-up by
// default) from the exact rational; the budget score likewise; subtotals and
// the total are sums of the rounded rows. When some leaves are not
// applicable, total = (budget score + Σ applicable scores) /
// (budget weight + Σ applicable weights) × 100, rounded once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/leaf_score.h"
#include "engine/model.h"
#include "engine/rules.h"

namespace jx {

/// A probable unit slip in a leaf's actual (see engine/unit_slip.h).
struct LeafUnitSlip {
  std::string what;     ///< 元与万元混用 …
  std::string reading;  ///< the reading that would make sense: "426.4万元"
  Decimal score;        ///< the score under that reading
};

struct LeafScore {
  std::vector<std::string> path;  ///< names from 一级 down to the leaf
  Decimal weight;
  std::string target;                    ///< as written
  std::string actual;                    ///< as written
  std::optional<std::string> direction;  ///< "positive" | "reverse" when the file overrides the comparator
  bool applicable = true;
  Decimal score;      ///< rounded; 0 when not applicable
  std::string basis;  ///< how the score came about, in Chinese
  std::string note;   ///< 偏差原因分析及改进措施
  std::optional<Decimal> declared;
  Loc loc;
  std::optional<LeafUnitSlip> unit_slip;  ///< set with a unit-slip warning
  // Computed (department) leaves only:
  std::optional<Decimal> value;  ///< the formula's result (a fraction for rates)
  std::string formula;
  std::vector<std::pair<std::string, Decimal>> inputs;  ///< each fact used and its value
};

/// A node of the indicator tree with its sub-total. Leaves point into
/// ProjectScore::leaves.
struct ScoredNode {
  std::string name;
  Decimal weight;             ///< Σ leaf weights below (applicable or not)
  Decimal applicable_weight;  ///< Σ applicable leaf weights below
  Decimal score;              ///< Σ rounded leaf scores below
  int leaf = -1;              ///< index into ProjectScore::leaves, or -1
  std::vector<ScoredNode> children;
};

/// One row of the 项目资金 block with its 执行率.
struct FundLine {
  std::string label;  ///< 年度资金总额, 其中：当年财政拨款 …
  FundRow row;
  std::optional<Decimal> rate;  ///< executed / budget as a fraction (6 dp); none when budget is 0
};

struct BudgetScore {
  std::vector<FundLine> lines;  ///< total first, then the three sources
  Decimal initial;
  Decimal budget;
  Decimal executed;
  Decimal rate;         ///< fraction, 6 dp
  Decimal weight;       ///< 分值 (10 under mof2020)
  Decimal score;        ///< min(rate, 1) × weight, rounded
  Decimal items_total;  ///< Σ itemised spending lines (0 when none)
};

struct ProjectScore {
  BudgetScore budget;
  std::vector<ScoredNode> tree;
  std::vector<LeafScore> leaves;
  Decimal indicator_score;    ///< Σ applicable leaf scores
  Decimal indicator_weight;   ///< Σ leaf weights
  Decimal applicable_weight;  ///< budget weight + Σ applicable leaf weights
  bool rescaled = false;      ///< true when non-applicable leaves were left out
  Decimal total;
  std::string grade;
  Diagnostics diagnostics;
};

/// Validates and scores. REQUIRES: `rules` is a loaded rule set.
ProjectScore score_project(const Project& project, const RuleSet& rules);

/// What project and department evaluations share: funds, a tree, a declared total.
struct Evaluation {
  int year = 0;
  const Funds& funds;
  const std::vector<Indicator>& indicators;
  Loc indicators_loc;
  bool indicators_given = false;
  std::optional<Decimal> declared;
  Loc declared_loc;
  bool funds_sum_error = true;  ///< total ≠ Σ sources is an error (project) or a warning (department)
  bool standard_levels = true;  ///< check 一级 / 二级 names and weights against the rule set (projects only)
  /// Free texts printed on the form (goals, 评价结论 …), checked for
  /// template words: (Chinese label, text, position).
  struct Text {
    std::string_view label;
    std::string_view text;
    Loc loc;
  };
  std::vector<Text> texts{};
};

/// Scores an applicable leaf; may fill the row's computed fields. Null → score_leaf.
using LeafScorer = std::function<LeafOutcome(const Indicator& leaf, const std::string& second_level, LeafScore& row,
                                             Diagnostics& diags)>;

/// The shared mechanism behind score_project and score_department.
ProjectScore score_evaluation(const Evaluation& e, const RuleSet& rules, const LeafScorer& leaf_scorer);

}  // namespace jx
