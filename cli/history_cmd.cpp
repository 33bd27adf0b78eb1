#include "cli/history_cmd.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string_view>

#include "cli/files.h"
#include "cli/loading.h"
#include "engine/summary.h"
#include "engine/text.h"
#include "reports/json_report.h"
#include "reports/summary_table.h"
#include "reports/workbook.h"
#include "app/history.h"
#include "store/history.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

using Row = app::TrendRow;
using app::with_changes;

std::string name_of(const store::TrendPoint& p) {
  return p.department_wide ? "（部门整体支出）" : p.project;
}
std::string signed2(Decimal d) {
  std::string s = d.to_string(2);
  if (!d.is_negative()) s.insert(s.begin(), '+');  // not "+" + s: GCC 12 -O3 reports a false -Wrestrict on that
  return s;
}

/// A text cell a spreadsheet would read as a formula (= + - @, or a
/// leading tab or carriage return) gets a leading apostrophe, as OWASP and
/// the spreadsheet programs advise; numbers written by jixiao are not text
/// cells and are left alone.
std::string neutralise(const std::string& s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) return "'" + s;
  return s;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

/// One line of the side-by-side table: a department's aggregate (the
/// budget-weighted mean of its projects) or one project / department-wide
/// evaluation, with its score in each year.
struct Series {
  std::string department;
  std::string name;  ///< "（部门加权平均）", a project name or "（部门整体支出）"
  bool aggregate = false;
  std::map<int, Decimal> scores;
  std::map<int, int> projects;  ///< aggregate: projects per year
};

/// Departments' aggregates first (app::department_years: the
/// order of the records), each followed by its own series in the stored order.
std::vector<Series> side_by_side(const std::vector<store::TrendPoint>& points, std::vector<int>& years) {
  std::map<std::string, Series> means;
  for (const DepartmentYear& d : app::department_years(points)) {
    Series& agg = means.try_emplace(d.department, Series{d.department, "（部门加权平均）", true, {}, {}}).first->second;
    agg.scores[d.year] = d.weighted_mean;
    agg.projects[d.year] = d.projects;
  }
  std::set<int> all_years;
  for (const auto& p : points) all_years.insert(p.year);
  years.assign(all_years.begin(), all_years.end());
  std::vector<Series> out;
  std::string current;
  for (const auto& p : points) {
    if (p.department != current) {
      current = p.department;
      if (const auto it = means.find(current); it != means.end()) out.push_back(it->second);
    }
    if (out.empty() || out.back().aggregate || out.back().department != p.department || out.back().name != name_of(p)) {
      out.push_back(Series{p.department, name_of(p), false, {}, {}});
    }
    out.back().scores[p.year] = p.total;
  }
  return out;
}

std::optional<Decimal> last_change(const Series& s, const std::vector<int>& years) {
  if (years.size() < 2) return std::nullopt;
  const auto a = s.scores.find(years[years.size() - 2]), b = s.scores.find(years.back());
  if (a == s.scores.end() || b == s.scores.end()) return std::nullopt;
  return b->second - a->second;
}

void write_csv(const std::string& path, const std::vector<Series>& series, const std::vector<int>& years) {
  write_atomically(path, [&](const std::string& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << "\xEF\xBB\xBF";
    out << "主管部门,项目名称";
    for (int y : years) out << "," << y << "年";
    if (years.size() > 1) out << ",较上年";
    out << "\r\n";
    for (const auto& s : series) {
      out << csv_field(neutralise(s.department)) << "," << csv_field(neutralise(s.name));
      for (int y : years) {
        const auto it = s.scores.find(y);
        out << "," << (it == s.scores.end() ? "" : it->second.to_string(2));
      }
      if (years.size() > 1) {
        const auto c = last_change(s, years);
        out << "," << (c ? signed2(*c) : "");
      }
      out << "\r\n";
    }
    if (!out.flush()) throw std::runtime_error("写入失败：" + tmp);
  });
}

