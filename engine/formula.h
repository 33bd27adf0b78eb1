// The formula language of computed facts, department indicators and
// cross-checks: numbers, names of facts, + - * / (also × ÷), ASCII
// parentheses, unary minus, and the functions 上年(名称) (the fact's prior-year
// value), min(a, b), max(a, b), abs(x).
//
// Names are runs of any characters other than spaces, ASCII parentheses,
// commas and the operators, so Chinese names with full-width brackets work:
// 社会保障和就业（类）支出. A run starting with a digit is a number unless
// letters follow ("2022年收入" is a name).
//
// Evaluation is exact decimal arithmetic; a quotient is rounded half-up at
// the 6th decimal; a result (or intermediate) beyond ±10^12 is an error, never
// a wrapped number. Pure: parsing and evaluation take text and a lookup.
//
// Limits (so that a hostile formula cannot exhaust the stack): at most
// Formula::kMaxLength characters and Formula::kMaxNesting levels of
// parentheses, function calls and unary signs.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/decimal.h"

namespace jx {

struct FormulaError {
  int offset = 0;  ///< character offset in the formula text (0-based)
  std::string message;
  std::string hint;
};

class Formula {
 public:
  static constexpr std::size_t kMaxLength = 2000;  ///< characters
  static constexpr int kMaxNesting = 50;           ///< ( … ), f(…), unary − / +

  /// Parses; on failure returns nullopt and fills `error`.
  static std::optional<Formula> parse(std::string_view text, FormulaError& error);

  /// Names the formula refers to, with whether the prior-year value is meant
  /// and the character offset of each, in order of appearance.
  struct Ref {
    std::string name;
    bool prior = false;
    int offset = 0;
  };
  [[nodiscard]] const std::vector<Ref>& refs() const { return refs_; }
  [[nodiscard]] const std::string& text() const { return text_; }

  /// Looks up a fact (prior = the 上年 value); nullopt = unknown / missing.
  using Lookup = std::function<std::optional<Decimal>(const std::string& name, bool prior)>;

  /// Evaluates; on failure (unknown name, division by zero, overflow) returns
  /// nullopt and fills `error`.
  std::optional<Decimal> eval(const Lookup& lookup, FormulaError& error) const;

 private:
  struct Node {
    enum Kind { Num, Ref, Add, Sub, Mul, Div, Neg, Min, Max, Abs } kind = Num;
    Decimal num;
    int ref = -1;  ///< index into refs_
    int lhs = -1;
    int rhs = -1;
    int offset = 0;
  };
  friend class FormulaParser;
  std::optional<Decimal> eval_node(int i, const Lookup& lookup, FormulaError& error) const;

  std::string text_;
  std::vector<Node> nodes_;
  std::vector<Ref> refs_;
  int root_ = -1;
};

}  // namespace jx
