#include "cli/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string_view>

#include "cli/batch.h"
#include "cli/data_dir.h"
#include "cli/files.h"
#include "cli/goals_cmd.h"
#include "cli/history_cmd.h"
#include "cli/loading.h"
#include "cli/monitor_cmd.h"
#include "app/json_entry.h"
#include "cli/review_cmd.h"
#include "cli/serve_cmd.h"
#include "cli/suggest.h"
#include "cli/terminal_report.h"
#include "cli/workbook_output.h"
#include "engine/load/rules_loader.h"
#include "reports/department_table.h"
#include "reports/json_report.h"
#include "reports/project_table.h"
#include "reports/workbook.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

struct Options {
  std::vector<std::string> files;
  std::string output;
  bool json = false;
  bool aggregates = false;  ///< history --json: also the departments' weighted means
  std::string rules_dir;
  bool quiet = false;
  bool verbose = false;
  std::string template_name = "dept-common";
  std::string init_kind;
  // batch / history
  std::string db;
  std::string tables_dir;
  unsigned jobs = 0;
  std::string movers = "10";  ///< batch: --movers
  std::string department;
  std::string project;
  std::string rules_name;  ///< import / review: --rules
  std::string sheet;       ///< import: --sheet
  std::string stage = "year";  ///< validate --stage: year | goals
  std::string approved;        ///< score --approved: the goals as approved in spring
  std::string month;       ///< monitor: --month
  // serve
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;
};

std::vector<fs::path> rules_search(const Options& opt, const std::string& argv0) {
  return data_search("rules", opt.rules_dir, argv0);
}

// The attached projects' own warnings, under each project's name (their
// errors make the department fail and are printed with its errors).
std::string attached_warnings(const LoadedDepartment& d) {
  std::string out;
  for (const LoadedProject& p : d.projects) {
    const std::vector<Diagnostic> all = p.score.diagnostics.sorted();
    if (all.empty()) continue;
    out += "所附项目“" + attached_name(p.project.name, p.file) + "”（" + p.file + "）" + std::to_string(all.size()) +
           " 条警告：\n" + format_diagnostics(p.file, all, "  ");
  }
  return out;
}

// With several inputs, the bad files' errors may have scrolled by above the
// tables: one closing line names them ("" when there is one input or none is bad).
std::string failed_summary(const std::vector<Loaded>& loaded) {
  std::string bad;
  std::size_t count = 0;
  for (const Loaded& l : loaded) {
    if (l.failed) bad += (count++ ? "、" : "") + l.failed->file;
  }
  if (count == 0 || loaded.size() < 2) return {};
  return "jixiao: " + std::to_string(loaded.size()) + " 个文件中 " + std::to_string(count) + " 个有错误，未评分：" +
         bad + "\n";
}

// -q: a file with errors gets its errors printed, not its warnings.
void print_errors_only(const std::string& file, const Diagnostics& d) {
  Diagnostics errors;
  for (const Diagnostic& x : d.items()) {
    if (x.severity == Severity::Error) errors.error(x.loc, x.code, x.message, x.hint);
  }
  print_diagnostics(file, errors);
}

