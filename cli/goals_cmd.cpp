#include "cli/goals_cmd.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <memory>
#include <optional>

#include "cli/files.h"
#include "app/rule_sets.h"
#include "cli/loading.h"
#include "cli/terminal_report.h"
#include "engine/goal_checks.h"
#include "engine/goals_import.h"
#include "engine/load/department_loader.h"
#include "engine/load/file_header.h"
#include "engine/load/project_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/text.h"
#include "reports/goals_table.h"
#include "reports/workbook.h"
#include "reports/xlsx_reader.h"
#include "store/history.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

struct GoalsInput {
  std::string file;
  std::optional<Project> project;
  std::optional<Department> department;
  const RuleSet* rules = nullptr;
  Diagnostics diagnostics;
  bool io = false;
};

fs::path input_dir(const std::string& file) {
  return fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
}

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return s + std::string(w < width ? width - w : 0, ' ');
}

// The form as text: header lines, then one row per 三级指标 (二级, 三级,
// 年度指标值, 中期指标值, 取值依据), long cells wrapped inside their column.
std::string terminal_form(const std::string& file, const Project& p) {
  std::string out = file + "：项目支出绩效目标申报表（" + std::to_string(p.year) + "年度）\n";
  out += "  项目名称：" + p.name + "\n  主管部门：" + p.department + "　实施单位：" + p.unit + "\n";
  if (!p.goals.attribute.empty() || !p.goals.period.empty()) {
    out += "  项目属性：" + (p.goals.attribute.empty() ? "—" : p.goals.attribute) +
           "　项目期：" + (p.goals.period.empty() ? "—" : p.goals.period) + "\n";
  }
  auto money = [](const RequestedFunds& f) {
    return f.present ? f.shown_total().to_string(2) + "（财政拨款 " + f.appropriation.to_string(2) + "，其他资金 " +
                           f.other.to_string(2) + "）"
                     : std::string("—");
  };
  out += "  申报资金（万元）：中期 " + money(p.goals.request_mid) + "；年度 " + money(p.goals.request_annual) + "\n";
  if (!p.goals.mid_term.empty()) out += "  中期目标：" + p.goals.mid_term + "\n";
  out += "  年度目标：" + (p.goal_expected.empty() ? "—" : p.goal_expected) + "\n";
  const std::size_t width = std::max<std::size_t>(terminal_width(), 60);
  // Columns: 二级 14, 三级 flexible, 年度 18, 中期 14, 依据 8 (display columns).
  const std::size_t fixed = 2 + 14 + 2 + 18 + 2 + 14 + 2 + 8 + 2;
  const std::size_t name_w = width > fixed + 12 ? width - fixed : 12;
  const std::size_t widths[] = {14, name_w, 18, 14, 8};
  auto row = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> lines;
    std::size_t n = 1;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      lines.push_back(cells[i].empty() ? std::vector<std::string>{""} : wrap_to_width(cells[i], widths[i]));
      n = std::max(n, lines.back().size());
    }
    std::string s;
    for (std::size_t k = 0; k < n; ++k) {
      std::string line = "  ";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        line += pad(k < lines[i].size() ? lines[i][k] : "", widths[i]) + (i + 1 < cells.size() ? "  " : "");
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      s += line + "\n";
    }
    return s;
  };
  out += row({"二级指标", "三级指标", "年度指标值", "中期指标值", "取值依据"});
  std::string first_name;
  for (const LeafRef& l : leaves_of(p.indicators)) {
    if (l.path.front() != first_name) {
      first_name = l.path.front();
      out += "  【" + first_name + "】\n";
    }
    const std::string second = l.path.size() >= 3 ? l.path[l.path.size() - 2] : "";
    out += row({second, l.leaf->name, reports::shown_goal_target(*l.leaf), l.leaf->goal.mid_target.value_or(""),
                l.leaf->goal.basis.value_or("")});
  }
  return out;
}

// A department's goal form as text: name, tasks with their requests, the
// 年度总体目标, one line per 三级指标.
std::string terminal_form(const std::string& file, const Department& d) {
  std::string out = file + "：部门整体支出绩效目标申报表（" + std::to_string(d.year) + "年度）\n";
  out += "  部门（单位）名称：" + d.name + "\n  年度主要任务（预算申请，万元）：\n";
  Decimal sum;
  for (const DepartmentTask& t : d.tasks) {
    out += "    " + t.name + "  " + t.funds.shown_total().to_string(2) + "（财政拨款 " + t.funds.appropriation.to_string(2) +
           "，其他资金 " + t.funds.other.to_string(2) + "）" + (t.content.empty() ? "" : "：" + t.content) + "\n";
    sum += t.funds.shown_total();
  }
  out += "    金额合计  " + sum.to_string(2) + "\n";
  out += "  年度总体目标：" + (d.goal_expected.empty() ? "—" : d.goal_expected) + "\n";
  for (const LeafRef& l : leaves_of(d.indicators)) {
    std::string path;
    for (std::size_t i = 0; i < l.path.size(); ++i) path += (i ? "/" : "") + l.path[i];
    out += "  " + path + "  " +
           (l.leaf->formula                      ? "按公式计算：" + *l.leaf->formula
            : l.leaf->scorer && !l.leaf->target ? std::string("按评分规则计分")
                                                : reports::shown_goal_target(*l.leaf)) +
           (l.leaf->goal.basis ? "  （" + *l.leaf->goal.basis + "）" : "") + "\n";
  }
  return out;
}

// Last year's leaves of the same project from the history database.
std::vector<PriorActual> last_year(store::History* history, const Project& p) {
  if (history == nullptr) return {};
  return history->prior_actuals(p.department, p.name, p.year);
}

}  // namespace

