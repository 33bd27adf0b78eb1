#include "cli/app.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>

#include "cli/files.h"
#include "cli/terminal_report.h"
#include "engine/load/project_loader.h"
#include "engine/load/rules_loader.h"
#include "engine/score.h"
#include "engine/text.h"
#include "reports/json_report.h"
#include "reports/project_table.h"
#include "reports/workbook.h"

namespace fs = std::filesystem;

namespace jx::cli {
namespace {

constexpr int kOk = 0;
constexpr int kBadInput = 1;
constexpr int kUsage = 2;

struct Options {
  std::vector<std::string> files;
  std::string output;
  bool json = false;
  std::string rules_dir;
  bool quiet = false;
  bool verbose = false;
};

struct Loaded {
  std::string file;
  Project project;
  const RuleSet* rules = nullptr;
  ProjectScore score;
};

void print_diagnostics(const std::string& file, const Diagnostics& d) {
  for (const Diagnostic& x : d.sorted()) std::cerr << format_diagnostic(file, x) << "\n";
}

class Runner {
 public:
  Runner(const Options& opt, const std::string& argv0) : opt_(opt) {
    if (!opt.rules_dir.empty()) search_.emplace_back(opt.rules_dir);
    for (auto& d : default_rules_search(argv0)) search_.push_back(std::move(d));
  }

