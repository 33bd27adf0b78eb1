// Review (复核) of a submitted 自评表: what the unit declared against what the
// rules give, row by row and for the total, each difference classified with
// a stable code and a Chinese explanation. Pure: an imported table and its
// computed score in, findings out.
//
// Row classes, checked in this order for a row whose declared score differs
// from the computed one (scores compared at the rule set's digits):
//   above-weight            the declared score exceeds the row's 分值
//   outside-band            a qualitative row's score lies outside its grade's band
//   full-despite-shortfall  full marks although the target was missed (4604 vs ≥4754 → 5 of 5)
//   rounded-whole           a whole number within 1 of the computed score (9.78 → 9)
//   deduction-although-met  points taken although the target was met (100 % vs ≥100 % → 7 of 10)
//   other                   any other difference
// and, for a row whose score agrees:
//   unverifiable            a qualitative row whose grade the table does not show (free text
//                           without a grade word): the declared score is taken as it is, the
//                           row is listed (its code, 无法核实) and counted in `unverified`, but
//                           it is not among the findings (it is no mistake of the unit's)
// Table classes:
//   subtotal-not-sum  a declared 小计 ≠ Σ declared scores of the rows it covers
//   weights-not-100   budget 分值 + Σ row 分值 ≠ the rule set's total (100)
//   budget-left-out   the declared total equals Σ declared rows without the budget score
//   total-not-sum     the declared total is not budget score + Σ declared rows
//   total-differs     the declared total (or grade) differs from the computed one
//                     (the declared total is the table's 总分 / 合计 cell as saved)
//   score-error       a row the rules cannot score (unit mismatch, unreadable value…)
//   rule-error        any other error of the rule set outside the rows (no budget, a 一级
//                     weight a strict rule set fixes…)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/diagnostic.h"
#include "engine/rules.h"
#include "engine/score.h"
#include "engine/table_import.h"

namespace jx {

struct ReviewRow {
  std::vector<std::string> path;  ///< 一级 / 二级 / 三级; {"预算执行率"} for the budget row
  bool budget = false;
  Decimal weight;
  std::string target;
  std::string actual;
  bool applicable = true;
  std::optional<Decimal> declared;
  Decimal computed;
  bool computed_ok = true;  ///< false when the rules could not score the row
  std::string basis;        ///< how the computed score came about
  std::string code;         ///< "" when the row agrees, else one of the row classes
  std::string label;        ///< Chinese name of the class
  std::string reason;       ///< Chinese explanation of this difference
  Loc loc;                  ///< the row's declared 得分 cell (else its 三级 name, or the funds total)
};

struct Finding {
  std::string code;
  std::string label;  ///< Chinese name of the class
  std::string text;   ///< Chinese explanation
  Loc loc;
  std::string row;  ///< the 三级 name for row findings, "" for table findings
};

struct TableReview {
  std::string sheet;
  std::string project;
  std::optional<Decimal> declared_total;
  Decimal computed_total;
  std::optional<std::string> declared_grade;
  std::string computed_grade;
  Decimal declared_rows_sum;    ///< Σ declared scores of the indicator rows
  Decimal weight_sum;           ///< budget 分值 + Σ row 分值 as declared
  std::vector<ReviewRow> rows;  ///< the budget row first, then every 三级 row in table order
  std::vector<Finding> findings;
  int unverified = 0;  ///< rows listed as 无法核实 (code "unverifiable"; not among the findings)

  /// No finding (rows that cannot be verified may remain: see `unverified`).
  [[nodiscard]] bool clean() const { return findings.empty(); }
};

/// REQUIRES: `score` = score_project(table.project, rules).
TableReview review_table(const ImportedTable& table, const ProjectScore& score, const RuleSet& rules);

/// Chinese name of a finding code ("rounded-whole" → "得分取整").
std::string finding_label(const std::string& code);

/// Every review class code with its Chinese name (what finding_label reads).
const std::map<std::string, std::string>& finding_labels();

}  // namespace jx
