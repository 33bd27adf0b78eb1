// The finance bureau's view of a year's submissions (绩效自评汇总): one row
// per scored submission, ranking, per-department aggregates, the grade
// distribution and a score histogram, the overview (总览) against last year,
// the big movers and the invalid files with what they say they are. Pure:
// rows in, summary out. One summary covers one year: summarize_years()
// splits a run by year (submissions of different years are never pooled).
//
// Means: the plain mean and the budget-weighted mean (Σ total × budget /
// Σ budget; the plain mean when Σ budget is 0) are over project rows, from
// exact sums, rounded half-up to 2 dp.
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

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/decimal.h"
#include "engine/findings.h"
#include "engine/goal_checks.h"
#include "engine/monitor_rules.h"

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
  std::optional<Light> light;  ///< 运行监控: the project's light at its latest snapshot (engine/lights.h)
  int light_month = 0;         ///< that snapshot's month (1–12)
  std::string light_label;     ///< the rule set's word for it (黄灯)
  std::vector<SubmissionFinding> findings;
  /// Each leaf's target and actual as written, kept by the history database
  /// for next year's goal check (goal-below-last-year).
  std::vector<PriorActual> indicators;
  std::string hash;  ///< of the input bytes and the rule set (hex), for history
  /// ≥ 0: a light row, whose `levels`, `findings` and `indicators` are held elsewhere
  /// (RowDetails, the batch's spool file) under this key; -1: held here.
  std::int64_t detail = -1;
  // From the history database, when there is one:
  std::optional<Decimal> prior_total;  ///< the same department / project one year earlier
  int rank = 0;                        ///< set by rank_rows
};

/// Where the levels and findings of light rows are (SubmissionRow::detail):
/// the batch keeps them in a temporary file so that memory stays flat in the
/// number of submissions; everything else of a row stays in memory (ranking,
/// aggregates and last year's figures need it).
class RowDetails {
 public:
  virtual ~RowDetails() = default;
  /// Sets `row.levels` and `row.findings` of a light row. Throws on I/O failure.
  virtual void restore(SubmissionRow& row) const = 0;
};

/// The row with its levels and findings: `row` itself when it holds them,
/// else a copy restored from `details` (which must then be given).
const SubmissionRow& full_row(const SubmissionRow& row, const RowDetails* details, SubmissionRow& scratch);

/// A file that could not be scored, with its diagnostics formatted as
/// "FILE:L:C: 错误: …" lines: the errors first, then the warnings.
struct InvalidFile {
  std::string file;
  std::vector<std::string> messages;
  int errors = 0;  ///< how many of the messages are errors (the first ones)
  // What the file says it is, read even when it has errors (peek_identity);
  // "" / 0 when it cannot be read.
  std::string department{};
  std::string project{};
  int year = 0;
  std::string cause{};  ///< the code of the first error ("bad-year" …), "" when unknown
};

/// What a submission file says it is, read line by line from its top-level
/// keys (`year:`, `department:`, `project:`, `kind:`), so that it works on
/// files YAML cannot parse. Quotes and trailing comments are removed; a
/// value that is not valid UTF-8, or is GBK-as-Latin-1 乱码
/// (gbk_mojibake_in), is left empty.
struct SubmissionIdentity {
  int year = 0;
  std::string department;
  std::string project;
  bool department_wide = false;
};
SubmissionIdentity peek_identity(std::string_view yaml);

/// Exact plain and budget-weighted means of scores.
class MeanAccumulator {
 public:
  void add(Decimal total, Decimal budget);
  [[nodiscard]] int count() const { return count_; }
  [[nodiscard]] Decimal budget() const { return budget_; }
  /// Σ total / n, 2 dp half-up; 0 when empty.
  [[nodiscard]] Decimal mean() const;
  /// Σ total × budget / Σ budget, 2 dp half-up; mean() when Σ budget is 0.
  [[nodiscard]] Decimal weighted() const;

 private:
  int count_ = 0;
  Decimal totals_;
  Decimal budget_;
  __int128 products_ = 0;  ///< Σ total × budget, exact (raw × raw)
};

/// A stored or in-run submission of the year before, for comparisons.
struct PriorRecord {
  std::string department;
  std::string project;  ///< "" for department-wide records
  bool department_wide = false;
  Decimal total;
  Decimal budget;
  std::string grade;
};

