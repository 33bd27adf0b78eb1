// The finance bureau's view of a year's submissions (绩效自评汇总): one row
// per scored submission, ranking, per-department aggregates, the grade
// distribution and a score histogram. Pure: rows in, summary out.
//
// Ranking (rank_rows): project rows first, then department-wide rows; within
// each kind by computed total, highest first. Ties are broken by 主管部门,
// 实施单位, project name and file path, each in byte order, so the order is
// stable whatever order the files were scored in. Equal totals share a rank
// (standard competition ranking: 1, 2, 2, 4).
//
// Money is in 万元, rates are fractions (6 dp), scores are rounded as the
// rule set rounds them (2 dp under every shipped rule set).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/findings.h"

namespace jx {

struct LevelScore {
  std::string name;  ///< 一级指标 name as written
  Decimal weight;
  Decimal score;
};

struct SubmissionRow {
  std::string file;
  bool department_wide = false;  ///< a 部门整体 self-evaluation, not a project
  int year = 0;
  std::string department;  ///< 主管部门 (the department's own name for department-wide rows)
  std::string unit;        ///< 实施单位
  std::string project;     ///< "" for department-wide rows
  std::string rules;       ///< rule set id
  Decimal budget;          ///< 全年预算数
  Decimal executed;        ///< 全年执行数
  Decimal rate;            ///< 执行率, fraction
  Decimal budget_score;
  std::vector<LevelScore> levels;  ///< 一级指标 in tree order
  Decimal total;
  std::optional<Decimal> declared;
  std::string grade;
  std::vector<SubmissionFinding> findings;
  std::string hash;  ///< of the input bytes and the rule set (hex), for history
  // From the history database, when there is one:
  std::optional<Decimal> prior_total;  ///< the same department / project one year earlier
  int rank = 0;                        ///< set by rank_rows
};

/// A file that could not be scored, with its diagnostics formatted as
/// "FILE:L:C: 错误: …" lines: the errors first, then the warnings.
struct InvalidFile {
  std::string file;
  std::vector<std::string> messages;
  int errors = 0;  ///< how many of the messages are errors (the first ones)
};

struct DepartmentSummary {
  std::string name;
  int projects = 0;
  Decimal budget;                     ///< Σ 全年预算数 of its projects
  Decimal executed;                   ///< Σ 全年执行数
  Decimal weighted_mean;              ///< Σ total × budget / Σ budget (plain mean when Σ budget is 0), 2 dp half-up
  std::map<std::string, int> grades;  ///< project count per grade
  std::optional<Decimal> department_total;  ///< the department-wide score, when one was filed
  std::string department_grade;
};

struct HistogramBin {
  std::string label;  ///< "60–69.99"
  Decimal low;        ///< inclusive
  Decimal high;       ///< exclusive, except the last bin
  int count = 0;
};

struct BatchSummary {
  std::vector<SubmissionRow> rows;             ///< ranked
  std::vector<InvalidFile> invalid;            ///< in path order
  std::vector<DepartmentSummary> departments;  ///< by weighted mean, highest first, then name
  std::vector<std::string> grade_order;        ///< 优, 良, 中, 差 (the rule sets' grade names, best first)
  std::map<std::string, int> grade_counts;     ///< over project rows
  std::vector<HistogramBin> histogram;         ///< over project rows
  int files = 0;                               ///< all files found (scored + invalid)
};

/// Sorts and ranks as described above.
void rank_rows(std::vector<SubmissionRow>& rows);

/// Builds the summary from scored rows (any order) and invalid files.
/// `grade_order` lists grade names best first (union of the rule sets used).
BatchSummary summarize(std::vector<SubmissionRow> rows, std::vector<InvalidFile> invalid,
                       std::vector<std::string> grade_order);

/// Key matching a submission with its history: department and project (or
/// "部门整体" for department-wide rows).
std::string history_key(const SubmissionRow& row);

}  // namespace jx
