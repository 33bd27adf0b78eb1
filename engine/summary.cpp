#include "engine/summary.h"

#include <algorithm>
#include <tuple>

namespace jx {

void rank_rows(std::vector<SubmissionRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const SubmissionRow& a, const SubmissionRow& b) {
    if (a.department_wide != b.department_wide) return !a.department_wide;
    if (a.total != b.total) return a.total > b.total;
    return std::tie(a.department, a.unit, a.project, a.file) < std::tie(b.department, b.unit, b.project, b.file);
  });
  std::size_t first_of_kind = 0;  // index of the first row of the current kind
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const bool same_kind = i > 0 && rows[i - 1].department_wide == rows[i].department_wide;
    if (!same_kind) first_of_kind = i;
    rows[i].rank =
        same_kind && rows[i - 1].total == rows[i].total ? rows[i - 1].rank : static_cast<int>(i - first_of_kind) + 1;
  }
}

namespace {

std::vector<HistogramBin> make_histogram() {
  std::vector<HistogramBin> bins = {{"60 分以下", Decimal(0), Decimal(60), 0},
                                    {"60–69.99", Decimal(60), Decimal(70), 0},
                                    {"70–79.99", Decimal(70), Decimal(80), 0},
                                    {"80–89.99", Decimal(80), Decimal(90), 0},
                                    {"90–100", Decimal(90), Decimal(100), 0}};
  return bins;
}

void count_bin(std::vector<HistogramBin>& bins, Decimal total) {
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const bool last = i + 1 == bins.size();
    if (total >= bins[i].low && (last || total < bins[i].high)) {
      ++bins[i].count;
      return;
    }
  }
  ++bins.front().count;  // negative totals cannot occur; keep the count complete anyway
}

using Wide = __int128;

/// Σ(total × budget) / Σ budget rounded half-up to 2 decimals, from the exact
/// sum of raw products (units of 10^-12). REQUIRES: budget > 0, num ≥ 0.
Decimal weighted_mean(Wide num, Decimal budget) {
  const Wide den = Wide(budget.raw()) * 10'000;  // result in units of 10^-2
  const Wide q = (num + den / 2) / den;
  return Decimal::from_raw(static_cast<std::int64_t>(q * 10'000));
}

}  // namespace

std::string history_key(const SubmissionRow& row) {
  return row.department + "\x1f" + (row.department_wide ? std::string("部门整体") : row.project);
}

BatchSummary summarize(std::vector<SubmissionRow> rows, std::vector<InvalidFile> invalid,
                       std::vector<std::string> grade_order) {
  BatchSummary s;
  s.files = static_cast<int>(rows.size() + invalid.size());
  rank_rows(rows);
  std::sort(invalid.begin(), invalid.end(), [](const InvalidFile& a, const InvalidFile& b) { return a.file < b.file; });
  s.histogram = make_histogram();
  for (const auto& g : grade_order) s.grade_counts[g] = 0;

  struct Totals {
    DepartmentSummary summary;
    Decimal totals;     // Σ total
    Wide products = 0;  // Σ total × budget, exact (raw × raw)
  };
  std::map<std::string, Totals> depts;
  for (const SubmissionRow& r : rows) {
    Totals& t = depts[r.department];
    DepartmentSummary& d = t.summary;
    d.name = r.department;
    if (r.department_wide) {
      d.department_total = r.total;
      d.department_grade = r.grade;
      continue;
    }
    ++d.projects;
    d.budget += r.budget;
    d.executed += r.executed;
    ++d.grades[r.grade];
    ++s.grade_counts[r.grade];
    count_bin(s.histogram, r.total);
    t.totals += r.total;
    t.products += Wide(r.total.raw()) * r.budget.raw();
  }
  for (auto& [name, t] : depts) {
    DepartmentSummary& d = t.summary;
    if (d.projects > 0) {
      d.weighted_mean =
          d.budget > Decimal(0) ? weighted_mean(t.products, d.budget) : div(t.totals, Decimal(d.projects), 2);
    }
    s.departments.push_back(std::move(d));
  }
  std::stable_sort(s.departments.begin(), s.departments.end(),
                   [](const DepartmentSummary& a, const DepartmentSummary& b) {
                     if (a.weighted_mean != b.weighted_mean) return a.weighted_mean > b.weighted_mean;
                     return a.name < b.name;
                   });
  for (const auto& [g, n] : s.grade_counts) {
    if (std::find(grade_order.begin(), grade_order.end(), g) == grade_order.end()) grade_order.push_back(g);
  }
  s.grade_order = std::move(grade_order);
  s.rows = std::move(rows);
  s.invalid = std::move(invalid);
  return s;
}

}  // namespace jx