int run_goals(const GoalsOptions& opt) {
  if (!opt.output.empty() && !usable_output(opt.output, opt.files, {".xlsx"})) return kUsage;
  std::unique_ptr<store::History> history;
  if (!opt.db.empty()) {
    // A database that cannot be opened is an I/O error: cli::run prints it (exit 2).
    history = std::make_unique<store::History>(opt.db, store::History::Access::Read);
  }
  app::RuleSets rule_sets(opt.rules_search);  // the one resolver (app/rule_sets.h)
  std::vector<GoalsInput> inputs(opt.files.size());
  int code = kOk;
  for (std::size_t i = 0; i < opt.files.size(); ++i) {
    GoalsInput& in = inputs[i];
    in.file = opt.files[i];
    std::string err;
    const auto text = read_file(in.file, err);
    if (!text) {
      std::cerr << in.file << ": 错误: " << err << "\n";
      in.diagnostics.error({0, 0}, "unreadable", err);
      in.io = true;
      code = kUsage;
      continue;
    }
    if (load::document_kind(*text) == "department") {
      in.department = load::load_department(*text, in.diagnostics, load::Stage::Goals);
      if (in.department) {
        in.rules = rule_sets.resolve(in.department->rules, input_dir(in.file), true, in.department->rules_loc, in.diagnostics);
      }
      if (in.department && in.rules != nullptr) {
        in.diagnostics.append(check_department_goals(*in.department, *in.rules));
      }
    } else {
      in.project = load::load_project(*text, in.diagnostics, load::Stage::Goals);
      if (in.project) in.rules = rule_sets.resolve(in.project->rules, input_dir(in.file), true, in.project->rules_loc, in.diagnostics);
      if (in.project && in.rules != nullptr) {
        in.diagnostics.append(check_goals(*in.project, *in.rules, last_year(history.get(), *in.project)));
      }
    }
    if (in.diagnostics.has_errors() || in.rules == nullptr) {
      print_diagnostics(in.file, in.diagnostics);
      if (code == kOk) code = kBadInput;
    }
  }
  if (opt.json) {
    std::vector<reports::GoalsFile> files;
    for (const auto& in : inputs) {
      const bool read = in.rules != nullptr;
      files.push_back({in.file, read && in.project ? &*in.project : nullptr, in.diagnostics,
                       read && in.department ? &*in.department : nullptr});
    }
    std::cout << reports::goals_json(files);
  } else if (!opt.quiet) {
    bool first = true;
    for (const auto& in : inputs) {
      if (in.diagnostics.has_errors() || in.rules == nullptr) continue;
      const auto warnings = in.diagnostics.items().size();
      if (opt.validate_only) {
        std::cout << in.file << ": 通过" << (warnings ? "（" + std::to_string(warnings) + " 条警告）" : "") << "\n";
      } else {
        std::cout << (first ? "" : "\n")
                  << (in.project ? terminal_form(in.file, *in.project) : terminal_form(in.file, *in.department));
      }
      first = false;
      for (const Diagnostic& x : in.diagnostics.sorted()) std::cout << format_diagnostic(in.file, x) << "\n";
    }
  }
  if (code != kOk) {
    if (!opt.output.empty()) std::cerr << "jixiao: 输入有错误，未写出 " << opt.output << "\n";
    return code;
  }
  if (opt.validate_only || opt.output.empty()) return kOk;
  // A write failure throws: cli::run prints it (exit 2), the one error path.
  write_atomically(opt.output, [&](const std::string& tmp) {
    xlsx::Workbook wb(tmp);
    for (const auto& in : inputs) {
      if (in.project) {
        reports::write_goals_table(wb, *in.project);
      } else {
        reports::write_department_goals_table(wb, *in.department);
      }
    }
    const GoalsInput& f = inputs.front();
    wb.properties(f.project ? "项目支出绩效目标申报表" : "部门整体支出绩效目标申报表",
                  f.project ? f.project->name : f.department->name,
                  f.project ? f.project->year : f.department->year);
    wb.close();
  });
  spdlog::info("已写出 {}", opt.output);
  return kOk;
}

}  // namespace jx::cli

namespace jx::cli {

std::optional<std::vector<ApprovedTarget>> load_approved(const std::string& path, bool& io) {
  io = false;
  if (fs::path(path).extension() == ".xlsx") {
    try {
      for (const Grid& g : xlsx::read_workbook(path)) {
        if (auto targets = approved_from_grid(g)) return targets;
      }
    } catch (const std::exception& e) {
      std::cerr << path << ": 错误: 无法读取批复的申报表：" << e.what() << "\n";
      io = true;
      return std::nullopt;
    }
    std::cerr << path << ": 错误: 工作簿中没有绩效目标申报表（找不到一级指标、二级指标、三级指标、年度指标值）\n"
              << "  提示: --approved 用 jixiao goals 写出的申报表，或申报时的 YAML 文件\n";
    return std::nullopt;
  }
  std::string err;
  const auto text = read_file(path, err);
  if (!text) {
    std::cerr << path << ": 错误: " << err << "\n";
    io = true;
    return std::nullopt;
  }
  Diagnostics d;
  const auto project = load::load_project(*text, d, load::Stage::Goals);
  // The goal checks' errors (funds that do not add up, a leaf without a
  // target) do not depend on the rule set: an approved form must pass them.
  if (project) {
    Diagnostics errors;
    const Diagnostics found = check_goals(*project, RuleSet{});
    for (const Diagnostic& x : found.items()) {
      if (x.severity == Severity::Error) errors.error(x.loc, x.code, x.message, x.hint);
    }
    d.append(errors);
  }
  if (!project || d.has_errors()) {
    print_diagnostics(path, d);
    return std::nullopt;
  }
  return approved_targets(*project);
}

}  // namespace jx::cli
