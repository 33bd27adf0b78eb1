#include "cli/batch.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "cli/files.h"
#include "cli/loading.h"
#include "cli/workbook_output.h"
#include "engine/file_name.h"
#include "engine/findings.h"
#include "engine/hash.h"
#include "engine/summary.h"
#include "reports/summary_json.h"
#include "reports/summary_table.h"
#include "reports/workbook.h"
#include "store/history.h"

namespace fs = std::filesystem;

namespace jx::cli {

namespace {

bool is_yaml(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".yaml" || ext == ".yml";
}

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

struct Outcome {
  std::optional<SubmissionRow> row;
  std::optional<InvalidFile> invalid;
  std::unique_ptr<Loaded> loaded;  ///< kept for --tables only (a Loaded is ~2 KB even when empty)
};

SubmissionRow make_row(const std::string& file, const std::string& text, const Loaded& l, const Loader& loader) {
  SubmissionRow r;
  r.file = file;
  const ProjectScore* sc = nullptr;
  const RuleSet* rules = nullptr;
  if (l.department) {
    const LoadedDepartment& d = *l.department;
    r.department_wide = true;
    r.year = d.department.year;
    r.department = d.department.name;
    r.unit = d.department.name;
    r.declared = d.department.declared_score;
    sc = &d.score.core;
    rules = d.rules;
  } else {
    const LoadedProject& p = *l.project;
    r.year = p.project.year;
    r.department = p.project.department;
    r.unit = p.project.unit;
    r.project = p.project.name;
    r.declared = p.project.declared_score;
    sc = &p.score;
    rules = p.rules;
  }
  r.rules = rules->id;
  r.budget = sc->budget.budget;
  r.executed = sc->budget.executed;
  r.rate = sc->budget.rate;
  r.budget_score = sc->budget.score;
  for (const ScoredNode& n : sc->tree) r.levels.push_back({n.name, n.weight, n.score});
  r.total = sc->total;
  r.grade = sc->grade;
  r.findings = find_findings(*sc, *rules);
  Fingerprint fp;
  fp.add(text);
  fp.add(loader.rules_fingerprint(rules));
  fp.add(r.total.to_string(2));
  r.hash = fp.hex();
  return r;
}

/// Loads and scores file `i` into `out`. Never throws.
/// What a loader reported for the file being processed: errors, then warnings.
struct Reported {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
  void clear() {
    errors.clear();
    warnings.clear();
  }
};

InvalidFile invalid_file(const std::string& file, const Reported& r) {
  InvalidFile f{file, r.errors, static_cast<int>(r.errors.size())};
  f.messages.insert(f.messages.end(), r.warnings.begin(), r.warnings.end());
  return f;
}

void process(const std::string& file, Loader& loader, Reported& messages, bool keep, Outcome& out) {
  messages.clear();
  try {
    std::string err;
    auto text = read_file(file, err);
    if (!text) {
      out.invalid = InvalidFile{file, {file + ": 错误: " + err}, 1};
      return;
    }
    Loaded l;
    if (loader.load_text(file, *text, l) != kOk) {
      if (messages.errors.empty()) messages.errors.push_back(file + ": 错误: 无法评分");
      out.invalid = invalid_file(file, messages);
      return;
    }
    out.row = make_row(file, *text, l, loader);
    if (keep) out.loaded = std::make_unique<Loaded>(std::move(l));
  } catch (const std::exception& e) {
    out.row.reset();
    out.invalid = InvalidFile{file, {file + ": 错误: 处理时出错：" + std::string(e.what())}, 1};
  }
}

/// Runs `work(thread, i)` for i in [0, n) on `jobs` threads (the calling
/// thread is thread 0); `tick` is called on the calling thread about ten
/// times a second, and once at the end, with the number done.
template <typename Work, typename Tick>
void parallel_for(std::size_t n, unsigned jobs, Work work, Tick tick) {
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto worker = [&](unsigned id) {
    auto last_tick = std::chrono::steady_clock::now();
    for (std::size_t i = next++; i < n; i = next++) {
      work(id, i);
      ++done;
      // The calling thread (id 0) reports progress between its items.
      if (id == 0 && std::chrono::steady_clock::now() - last_tick >= std::chrono::milliseconds(100)) {
        tick(done.load());
        last_tick = std::chrono::steady_clock::now();
      }
    }
  };
  std::vector<std::thread> threads;
  const unsigned count = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(std::max<std::size_t>(n, 1))));
  for (unsigned t = 1; t < count; ++t) threads.emplace_back(worker, t);
  worker(0);
  for (auto& t : threads) t.join();
  tick(done.load());
}

class Progress {
 public:
  Progress(std::string what, std::size_t total, bool on)
      : what_(std::move(what)),
        total_(total),
        on_(on && isatty(STDERR_FILENO) != 0 && total > 0),
        start_(std::chrono::steady_clock::now()) {}
  void operator()(std::size_t done) {
    if (!on_) return;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
    std::fprintf(stderr, "\r%s %zu/%zu，每秒 %.0f 个，约剩 %.0f 秒   ", what_.c_str(), done, total_, rate, left);
    if (done == total_) std::fputs("\n", stderr);
    std::fflush(stderr);
  }