void write_xlsx(const std::string& path, const std::vector<Series>& series, const std::vector<int>& years) {
  write_atomically(path, [&](const std::string& tmp) {
    xlsx::Workbook wb(tmp);
    wb.properties("绩效自评历年得分", "绩效自评历史", years.empty() ? 0 : years.back());
    xlsx::Sheet& s = wb.add_sheet("历年得分");
    const xlsx::Style title{.bold = true, .size = 16, .wrap = false, .border = false, .num_format = ""};
    const xlsx::Style head{.bold = true, .num_format = "", .fill = 0xDDEBF7};
    const xlsx::Style left{.align = xlsx::Align::Left, .num_format = ""};
    const xlsx::Style bold_left{.bold = true, .align = xlsx::Align::Left, .num_format = "", .fill = 0xF2F2F2};
    const xlsx::Style num{.num_format = "0.00"};
    const xlsx::Style bold_num{.bold = true, .num_format = "0.00", .fill = 0xF2F2F2};
    const xlsx::Style diff{.num_format = "+0.00;-0.00;0.00"};
    const int ncol = 2 + static_cast<int>(years.size()) + (years.size() > 1 ? 1 : 0);
    std::string range = years.empty() ? "" : std::to_string(years.front());
    if (years.size() > 1) range += "—" + std::to_string(years.back());
    const std::string heading = range + (range.empty() ? "" : "年") + "绩效自评历年得分";
    s.merge_text(0, 0, 0, ncol - 1, heading, title);
    s.row_height(0, 30);
    s.text(1, 0, "主管部门", head);
    s.text(1, 1, "项目名称", head);
    s.column_width(0, 24);
    s.column_width(1, 30);
    for (std::size_t k = 0; k < years.size(); ++k) {
      s.text(1, 2 + static_cast<int>(k), std::to_string(years[k]) + "年", head);
      s.column_width(2 + static_cast<int>(k), 10);
    }
    const int c_change = 2 + static_cast<int>(years.size());
    if (years.size() > 1) {
      s.text(1, c_change, "较上年", head);
      s.column_width(c_change, 10);
    }
    int r = 2;
    for (const auto& row : series) {
      const int lines = std::max(xlsx::text_lines(row.department, 24), xlsx::text_lines(row.name, 30));
      if (lines > 1) s.row_height(r, xlsx::row_points(lines));
      s.text(r, 0, row.department, row.aggregate ? bold_left : left);
      s.text(r, 1, row.name, row.aggregate ? bold_left : left);
      for (std::size_t k = 0; k < years.size(); ++k) {
        const auto it = row.scores.find(years[k]);
        if (it != row.scores.end())
          s.number(r, 2 + static_cast<int>(k), it->second.to_double(), row.aggregate ? bold_num : num);
      }
      if (const auto c = last_change(row, years)) {
        const std::string a = reports::column_name(c_change - 2) + std::to_string(r + 1);
        const std::string b = reports::column_name(c_change - 1) + std::to_string(r + 1);
        s.formula(r, c_change, "=ROUND(" + b + "-" + a + ",2)", c->to_double(), diff);
      }
      ++r;
    }
    s.freeze(2, 2);
    s.autofilter(1, 0, std::max(r - 1, 1), ncol - 1);
    s.print_setup(0, 1, heading);  // title, header and running head on every page
    wb.close();
  });
}

}  // namespace

int run_history(const HistoryOptions& opt) {
  std::error_code ec;
  if (!fs::is_regular_file(opt.db, ec)) {
    std::cerr << "jixiao: 错误: 数据库不存在：" << opt.db << "\n  提示: 先用 jixiao batch … --db " << opt.db
              << " 记录评分\n";
    return kUsage;
  }
  const std::string ext = fs::path(opt.output).extension().string();
  if (!opt.output.empty() && ext != ".csv" && ext != ".xlsx") {
    std::cerr << "jixiao: 错误: 导出文件应以 .csv 或 .xlsx 结尾：" << opt.output << "\n";
    return kUsage;
  }
  if (!opt.output.empty()) {
    PathSet db;
    db.add(opt.db, "历史数据库");
    if (!db.find(opt.output).empty()) {
      std::cerr << "jixiao: 错误: 导出文件不能覆盖历史数据库：" << opt.output << "\n  提示: 给 -o 另取一个文件名\n";
      return kUsage;
    }
  }
  // A database that cannot be read throws: run()'s one error path (exit 2).
  store::History h(opt.db, store::History::Access::Read);  // never created, migrated or changed
  const auto points = h.trend(opt.department, opt.project);
  const auto rows = with_changes(points);
  std::vector<int> years;
  const auto series = side_by_side(points, years);
  if (!opt.output.empty()) {
    if (ext == ".csv") {
      write_csv(opt.output, series, years);
    } else {
      write_xlsx(opt.output, series, years);
    }
    if (!opt.quiet) std::cout << "已导出 " << opt.output << "（" << series.size() << " 行，" << years.size() << " 个年度）\n";
  } else if (opt.json) {
    std::cout << (opt.aggregates ? app::aggregates_json(rows, app::department_years(points)) : app::records_json(rows));
  } else if (!opt.quiet) {
    // Each department's aggregate trend, then each series year by year.
    std::string last_department;
    for (const auto& sr : series) {
      if (!sr.aggregate) continue;
      if (last_department.empty()) std::cout << "部门加权平均得分（按预算加权）：\n";
      last_department = sr.department;
      std::cout << "  " << sr.department;
      std::optional<Decimal> prev;
      int prev_year = 0;
      for (const auto& [year, score] : sr.scores) {
        std::cout << "  " << year << " " << score.to_string(2);
        if (prev && prev_year == year - 1) std::cout << "（" << signed2(score - *prev) << "）";
        prev = score;
        prev_year = year;
      }
      std::cout << "\n";
    }
    if (!last_department.empty()) std::cout << "\n";
    std::string last;
    for (const auto& r : rows) {
      const auto& p = *r.p;
      const std::string name = p.department + "  " + name_of(p);
      if (name != last) {
        std::cout << (last.empty() ? "" : "\n") << name << "\n";
        last = name;
      }
      std::cout << "  " << p.year << "  " << p.total.to_string(2) << "  " << p.grade;
      if (r.change) std::cout << "  较上年 " << signed2(*r.change);
      std::cout << "\n";
    }
    if (rows.empty()) std::cout << "（没有符合条件的记录）\n";
  }
  return kOk;
}

}  // namespace jx::cli
