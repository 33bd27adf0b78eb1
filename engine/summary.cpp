#include "engine/summary.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>

#include "engine/review.h"
#include "engine/text.h"
#include "engine/text_checks.h"

namespace jx {

const SubmissionRow& full_row(const SubmissionRow& row, const RowDetails* details, SubmissionRow& scratch) {
  if (row.detail < 0 || details == nullptr) return row;
  scratch = row;
  details->restore(scratch);
  return scratch;
}

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

Decimal abs_of(Decimal d) {
  return d.is_negative() ? Decimal() - d : d;
}

std::string_view trim_view(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

/// A plain or quoted scalar on one line, without a trailing comment.
std::string scalar(std::string_view v) {
  v = trim_view(v);
  if (!v.empty() && (v.front() == '"' || v.front() == '\'')) {
    const char q = v.front();
    const std::size_t end = v.find(q, 1);
    return std::string(v.substr(1, end == std::string_view::npos ? std::string_view::npos : end - 1));
  }
  if (const std::size_t hash = v.find(" #"); hash != std::string_view::npos) v = v.substr(0, hash);
  if (!v.empty() && v.front() == '#') return "";
  return std::string(trim_view(v));
}

}  // namespace

std::string history_key(const SubmissionRow& row) {
  return row.department + "\x1f" + (row.department_wide ? std::string("部门整体") : row.project);
}

SubmissionIdentity peek_identity(std::string_view yaml) {
  SubmissionIdentity id;
  bool seen_year = false, seen_department = false, seen_project = false, seen_kind = false;
  while (!yaml.empty()) {
    const std::size_t nl = yaml.find('\n');
    std::string_view line = yaml.substr(0, nl);
    yaml = nl == std::string_view::npos ? std::string_view() : yaml.substr(nl + 1);
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // byte-order mark
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.empty() || line.front() == ' ' || line.front() == '\t') continue;
    const std::string_view key = trim_view(line.substr(0, colon));
    std::string value = scalar(line.substr(colon + 1));
    // GBK bytes, or GBK read as Latin-1 (乱码): not readable.
    if (first_invalid_utf8(value) != std::string::npos || gbk_mojibake_in(value)) value.clear();
    if (key == "year" && !seen_year) {
      seen_year = true;
      int y = 0;
      bool digits = !value.empty() && value.size() <= 4;
      for (char c : value) digits = digits && c >= '0' && c <= '9';
      if (digits) {
        for (char c : value) y = y * 10 + (c - '0');
        id.year = y;
      }
    } else if (key == "department" && !seen_department) {
      seen_department = true;
      id.department = value;
    } else if (key == "project" && !seen_project) {
      seen_project = true;
      id.project = value;
    } else if (key == "kind" && !seen_kind) {
      seen_kind = true;
      id.department_wide = value == "department";
    }
  }
  return id;
}

void MeanAccumulator::add(Decimal total, Decimal budget) {
  ++count_;
  totals_ += total;
  budget_ += budget;
  products_ += Wide(total.raw()) * budget.raw();
}

Decimal MeanAccumulator::mean() const {
  return count_ == 0 ? Decimal() : div(totals_, Decimal(count_), 2);
}

Decimal MeanAccumulator::weighted() const {
  if (count_ == 0) return Decimal();
  return budget_ > Decimal(0) ? weighted_mean(products_, budget_) : mean();
}

PriorRecord prior_record(const SubmissionRow& row) {
  return {row.department, row.project, row.department_wide, row.total, row.budget, row.grade};
}

std::vector<int> run_years(const std::vector<SubmissionRow>& rows, const std::vector<InvalidFile>& invalid) {
  std::set<int> years;
  for (const auto& r : rows) years.insert(r.year);
  for (const auto& f : invalid) {
    if (f.year >= kFirstYear && f.year <= kLastYear) years.insert(f.year);
  }
  return {years.begin(), years.end()};
}

void take_year(int year, int latest, std::vector<SubmissionRow>& rows, std::vector<InvalidFile>& invalid,
               std::vector<SubmissionRow>& rows_out, std::vector<InvalidFile>& invalid_out) {
  auto split = [](auto& from, auto& to, auto pred) {
    auto mid = std::stable_partition(from.begin(), from.end(), [&](const auto& x) { return !pred(x); });
    to.insert(to.end(), std::make_move_iterator(mid), std::make_move_iterator(from.end()));
    from.erase(mid, from.end());
  };
  split(rows, rows_out, [&](const SubmissionRow& r) { return r.year == year; });
  split(invalid, invalid_out, [&](const InvalidFile& f) {
    const bool known = f.year >= kFirstYear && f.year <= kLastYear;
    return f.year == year || (year == latest && (!known || f.year > latest));
  });
}

