#include "reports/html_score.h"

#include <map>
#include <set>
#include <utility>

#include "engine/grid.h"
#include "reports/html_document.h"

namespace jx::reports {

namespace {

using Lines = std::set<int>;

std::string num(Decimal d) {
  return d.to_string(2);
}

std::string esc(std::string_view s) {
  return html_escape(s);
}

/// "FILE:L:C" (or "FILE" for the whole file), as the terminal prints it.
std::string where(const std::string& file, Loc loc) {
  if (loc.line <= 0) return file;
  return file + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string diagnostic_item(const std::string& file, const Diagnostic& d) {
  const bool error = d.severity == Severity::Error;
  std::string out = "<li class=\"";
  out += error ? "diag error" : "diag warning";
  out += "\" data-code=\"" + esc(d.code) + "\"><span class=\"loc\">" + esc(where(file, d.loc)) + "</span> <strong>";
  out += error ? "错误" : "警告";
  out += "：</strong>" + esc(d.message);
  if (!d.hint.empty()) out += "<br><span class=\"hint\">提示：" + esc(d.hint) + "</span>";
  return out + "</li>";
}

// Which lines each leaf's keys are written on (keyed by the line and column
// of its name, which LeafScore::loc carries), so that a warning can be shown
// beside the row it concerns.
void leaf_lines(const std::vector<Indicator>& inds, std::map<std::pair<int, int>, Lines>& out) {
  for (const Indicator& i : inds) {
    if (!i.is_leaf()) {
      leaf_lines(i.children, out);
      continue;
    }
    Lines& l = out[{i.loc.line, i.loc.col}];
    for (const Loc& loc : {i.loc, i.weight_loc, i.target_loc, i.actual_loc, i.grade_loc, i.score_loc, i.declared_loc,
                           i.direction_loc, i.formula_loc}) {
      if (loc.line > 0) l.insert(loc.line);
    }
  }
}

Lines fund_lines(const Funds& f) {
  Lines l;
  for (const Loc& loc : {f.loc, f.total.loc, f.appropriation.loc, f.carryover.loc, f.other.loc, f.special.loc,
                         f.unit_funds.loc, f.basic.loc, f.project.loc, f.items_loc, f.declared_loc}) {
    if (loc.line > 0) l.insert(loc.line);
  }
  for (const SpendingItem& i : f.items) {
    if (i.loc.line > 0) l.insert(i.loc.line);
  }
  return l;
}

/// The warnings of a scored file sorted into: per leaf (index), the budget
/// row, and the rest.
struct PlacedWarnings {
  std::map<std::size_t, std::vector<Diagnostic>> leaves;
  std::vector<Diagnostic> budget;
  std::vector<Diagnostic> general;
};

PlacedWarnings place_warnings(const ProjectScore& sc, const std::vector<Indicator>& indicators, const Funds& funds) {
  std::map<std::pair<int, int>, Lines> by_leaf;
  leaf_lines(indicators, by_leaf);
  std::map<int, std::size_t> line_to_leaf;
  for (std::size_t i = 0; i < sc.leaves.size(); ++i) {
    const auto it = by_leaf.find({sc.leaves[i].loc.line, sc.leaves[i].loc.col});
    if (it == by_leaf.end()) continue;
    for (int line : it->second) line_to_leaf.emplace(line, i);
  }
  const Lines budget = fund_lines(funds);
  PlacedWarnings out;
  for (const Diagnostic& d : sc.diagnostics.sorted()) {
    if (d.severity != Severity::Warning) continue;
    if (const auto it = line_to_leaf.find(d.loc.line); d.loc.line > 0 && it != line_to_leaf.end()) {
      out.leaves[it->second].push_back(d);
    } else if (d.loc.line > 0 && budget.contains(d.loc.line)) {
      out.budget.push_back(d);
    } else {
      out.general.push_back(d);
    }
  }
  return out;
}

std::string warning_list(const std::string& file, const std::vector<Diagnostic>& ds) {
  if (ds.empty()) return {};
  std::string out = "<ul class=\"diags\">";
  for (const Diagnostic& d : ds) out += diagnostic_item(file, d);
  return out + "</ul>";
}

void collect_leaves(const ScoredNode& n, std::vector<int>& out) {
  if (n.leaf >= 0) out.push_back(n.leaf);
  for (const ScoredNode& c : n.children) collect_leaves(c, out);
}

/// The name of level `level` (0-based) of a leaf's path as printed in a
/// three-column form: deeper levels are joined into the third column.
std::string third_name(const LeafScore& l) {
  std::string s;
  for (std::size_t i = 2; i < l.path.size(); ++i) s += (i > 2 ? " / " : "") + l.path[i];
  if (l.path.size() < 3 && !l.path.empty()) s = l.path.back();
  return s;
}

std::string score_table(const std::string& file, const ProjectScore& sc, std::optional<Decimal> declared,
                        const std::vector<Indicator>& indicators, const Funds& funds) {
  const PlacedWarnings placed = place_warnings(sc, indicators, funds);
  std::string out;
  if (!placed.general.empty()) {
    out += "<section class=\"general-warnings\"><h3>警告（" + std::to_string(placed.general.size()) + " 条）</h3>" +
           warning_list(file, placed.general) + "</section>\n";
  }
  out +=
      "<div class=\"table-wrap\"><table class=\"score\">\n<caption>项目支出绩效自评表（绩效指标）</caption>\n"
      "<thead><tr><th scope=\"col\">一级指标</th><th scope=\"col\">二级指标</th><th scope=\"col\">三级指标</th>"
      "<th scope=\"col\">年度指标值</th><th scope=\"col\">实际完成值</th><th scope=\"col\" class=\"n\">分值</th>"
      "<th scope=\"col\" class=\"n\">得分</th><th scope=\"col\">计分说明与警告</th></tr></thead>\n<tbody>\n";
  for (const ScoredNode& first : sc.tree) {
    // Leaves sit at the third level or deeper (a shallower leaf is an
    // error, so a scored file has none).
    std::vector<std::pair<const ScoredNode*, std::vector<int>>> groups;
    std::size_t first_span = 0;
    for (const ScoredNode& second : first.children) {
      std::vector<int> leaves;
      collect_leaves(second, leaves);
      first_span += leaves.size();
      if (!leaves.empty()) groups.emplace_back(&second, std::move(leaves));
    }
    bool first_row = true;
    for (const auto& [second_node, leaves] : groups) {
      const ScoredNode& second = *second_node;
      bool second_row = true;
      for (int li : leaves) {
        const LeafScore& l = sc.leaves[static_cast<std::size_t>(li)];
        const auto warn = placed.leaves.find(static_cast<std::size_t>(li));
        const bool has_warn = warn != placed.leaves.end();
        out += has_warn ? "<tr class=\"has-warning\">" : "<tr>";
        if (first_row) {
          out += "<th scope=\"rowgroup\" rowspan=\"" + std::to_string(first_span) + "\">" + esc(first.name) +
                 "<span class=\"sub\">" + first.weight.to_plain() + " 分，得 " + num(first.score) + "</span></th>";
          first_row = false;
        }
        if (second_row) {
          out += "<th scope=\"rowgroup\" rowspan=\"" + std::to_string(leaves.size()) + "\">" + esc(second.name) +
                 "<span class=\"sub\">" + second.weight.to_plain() + " 分，得 " + num(second.score) + "</span></th>";
          second_row = false;
        }
        out += "<th scope=\"row\">" + esc(third_name(l));
        if (l.loc.line > 0) out += "<span class=\"line\">第 " + std::to_string(l.loc.line) + " 行</span>";
        out += "</th><td>" + esc(l.target) + "</td><td>" + esc(l.actual) + "</td><td class=\"n\">" +
               l.weight.to_plain() + "</td><td class=\"n score\">" + (l.applicable ? num(l.score) : "不适用") +
               "</td><td class=\"basis\">" + esc(l.basis);
        if (l.declared && *l.declared != l.score) {
          out += "<br><span class=\"declared\">自报 " + num(*l.declared) + "</span>";
        }
        if (!l.note.empty()) out += "<br><span class=\"deviation\">偏差原因：" + esc(l.note) + "</span>";
        if (has_warn) out += warning_list(file, warn->second);
        out += "</td></tr>\n";
      }
    }
  }
  const BudgetScore& b = sc.budget;
  out += "</tbody>\n<tbody class=\"budget\">\n";
  out += placed.budget.empty() ? "<tr>" : "<tr class=\"has-warning\">";
  out += "<th scope=\"row\" colspan=\"3\">预算执行率</th><td>全年预算数 " + num(b.budget) + " 万元</td><td>全年执行数 " +
         num(b.executed) + " 万元</td><td class=\"n\">" + b.weight.to_plain() + "</td><td class=\"n score\" id=\"budget-score\">" +
         num(b.score) + "</td><td class=\"basis\">执行率 " + percent_text(b.rate) +
         "（全年执行数 / 全年预算数）" + warning_list(file, placed.budget) + "</td></tr>\n";
  out += "</tbody>\n<tfoot>\n<tr class=\"total\"><th scope=\"row\" colspan=\"5\">总分</th><td class=\"n\">" +
         sc.applicable_weight.to_plain() + "</td><td class=\"n score\" data-total>" + num(sc.total) +
         "</td><td>等级 <strong data-grade>" + esc(sc.grade) + "</strong>";
  if (sc.rescaled) out += "（含不适用指标，已按适用分值折算）";
  if (declared) {
    const Decimal d = *declared - sc.total;
    out += "<br><span class=\"declared\">自报总分 " + num(*declared) + "（自报 − 计算 = " +
           (d.is_negative() ? "" : "+") + num(d) + "）</span>";
  }
  out += "</td></tr>\n</tfoot>\n</table></div>\n";
  return out;
}

std::string actions() {
  std::string out =
      "<div class=\"actions no-print\" role=\"group\" aria-label=\"下载与打印\">"
      "<button type=\"button\" data-action=\"download-xlsx\">下载自评表（Excel）";
  out +=
      "</button> <button type=\"button\" data-action=\"download-json\">下载 JSON</button> "
      "<button type=\"button\" data-action=\"print\">打印</button>"
      "<span class=\"status\" role=\"status\" aria-live=\"polite\"></span></div>\n";
  return out;
}

std::string file_section(const ScoredFile& f, int depth);

std::string failed_section(const ScoredFile& f, int depth) {
  const std::string h = depth == 0 ? "h2" : "h3";
  const load::FileHeader& hd = *f.failed;
  std::string out = "<section class=\"file failed\">\n<" + h + ">" + esc(hd.name.empty() ? f.file : hd.name) +
                    "：有错误，未计分</" + h + ">\n<p class=\"meta\">文件 " + esc(f.file) + "</p>\n";
  int errors = 0;
  for (const Diagnostic& d : f.diagnostics->items()) errors += d.severity == Severity::Error ? 1 : 0;
  out += "<p class=\"error\" role=\"alert\">共 " + std::to_string(errors) + " 处错误，改正后再评分：</p>\n<ul class=\"diags\">";
  for (const Diagnostic& d : f.diagnostics->sorted()) out += diagnostic_item(f.file, d);
  out += "</ul>\n";
  for (const ScoredFile& p : f.projects) out += file_section(p, depth + 1);
  return out + "</section>\n";
}

std::string file_section(const ScoredFile& f, int depth) {
  if (f.failed != nullptr && f.diagnostics != nullptr) return failed_section(f, depth);
  const std::string h = depth == 0 ? "h2" : "h3";
  std::string out = "<section class=\"file\">\n";
  if (f.department != nullptr) {
    const Department& d = *f.department;
    const DepartmentScore& ds = *f.department_score;
    out += "<" + h + ">" + esc(d.name) + " 部门整体支出绩效自评（" + std::to_string(d.year) + "年度）</" + h + ">\n";
    out += "<p class=\"meta\">文件 " + esc(f.file) + " · 规则 " + esc(f.rules->id) + "（" + esc(f.rules->name) +
           "）</p>\n";
    out += "<p class=\"result\">总分 <span class=\"big\" data-total>" + num(ds.core.total) +
           "</span> 等级 <span class=\"big\" data-grade>" + esc(ds.core.grade) + "</span></p>\n";
    out += score_table(f.file, ds.core, d.declared_score, d.indicators, d.funds);
    if (!ds.checks.empty()) {
      out += "<table class=\"checks\"><caption>勾稽关系</caption><thead><tr><th scope=\"col\">项目</th>"
             "<th scope=\"col\">左</th><th scope=\"col\" class=\"n\">左值</th><th scope=\"col\">右</th>"
             "<th scope=\"col\" class=\"n\">右值</th><th scope=\"col\">结果</th></tr></thead><tbody>";
      for (const CheckResult& c : ds.checks) {
        out += "<tr><th scope=\"row\">" + esc(c.name) + "</th><td>" + esc(c.left) + "</td><td class=\"n\">" +
               (c.evaluated ? num(c.left_value) : "—") + "</td><td>" + esc(c.right) + "</td><td class=\"n\">" +
               (c.evaluated ? num(c.right_value) : "—") + "</td><td>" +
               (!c.evaluated ? "无法计算" : c.ok ? "相符" : "<strong class=\"bad\">不符</strong>") + "</td></tr>";
      }
      out += "</tbody></table>\n";
    }
    if (!f.projects.empty()) {
      out += "<h3>所附项目自评（" + std::to_string(f.projects.size()) + " 个，平均 " + num(ds.projects.mean) +
             "，按全年预算数加权 " + num(ds.projects.weighted) + "）</h3>\n";
      for (const ScoredFile& p : f.projects) out += file_section(p, depth + 1);
    }
  } else {
    const Project& p = *f.project;
    const ProjectScore& sc = *f.score;
    out += "<" + h + ">" + esc(p.name) + "（" + std::to_string(p.year) + "年度）</" + h + ">\n";
    out += "<p class=\"meta\">文件 " + esc(f.file) + " · 主管部门 " + esc(p.department) + " · 实施单位 " +
           esc(p.unit) + " · 规则 " + esc(f.rules->id) + "（" + esc(f.rules->name) + "）</p>\n";
    out += "<p class=\"result\">总分 <span class=\"big\" data-total>" + num(sc.total) +
           "</span> 等级 <span class=\"big\" data-grade>" + esc(sc.grade) + "</span></p>\n";
    out += score_table(f.file, sc, p.declared_score, p.indicators, p.funds);
  }
  return out + "</section>\n";
}

std::string review_table_section(const ReviewedFile& file, const TableReview& t) {
  std::string out = "<section class=\"review\">\n<h2>" + esc(t.project.empty() ? t.sheet : t.project) + "</h2>\n";
  out += "<p class=\"meta\">文件 " + esc(file.file) + " · 工作表 " + esc(t.sheet) + "</p>\n";
  out += "<p class=\"result\">计算总分 <span class=\"big\" data-total>" + num(t.computed_total) +
         "</span> 等级 <span class=\"big\" data-grade>" + esc(t.computed_grade) + "</span>";
  out += " · 自报总分 <span data-declared-total>" + (t.declared_total ? num(*t.declared_total) : "未填") + "</span>";
  if (t.declared_grade) out += " 等级 " + esc(*t.declared_grade);
  out += "</p>\n";
  out += "<p class=\"verdict";
  out += t.clean() ? " ok" : " bad";
  out += "\" data-findings=\"" + std::to_string(t.findings.size()) + "\">";
  out += t.clean() ? "复核未发现问题" : "发现问题 " + std::to_string(t.findings.size()) + " 处";
  if (t.unverified > 0) out += "；无法核实 " + std::to_string(t.unverified) + " 行";
  out += "</p>\n";
  if (!t.findings.empty()) {
    out += "<table class=\"findings\"><caption>问题</caption><thead><tr><th scope=\"col\">单元格</th>"
           "<th scope=\"col\">类别</th><th scope=\"col\">指标</th><th scope=\"col\">说明</th></tr></thead><tbody>\n";
    for (const Finding& f : t.findings) {
      const std::string cell = f.loc.line > 0 && f.loc.col > 0 ? cell_address(f.loc.line - 1, f.loc.col - 1) : "";
      out += "<tr data-code=\"" + esc(f.code) + "\"><td>" + esc(cell) + "</td><td>" + esc(f.label) + "</td><td>" +
             esc(f.row) + "</td><td>" + esc(f.text) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "<div class=\"table-wrap\"><table class=\"score review-rows\">\n<caption>逐行复核（自报与计算并列）</caption>\n"
         "<thead><tr><th scope=\"col\">单元格</th><th scope=\"col\">指标</th><th scope=\"col\">年度指标值</th>"
         "<th scope=\"col\">实际完成值</th><th scope=\"col\" class=\"n\">分值</th><th scope=\"col\" class=\"n\">自报</th>"
         "<th scope=\"col\" class=\"n\">计算</th><th scope=\"col\" class=\"n\">差异</th><th scope=\"col\">类别与说明</th>"
         "</tr></thead>\n<tbody>\n";
  for (const ReviewRow& r : t.rows) {
    std::string path;
    for (std::size_t i = 0; i < r.path.size(); ++i) path += (i ? " / " : "") + r.path[i];
    const std::string cell = r.loc.line > 0 && r.loc.col > 0 ? cell_address(r.loc.line - 1, r.loc.col - 1) : "";
    const bool differs = !r.code.empty() && r.code != "unverifiable";
    out += "<tr";
    if (!r.code.empty()) out += " class=\"" + std::string(differs ? "differs" : "unverified") + "\" data-code=\"" + esc(r.code) + "\"";
    out += "><td>" + esc(cell) + "</td><th scope=\"row\">" + esc(path) + "</th><td>" + esc(r.target) + "</td><td>" +
           esc(r.actual) + "</td><td class=\"n\">" + r.weight.to_plain() + "</td><td class=\"n\">" +
           (r.declared ? num(*r.declared) : "—") + "</td><td class=\"n\">" +
           (!r.applicable ? "不适用" : r.computed_ok ? num(r.computed) : "无法计分") + "</td><td class=\"n\">";
    if (r.declared && r.computed_ok && r.applicable) {
      const Decimal d = *r.declared - r.computed;
      out += d == Decimal() ? "0.00" : (d.is_negative() ? "" : "+") + num(d);
    }
    out += "</td><td>";
    if (!r.code.empty()) out += "<strong>" + esc(r.label) + "</strong>：" + esc(r.reason) + "<br>";
    out += "<span class=\"basis\">" + esc(r.basis) + "</span></td></tr>\n";
  }
  out += "</tbody></table></div>\n</section>\n";
  return out;
}

}  // namespace

std::string html_upload_page() {
  std::string body =
      "<p>选择或拖入一个文件：<strong>项目或部门自评 YAML</strong> 按规则计分，逐行说明得分来由和警告；"
      "<strong>已填写的自评表（Excel）</strong> 复核，自报与计算得分并列，每处差异归类。文件只在本机处理。</p>\n";
  body += html_upload_form("/score", false);
  body += "<div id=\"result\" aria-live=\"polite\"></div>\n";
  body +=
      "<p class=\"no-print\">没有文件？在<a href=\"/templates\">模板</a>页下载模板和示例。"
      "许多文件一起汇总请用<a href=\"/batch\">批量汇总</a>。</p>\n";
  return html_document({"评分 / 复核", NavItem::Score, body});
}

std::string html_score_page(const std::vector<ScoredFile>& files) {
  // The buttons only when something was scored (a file with errors has
  // no workbook and its JSON says no more than the page).
  bool scored = false;
  for (const ScoredFile& f : files) scored = scored || f.failed == nullptr;
  std::string body = scored ? actions() : "";
  body += "<div id=\"result\">\n";
  for (const ScoredFile& f : files) body += file_section(f, 0);
  body += "</div>\n";
  std::string title = "评分结果";
  if (files.size() == 1 && files.front().project != nullptr && files.front().failed == nullptr) {
    title += "：" + files.front().project->name;
  }
  return html_document({title, NavItem::Score, body});
}

std::string html_review_page(const ReviewedFile& file) {
  std::string body;
  if (!file.errors.empty()) {
    body += "<section class=\"file failed\"><p class=\"error\" role=\"alert\">" + esc(file.file) +
            "：无法复核</p><ul class=\"diags\">";
    for (const std::string& e : file.errors) body += "<li class=\"diag error\">" + esc(e) + "</li>";
    body += "</ul></section>\n";
  } else {
    body += actions();
  }
  body += "<div id=\"result\">\n";
  for (const TableReview& t : file.tables) body += review_table_section(file, t);
  body += "</div>\n";
  return html_document({"复核结果", NavItem::Score, body});
}

}  // namespace jx::reports