 private:
  std::string what_;
  std::size_t total_;
  bool on_;
  std::chrono::steady_clock::time_point start_;
};

/// One file name per kept outcome, in outcome order: 主管部门_项目名称.xlsx,
/// numbered "(2)", "(3)"… when taken already (engine/file_name.h).
std::vector<std::string> table_names(const std::vector<Outcome>& outcomes) {
  std::vector<std::string> names(outcomes.size());
  FileNames taken;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].loaded) continue;
    const SubmissionRow& r = *outcomes[i].row;
    names[i] = taken.take(r.department + "_" + (r.department_wide ? "部门整体支出" : r.project)) + ".xlsx";
  }
  return names;
}

std::string text_summary(const BatchSummary& s) {
  std::string out = reports::summary_title(s) + "\n";
  out += "文件 " + std::to_string(s.files) + " 个：已评分 " + std::to_string(s.rows.size()) + "，无效 " +
         std::to_string(s.invalid.size()) + "\n";
  std::string grades;
  for (const auto& g : s.grade_order) {
    const auto it = s.grade_counts.find(g);
    grades += (grades.empty() ? "" : "，") + g + " " + std::to_string(it == s.grade_counts.end() ? 0 : it->second);
  }
  out += "项目等级：" + (grades.empty() ? std::string("（无）") : grades) + "\n";
  std::map<std::string, int> counts;
  for (const auto& r : s.rows) {
    for (const auto& f : r.findings) ++counts[f.code];
  }
  std::string findings;
  for (const auto& k : kFindingKinds) {
    const auto it = counts.find(std::string(k.code));
    if (it != counts.end())
      findings += (findings.empty() ? "" : "，") + std::string(k.label) + " " + std::to_string(it->second);
  }
  out += "问题：" + (findings.empty() ? std::string("（无）") : findings) + "\n";
  const std::size_t shown = std::min<std::size_t>(s.departments.size(), 10);
  if (shown > 0) out += "按部门（加权平均得分，前 " + std::to_string(shown) + " 个）：\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& d = s.departments[i];
    out += "  " + d.name + "  " + (d.projects ? d.weighted_mean.to_string(2) : std::string("—")) + "（" +
           std::to_string(d.projects) + " 个项目）";
    if (d.department_total) out += "  部门整体 " + d.department_total->to_string(2) + " " + d.department_grade;
    out += "\n";
  }
  for (const auto& f : s.invalid) out += "无效：" + f.file + "\n";
  return out;
}

}  // namespace

