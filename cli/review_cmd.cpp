#include "cli/review_cmd.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "cli/files.h"
#include "cli/loading.h"
#include "cli/workbook_input.h"
#include "app/review.h"
#include "engine/load/layout_loader.h"
#include "engine/load/project_writer.h"
#include "engine/load/rules_loader.h"
#include "engine/review.h"
#include "engine/table_import.h"
#include "engine/text.h"
#include "reports/review_report.h"
#include "reports/workbook_file.h"
#include "reports/xlsx_reader.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

// Reads `file` and its tables; a file that cannot be read is a usage error.
Imported import_file(const std::string& file, const std::string& rules_id, RuleCache& cache, const Layout& layout,
                     bool quiet) {
  std::string err;
  auto bytes = read_file(file, err, kMaxWorkbook);
  if (!bytes) {
    Imported out;
    out.code = kUsage;
    out.errors.push_back(file + ": 错误: " + err);
    std::cerr << out.errors.back() << "\n";
    return out;
  }
  return import_workbook(file, *bytes, rules_id, cache, layout, quiet, &std::cerr);
}

std::string signed2(Decimal d) {
  std::string s = d.to_string(2);
  if (!d.is_negative()) s.insert(s.begin(), '+');  // not "+" + s: GCC 12 -O3 reports a false -Wrestrict on that
  return s;
}

std::string pad(const std::string& s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  if (w >= width) return s;
  const std::string fill(width - w, ' ');
  return right ? fill + s : s + fill;
}

std::string terminal(const std::string& file, const TableReview& t) {
  std::string out = file + ":" + t.sheet + "  " + t.project + "\n";
  out += "  自报总分 " + (t.declared_total ? t.declared_total->to_string(2) : std::string("未填")) +
         (t.declared_grade ? "（" + *t.declared_grade + "）" : "") + "  按规则 " + t.computed_total.to_string(2) +
         "（" + t.computed_grade + "）";
  if (t.declared_total) out += "  相差 " + signed2(*t.declared_total - t.computed_total);
  if (t.unverified > 0) out += "  无法核实 " + std::to_string(t.unverified) + " 行";
  out += "\n";
  if (t.clean() && t.unverified == 0) return out + "  未发现问题\n";
  if (t.clean()) out += "  未发现问题；以下 " + std::to_string(t.unverified) + " 行无法核实\n";
  bool header = false;
  for (const ReviewRow& r : t.rows) {
    if (r.code.empty()) continue;
    if (!header) {
      out += "  " + pad("单元格", 7) + pad("指标", 30) + pad("分值", 6, true) + pad("自报", 8, true) +
             pad("计算", 8, true) + pad("差异", 8, true) + "  问题\n";
      header = true;
    }
    const std::string cell = r.loc.line > 0 ? cell_address(r.loc.line - 1, r.loc.col - 1) : "";
    out += "  " + pad(cell, 7) + pad(r.path.back(), 30) + pad(r.weight.to_plain(), 6, true) +
           pad(r.declared ? r.declared->to_string(2) : "未填", 8, true) +
           pad(r.computed_ok ? r.computed.to_string(2) : "—", 8, true) +
           pad(r.declared && r.computed_ok ? signed2(*r.declared - r.computed) : "", 8, true) + "  " + r.label + "：" +
           r.reason + "\n";
  }
  for (const Finding& f : t.findings) {
    if (f.row.empty()) out += "  " + f.label + "：" + f.text + "\n";
  }
  return out;
}

}  // namespace

int cmd_import(const TableOptions& opt, const std::vector<fs::path>& rules_search,
               const std::vector<fs::path>& layout_dirs) {
  if (opt.files.size() != 1) {
    std::cerr << "jixiao: 错误: import 一次只导入一个工作簿\n";
    return kUsage;
  }
  const std::string& file = opt.files.front();
  if (!opt.output.empty() && !usable_output(opt.output, {file}, {".yaml", ".yml"})) return kUsage;
  const auto layout = load_layouts(layout_dirs);
  if (!layout) return kUsage;
  RuleCache cache(rules_search);
  Imported in = import_file(file, opt.rules, cache, *layout, opt.quiet);
  const bool chosen_ok = !opt.sheet.empty() && std::any_of(in.tables.begin(), in.tables.end(),
                                                           [&](const auto& t) { return t.sheet == opt.sheet; });
  if (in.code != kOk && !chosen_ok) {
    if (!opt.output.empty()) std::cerr << "jixiao: 输入有错误，未写出 " << opt.output << "\n";
    return in.code;
  }
  const ImportedTable* table = &in.tables.front();
  if (!opt.sheet.empty()) {
    table = nullptr;
    for (const auto& t : in.tables) {
      if (t.sheet == opt.sheet) table = &t;
    }
    if (table == nullptr) {
      std::string names;
      for (const auto& t : in.tables) names += (names.empty() ? "" : "、") + t.sheet;
      std::cerr << file << ": 错误: 没有名为“" << opt.sheet << "”的自评表\n  提示: 含自评表的工作表：" << names << "\n";
      return kBadInput;
    }
  } else if (in.tables.size() > 1 && !opt.quiet) {
    std::cerr << file << ": 警告: 工作簿中有 " << in.tables.size() << " 张自评表，导入第一张“" << table->sheet
              << "”\n  提示: 用 --sheet 选择其他工作表\n";
  }
  const std::string yaml =
      load::write_project_yaml(table->project, fs::path(file).filename().string() + ":" + table->sheet);
  if (opt.output.empty()) {
    std::cout << yaml;
    return kOk;
  }
  write_text_atomically(opt.output, yaml);
  if (!opt.quiet) std::cerr << "已写出 " << opt.output << "（工作表“" << table->sheet << "”）\n";
  return kOk;
}

int cmd_review(const TableOptions& opt, const std::vector<fs::path>& rules_search,
               const std::vector<fs::path>& layout_dirs) {
  if (!opt.output.empty() && !usable_output(opt.output, opt.files, {".xlsx"})) return kUsage;
  const auto layout = load_layouts(layout_dirs);
  if (!layout) return kUsage;
  RuleCache cache(rules_search);
  std::vector<reports::ReviewedFile> files;
  int code = kOk;
  for (const auto& file : opt.files) {
    const Imported in = import_file(file, opt.rules, cache, *layout, opt.quiet);
    if (in.code != kOk && code != kUsage) code = in.code == kUsage ? kUsage : kBadInput;
    files.push_back(review_imported(file, in));
  }
  if (opt.json) {
    std::cout << reports::review_json(files);
  } else if (!opt.quiet) {
    bool first = true;
    for (const auto& f : files) {
      for (const auto& t : f.tables) {
        std::cout << (first ? "" : "\n") << terminal(f.file, t);
        first = false;
      }
    }
  }
  if (!opt.output.empty()) {
    write_atomically(opt.output, [&](const std::string& tmp) {
      xlsx::Workbook wb(tmp);
      wb.properties("自评表复核结果", "预算绩效自评复核", 0);
      reports::write_review_workbook(wb, files);
      wb.close();
    });
    spdlog::info("已写出 {}", opt.output);
  }
  return code;
}

}  // namespace jx::cli
