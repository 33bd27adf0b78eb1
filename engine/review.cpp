#include "engine/review.h"

#include <map>

namespace jx {
namespace {

void leaves_of(const std::vector<Indicator>& inds, std::vector<const Indicator*>& out) {
  for (const auto& i : inds) {
    if (i.is_leaf()) {
      out.push_back(&i);
    } else {
      leaves_of(i.children, out);
    }
  }
}

bool whole(Decimal d) {
  return d.raw() % Decimal::kScale == 0;
}

std::string pts(Decimal d) {
  return d.to_plain();
}

// Classifies a row whose declared score differs from the computed one.
void classify(ReviewRow& row, const Indicator* leaf, const RuleSet& rules) {
  const Decimal d = *row.declared;
  const Decimal c = row.computed;
  const Decimal w = row.weight;
  const std::string both = "自报 " + pts(d) + " 分，按规则 " + pts(c) + " 分";
  const std::string why = row.basis.empty() ? "" : "（" + row.basis + "）";
  if (d > w) {
    row.code = "above-weight";
    row.reason = "自报得分 " + pts(d) + " 超过该行分值 " + pts(w) + "；按规则 " + pts(c) + " 分" + why;
  } else if (leaf != nullptr && leaf->grade) {
    row.code = "outside-band";
    std::string band_text;
    if (const QualitativeBand* b = find_band(rules, *leaf->grade)) {
      band_text = "，该等级区间为 [" + pts((b->low * w).rounded(rules.digits)) + ", " +
                  pts((b->high * w).rounded(rules.digits)) + (b->high_inclusive ? "]" : ")");
    }
    row.reason = "定性指标评为“" + *leaf->grade + "”" + band_text + "，自报 " + pts(d) + " 分不在区间内；按该等级取 " +
                 pts(c) + " 分";
  } else if (d == w && c < w) {
    row.code = "full-despite-shortfall";
    row.reason = "未完成目标仍给满分 " + pts(w) + "；按规则 " + pts(c) + " 分" + why;
  } else if (whole(d) && !whole(c) && (d - c).raw() < Decimal::kScale && (c - d).raw() < Decimal::kScale) {
    row.code = "rounded-whole";
    row.reason = both + "：得分被取整" + std::string(d < c ? "（舍去小数）" : "（进位）") + "，应保留 " +
                 std::to_string(rules.digits) + " 位小数" + why;
  } else if (c == w && d < w) {
    row.code = "deduction-although-met";
    row.reason = "目标已完成，应得满分 " + pts(w) + "，自报只给 " + pts(d) + " 分" + why;
  } else {
    row.code = "other";
    const Decimal gap = d > c ? d - c : c - d;
    row.reason = both + why +
                 (gap <= Decimal::from_raw(10'000)
                      ? "；相差不超过 0.01，多为小数取舍不同（应四舍五入到 " + std::to_string(rules.digits) + " 位）"
                      : "");
  }
  row.label = finding_label(row.code);
}

// A row whose declared score is what the actual would earn once a probable
// unit slip (元 vs 万元, 0.95 vs 95 %) is corrected: the slip is the finding,
// not the officer's score.
void classify_unit_slip(ReviewRow& row, const LeafUnitSlip& slip) {
  row.code = "unit-slip";
  row.reason = "疑似" + slip.what + "：实际完成值“" + row.actual + "”按年度指标值的单位读得 " + pts(row.computed) +
               " 分；若实际为 " + slip.reading + "，得 " + pts(slip.score) + " 分，与自报一致。请核对单位";
  row.label = finding_label(row.code);
}

}  // namespace

const std::map<std::string, std::string>& finding_labels() {
  static const std::map<std::string, std::string> labels{
      {"above-weight", "得分超过分值"},
      {"outside-band", "定性得分不在等级区间"},
      {"rounded-whole", "得分取整"},
      {"full-despite-shortfall", "未完成仍给满分"},
      {"deduction-although-met", "已完成仍扣分"},
      {"other", "其他差异"},
      {"weights-not-100", "分值合计不是100"},
      {"budget-left-out", "总分未计预算执行得分"},
      {"total-not-sum", "总分不等于各行之和"},
      {"total-differs", "总分与计算不符"},
      {"score-error", "无法按规则计分"},
      {"rule-error", "不符合规则集"},
      {"unverifiable", "无法核实"},
      {"subtotal-not-sum", "小计不等于各行之和"},
      {"unit-slip", "疑似单位错误"},
  };
  return labels;
}

std::string finding_label(const std::string& code) {
  const auto& labels = finding_labels();
  auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

TableReview review_table(const ImportedTable& t, const ProjectScore& s, const RuleSet& rules) {
  TableReview r;
  const Project& p = t.project;
  r.sheet = t.sheet;
  r.project = p.name;
  r.declared_total = p.declared_score;
  r.computed_total = s.total;
  r.declared_grade = t.declared_grade;
  r.computed_grade = s.grade;

  // Rows whose scoring failed: an error on the row's line (positions are cells).
  std::map<int, std::string> errors;
  for (const Diagnostic& d : s.diagnostics.items()) {
    if (d.severity != Severity::Error || d.code == "total-weight") continue;
    if (d.loc.line > 0 && !errors.count(d.loc.line)) errors[d.loc.line] = d.message;
  }

  // The budget row.
  ReviewRow b;
  b.path = {"预算执行率"};
  b.budget = true;
  b.weight = t.declared_budget_weight.value_or(s.budget.weight);
  b.target = "全年预算数 " + s.budget.budget.to_string(2) + " 万元";
  b.actual = "全年执行数 " + s.budget.executed.to_string(2) + " 万元";
  b.declared = p.funds.declared_score;
  b.computed = s.budget.score;
  b.basis = "执行率 " + percent_text(s.budget.rate);
  if (b.weight != rules.budget_weight)
    b.basis += "，规则集 " + rules.id + " 的预算执行分值为 " + pts(rules.budget_weight);
  // The cell a reviewer checks is the declared 得分, not the row's label.
  b.loc = p.funds.declared_score && p.funds.declared_loc.line > 0 ? p.funds.declared_loc
          : p.funds.total.present                                 ? p.funds.total.loc
                                                                  : p.funds.loc;
  if (b.declared && *b.declared != b.computed) classify(b, nullptr, rules);
  r.rows.push_back(b);

  std::vector<const Indicator*> leaves;
  leaves_of(p.indicators, leaves);
  r.weight_sum = b.weight;
  for (std::size_t i = 0; i < s.leaves.size(); ++i) {
    const LeafScore& l = s.leaves[i];
    const Indicator* leaf = i < leaves.size() ? leaves[i] : nullptr;
    ReviewRow row;
    row.path = l.path;
    row.weight = l.weight;
    row.target = l.target;
    row.actual = l.actual;
    row.applicable = l.applicable;
    row.declared = l.declared;
    row.computed = l.score;
    row.basis = l.basis;
    // The cell a reviewer checks is the declared 得分, not the indicator's name.
    row.loc = leaf != nullptr && leaf->declared_score && leaf->declared_loc.line > 0 ? leaf->declared_loc : l.loc;
    r.weight_sum += l.weight;
    if (l.applicable && l.declared) r.declared_rows_sum += *l.declared;
    if (auto e = errors.find(l.loc.line); l.applicable && e != errors.end()) {
      row.computed_ok = false;
      row.code = "score-error";
      row.label = finding_label(row.code);
      row.reason = e->second;
    } else if (l.applicable && l.declared && *l.declared != l.score) {
      if (l.unit_slip && *l.declared == l.unit_slip->score) {
        classify_unit_slip(row, *l.unit_slip);
      } else {
        classify(row, leaf, rules);
      }
      if (auto u = t.unverified.find(l.loc.line); row.code == "above-weight" && u != t.unverified.end()) {
        row.reason = "自报得分 " + pts(*l.declared) + " 超过该行分值 " + pts(l.weight) + "；" + u->second;
      }
    } else if (auto u = t.unverified.find(l.loc.line); l.applicable && u != t.unverified.end()) {
      // The table does not show the grade: the declared score is neither confirmed nor refuted.
      row.code = "unverifiable";
      row.label = finding_label(row.code);
      row.reason = u->second;
      ++r.unverified;
    }
    r.rows.push_back(row);
  }
  // A row that cannot be verified is listed (its code) and counted, but it is no mistake of the unit's.
  for (const ReviewRow& row : r.rows) {
    if (!row.code.empty() && row.code != "unverifiable") {
      r.findings.push_back({row.code, row.label, row.reason, row.loc, row.path.back()});
    }
  }
  // Errors that belong to no 三级 row: the funds, a 一级 weight under a strict rule set….
  std::map<int, bool> leaf_lines;
  for (const LeafScore& l : s.leaves) leaf_lines[l.loc.line] = true;
  for (const Diagnostic& d : s.diagnostics.items()) {
    if (d.severity != Severity::Error || d.code == "total-weight" || leaf_lines.count(d.loc.line)) continue;
    r.findings.push_back({"rule-error", finding_label("rule-error"), d.message, d.loc, ""});
  }

  // Table findings.
  auto add = [&](const std::string& code, const std::string& text, Loc loc) {
    r.findings.push_back({code, finding_label(code), text, loc, ""});
  };
  for (const Subtotal& sub : t.subtotals) {
    Decimal sum;
    int rows = 0;
    for (const LeafScore& l : s.leaves) {
      if (l.loc.line < sub.first_line || l.loc.line > sub.last_line) continue;
      ++rows;
      if (l.applicable && l.declared) sum += *l.declared;
    }
    if (rows > 0 && sub.declared && *sub.declared != sum) {
      add("subtotal-not-sum",
          (sub.first_level.empty() ? "小计 " : sub.first_level + "小计 ") + pts(*sub.declared) + "，而所含 " +
              std::to_string(rows) + " 行的自报得分之和为 " + pts(sum),
          sub.loc);
    }
  }
  const Decimal rows_weight = r.weight_sum - b.weight;
  if (r.weight_sum != rules.total_weight) {
    add("weights-not-100",
        "分值合计 " + pts(r.weight_sum) + "（预算执行 " + pts(b.weight) + " + 各指标 " + pts(rows_weight) +
            "），应为 " + pts(rules.total_weight),
        t.total_loc.line ? t.total_loc : p.indicators_loc);
  } else if (rules.budget_weight + rows_weight != rules.total_weight) {
    add("weights-not-100",
        "表中预算执行分值为 " + pts(b.weight) + "，规则集 " + rules.id + " 规定为 " + pts(rules.budget_weight) +
            "：按规则分值合计 " + pts(rules.budget_weight + rows_weight) + "，应为 " + pts(rules.total_weight),
        b.loc);
  }
  if (r.declared_total) {
    const Decimal budget_declared = b.declared.value_or(s.budget.score);
    const Decimal expected = budget_declared + r.declared_rows_sum;
    if (*r.declared_total == r.declared_rows_sum && budget_declared > Decimal(0)) {
      add("budget-left-out",
          "自报总分 " + pts(*r.declared_total) + " 等于各指标得分之和，未计入预算执行得分 " + pts(budget_declared),
          p.declared_loc);
    } else if (!s.rescaled && *r.declared_total != expected) {
      add("total-not-sum",
          "自报总分 " + pts(*r.declared_total) + "，而预算执行得分 " + pts(budget_declared) + " + 各指标得分 " +
              pts(r.declared_rows_sum) + " = " + pts(expected),
          p.declared_loc);
    }
    const bool grade_differs = r.declared_grade && *r.declared_grade != r.computed_grade;
    if (*r.declared_total != r.computed_total || grade_differs) {
      const Decimal diff = *r.declared_total - r.computed_total;
      add("total-differs",
          "自报总分 " + r.declared_total->to_string(2) + (r.declared_grade ? "（" + *r.declared_grade + "）" : "") +
              "，按规则 " + r.computed_total.to_string(2) + "（" + r.computed_grade + "），相差 " +
              (diff.is_negative() ? "" : "+") + diff.to_string(2),
          p.declared_loc);
    }
  } else if (r.declared_grade && *r.declared_grade != r.computed_grade) {
    add("total-differs", "自评等级“" + *r.declared_grade + "”，按规则为“" + r.computed_grade + "”", t.total_loc);
  }
  return r;
}

}  // namespace jx