BatchSummary summarize(std::vector<SubmissionRow> rows, std::vector<InvalidFile> invalid,
                       std::vector<std::string> grade_order, const SummaryOptions& options,
                       const std::vector<PriorRecord>* prior) {
  BatchSummary s;
  s.files = static_cast<int>(rows.size() + invalid.size());
  s.mover_threshold = options.mover_threshold;
  s.year = !rows.empty() ? rows.front().year : !invalid.empty() ? invalid.front().year : 0;
  rank_rows(rows);
  std::sort(invalid.begin(), invalid.end(), [](const InvalidFile& a, const InvalidFile& b) { return a.file < b.file; });
  s.histogram = make_histogram();
  for (const auto& g : grade_order) s.grade_counts[g] = 0;

  struct Totals {
    DepartmentSummary summary;
    MeanAccumulator means;
  };
  std::map<std::string, Totals> depts;
  MeanAccumulator all;
  Overview& o = s.overview;
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
    t.means.add(r.total, r.budget);
    all.add(r.total, r.budget);
    o.executed += r.executed;
  }
  for (const InvalidFile& f : invalid) {
    if (f.department.empty()) continue;
    Totals& t = depts[f.department];
    t.summary.name = f.department;
    ++t.summary.invalid;
  }
  std::map<std::string, MeanAccumulator> prior_depts;
  if (prior != nullptr) {
    MeanAccumulator prior_all;
    for (const PriorRecord& p : *prior) {
      if (p.department_wide) continue;
      prior_all.add(p.total, p.budget);
      prior_depts[p.department].add(p.total, p.budget);
      ++o.prior_grade_counts[p.grade];
    }
    o.has_prior = prior_all.count() > 0;
    o.prior_projects = prior_all.count();
    o.prior_mean = prior_all.mean();
    o.prior_weighted_mean = prior_all.weighted();
  }
  for (auto& [name, t] : depts) {
    DepartmentSummary& d = t.summary;
    if (d.projects > 0) d.weighted_mean = t.means.weighted();
    if (const auto it = prior_depts.find(name); it != prior_depts.end()) d.prior_weighted_mean = it->second.weighted();
    s.departments.push_back(std::move(d));
  }
  // Departments with scored projects first, by weighted mean, then by name.
  std::stable_sort(s.departments.begin(), s.departments.end(),
                   [](const DepartmentSummary& a, const DepartmentSummary& b) {
                     if ((a.projects > 0) != (b.projects > 0)) return a.projects > 0;
                     if (a.weighted_mean != b.weighted_mean) return a.weighted_mean > b.weighted_mean;
                     return a.name < b.name;
                   });
  for (std::size_t i = 0; i < s.departments.size(); ++i) {
    DepartmentSummary& d = s.departments[i];
    if (d.projects == 0) continue;
    const bool tie =
        i > 0 && s.departments[i - 1].projects > 0 && s.departments[i - 1].weighted_mean == d.weighted_mean;
    d.rank = tie ? s.departments[i - 1].rank : static_cast<int>(i) + 1;
  }

  o.received = s.files;
  o.scored = static_cast<int>(rows.size());
  o.invalid = static_cast<int>(invalid.size());
  o.projects = all.count();
  o.mean = all.mean();
  o.weighted_mean = all.weighted();
  o.budget = all.budget();
  if (!o.budget.is_zero()) o.rate = div(o.executed, o.budget, 6);
  // The engine's kinds always; the review classes of workbook submissions
  // (engine/review.h) when some row has them.
  // One pass over the rows' levels and findings (light rows are restored
  // one at a time): the 一级指标 names and each finding code's reach.
  struct Reach {
    int findings = 0, projects = 0;
    std::set<std::string> departments;
  };
  std::map<std::string, Reach> by_code;
  SubmissionRow scratch;
  for (const SubmissionRow& light : rows) {
    const SubmissionRow& r = full_row(light, options.details, scratch);
    for (const auto& l : r.levels) {
      if (std::find(s.level_names.begin(), s.level_names.end(), l.name) == s.level_names.end()) {
        s.level_names.push_back(l.name);
      }
    }
    std::map<std::string, int> here;
    for (const SubmissionFinding& f : r.findings) ++here[f.code];
    for (const auto& [code, n] : here) {
      Reach& reach = by_code[code];
      reach.findings += n;
      if (!r.department_wide) ++reach.projects;
      reach.departments.insert(r.department);
    }
  }
  std::vector<std::string> codes;
  for (const auto& k : kFindingKinds) codes.emplace_back(k.code);
  for (const auto& entry : finding_labels()) {
    const std::string& code = entry.first;
    if (by_code.count(code) > 0 && std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  for (const std::string& code : codes) {
    FindingReach reach;
    reach.code = code;
    if (const auto it = by_code.find(code); it != by_code.end()) {
      reach.findings = it->second.findings;
      reach.projects = it->second.projects;
      reach.departments = static_cast<int>(it->second.departments.size());
    }
    o.findings.push_back(std::move(reach));
  }
  std::vector<std::string> cause_codes;
  for (const auto& k : kInvalidCauses) cause_codes.emplace_back(k.code);
  std::set<std::string> others;
  for (const InvalidFile& f : invalid) {
    if (invalid_cause_label(f.cause).empty()) others.insert(f.cause);
  }
  for (const auto& c : others) {
    if (!c.empty()) cause_codes.push_back(c);
  }
  if (others.count("") > 0) cause_codes.emplace_back();
  for (const std::string& code : cause_codes) {
    FindingReach reach;
    reach.code = code;
    std::set<std::string> in_depts;
    for (const InvalidFile& f : invalid) {
      if (f.cause != code) continue;
      ++reach.findings;
      ++reach.projects;
      if (!f.department.empty()) in_depts.insert(f.department);
    }
    reach.departments = static_cast<int>(in_depts.size());
    o.causes.push_back(std::move(reach));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const SubmissionRow& r = rows[i];
    if (r.prior_total && abs_of(r.total - *r.prior_total) > options.mover_threshold) s.movers.push_back(i);
  }
  std::stable_sort(s.movers.begin(), s.movers.end(), [&](std::size_t a, std::size_t b) {
    const Decimal ca = rows[a].total - *rows[a].prior_total, cb = rows[b].total - *rows[b].prior_total;
    if (abs_of(ca) != abs_of(cb)) return abs_of(ca) > abs_of(cb);
    return ca > cb;
  });
  for (const auto& [g, n] : s.grade_counts) {
    if (std::find(grade_order.begin(), grade_order.end(), g) == grade_order.end()) grade_order.push_back(g);
  }
  s.grade_order = std::move(grade_order);
  s.details = options.details;
  s.rows = std::move(rows);
  s.invalid = std::move(invalid);
  return s;
}

}  // namespace jx