int cmd_score(const Options& opt, const std::string& argv0, bool validate_only) {
  std::vector<std::string> inputs = opt.files;
  if (!opt.approved.empty()) inputs.push_back(opt.approved);
  if (!opt.output.empty() && !usable_output(opt.output, inputs, {".xlsx"})) return kUsage;
  // --approved: every target against the one approved in spring (engine/approved_check.h).
  std::optional<std::vector<ApprovedTarget>> approved;
  if (!opt.approved.empty()) {
    bool io = false;
    approved = load_approved(opt.approved, io);
    if (!approved) return io ? kUsage : kBadInput;
  }
  Loader loader(rules_search(opt, argv0));
  // Every file is loaded and kept, good or bad: the outputs list them all,
  // in order; a bad file's errors went to stderr as it was loaded.
  std::vector<Loaded> loaded(opt.files.size());
  if (opt.quiet) loader.set_sink(print_errors_only);
  int code = kOk;
  for (std::size_t i = 0; i < opt.files.size(); ++i) {
    const int rc = loader.load(opt.files[i], loaded[i]);
    if (rc != kOk && code != kUsage) code = rc;
  }
  if (approved) {
    for (auto& l : loaded) {
      if (l.project() != nullptr && !l.failed) {
        l.project()->score.diagnostics.append(check_against_approved(l.project()->project, *approved));
      }
    }
  }
  // Project files attached to a department are inputs too.
  for (const auto& l : loaded) {
    if (!l.department() || opt.output.empty()) continue;
    for (const auto& p : l.department()->projects) {
      if (same_file(p.file, opt.output)) {
        std::cerr << "jixiao: 错误: 输出文件不能覆盖输入文件：" << opt.output << "\n";
        return kUsage;
      }
    }
  }
  if (validate_only && opt.json) {
    // The per-file objects of score --json without scores; errors are also on stderr.
    std::vector<reports::ScoredFile> files;
    for (const auto& l : loaded) files.push_back(json_entry(l));
    std::cout << reports::to_validation_json(files);
    return code;
  }
  if (validate_only) {
    for (const auto& l : loaded) {
      if (l.failed) {
        // Its errors are on stderr; its attached projects' warnings still belong to the run.
        if (l.department() && !opt.quiet) std::cout << attached_warnings(*l.department());
        continue;
      }
      const std::string& file = l.department() ? l.department()->file : l.project()->file;
      const Diagnostics& d = l.department() ? l.department()->score.core.diagnostics : l.project()->score.diagnostics;
      const auto warnings = d.items().size();
      std::cout << file << ": 通过" << (warnings ? "（" + std::to_string(warnings) + " 条警告）" : "") << "\n";
      if (!opt.quiet) {
        for (const Diagnostic& x : d.sorted()) std::cout << format_diagnostic(file, x) << "\n";
        if (l.department()) std::cout << attached_warnings(*l.department());
      }
    }
    std::cerr << failed_summary(loaded);
    return code;
  }
  if (opt.json) {
    // Always the whole array, bad files included (total null, errors).
    std::vector<reports::ScoredFile> files;
    for (const auto& l : loaded) files.push_back(json_entry(l));
    std::cout << reports::to_json(files);
  } else if (!opt.quiet) {
    bool first = true;
    for (const Loaded& l : loaded) {
      if (l.failed) {
        // Its errors are on stderr; its attached projects' warnings still belong to the run.
        if (l.department() && !l.department()->projects.empty()) {
          if (!first) std::cout << "\n";
          first = false;
          std::cout << attached_warnings(*l.department());
        }
        continue;
      }
      if (!first) std::cout << "\n";
      first = false;
      if (l.department()) {
        std::cout << terminal_report(l.department()->file, l.department()->department, l.department()->score,
                                     *l.department()->rules)
                  << attached_warnings(*l.department());
      } else {
        std::cout << terminal_report(l.project()->file, l.project()->project, l.project()->score, *l.project()->rules);
      }
    }
  }
  std::cerr << failed_summary(loaded);
  if (code != kOk) {
    // The workbook rule: nothing is written when any input has errors.
    if (!opt.output.empty()) std::cerr << "jixiao: 输入有错误，未写出 " << opt.output << "\n";
    return code;
  }
  if (!opt.output.empty()) {
    write_workbook(opt.output, loaded);  // throws: run()'s one error path (exit 2)
    spdlog::info("已写出 {}", opt.output);
  }
  return kOk;
}