struct DepartmentSummary {
  std::string name;
  int rank = 0;                       ///< by weighted mean (competition ranking); 0 when it has no scored project
  int projects = 0;                   ///< scored projects
  int invalid = 0;                    ///< invalid files that name this department
  Decimal budget;                     ///< Σ 全年预算数 of its projects
  Decimal executed;                   ///< Σ 全年执行数
  Decimal weighted_mean;              ///< Σ total × budget / Σ budget (plain mean when Σ budget is 0), 2 dp half-up
  std::map<std::string, int> grades;  ///< project count per grade
  std::optional<Decimal> department_total;  ///< the department-wide score, when one was filed
  std::string department_grade;
  std::optional<Decimal> prior_weighted_mean;  ///< last year's, when last year had its projects
};

/// How many projects and departments a kind of finding affects.
struct FindingReach {
  std::string code;
  int findings = 0;
  int projects = 0;  ///< project rows with at least one finding of the kind
  int departments = 0;
};

/// The headline figures (总览).
struct Overview {
  int received = 0;  ///< files of the year (scored + invalid)
  int scored = 0;    ///< rows (projects and department-wide)
  int invalid = 0;
  int projects = 0;  ///< scored project rows
  Decimal mean;      ///< over project rows
  Decimal weighted_mean;
  bool has_prior = false;  ///< last year's projects are known (in the run or the history)
  int prior_projects = 0;
  Decimal prior_mean;
  Decimal prior_weighted_mean;
  std::map<std::string, int> prior_grade_counts;
  std::vector<FindingReach> findings;  ///< in kFindingKinds order, then the review classes (code order) that occur
  /// Invalid files by cause: every kInvalidCauses code (in that order), then
  /// the other causes found, by code ("" last). `findings` and `projects`
  /// both count files; `departments` the distinct departments read from them.
  std::vector<FindingReach> causes;
  Decimal budget;                      ///< Σ 全年预算数 of project rows
  Decimal executed;
  std::optional<Decimal> rate;  ///< executed / budget (6 dp); none when the budget is 0
};

struct HistogramBin {
  std::string label;  ///< "60–69.99"
  Decimal low;        ///< inclusive
  Decimal high;       ///< exclusive, except the last bin
  int count = 0;
};

struct BatchSummary {
  int year = 0;  ///< the year summarised (0 when nothing was read)
  Overview overview;
  std::vector<SubmissionRow> rows;             ///< ranked
  std::vector<InvalidFile> invalid;            ///< in path order
  std::vector<DepartmentSummary> departments;  ///< by weighted mean, highest first, then name
  std::vector<std::string> grade_order;        ///< 优, 良, 中, 差 (the rule sets' grade names, best first)
  std::map<std::string, int> grade_counts;     ///< over project rows
  std::vector<HistogramBin> histogram;         ///< over project rows
  int files = 0;                               ///< all files found (scored + invalid)
  Decimal mover_threshold;                     ///< movers moved by more than this
  std::vector<std::size_t> movers;             ///< indices into rows: |change| > threshold, largest first
  std::vector<std::string> level_names;        ///< every 一级指标 name, in order of first appearance over the ranked rows
  const RowDetails* details = nullptr;         ///< SummaryOptions::details
};

struct SummaryOptions {
  Decimal mover_threshold = Decimal(10);
  const RowDetails* details = nullptr;  ///< for light rows; must outlive the summary
};

/// Sorts and ranks as described above.
void rank_rows(std::vector<SubmissionRow>& rows);

/// Builds the summary from scored rows (any order) and invalid files, all
/// of one year. `grade_order` lists grade names best first (union of the
/// rule sets used). `prior` holds last year's records when known (nullptr:
/// unknown, so no comparison is shown).
BatchSummary summarize(std::vector<SubmissionRow> rows, std::vector<InvalidFile> invalid,
                       std::vector<std::string> grade_order, const SummaryOptions& options = {},
                       const std::vector<PriorRecord>* prior = nullptr);

/// Years the loaders accept (validation refuses others).
constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;

/// The years of a run, ascending: every row's year, and every invalid
/// file's year that could be read and lies within [kFirstYear, kLastYear].
/// An invalid file whose year is unknown or outside belongs to the latest
/// year (to the only one in a single-year run).
std::vector<int> run_years(const std::vector<SubmissionRow>& rows, const std::vector<InvalidFile>& invalid);

/// The rows and invalid files of `year` (see run_years for unknown years).
void take_year(int year, int latest, std::vector<SubmissionRow>& rows, std::vector<InvalidFile>& invalid,
               std::vector<SubmissionRow>& rows_out, std::vector<InvalidFile>& invalid_out);

/// A scored row as last year's record for the next year's comparisons.
PriorRecord prior_record(const SubmissionRow& row);

/// Key matching a submission with its history: department and project (or
/// "部门整体" for department-wide rows).
std::string history_key(const SubmissionRow& row);

}  // namespace jx
