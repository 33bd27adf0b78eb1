#include "app/workbook_input.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "app/files.h"
#include "app/memory_file.h"
#include "engine/findings.h"
#include "engine/hash.h"
#include "engine/load/layout_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/review.h"
#include "engine/score.h"
#include "engine/table_import.h"
#include "reports/workbook_file.h"
#include "reports/xlsx_reader.h"
#include "store/history.h"

namespace fs = std::filesystem;

namespace jx::app {

std::optional<Layout> load_layouts(const std::vector<fs::path>& layout_dirs) {
  const std::vector<fs::path> files = find_layouts(layout_dirs);
  if (files.empty()) {
    std::cerr << "jixiao: 错误: 找不到表格布局文件（indicators/layouts/*.yaml）\n"
                 "  提示: 布局文件放在规则集目录旁的 layouts 目录中（--rules-dir DIR 时为 DIR/../layouts）\n";
    return std::nullopt;
  }
  Layout all;
  bool ok = true;
  for (const auto& file : files) {
    std::string err;
    auto text = read_file(file, err);
    if (!text) {
      std::cerr << file.string() << ": 错误: " << err << "\n";
      ok = false;
      continue;
    }
    Diagnostics d;
    auto layout = load::load_layout(*text, d);
    for (const Diagnostic& x : d.sorted()) std::cerr << format_diagnostic(file.string(), x) << "\n";
    if (layout) {
      load::merge_layout(all, *layout);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return all;
}

std::vector<Grid> read_workbook_bytes(const std::string& file, const std::string& bytes) {
  if (workbook::sniff(bytes) != workbook::Format::Xls) return workbook::read(file, bytes);
  // FreeXL reads from a path: the bytes already read, never `file` again
  // (for an upload it is only the name the client gave).
  const MemoryFile copy(bytes);
  return workbook::read(copy.path(), bytes);
}

bool is_workbook_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".xlsx" || ext == ".xls";
}

bool looks_like_workbook(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  char head[8] = {};
  in.read(head, sizeof head);
  return workbook::sniff(std::string_view(head, static_cast<std::size_t>(in.gcount()))) != workbook::Format::Unknown;
}

namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

InvalidFile refusal(const std::string& file, const std::string& cause, std::string message, const std::string& hint) {
  if (!hint.empty()) message += "\n  提示: " + hint;
  InvalidFile f{file, {std::move(message)}, 1};
  f.cause = cause;
  return f;
}

/// The engine's findings, the declared-vs-computed ones replaced by the review classes.
std::vector<SubmissionFinding> table_findings(const ImportedTable& t, const ProjectScore& score, const RuleSet& rules) {
  std::vector<SubmissionFinding> out;
  for (SubmissionFinding& f : find_findings(score, rules)) {
    if (f.code != "declared-row-differs" && f.code != "declared-total-differs") out.push_back(std::move(f));
  }
  const TableReview rv = review_table(t, score, rules);
  for (const ReviewRow& r : rv.rows) {
    if (r.code.empty() || r.code == "unverifiable") continue;
    out.push_back({r.code, r.loc.line, join(r.path, "/"), r.reason});
  }
  for (const Finding& f : rv.findings) {
    if (f.row.empty()) out.push_back({f.code, f.loc.line, "", f.text});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SubmissionFinding& a, const SubmissionFinding& b) { return a.line < b.line; });
  return out;
}

SubmissionRow table_row(const std::string& name, const std::string& bytes, const ImportedTable& t,
                        const ProjectScore& sc, const RuleSet& rules) {
  SubmissionRow r;
  r.file = name;
  r.year = t.project.year;
  r.department = t.project.department;
  r.unit = t.project.unit;
  r.project = t.project.name;
  r.declared = t.project.declared_score;
  r.rules = rules.id;
  r.budget = sc.budget.budget;
  r.executed = sc.budget.executed;
  r.rate = sc.budget.rate;
  r.budget_score = sc.budget.score;
  for (const ScoredNode& n : sc.tree) r.levels.push_back({n.name, n.weight, n.score});
  r.total = sc.total;
  r.grade = sc.grade;
  r.findings = table_findings(t, sc, rules);
  Fingerprint fp;
  fp.add(bytes);
  fp.add(name);
  fp.add(rules.id);
  fp.add(r.total.to_string(2));
  r.hash = fp.hex();
  return r;
}

}  // namespace

WorkbookSubmissions score_workbook(const std::string& file, const Layout& layout, RuleCache& rules,
                                   const std::string& rules_id) {
  std::string err;
  const auto bytes = read_file(file, err, kMaxWorkbook);
  if (!bytes) {
    WorkbookSubmissions out;
    out.invalid.push_back(refusal(file, "bad-workbook", file + ": 错误: " + err, ""));
    return out;
  }
  return score_workbook_bytes(file, *bytes, layout, rules, rules_id);
}