// `jixiao init department`: copies an annotated template to start from.
int cmd_init(const Options& opt, const std::string& argv0) {
  if (opt.init_kind != "department" && opt.init_kind != "project") {
    std::cerr << "jixiao: 错误: init 只支持 department 或 project\n";
    return kUsage;
  }
  const std::string name = opt.init_kind == "project" ? "project" : opt.template_name;
  const std::optional<fs::path> path = find_data("templates", name + ".yaml", opt.rules_dir, argv0);
  if (!path) {
    std::cerr << "jixiao: 错误: 找不到模板“" << name
              << "”\n  提示: 模板在 indicators/templates/ 下，如 dept-common、dept-hunan\n";
    return kUsage;
  }
  std::string err;
  auto text = read_file(*path, err);
  if (!text) {
    std::cerr << "jixiao: 错误: 无法读取模板 " << path->string() << "：" << err << "\n";
    return kUsage;
  }
  if (opt.output.empty()) {
    std::cout << *text;
    return kOk;
  }
  std::error_code ec;
  if (fs::exists(opt.output, ec)) {
    std::cerr << "jixiao: 错误: " << opt.output << " 已存在，不会覆盖\n";
    return kUsage;
  }
  write_text_atomically(opt.output, *text);
  if (opt.quiet) return kOk;
  std::cerr << "已写出 " << opt.output << "（模板 " << name << "），"
            << (opt.init_kind == "project" ? "填写指标、目标值、实际完成值和资金数"
                                           : "把 facts 中的示例值换成本部门决算数")
            << "后运行 jixiao score " << opt.output << "\n";
  return kOk;
}

// `jixiao --version`: the program and every rule set it would find.
int print_version(const std::string& argv0) {
  std::cout << "jixiao " << JIXIAO_VERSION << "\n";
  const auto search = data_search("rules", "", argv0);
  std::cout << "规则集（查找顺序：" << (search.empty() ? std::string("无") : "");
  for (std::size_t i = 0; i < search.size(); ++i) std::cout << (i ? "、" : "") << search[i].string();
  std::cout << "）：\n";
  std::set<std::string> seen;
  for (const auto& dir : search) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".yaml") files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      // The first folder that has an id wins, as in rule-set lookup.
      if (!seen.insert(f.stem().string()).second) continue;
      std::string err;
      const auto text = read_file(f, err);
      Diagnostics d;
      const auto rules = text ? load::load_rules(*text, d) : std::nullopt;
      if (!rules) {
        std::cout << "  " << f.stem().string() << "  （无法读取：" << f.string() << "）\n";
        continue;
      }
      std::cout << "  " << rules->id << "  版本 " << (rules->version.empty() ? "未标注" : rules->version) << "  "
                << rules->name << "\n";
    }
  }
  if (seen.empty()) std::cout << "  （未找到规则集；用 --rules-dir 或 JIXIAO_RULES_DIR 指定）\n";
  return kOk;
}

// Names the first argument CLI11 could not place: an unknown option of the
// subcommand (with the nearest known one), or a stray extra argument.
std::string explain_extra(const CLI::App& app, int argc, char** argv) {
  const CLI::App* sub = nullptr;
  int i = 1;
  for (; i < argc && sub == nullptr; ++i) {
    for (const CLI::App* s : app.get_subcommands({})) {
      if (s->get_name() == argv[i]) sub = s;
    }
  }
  std::vector<std::string> known{"-h", "--help"};
  if (sub != nullptr) {
    for (const CLI::Option* o : sub->get_options({})) {
      for (const auto& n : o->get_lnames()) known.push_back("--" + n);
      for (const auto& n : o->get_snames()) known.push_back("-" + n);
    }
  }
  for (; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-' || (a[1] >= '0' && a[1] <= '9')) continue;
    if (const auto eq = a.find('='); eq != std::string::npos) a.resize(eq);
    if (std::find(known.begin(), known.end(), a) != known.end()) continue;
    std::string msg = "未知的选项“" + a + "”";
    if (const auto near = closest_word(a, known)) msg += "，是否想用 " + *near + "？";
    return msg;
  }
  return "";
}

const std::vector<std::string> kSubcommands{"score",   "validate", "goals",  "init",    "batch",
                                            "history", "import",   "review", "monitor", "serve"};

}  // namespace

