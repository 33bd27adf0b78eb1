#include "reports/review_report.h"

#include <algorithm>
#include <cmath>

#include "engine/grid.h"
#include "engine/text.h"
#include "reports/json_report.h"

namespace jx::reports {
namespace {

using xlsx::Align;
using xlsx::Style;

std::string num(const std::optional<Decimal>& d) {
  return d ? d->to_string(2) : "null";
}

std::string cell_of(Loc loc) {
  return loc.line > 0 && loc.col > 0 ? cell_address(loc.line - 1, loc.col - 1) : "";
}

std::string array(const std::vector<std::string>& items, const std::string& in) {
  if (items.empty()) return "[]";
  std::string s = "[";
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ",\n" : "\n") + in + "  " + items[i];
  return s + "\n" + in + "]";
}

std::string table_json(const TableReview& t) {
  std::vector<std::string> findings;
  for (const Finding& f : t.findings) {
    findings.push_back("{\"code\": " + json_string(f.code) + ", \"label\": " + json_string(f.label) +
                       ", \"text\": " + json_string(f.text) + ", \"row\": " + json_string(f.row) +
                       ", \"cell\": " + json_string(cell_of(f.loc)) + "}");
  }
  std::vector<std::string> rows;
  for (const ReviewRow& r : t.rows) {
    std::vector<std::string> path;
    for (const auto& p : r.path) path.push_back(json_string(p));
    std::string ps = "[";
    for (std::size_t i = 0; i < path.size(); ++i) ps += (i ? ", " : "") + path[i];
    ps += "]";
    const std::optional<Decimal> computed = r.computed_ok ? std::optional<Decimal>(r.computed) : std::nullopt;
    const std::optional<Decimal> diff =
        r.declared && computed ? std::optional<Decimal>(*r.declared - *computed) : std::nullopt;
    rows.push_back("{\"path\": " + ps + ", \"weight\": " + r.weight.to_string(2) +
                   ", \"target\": " + json_string(r.target) + ", \"actual\": " + json_string(r.actual) +
                   ", \"applicable\": " + (r.applicable ? "true" : "false") + ", \"declared\": " + num(r.declared) +
                   ", \"computed\": " + num(computed) + ", \"difference\": " + num(diff) +
                   ", \"code\": " + json_string(r.code) + ", \"label\": " + json_string(r.label) +
                   ", \"reason\": " + json_string(r.reason) + ", \"cell\": " + json_string(cell_of(r.loc)) + "}");
  }
  const std::string in = "      ";
  const std::optional<Decimal> diff =
      t.declared_total ? std::optional<Decimal>(*t.declared_total - t.computed_total) : std::nullopt;
  return "{\n" + in + "\"sheet\": " + json_string(t.sheet) + ",\n" + in + "\"project\": " + json_string(t.project) +
         ",\n" + in + "\"declared_total\": " + num(t.declared_total) + ",\n" + in +
         "\"computed_total\": " + t.computed_total.to_string(2) + ",\n" + in + "\"difference\": " + num(diff) + ",\n" +
         in + "\"declared_grade\": " + (t.declared_grade ? json_string(*t.declared_grade) : "null") + ",\n" + in +
         "\"computed_grade\": " + json_string(t.computed_grade) + ",\n" + in +
         "\"weight_sum\": " + t.weight_sum.to_string(2) + ",\n" + in +
         "\"unverified\": " + std::to_string(t.unverified) + ",\n" + in + "\"findings\": " + array(findings, in) +
         ",\n" + in + "\"rows\": " + array(rows, in) + "\n    }";
}

const Style kTitle{.bold = true, .size = 16, .align = Align::Center, .wrap = false, .border = false, .num_format = ""};
const Style kHead{.bold = true, .num_format = ""};
const Style kText{.align = Align::Left, .num_format = ""};
const Style kCenter{};
const Style kScore{.num_format = "0.00"};
const Style kDiff{.num_format = "+0.00;-0.00;0.00"};
constexpr unsigned kRed = 0xFFC7CE;
constexpr unsigned kGreen = 0xC6EFCE;

// Row height (points) that shows every cell's wrapped text; `cells` are (text, column width) pairs.
double fit_height(const std::vector<std::pair<std::string, double>>& cells) {
  int lines = 1;
  for (const auto& [text, width] : cells) lines = std::max(lines, xlsx::text_lines(text, width));
  return xlsx::row_points(lines);
}

Style marked(Style s, bool on, unsigned colour = kRed) {
  if (on) s.fill = colour;
  return s;
}

// Column widths keep every heading on one line (xlsx::fits_one_line).
void summary(xlsx::Workbook& wb, const std::vector<ReviewedFile>& files) {
  xlsx::Sheet& s = wb.add_sheet("复核汇总");
  const std::vector<std::pair<const char*, double>> cols{
      {"序号", 6}, {"文件", 24},     {"工作表", 16},   {"项目名称", 26}, {"自报总分", 11}, {"计算总分", 11},
      {"差异", 9}, {"自报等级", 10}, {"计算等级", 10}, {"问题数", 8},    {"问题", 56}};
  s.merge_text(0, 0, 0, static_cast<int>(cols.size()) - 1, "自评表复核汇总", kTitle);
  s.row_height(0, 28);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    s.text(1, static_cast<int>(c), cols[c].first, kHead);
    s.column_width(static_cast<int>(c), cols[c].second);
  }
  int r = 2, n = 0;
  for (const ReviewedFile& f : files) {
    if (!f.errors.empty()) {
      s.number(r, 0, ++n, kCenter);
      s.text(r, 1, f.file, kText);
      s.merge_text(r, 2, r, 9, f.tables.empty() ? "无法复核" : "部分自评表无法复核", marked(kCenter, true));
      std::string all;
      for (const auto& e : f.errors) all += (all.empty() ? "" : "\n") + e;
      s.text(r, 10, all, kText);
      s.row_height(r, fit_height({{f.file, cols[1].second}, {all, cols[10].second}}));
      ++r;
    }
    for (const TableReview& t : f.tables) {
      s.number(r, 0, ++n, kCenter);
      s.text(r, 1, f.file, kText);
      s.text(r, 2, t.sheet, kText);
      s.text(r, 3, t.project, kText);
      const bool differs = !t.declared_total || *t.declared_total != t.computed_total;
      if (t.declared_total) {
        s.number(r, 4, t.declared_total->to_double(), marked(kScore, differs));
        s.number(r, 6, (*t.declared_total - t.computed_total).to_double(), marked(kDiff, differs));
      } else {
        s.text(r, 4, "未填", marked(kCenter, true));
        s.text(r, 6, "", kCenter);
      }
      s.number(r, 5, t.computed_total.to_double(), marked(kScore, differs));
      const bool grade_differs = t.declared_grade && *t.declared_grade != t.computed_grade;
      s.text(r, 7, t.declared_grade.value_or(""), marked(kCenter, grade_differs));
      s.text(r, 8, t.computed_grade, marked(kCenter, grade_differs));
      s.number(r, 9, static_cast<double>(t.findings.size()), marked(kCenter, !t.clean(), t.clean() ? kGreen : kRed));
      std::string text;
      for (const Finding& x : t.findings) {
        text += (text.empty() ? "" : "\n") + x.label + (x.row.empty() ? "" : "（" + x.row + "）");
      }
      if (t.unverified > 0) {
        // Appended piece by piece: "literal" + std::string&& trips GCC 12's false -Wrestrict at -O3.
        if (!text.empty()) text += '\n';
        text += "无法核实 ";
        text += std::to_string(t.unverified);
        text += " 行";
      }
      s.text(r, 10, t.clean() && t.unverified == 0 ? "未发现问题" : t.clean() ? "未发现问题；" + text : text, kText);
      s.row_height(r, fit_height({{f.file, cols[1].second}, {t.project, cols[3].second}, {text, cols[10].second}}));
      ++r;
    }
  }
  s.print_setup(1, 1, "自评表复核汇总");
}