std::vector<std::string> find_submissions(const std::vector<std::string>& paths, std::vector<std::string>& missing) {
  std::vector<std::string> files;
  for (const auto& p : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(p, ec);
    if (fs::is_regular_file(st)) {
      files.push_back(fs::path(p).lexically_normal().string());
    } else if (fs::is_directory(st)) {
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (hidden(it->path())) {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && is_yaml(it->path())) files.push_back(it->path().lexically_normal().string());
      }
      if (ec) missing.push_back(p + "（" + ec.message() + "）");
    } else {
      missing.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

int run_batch(const BatchOptions& opt) {
  // Phase timings for -v (where the time goes; see bench/RESULTS.md).
  using Clock = std::chrono::steady_clock;
  auto phase_start = Clock::now();
  auto phase_done = [&phase_start](const char* what) {
    const auto now = Clock::now();
    spdlog::debug("{}：{:.3f} 秒", what, std::chrono::duration<double>(now - phase_start).count());
    phase_start = now;
  };
  std::vector<std::string> missing;
  const std::vector<std::string> files = find_submissions(opt.paths, missing);
  phase_done("查找文件");
  for (const auto& m : missing) std::cerr << "jixiao: 错误: 找不到 " << m << "\n";
  if (!missing.empty()) return kUsage;
  if (files.empty()) {
    std::cerr << "jixiao: 错误: 没有找到自评文件（*.yaml）\n  提示: batch 在给定目录下递归查找 .yaml/.yml 文件\n";
    return kUsage;
  }
  // Files found in folders are .yaml / .yml, so only the paths named on the
  // command line can be the .xlsx output.
  if (!opt.output.empty() && !usable_output(opt.output, opt.paths, {".xlsx"})) return kUsage;
  std::optional<store::History> history;
  if (!opt.db.empty()) {
    try {
      history.emplace(opt.db);
    } catch (const std::exception& e) {
      std::cerr << "jixiao: 错误: " << e.what() << "\n";
      return kUsage;
    }
  }
  const unsigned jobs = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  spdlog::info("共 {} 个文件，{} 个线程", files.size(), jobs);

  // Phase 1: load and score.
  std::vector<Outcome> outcomes(files.size());
  const bool keep = !opt.tables_dir.empty();
  std::vector<std::unique_ptr<Loader>> loaders;
  std::vector<Reported> messages(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    loaders.push_back(std::make_unique<Loader>(opt.rules_search));
    auto* sink = &messages[t];
    loaders.back()->set_sink([sink](const std::string& file, const Diagnostics& d) {
      for (const Diagnostic& x : d.sorted()) {
        (x.severity == Severity::Error ? sink->errors : sink->warnings).push_back(format_diagnostic(file, x));
      }
    });
  }
  Progress progress("评分", files.size(), opt.progress && !opt.quiet);
  parallel_for(
      files.size(), jobs,
      [&](unsigned t, std::size_t i) { process(files[i], *loaders[t], messages[t], keep, outcomes[i]); },
      [&](std::size_t done) { progress(done); });

  phase_done("读取、校验、评分");

  // Phase 2: each submission's own table, named in file order.
  if (keep) {
    std::error_code ec;
    fs::create_directories(opt.tables_dir, ec);
    if (ec || !fs::is_directory(opt.tables_dir, ec)) {
      std::cerr << "jixiao: 错误: 无法创建目录 " << opt.tables_dir << "\n";
      return kUsage;
    }
    const auto names = table_names(outcomes);
    std::vector<std::string> failures(outcomes.size());
    Progress table_progress("写自评表", outcomes.size(), opt.progress && !opt.quiet);
    parallel_for(
        outcomes.size(), jobs,
        [&](unsigned, std::size_t i) {
          if (!outcomes[i].loaded) return;
          try {
            write_workbook((fs::path(opt.tables_dir) / names[i]).string(), {*outcomes[i].loaded});
          } catch (const std::exception& e) {
            failures[i] = e.what();
          }
          outcomes[i].loaded.reset();
        },
        [&](std::size_t done) { table_progress(done); });
    for (std::size_t i = 0; i < failures.size(); ++i) {
      if (!failures[i].empty()) {
        std::cerr << "jixiao: 错误: 无法写出 " << names[i] << "：" << failures[i] << "\n";
        return kUsage;
      }
    }
    spdlog::info("已写出各单位自评表到 {}", opt.tables_dir);
  }

  // Phase 3: the summary, with last year's scores.
  std::vector<SubmissionRow> rows;
  std::vector<InvalidFile> invalid;
  for (auto& o : outcomes) {
    if (o.row) rows.push_back(std::move(*o.row));
    if (o.invalid) invalid.push_back(std::move(*o.invalid));
  }
  outcomes.clear();
  outcomes.shrink_to_fit();
  std::map<std::pair<std::string, int>, Decimal> in_run;
  for (const auto& r : rows) in_run.emplace(std::make_pair(history_key(r), r.year), r.total);
  try {
    for (auto& r : rows) {
      if (auto it = in_run.find({history_key(r), r.year - 1}); it != in_run.end()) {
        r.prior_total = it->second;
      } else if (history) {
        r.prior_total = history->prior_total(r);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "jixiao: 错误: " << e.what() << "\n";
    return kUsage;
  }
  // Grade names best first, from the rule sets used, taken in id order.
  std::map<std::string, const RuleSet*> used;
  for (const auto& l : loaders) {
    for (const RuleSet* r : l->rule_sets()) used.emplace(r->id, r);
  }
  std::vector<std::string> grade_order;
  for (const auto& [id, r] : used) {
    for (const auto& g : r->grades) {
      if (std::find(grade_order.begin(), grade_order.end(), g.name) == grade_order.end()) grade_order.push_back(g.name);
    }
  }
  const BatchSummary summary = summarize(std::move(rows), std::move(invalid), grade_order);
  phase_done("排名、汇总、历史得分");

  // Outputs: the workbook is renamed into place only after the database
  // transaction has committed, so a failure leaves both as they were.
  int added = -1;
  try {
    auto record = [&] {
      if (history) added = history->record(summary.rows);
    };
    if (!opt.output.empty()) {
      write_atomically(opt.output, [&](const std::string& tmp) {
        xlsx::Workbook wb(tmp, /*stream_rows=*/true);  // flat memory for any number of rows
        wb.properties(reports::summary_title(summary), "绩效自评汇总",
                      summary.rows.empty() ? 0 : summary.rows.front().year);
        reports::write_summary(wb, summary);
        wb.close();
        record();
      });
      phase_done("写汇总工作簿");
      spdlog::info("已写出 {}", opt.output);
    } else {
      record();
    }
  } catch (const std::exception& e) {
    std::cerr << "jixiao: 错误: " << e.what() << "\n";
    return kUsage;
  }
  if (history) spdlog::info("历史数据库 {}：新增 {} 条记录（已有的不重复记录）", opt.db, added);

  if (opt.json) {
    std::cout << reports::summary_json(summary);
  } else if (!opt.quiet) {
    std::cout << text_summary(summary);
  }
  for (const auto& f : summary.invalid) {
    const std::string& first = f.messages.front();
    const std::size_t cut = first.find("\n  提示:");
    spdlog::warn("无效，未评分（{} 条错误，全部见“无效文件”）：{}", f.errors, first.substr(0, cut));
  }
  return summary.invalid.empty() ? kOk : kBadInput;
}

}  // namespace jx::cli