int run(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("jixiao");
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);

  CLI::App app{"jixiao：预算绩效自评评分（财预〔2020〕10号）"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("jixiao ") + JIXIAO_VERSION);  // shown in --help; handled below
  Options opt;
  auto add_rules_and_logging = [&opt](CLI::App* sub) {
    sub->add_option("--rules-dir", opt.rules_dir, "规则集目录（默认 indicators/rules）");
    sub->add_flag("-q,--quiet", opt.quiet, "只输出错误");
    sub->add_flag("-v,--verbose", opt.verbose, "输出调试信息");
  };
  auto add_common = [&opt, &add_rules_and_logging](CLI::App* sub) {
    sub->add_option("files", opt.files, "自评文件（YAML：kind: project 或 kind: department）")->required();
    add_rules_and_logging(sub);
  };
  CLI::App* score = app.add_subcommand("score", "计算得分，输出表格、JSON 或自评表工作簿");
  add_common(score);
  score->add_option("-o,--output", opt.output, "写出自评表工作簿（.xlsx）");
  score->add_flag("--json", opt.json, "以 JSON 输出结果");
  score->add_option("--approved", opt.approved, "批复的绩效目标（申报时的 YAML 或 jixiao goals 写出的申报表 .xlsx），逐项核对指标值");
  CLI::App* validate = app.add_subcommand("validate", "只检查文件，报告全部错误和警告");
  add_common(validate);
  validate->add_flag("--json", opt.json, "以 JSON 输出每个文件的错误和警告（不评分）");
  validate->add_option("--stage", opt.stage, "year（默认，年终自评）或 goals（绩效目标申报表）")
      ->check(CLI::IsMember({"year", "goals"}));
  validate->add_option("--db", opt.db, "--stage goals：历史数据库，用于核对指标值是否低于上年实际");
  CLI::App* goals = app.add_subcommand("goals", "绩效目标申报：检查目标，输出申报表、JSON 或工作簿");
  add_common(goals);
  goals->add_option("-o,--output", opt.output, "写出项目支出绩效目标申报表工作簿（.xlsx）");
  goals->add_flag("--json", opt.json, "以 JSON 输出申报表内容、错误和警告");
  goals->add_option("--db", opt.db, "历史数据库，用于核对指标值是否低于上年实际");
  CLI::App* init = app.add_subcommand("init", "从模板生成带注释的起始文件");
  init->add_option("kind", opt.init_kind, "department 或 project")->required();
  init->add_option("--template", opt.template_name, "部门整体模板：dept-common（默认）或 dept-hunan");
  init->add_option("-o,--output", opt.output, "写到文件（默认输出到屏幕）");
  init->add_option("--rules-dir", opt.rules_dir, "规则集目录（模板在其旁边的 templates/ 中）");
  init->add_flag("-q,--quiet", opt.quiet, "只输出错误");
  CLI::App* batch = app.add_subcommand("batch", "财政部门批量复核：评分、排名、汇总一个或多个目录下的全部自评文件");
  batch->add_option("paths", opt.files, "目录或文件（目录下递归查找 .yaml/.yml）")->required();
  batch->add_option("-o,--output", opt.output, "写出汇总工作簿（.xlsx）");
  batch->add_option("--db", opt.db, "历史数据库（SQLite，不存在时创建）");
  batch->add_option("--tables", opt.tables_dir, "把每份自评表工作簿写到此目录");
  batch->add_option("-j,--jobs", opt.jobs, "并行线程数（默认：全部核心）");
  batch->add_option("--movers", opt.movers, "“变动较大”：得分较上年变动超过此分数的项目（默认 10）");
  batch->add_flag("--json", opt.json, "以 JSON 输出汇总");
  add_rules_and_logging(batch);
  CLI::App* history = app.add_subcommand("history", "查看历史数据库中各部门、项目的历年得分");
  history->add_option("--db", opt.db, "历史数据库（SQLite）")->required();
  history->add_option("--department", opt.department, "只看名称含此文字的主管部门");
  history->add_option("--project", opt.project, "只看名称含此文字的项目");
  history->add_option("-o,--output", opt.output, "导出到 .csv 或 .xlsx");
  history->add_flag("--json", opt.json, "以 JSON 输出");
  history->add_flag("-q,--quiet", opt.quiet, "只输出错误（--json 照常输出）");
  history->add_flag("--aggregates", opt.aggregates, "与 --json 合用：输出 {records, departments}，含各部门历年预算加权平均得分");
  CLI::App* import = app.add_subcommand("import", "读取自评表工作簿（.xlsx 或 .xls），写出项目自评 YAML 文件");
  import->add_option("files", opt.files, "自评表工作簿（.xlsx 或 .xls）")->required();
  import->add_option("-o,--output", opt.output, "写出的 YAML 文件（默认输出到屏幕）");
  import->add_option("--sheet", opt.sheet, "工作簿中有多张自评表时，导入这个工作表");
  import->add_flag("-q,--quiet", opt.quiet, "只输出错误");
  CLI::App* review = app.add_subcommand("review", "复核报送的自评表：按规则重算，逐行列出与自报得分的差异");
  review->add_option("files", opt.files, "自评表工作簿（.xlsx 或 .xls）")->required();
  review->add_option("-o,--output", opt.output, "写出复核结果工作簿（.xlsx）");
  review->add_flag("--json", opt.json, "以 JSON 输出复核结果");
  review->add_flag("-q,--quiet", opt.quiet, "只输出错误");
  CLI::App* monitor = app.add_subcommand("monitor", "运行监控：按月份的执行情况、预警灯色和执行监控表");
  monitor->add_option("files", opt.files, "项目文件（YAML，kind: project），含 monitor 监控数据")->required();
  add_rules_and_logging(monitor);
  monitor->add_option("--month", opt.month, "监控月份 1～12（7 表示 1-7月）")->required();
  monitor->add_option("-o,--output", opt.output, "写出项目支出绩效目标执行监控表（.xlsx）");
  monitor->add_flag("--json", opt.json, "以 JSON 输出灯色");
  CLI::App* serve = app.add_subcommand("serve", "启动本机网页服务：在浏览器中评分、复核、批量汇总、查看历年得分");
  serve->add_option("--host", opt.host, "监听地址（默认 127.0.0.1，仅本机可访问；其他地址需要访问令牌）");
  serve->add_option("--port", opt.port, "端口（默认 8080）");
  serve->add_option("--db", opt.db, "历史数据库（SQLite）：批量汇总记入其中，历年页从中读取");
  serve->add_option("--token", opt.token, "访问令牌（非本机地址时不给则自动生成）");
  serve->add_option("-j,--jobs", opt.jobs, "同时处理的请求数（默认 8）");
  serve->add_option("--rules-dir", opt.rules_dir, "规则集目录（默认 indicators/rules）");
  for (CLI::App* sub : {import, review}) {
    sub->add_option("--rules", opt.rules_name, "规则集（默认取表中注明的，否则 mof2020）");
    sub->add_option("--rules-dir", opt.rules_dir, "规则集目录（默认 indicators/rules）");
  }
  const std::string argv0 = argc > 0 ? argv[0] : "jixiao";
  if (argc == 2 && (std::string_view(argv[1]) == "--version" || std::string_view(argv[1]) == "-V")) {
    return print_version(argv0);
  }
  // The first word names the subcommand; a mistyped one is named, with the
  // nearest subcommand, instead of CLI11's "missing subcommand".
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(kSubcommands.begin(), kSubcommands.end(), argv[1]) == kSubcommands.end()) {
    std::string msg = std::string("未知的子命令“") + argv[1] + "”";
    if (const auto near = closest_word(argv[1], kSubcommands)) msg += "，是否想用 " + *near + "？";
    std::cerr
        << "jixiao: 错误: " << msg
        << "\n  提示: 子命令有 score、validate、goals、init、batch、history、import、review、monitor、serve；用 jixiao --help 查看用法\n";
    return kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      what = what.find("subcommand") != std::string::npos
                 ? "缺少子命令（score、validate、goals、init、batch、history、import、review、monitor 或 serve）"
             : what.find("kind") != std::string::npos ? "缺少要生成的类型（department 或 project）"
             : what.find("--db") != std::string::npos ? "缺少 --db 数据库文件"
             : what.find("--month") != std::string::npos ? "缺少 --month 监控月份（1～12）"
                                                      : "缺少输入文件";
    } else if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      what = explain_extra(app, argc, argv);
      if (what.empty()) {
        what = "无法识别的参数：" + std::string(e.what()).substr(std::string(e.what()).find(':') == std::string::npos
                                                                     ? 0
                                                                     : std::string(e.what()).find(':') + 1);
      }
    } else {
      what = "命令行参数有误（" + what + "）";
    }
    std::string sub = "score";
    for (int i = 1; i < argc; ++i) {
      if (std::find(kSubcommands.begin(), kSubcommands.end(), argv[i]) != kSubcommands.end()) {
        sub = argv[i];
        break;
      }
    }
    std::cerr << "jixiao: 错误: " << what << "\n  提示: 用 jixiao " << sub << " --help 查看用法\n";
    return kUsage;
  }
  spdlog::set_level(opt.verbose ? spdlog::level::debug : opt.quiet ? spdlog::level::warn : spdlog::level::info);
  try {
    if (init->parsed()) return cmd_init(opt, argv0);
    if (validate->parsed() && opt.stage != "goals" && !opt.db.empty()) {
      std::cerr << "jixiao: 错误: validate 的 --db 只与 --stage goals 一起用\n  提示: jixiao validate --stage goals "
                   "FILE --db jixiao.sqlite\n";
      return kUsage;
    }
    if (goals->parsed() || (validate->parsed() && opt.stage == "goals")) {
      GoalsOptions g;
      g.files = opt.files;
      g.output = goals->parsed() ? opt.output : "";
      g.db = opt.db;
      g.json = opt.json;
      g.quiet = opt.quiet;
      g.validate_only = validate->parsed();
      g.rules_search = rules_search(opt, argv0);
      return run_goals(g);
    }
    if (batch->parsed()) {
      BatchOptions b;
      b.paths = opt.files;
      b.output = opt.output;
      b.db = opt.db;
      b.tables_dir = opt.tables_dir;
      b.jobs = opt.jobs;
      b.json = opt.json;
      b.quiet = opt.quiet;
      const auto movers = Decimal::parse(opt.movers);
      if (!movers || movers->is_negative()) {
        std::cerr << "jixiao: 错误: --movers 应为不小于 0 的分数：" << opt.movers << "\n  提示: 如 --movers 10\n";
        return kUsage;
      }
      b.mover_threshold = *movers;
      b.rules_search = rules_search(opt, argv0);
      b.layout_search = data_search("layouts", opt.rules_dir, argv0);
      return run_batch(b);
    }
    if (history->parsed()) {
      return run_history({opt.db, opt.department, opt.project, opt.output, opt.json, opt.quiet, opt.aggregates});
    }
    if (monitor->parsed()) {
      return cmd_monitor({opt.files, opt.month, opt.output, opt.json, opt.quiet, rules_search(opt, argv0)});
    }
    if (serve->parsed()) {
      ServeOptions so;
      so.host = opt.host;
      so.port = opt.port;
      so.db = opt.db;
      so.token = opt.token;
      so.jobs = opt.jobs;
      so.rules_search = rules_search(opt, argv0);
      so.layout_search = data_search("layouts", opt.rules_dir, argv0);
      for (const char* kind : {"templates", "examples"}) {
        for (auto& dir : data_search(kind, opt.rules_dir, argv0)) so.download_dirs.push_back(std::move(dir));
      }
      return run_serve(so);
    }
    if (import->parsed() || review->parsed()) {
      const TableOptions t{opt.files, opt.output, opt.rules_name, opt.sheet, opt.json, opt.quiet};
      const auto search = rules_search(opt, argv0);
      const auto layouts = data_search("layouts", opt.rules_dir, argv0);
      return import->parsed() ? cmd_import(t, search, layouts) : cmd_review(t, search, layouts);
    }
    return cmd_score(opt, argv0, validate->parsed());
  } catch (const std::exception& e) {
    // The one error path of every subcommand: an I/O, database or workbook
    // error thrown anywhere below is printed here, once, and is exit 2.
    std::cerr << "jixiao: 错误: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace jx::cli
