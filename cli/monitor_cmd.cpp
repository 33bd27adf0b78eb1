#include "cli/monitor_cmd.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "app/rule_sets.h"
#include "cli/files.h"
#include "cli/loading.h"
#include "cli/terminal_report.h"
#include "engine/lights.h"
#include "engine/load/project_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/monitor_checks.h"
#include "engine/text.h"
#include "reports/monitor_json.h"
#include "reports/monitor_table.h"
#include "reports/workbook.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

struct Monitored {
  std::string file;
  std::optional<Project> project;
  const RuleSet* rules = nullptr;  ///< owned by the command's app::RuleSets
  std::optional<MonitorOutcome> outcome;
  Diagnostics diagnostics;
  int code = kOk;
};

// Reads, loads, finds the rule set, judges month M. Every problem goes to
// `m.diagnostics`; m.code says how bad.
void monitor_one(const std::string& file, int month, app::RuleSets& rule_sets, Monitored& m) {
  m.file = file;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!ec && size > kMaxFileBytes) {
    m.diagnostics.error({}, "file-too-large",
                        "文件过大（" + std::to_string(size / 1024) + " KB），上限为 " +
                            std::to_string(kMaxFileBytes / 1024) + " KB");
    m.code = kBadInput;
    return;
  }
  std::string err;
  const auto text = read_file(file, err);
  if (!text) {
    m.diagnostics.error({}, "unreadable", "无法读取：" + err);
    m.code = kUsage;
    return;
  }
  const std::string kind = load::document_kind(*text);
  if (!kind.empty() && kind != "project") {
    m.diagnostics.error({1, 1}, "monitor-kind", "运行监控只用于项目（kind: project），不用于 kind: " + kind,
                        "对部门所附的各项目文件分别运行 jixiao monitor");
    m.code = kBadInput;
    return;
  }
  m.project = load::load_project(*text, m.diagnostics);
  if (!m.project || m.diagnostics.has_errors()) {
    m.code = kBadInput;
    return;
  }
  const Project& p = *m.project;
  const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
  m.rules = rule_sets.resolve(p.rules, dir, true, p.rules_loc, m.diagnostics);  // the one resolver
  if (m.rules == nullptr) {
    m.code = kBadInput;
    return;
  }
  if (!m.rules->monitor.given) {
    m.diagnostics.error(p.rules_loc, "monitor-no-rules", "规则集“" + m.rules->id + "”没有运行监控的规则（monitor:）",
                        "在规则集“" + m.rules->id + "”的文件中加入 monitor 一节（参照 indicators/rules/mof2020.yaml）");
    m.code = kBadInput;
    return;
  }
  m.outcome = compute_lights(p, *m.rules, month);
  m.diagnostics.append(m.outcome->diagnostics);
  check_snapshots(p, *m.rules, m.diagnostics);
  if (m.diagnostics.has_errors()) m.code = kBadInput;
}

// ---- The terminal table ----

bool colour() {
  const char* no = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && (no == nullptr || *no == '\0');
}

std::string coloured(const std::string& word, Light l) {
  if (!colour()) return word;
  const char* code = l == Light::Green ? "32" : l == Light::Yellow ? "33" : l == Light::Red ? "31" : "34";
  return std::string("\x1b[1;") + code + "m" + word + "\x1b[0m";
}

struct Row {
  std::vector<std::string> cells;
  std::optional<Light> light;  ///< of the last cell
};

std::string pad(const std::string& s, std::size_t w) {
  const std::size_t dw = display_width(s);
  return s + std::string(dw < w ? w - dw : 0, ' ');
}