  // Loads and scores every file; reports diagnostics. Returns the exit code
  // so far (0 when all files scored).
  int load_all(std::vector<Loaded>& out) {
    int code = kOk;
    for (const auto& file : opt_.files) {
      std::string err;
      auto text = read_file(file, err);
      if (!text) {
        std::cerr << file << ": 错误: " << err << "\n";
        code = kUsage;
        continue;
      }
      Diagnostics diags;
      auto project = load::load_project(*text, diags);
      const RuleSet* rules = nullptr;
      if (project && !project->rules.empty()) rules = resolve_rules(file, *project, diags);
      Loaded l{file, project ? std::move(*project) : Project{}, rules, {}};
      if (project && rules != nullptr) {
        l.score = score_project(l.project, *rules);
        diags.append(l.score.diagnostics);
        l.score.diagnostics = diags;
      }
      if (diags.has_errors() || !project || rules == nullptr) {
        print_diagnostics(file, diags);
        if (code == kOk) code = kBadInput;
        const auto n = std::count_if(diags.items().begin(), diags.items().end(),
                                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
        spdlog::debug("{}: {} 个错误", file, n);
        continue;
      }
      out.push_back(std::move(l));
    }
    return code;
  }

 private:
  const RuleSet* resolve_rules(const std::string& file, const Project& p, Diagnostics& diags) {
    const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
    auto path = find_rules(p.rules, dir, search_);
    if (!path) {
      const auto ids = available_rules(search_);
      std::string hint;
      std::size_t best = 3;
      for (const auto& id : ids) {
        const std::size_t d = edit_distance(p.rules, id);
        if (d < best) {
          best = d;
          hint = "是否为“" + id + "”？";
        }
      }
      if (hint.empty()) {
        for (const auto& id : ids) hint += (hint.empty() ? "可用的规则集：" : "、") + id;
        if (ids.empty()) hint = "未找到任何规则集目录；用 --rules-dir 指定 indicators/rules";
      }
      diags.error(p.rules_loc, "unknown-rules", "找不到规则集“" + p.rules + "”", hint);
      return nullptr;
    }
    std::error_code ec;
    const std::string key = fs::weakly_canonical(*path, ec).string();
    if (auto it = cache_.find(key); it != cache_.end()) return it->second.get();
    std::string err;
    auto text = read_file(*path, err);
    if (!text) {
      diags.error(p.rules_loc, "rules-unreadable", "无法读取规则集 " + path->string() + "：" + err);
      return nullptr;
    }
    Diagnostics rd;
    auto rules = load::load_rules(*text, rd);
    if (!rules) {
      print_diagnostics(path->string(), rd);
      diags.error(p.rules_loc, "bad-rules", "规则集文件 " + path->string() + " 有错误（见上）");
      return nullptr;
    }
    spdlog::debug("规则集 {} 读自 {}", rules->id, path->string());
    auto owned = std::make_unique<RuleSet>(std::move(*rules));
    const RuleSet* raw = owned.get();
    cache_.emplace(key, std::move(owned));
    return raw;
  }

  const Options& opt_;
  std::vector<fs::path> search_;
  std::map<std::string, std::unique_ptr<RuleSet>> cache_;
};

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
  return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

int cmd_score(const Options& opt, const std::string& argv0, bool validate_only) {
  if (!opt.output.empty()) {
    if (fs::path(opt.output).extension() != ".xlsx") {
      std::cerr << "jixiao: 错误: 输出文件应以 .xlsx 结尾：" << opt.output << "\n";
      return kUsage;
    }
    for (const auto& f : opt.files) {
      if (same_file(f, opt.output)) {
        std::cerr << "jixiao: 错误: 输出文件不能覆盖输入文件：" << opt.output << "\n";
        return kUsage;
      }
    }
  }
  Runner runner(opt, argv0);
  std::vector<Loaded> loaded;
  const int code = runner.load_all(loaded);
  if (code != kOk) {
    if (!opt.output.empty()) std::cerr << "jixiao: 输入有错误，未写出 " << opt.output << "\n";
    return code;
  }
  if (validate_only) {
    for (const auto& l : loaded) {
      const auto warnings = l.score.diagnostics.items().size();
      std::cout << l.file << ": 通过" << (warnings ? "（" + std::to_string(warnings) + " 条警告）" : "") << "\n";
      if (!opt.quiet) {
        for (const Diagnostic& d : l.score.diagnostics.sorted()) std::cout << format_diagnostic(l.file, d) << "\n";
      }
    }
    return kOk;
  }
  if (opt.json) {
    std::vector<reports::ScoredFile> files;
    for (const auto& l : loaded) files.push_back({l.file, &l.project, l.rules, &l.score});
    std::cout << reports::to_json(files);
  } else if (!opt.quiet) {
    for (std::size_t i = 0; i < loaded.size(); ++i) {
      if (i) std::cout << "\n";
      std::cout << terminal_report(loaded[i].file, loaded[i].project, loaded[i].score, *loaded[i].rules);
    }
  }
  if (!opt.output.empty()) {
    try {
      write_atomically(opt.output, [&](const std::string& tmp) {
        xlsx::Workbook wb(tmp);
        const Loaded& first = loaded.front();
        wb.properties(loaded.size() == 1 ? first.project.name + " 项目支出绩效自评表" : "项目支出绩效自评表",
                      first.project.department, first.project.year);
        for (const auto& l : loaded) reports::write_project_table(wb, l.project, l.score, *l.rules);
        wb.close();
      });
    } catch (const std::exception& e) {
      std::cerr << "jixiao: 错误: " << e.what() << "\n";
      return kUsage;
    }
    spdlog::info("已写出 {}", opt.output);
  }
  return kOk;
}

}  // namespace

int run(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("jixiao");
  logger->set_pattern("%v");
  spdlog::set_default_logger(logger);

  CLI::App app{"jixiao：预算绩效自评评分（财预〔2020〕10号）"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "jixiao 0.1.0");
  Options opt;
  auto add_common = [&opt](CLI::App* sub) {
    sub->add_option("files", opt.files, "自评文件（YAML）")->required();
    sub->add_option("--rules-dir", opt.rules_dir, "规则集目录（默认 indicators/rules）");
    sub->add_flag("-q,--quiet", opt.quiet, "只输出错误");
    sub->add_flag("-v,--verbose", opt.verbose, "输出调试信息");
  };
  CLI::App* score = app.add_subcommand("score", "计算得分，输出表格、JSON 或自评表工作簿");
  add_common(score);
  score->add_option("-o,--output", opt.output, "写出项目支出绩效自评表（.xlsx）");
  score->add_flag("--json", opt.json, "以 JSON 输出结果");
  CLI::App* validate = app.add_subcommand("validate", "只检查文件，报告全部错误和警告");
  add_common(validate);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      what = what.find("subcommand") != std::string::npos ? "缺少子命令（score 或 validate）" : "缺少输入文件";
    } else if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
      what = "无法识别的参数：" + what.substr(what.find(':') == std::string::npos ? 0 : what.find(':') + 1);
    } else {
      what = "命令行参数有误（" + what + "）";
    }
    std::cerr << "jixiao: 错误: " << what << "\n  提示: 用 jixiao --help 或 jixiao score --help 查看用法\n";
    return kUsage;
  }
  spdlog::set_level(opt.verbose ? spdlog::level::debug : opt.quiet ? spdlog::level::warn : spdlog::level::info);
  try {
    return cmd_score(opt, argc > 0 ? argv[0] : "jixiao", validate->parsed());
  } catch (const std::exception& e) {
    std::cerr << "jixiao: 错误: " << e.what() << "\n";
    return kUsage;
  }
}

}  // namespace jx::cli
