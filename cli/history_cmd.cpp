#include "cli/history_cmd.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/files.h"
#include "cli/loading.h"
#include "reports/json_report.h"
#include "reports/workbook.h"
#include "store/history.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

struct Row {
  const store::TrendPoint* p;
  std::optional<Decimal> change;  ///< against the previous stored year of the same series
};

bool same_series(const store::TrendPoint& a, const store::TrendPoint& b) {
  return a.department == b.department && a.project == b.project && a.department_wide == b.department_wide;
}

std::vector<Row> with_changes(const std::vector<store::TrendPoint>& points) {
  std::vector<Row> rows;
  for (std::size_t i = 0; i < points.size(); ++i) {
    Row r{&points[i], std::nullopt};
    if (i > 0 && same_series(points[i - 1], points[i]) && points[i - 1].year == points[i].year - 1) {
      r.change = points[i].total - points[i - 1].total;
    }
    rows.push_back(r);
  }
  return rows;
}

std::string name_of(const store::TrendPoint& p) {
  return p.department_wide ? "（部门整体支出）" : p.project;
}
std::string signed2(Decimal d) {
  return (d.is_negative() ? "" : "+") + d.to_string(2);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

const char* kHeads[] = {"主管部门", "项目名称", "年度",   "得分",   "等级",
                        "较上年",   "自评得分", "问题数", "规则集", "文件"};

std::vector<std::string> fields(const Row& r) {
  const auto& p = *r.p;
  return {p.department,
          name_of(p),
          std::to_string(p.year),
          p.total.to_string(2),
          p.grade,
          r.change ? signed2(*r.change) : "",
          p.declared ? p.declared->to_string(2) : "",
          std::to_string(p.findings),
          p.rules,
          p.file};
}

void write_csv(const std::string& path, const std::vector<Row>& rows) {
  write_atomically(path, [&](const std::string& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < std::size(kHeads); ++c) out << (c ? "," : "") << kHeads[c];
    out << "\r\n";
    for (const auto& r : rows) {
      const auto f = fields(r);
      for (std::size_t c = 0; c < f.size(); ++c) out << (c ? "," : "") << csv_field(f[c]);
      out << "\r\n";
    }
    if (!out.flush()) throw std::runtime_error("写入失败：" + tmp);
  });
}

void write_xlsx(const std::string& path, const std::vector<Row>& rows) {
  write_atomically(path, [&](const std::string& tmp) {
    xlsx::Workbook wb(tmp);
    wb.properties("绩效自评历年得分", "绩效自评历史", rows.empty() ? 0 : rows.front().p->year);
    xlsx::Sheet& s = wb.add_sheet("历年得分");
    const xlsx::Style head{.bold = true, .num_format = "", .fill = 0xDDEBF7};
    const xlsx::Style left{.align = xlsx::Align::Left, .num_format = ""};
    const xlsx::Style num{.num_format = "0.00"};
    const xlsx::Style diff{.num_format = "+0.00;-0.00;0.00"};
    const double widths[] = {24, 30, 6, 8, 6, 8, 9, 7, 10, 40};
    for (int c = 0; c < 10; ++c) {
      s.text(0, c, kHeads[c], head);
      s.column_width(c, widths[c]);
    }
    int r = 1;
    for (const auto& row : rows) {
      const auto& p = *row.p;
      s.text(r, 0, p.department, left);
      s.text(r, 1, name_of(p), left);
      s.number(r, 2, p.year, xlsx::Style{.num_format = "0"});
      s.number(r, 3, p.total.to_double(), num);
      s.text(r, 4, p.grade, xlsx::Style{});
      if (row.change) s.number(r, 5, row.change->to_double(), diff);
      if (p.declared) s.number(r, 6, p.declared->to_double(), num);
      s.number(r, 7, p.findings, xlsx::Style{.num_format = "0"});
      s.text(r, 8, p.rules, xlsx::Style{});
      s.text(r, 9, p.file, left);
      ++r;
    }
    s.freeze(1, 2);
    s.autofilter(0, 0, std::max(r - 1, 0), 9);
    wb.close();
  });
}

std::string to_json(const std::vector<Row>& rows) {
  std::string out = "[";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = *rows[i].p;
    reports::JsonLine l;
    l.text("department", p.department).text("project", p.project);
    l.text("kind", p.department_wide ? "department" : "project").raw("year", std::to_string(p.year));
    l.raw("total", p.total.to_string(2)).text("grade", p.grade);
    l.raw("change", rows[i].change ? rows[i].change->to_string(2) : "null");
    l.raw("declared_score", p.declared ? p.declared->to_string(2) : "null");
    l.raw("findings", std::to_string(p.findings)).text("rules", p.rules).text("file", p.file);
    out += (i ? ",\n  " : "\n  ") + l.done();
  }
  return out + (rows.empty() ? "]\n" : "\n]\n");
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
  try {
    store::History h(opt.db);
    const auto points = h.trend(opt.department, opt.project);
    const auto rows = with_changes(points);
    if (opt.json) {
      std::cout << to_json(rows);
    } else if (!opt.quiet) {
      std::string last;
      for (const auto& r : rows) {
        const auto& p = *r.p;
        const std::string series = p.department + "  " + name_of(p);
        if (series != last) {
          std::cout << (last.empty() ? "" : "\n") << series << "\n";
          last = series;
        }
        std::cout << "  " << p.year << "  " << p.total.to_string(2) << "  " << p.grade;
        if (r.change) std::cout << "  较上年 " << signed2(*r.change);
        std::cout << "\n";
      }
      if (rows.empty()) std::cout << "（没有符合条件的记录）\n";
    }
    if (!opt.output.empty()) {
      if (ext == ".csv") {
        write_csv(opt.output, rows);
      } else {
        write_xlsx(opt.output, rows);
      }
      spdlog::info("已导出 {}", opt.output);
    }
  } catch (const std::exception& e) {
    std::cerr << "jixiao: 错误: " << e.what() << "\n";
    return kUsage;
  }
  return kOk;
}

}  // namespace jx::cli