std::string table(const std::vector<Row>& rows, std::size_t width) {
  const std::size_t n = rows.front().cells.size();
  std::vector<std::size_t> w(n, 4);
  for (const Row& r : rows) {
    for (std::size_t c = 0; c < n; ++c) {
      for (const auto& line : wrap_to_width(r.cells[c], 1000)) w[c] = std::max(w[c], display_width(line));
    }
  }
  // Shrink the widest columns (names first) until the table fits.
  const std::size_t gaps = 2 * (n - 1);
  const auto total = [&] {
    std::size_t t = gaps;
    for (const auto x : w) t += x;
    return t;
  };
  while (total() > width) {
    std::size_t widest = 0;
    for (std::size_t c = 1; c < n; ++c) {
      if (w[c] > w[widest]) widest = c;
    }
    if (w[widest] <= 6) break;
    --w[widest];
  }
  std::string out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<std::vector<std::string>> lines(n);
    std::size_t height = 1;
    for (std::size_t c = 0; c < n; ++c) {
      lines[c] = wrap_to_width(rows[i].cells[c], std::max<std::size_t>(w[c], 2));
      height = std::max(height, lines[c].size());
    }
    for (std::size_t k = 0; k < height; ++k) {
      std::string line;
      for (std::size_t c = 0; c < n; ++c) {
        const std::string part = k < lines[c].size() ? lines[c][k] : "";
        const bool last = c + 1 == n;
        if (last && rows[i].light && !part.empty()) {
          line += coloured(part, *rows[i].light);
        } else {
          line += last ? part : pad(part, w[c]) + "  ";
        }
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
    if (i == 0) out += std::string(std::min(total(), width), '-') + "\n";
  }
  return out;
}

std::string report(const Monitored& m, std::size_t width) {
  const Project& p = *m.project;
  const MonitorOutcome& o = *m.outcome;
  const MonitorRules& r = m.rules->monitor;
  const std::string period = "1-" + std::to_string(o.month) + "月";
  std::string out = m.file + "  " + p.name + "（" + std::to_string(p.year) + "年度，" + period + "运行监控）\n";
  out += "主管部门：" + p.department + "  实施单位：" + p.unit + "  规则：" + m.rules->id + "\n\n";
  std::vector<Row> rows;
  rows.push_back({{"指标", "年度指标值", period, "全年预计", "进度", "预警"}, std::nullopt});
  for (const LeafLight& l : o.leaves) {
    Row row;
    row.cells = {l.path,
                 l.leaf->target.value_or(""),
                 l.snapshot && l.snapshot->value ? *l.snapshot->value : "",
                 l.snapshot && l.snapshot->forecast ? *l.snapshot->forecast : "",
                 l.v ? l.v->to_string(r.v_digits) : "—",
                 l.light ? light_label(r, *l.light) : ""};
    row.light = l.light;
    rows.push_back(std::move(row));
  }
  Row budget;
  budget.cells = {"预算执行（万元）",
                  "预算 " + o.budget.to_string(2),
                  "执行 " + o.executed.to_string(2) + "（" + percent_text(o.rate) + "）",
                  o.funds && o.funds->forecast ? o.funds->forecast->to_string(2) : "—",
                  o.budget_v ? o.budget_v->to_string(r.v_digits) : "—",
                  o.budget_light ? light_label(r, *o.budget_light) : ""};
  budget.light = o.budget_light;
  rows.push_back(std::move(budget));
  out += table(rows, width);
  out += "\n项目预警：" + (o.light ? coloured(light_label(r, *o.light), *o.light) : std::string("—"));
  out += "（序时进度 " + std::to_string(o.month) + "/12；进度 = 完成 ÷ 序时目标 × 100）\n";
  const auto diags = m.diagnostics.sorted();
  if (!diags.empty()) {
    out += "\n警告 " + std::to_string(diags.size()) + " 条：\n";
    for (const Diagnostic& d : diags) out += format_diagnostic(m.file, d) + "\n";
  }
  return out;
}

}  // namespace

int cmd_monitor(const MonitorOptions& opt) {
  int month = 0;
  {
    const std::string t = trim(opt.month);
    bool digits = !t.empty() && t.size() <= 2;
    for (const char c : t) digits = digits && c >= '0' && c <= '9';
    if (digits) month = std::stoi(t);
    if (!digits || month < 1 || month > 12) {
      std::cerr << "jixiao: 错误: --month 应为 1～12 的月份，而不是“" << opt.month
                << "”\n  提示: 如 --month 7 表示 1-7月的监控数据\n";
      return kUsage;
    }
  }
  if (!opt.output.empty() && !usable_output(opt.output, opt.files, {".xlsx"})) return kUsage;
  std::vector<Monitored> all(opt.files.size());
  app::RuleSets rule_sets(opt.rules_search);
  int code = kOk;
  for (std::size_t i = 0; i < opt.files.size(); ++i) {
    Monitored& m = all[i];
    monitor_one(opt.files[i], month, rule_sets, m);
    if (m.code != kOk) {
      Diagnostics errors;
      for (const Diagnostic& d : m.diagnostics.items()) {
        if (d.severity == Severity::Error || !opt.quiet) {
          (d.severity == Severity::Error ? errors.error(d.loc, d.code, d.message, d.hint)
                                         : errors.warning(d.loc, d.code, d.message, d.hint));
        }
      }
      print_diagnostics(m.file, errors);
      if (code != kUsage) code = m.code;
    }
  }
  if (opt.json) {
    std::vector<reports::MonitoredFile> files;
    for (const Monitored& m : all) {
      files.push_back({m.file, m.project ? &*m.project : nullptr, m.rules, m.outcome ? &*m.outcome : nullptr,
                       &m.diagnostics});
    }
    std::cout << reports::to_monitor_json(files);
  } else if (!opt.quiet) {
    bool first = true;
    for (const Monitored& m : all) {
      if (m.code != kOk) continue;
      if (!first) std::cout << "\n";
      first = false;
      std::cout << report(m, terminal_width());
    }
  }
  if (code != kOk) {
    if (!opt.output.empty()) std::cerr << "jixiao: 输入有错误，未写出 " << opt.output << "\n";
    return code;
  }
  if (!opt.output.empty()) {
    // A write failure throws: cli::run prints it (exit 2), the one error path.
    write_atomically(opt.output, [&](const std::string& tmp) {
      xlsx::Workbook wb(tmp);
      for (const Monitored& m : all) reports::write_monitor_table(wb, *m.project, *m.outcome, *m.rules);
      const Project& p = *all.front().project;
      wb.properties("项目支出绩效目标执行监控表", p.name, p.year);
      wb.close();
    });
    spdlog::info("已写出 {}", opt.output);
  }
  return kOk;
}

}  // namespace jx::cli