WorkbookSubmissions score_workbook_bytes(const std::string& file, const std::string& bytes, const Layout& layout,
                                         RuleCache& rules, const std::string& rules_id) {
  WorkbookSubmissions out;
  std::string err;
  if (bytes.size() > kMaxWorkbook) {
    out.invalid.push_back(refusal(file, "bad-workbook",
                                  file + ": 错误: 文件过大（" + std::to_string(bytes.size() / 1024) + " KB），上限为 " +
                                      std::to_string(kMaxWorkbook / 1024) + " KB",
                                  ""));
    return out;
  }
  std::vector<Grid> grids;
  try {
    grids = read_workbook_bytes(file, bytes);
  } catch (const xlsx::ReadError& e) {
    out.invalid.push_back(refusal(file, "bad-workbook", file + ": 错误: " + e.what(), ""));
    return out;
  } catch (const std::exception& e) {
    out.invalid.push_back(refusal(file, "bad-workbook", file + ": 错误: 读取时出错：" + e.what(), ""));
    return out;
  }
  std::vector<std::string> no_table;  // "SHEET（缺 …）" for each sheet without a table
  for (const Grid& g : grids) {
    const std::vector<std::string> missing = missing_labels(g, layout);
    const std::size_t wanted = missing_labels(Grid{}, layout).size();
    const std::string where = file + ":" + g.sheet;
    if (g.uncomputed_count > 0) {
      const GridCell& c = g.uncomputed.front();
      out.invalid.push_back(refusal(where, "formula-without-result",
                                    where + "!" + cell_address(c.row, c.col) + ": 错误: 有 " +
                                        std::to_string(g.uncomputed_count) +
                                        " 个公式单元格没有保存计算结果，无法核对自报得分",
                                    "用 Excel 或 WPS 打开并保存这个文件（保存时会算出结果），再报送"));
      continue;
    }
    std::string id = rules_id.empty() ? rules_hint(g) : rules_id;
    if (id.empty()) id = "mof2020";
    const RuleSet* rs = rules.get(id, err);
    if (rs == nullptr) {
      out.invalid.push_back(refusal(where, "rules", where + ": 错误: " + err, ""));
      continue;
    }
    Diagnostics wd;
    std::vector<ImportedTable> tables = import_tables({g}, *rs, layout, wd);
    if (tables.empty()) {
      no_table.push_back(g.sheet + "（缺" + join(missing, "、") + "）");
      if (missing.size() < wanted) {
        out.invalid.push_back(refusal(where, "unrecognised-sheet",
                                      where + ": 错误: 不是可识别的自评表：找不到" +
                                          (missing.empty() ? std::string("可用的指标表头") : join(missing, "、")),
                                      "自评表应有“项目名称”和“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头"));
      }
      continue;
    }
    for (const ImportedTable& t : tables) {
      const std::string name = where + (t.first_row > 0 ? "!A" + std::to_string(t.first_row + 1) : "");
      std::vector<std::string> errors;
      std::string cause;
      for (const Diagnostic& d : t.diagnostics.sorted()) {
        if (d.severity != Severity::Error) continue;
        if (cause.empty()) cause = d.code;
        errors.push_back(format_table_diagnostic(file, t.sheet, d));
      }
      const ProjectScore sc = errors.empty() ? score_project(t.project, *rs) : ProjectScore{};
      if (errors.empty()) {
        for (const Diagnostic& d : sc.diagnostics.sorted()) {
          if (d.severity != Severity::Error) continue;
          if (cause.empty()) cause = d.code;
          errors.push_back(format_table_diagnostic(file, t.sheet, d));
        }
      }
      if (errors.empty()) {
        SubmissionRow row = table_row(name, bytes, t, sc, *rs);
        const std::string why = store::unstorable(row);
        if (why.empty()) {
          out.rows.push_back(std::move(row));
          continue;
        }
        cause = "bad-year";
        errors.push_back(name + ": 错误: " + why + "\n  提示: 在表头写明年度，如“（2022年度）”");
      }
      InvalidFile f{name, errors, static_cast<int>(errors.size())};
      f.cause = cause;
      f.year = t.project.year;
      f.department = t.project.department;
      f.project = t.project.name;
      out.invalid.push_back(std::move(f));
    }
  }
  if (out.rows.empty() && out.invalid.empty()) {
    out.invalid.push_back(refusal(file, "no-table",
                                  file + ": 错误: 工作簿中找不到自评表（" + join(no_table, "；") + "）",
                                  "自评表应有“项目名称”和“三级指标”“年度指标值”“实际完成值”“分值”“得分”等表头"));
  }
  return out;
}

}  // namespace jx::app