void table_sheet(xlsx::Workbook& wb, const TableReview& t) {
  xlsx::Sheet& s = wb.add_sheet(t.project.empty() ? t.sheet : t.project);
  const std::vector<std::pair<const char*, double>> cols{
      {"一级指标", 10}, {"二级指标", 18}, {"三级指标", 22}, {"年度指标值", 18}, {"实际完成值", 18}, {"分值", 7},
      {"自报得分", 10}, {"计算得分", 10}, {"差异", 8},      {"问题类别", 18},   {"说明", 50}};
  const int last = static_cast<int>(cols.size()) - 1;
  s.merge_text(0, 0, 0, last, "复核：" + t.project, kTitle);
  s.row_height(0, 28);
  s.merge_text(1, 0, 1, last, "工作表：" + t.sheet, Style{.align = Align::Left, .border = false, .num_format = ""});
  for (std::size_t c = 0; c < cols.size(); ++c) {
    s.text(2, static_cast<int>(c), cols[c].first, kHead);
    s.column_width(static_cast<int>(c), cols[c].second);
  }
  int r = 3;
  for (const ReviewRow& row : t.rows) {
    const bool d = !row.code.empty();
    for (int c = 0; c < 3; ++c) {
      s.text(r, c, c < static_cast<int>(row.path.size()) ? row.path[static_cast<std::size_t>(c)] : "", kText);
    }
    s.text(r, 3, row.target, kText);
    s.text(r, 4, row.actual, kText);
    s.number(r, 5, row.weight.to_double(), kCenter);
    if (row.declared) {
      s.number(r, 6, row.declared->to_double(), marked(kScore, d));
    } else {
      s.text(r, 6, "未填", kCenter);
    }
    if (!row.applicable) {
      s.text(r, 7, "不适用", kCenter);
    } else if (row.computed_ok) {
      s.number(r, 7, row.computed.to_double(), marked(kScore, d));
    } else {
      s.text(r, 7, "无法计算", marked(kCenter, true));
    }
    if (row.declared && row.computed_ok && row.applicable) {
      s.number(r, 8, (*row.declared - row.computed).to_double(), marked(kDiff, d));
    } else {
      s.text(r, 8, "", kCenter);
    }
    s.text(r, 9, row.label, marked(kCenter, d));
    s.text(r, 10, d ? row.reason : row.basis, kText);
    std::vector<std::pair<std::string, double>> shown{{row.target, cols[3].second},
                                                      {row.actual, cols[4].second},
                                                      {row.label, cols[9].second},
                                                      {d ? row.reason : row.basis, cols[10].second}};
    for (std::size_t c = 0; c < row.path.size() && c < 3; ++c) shown.emplace_back(row.path[c], cols[c].second);
    s.row_height(r, fit_height(shown));
    ++r;
  }
  const bool differs = !t.declared_total || *t.declared_total != t.computed_total;
  s.merge_text(r, 0, r, 4, "总分", kHead);
  s.number(r, 5, t.weight_sum.to_double(), marked(kCenter, t.weight_sum != Decimal(100)));
  if (t.declared_total) {
    s.number(r, 6, t.declared_total->to_double(), marked(kScore, differs));
    s.number(r, 8, (*t.declared_total - t.computed_total).to_double(), marked(kDiff, differs));
  } else {
    s.text(r, 6, "未填", kCenter);
    s.text(r, 8, "", kCenter);
  }
  s.number(r, 7, t.computed_total.to_double(), marked(kScore, differs));
  s.text(r, 9, "自报等级 " + t.declared_grade.value_or("—"), kCenter);
  s.text(r, 10, "按规则等级 " + t.computed_grade, kText);
  r += 2;
  s.merge_text(r, 0, r, last,
               !t.clean()         ? "复核发现的问题："
               : t.unverified > 0 ? "复核结论：未发现问题；无法核实 " + std::to_string(t.unverified) +
                                        " 行（定性指标的实际完成值不含等级词，见上表）"
                                  : "复核结论：未发现问题",
               kText);
  ++r;
  for (const Finding& f : t.findings) {
    s.merge_text(r, 0, r, 2, f.label, marked(kCenter, true));
    const std::string text = (f.row.empty() ? "" : "“" + f.row + "”：") + f.text;
    s.merge_text(r, 3, r, last, text, kText);
    double width = 0;
    for (std::size_t c = 3; c < cols.size(); ++c) width += cols[c].second;
    s.row_height(r, fit_height({{text, width}}));
    ++r;
  }
  s.print_setup(2, 2, "复核：" + t.project + "（工作表：" + t.sheet + "）");
}

}  // namespace

std::string review_json(const std::vector<ReviewedFile>& files) {
  std::string out = "[";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const ReviewedFile& f = files[i];
    std::vector<std::string> errors, tables;
    for (const auto& e : f.errors) errors.push_back(json_string(e));
    for (const auto& t : f.tables) tables.push_back(table_json(t));
    out += std::string(i ? ",\n" : "\n") + "  {\n    \"file\": " + json_string(f.file) +
           ",\n    \"ok\": " + (f.errors.empty() ? "true" : "false") + ",\n    \"errors\": " + array(errors, "    ") +
           ",\n    \"tables\": " + array(tables, "    ") + "\n  }";
  }
  return out + (files.empty() ? "]\n" : "\n]\n");
}

void write_review_workbook(xlsx::Workbook& wb, const std::vector<ReviewedFile>& files) {
  summary(wb, files);
  for (const ReviewedFile& f : files) {
    for (const TableReview& t : f.tables) table_sheet(wb, t);
  }
}

}  // namespace jx::reports
