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
#include "cli/workbook_input.h"
#include "cli/workbook_output.h"
#include "engine/file_name.h"
#include "engine/findings.h"
#include "engine/hash.h"
#include "engine/summary.h"
#include "reports/workbook_file.h"
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

/// Hidden files, and the lock files Excel and WPS leave beside an open workbook ("~$表.xlsx").
bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && (name[0] == '.' || name.rfind("~$", 0) == 0);
}

struct Outcome {
  std::optional<SubmissionRow> row;
  std::optional<InvalidFile> invalid;
  std::unique_ptr<Loaded> loaded;     ///< kept for --tables only (a Loaded is ~2 KB even when empty)
  std::vector<std::string> attached;  ///< project files a department file read besides itself
  WorkbookSubmissions tables;         ///< a workbook: one row per table, one line per refusal
};

SubmissionRow make_row(const std::string& file, const std::string& text, const Loaded& l, const Loader& loader) {
  SubmissionRow r;
  r.file = file;
  const ProjectScore* sc = nullptr;
  const RuleSet* rules = nullptr;
  if (l.department()) {
    const LoadedDepartment& d = *l.department();
    r.department_wide = true;
    r.year = d.department.year;
    r.department = d.department.name;
    r.unit = d.department.name;
    r.declared = d.department.declared_score;
    sc = &d.score.core;
    rules = d.rules;
  } else {
    const LoadedProject& p = *l.project();
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
  std::string cause;  ///< code of the first error
  void clear() {
    errors.clear();
    warnings.clear();
    cause.clear();
  }
};

InvalidFile invalid_file(const std::string& file, const Reported& r, std::string_view text) {
  InvalidFile f{file, r.errors, static_cast<int>(r.errors.size())};
  f.messages.insert(f.messages.end(), r.warnings.begin(), r.warnings.end());
  f.cause = r.cause;
  const SubmissionIdentity id = peek_identity(text);
  f.year = id.year;
  f.department = id.department;
  f.project = id.department_wide ? "" : id.project;
  return f;
}

void process(const std::string& file, const FileReader& read, Loader& loader, Reported& messages, bool keep,
             Outcome& out) {
  messages.clear();
  try {
    std::string err;
    auto text = read(file, err);
    if (!text) {
      out.invalid = InvalidFile{file, {file + ": 错误: " + err}, 1};
      out.invalid->cause = "unreadable";
      return;
    }
    Loaded l;
    if (loader.load_text(file, *text, l) != kOk) {
      if (messages.errors.empty()) messages.errors.push_back(file + ": 错误: 无法评分");
      out.invalid = invalid_file(file, messages, *text);
      return;
    }
    out.row = make_row(file, *text, l, loader);
    if (l.department()) {
      for (const auto& p : l.department()->projects) out.attached.push_back(p.file);
    }
    // Validation covers what the history database checks; this keeps a row
    // the database would refuse from ever reaching it (a bad file never
    // stops a batch).
    if (const std::string why = store::unstorable(*out.row); !why.empty()) {
      out.row.reset();
      messages.errors.push_back(file + ": 错误: " + why + "\n  提示: 写四位年份，如 2022");
      messages.cause = "bad-year";
      out.invalid = invalid_file(file, messages, *text);
      return;
    }
    if (keep) out.loaded = std::make_unique<Loaded>(std::move(l));
  } catch (const std::exception& e) {
    out.row.reset();
    out.invalid = InvalidFile{file, {file + ": 错误: 处理时出错：" + std::string(e.what())}, 1};
    out.invalid->cause = "internal";
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

/// One file name per kept outcome, in outcome order: 年度_主管部门_项目名称.xlsx,
/// numbered "(2)", "(3)"… when taken already (engine/file_name.h).
std::vector<std::string> table_names(const std::vector<Outcome>& outcomes) {
  std::vector<std::string> names(outcomes.size());
  FileNames taken;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].loaded) continue;
    const SubmissionRow& r = *outcomes[i].row;
    names[i] = taken.take(std::to_string(r.year) + "_" + r.department + "_" +
                          (r.department_wide ? "部门整体支出" : r.project)) +
               ".xlsx";
  }
  return names;
}

std::string signed2(Decimal d) {
  std::string s = d.to_string(2);
  if (!d.is_negative()) s.insert(s.begin(), '+');
  return s;
}

/// "89.50（上年 88.00，+1.50）" or "89.50（上年无数据）".
std::string with_prior(Decimal now, bool has_prior, Decimal prior) {
  if (!has_prior) return now.to_string(2) + "（上年无数据）";
  return now.to_string(2) + "（上年 " + prior.to_string(2) + "，" + signed2(now - prior) + "）";
}

std::string department_line(const DepartmentSummary& d) {
  std::string out = "  " + std::to_string(d.rank) + ". " + d.name + "  " + d.weighted_mean.to_string(2);
  if (d.prior_weighted_mean) out += "（较上年 " + signed2(d.weighted_mean - *d.prior_weighted_mean) + "）";
  out += "  " + std::to_string(d.projects) + " 个项目";
  if (d.invalid > 0) out += "，无效 " + std::to_string(d.invalid);
  if (d.department_total) out += "  部门整体 " + d.department_total->to_string(2) + " " + d.department_grade;
  return out + "\n";
}

std::string text_summary(const BatchSummary& s) {
  const Overview& o = s.overview;
  std::string out = reports::summary_title(s) + "\n";
  out += "收到 " + std::to_string(o.received) + " 份：已评分 " + std::to_string(o.scored) + "（项目 " +
         std::to_string(o.projects) + "），无效 " + std::to_string(o.invalid) + "\n";
  if (o.projects > 0) {
    out += "平均得分 " + with_prior(o.mean, o.has_prior, o.prior_mean) + "；预算加权平均 " +
           with_prior(o.weighted_mean, o.has_prior, o.prior_weighted_mean) + "\n";
  }
  out += "预算 " + o.budget.to_string(2) + " 万元，执行 " + o.executed.to_string(2) + " 万元，执行率 " +
         (o.rate ? percent_text(*o.rate) : std::string("—")) + "\n";
  std::string grades;
  for (const auto& g : s.grade_order) {
    const auto it = s.grade_counts.find(g);
    grades += (grades.empty() ? "" : "，") + g + " " + std::to_string(it == s.grade_counts.end() ? 0 : it->second);
    if (o.has_prior) {
      const auto p = o.prior_grade_counts.find(g);
      grades += "（上年 " + std::to_string(p == o.prior_grade_counts.end() ? 0 : p->second) + "）";
    }
  }
  out += "项目等级：" + (grades.empty() ? std::string("（无）") : grades) + "\n";
  std::string findings;
  for (const auto& f : o.findings) {
    if (f.findings == 0) continue;
    findings += (findings.empty() ? "" : "，") + std::string(finding_kind_label(f.code)) + " " +
                std::to_string(f.projects) + " 个项目/" + std::to_string(f.departments) + " 个部门";
  }
  out += "问题：" + (findings.empty() ? std::string("（无）") : findings) + "\n";
  std::string causes;
  for (const auto& f : o.causes) {
    if (f.findings == 0) continue;
    causes += (causes.empty() ? "" : "，") + reports::cause_label(f.code) + " " + std::to_string(f.findings) + " 份";
  }
  if (!causes.empty()) out += "退回原因：" + causes + "\n";
  std::vector<const DepartmentSummary*> ranked;
  for (const auto& d : s.departments) {
    if (d.projects > 0) ranked.push_back(&d);
  }
  constexpr std::size_t kShown = 5;
  if (!ranked.empty()) {
    out += "按部门（预算加权平均得分，共 " + std::to_string(ranked.size()) + " 个）：\n";
    if (ranked.size() <= 2 * kShown) {
      for (const auto* d : ranked) out += department_line(*d);
    } else {
      out += " 前 " + std::to_string(kShown) + " 名：\n";
      for (std::size_t i = 0; i < kShown; ++i) out += department_line(*ranked[i]);
      out += " 后 " + std::to_string(kShown) + " 名：\n";
      for (std::size_t i = ranked.size() - kShown; i < ranked.size(); ++i) out += department_line(*ranked[i]);
    }
  }
  if (!s.movers.empty()) {
    out += "得分变动超过 " + s.mover_threshold.to_plain() + " 分的项目：" + std::to_string(s.movers.size()) +
           " 个（见“变动较大”）\n";
  }
  for (const auto& f : s.invalid) {
    const std::string& first = f.messages.front();
    out += "无效：" + first.substr(0, first.find('\n')) + "\n";
  }
  return out;
}

std::string text_summaries(const std::vector<BatchSummary>& all) {
  std::string out;
  if (all.size() > 1) {
    std::string years;
    for (const auto& s : all) years += (years.empty() ? "" : "、") + std::to_string(s.year);
    out += "本次共有 " + std::to_string(all.size()) + " 个年度：" + years + "（各年度分别排名、汇总）\n\n";
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0) out += "\n";
    out += text_summary(all[i]);
  }
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
        if (it->is_regular_file(ec) && (is_yaml(it->path()) || is_workbook_name(it->path()))) {
          files.push_back(it->path().lexically_normal().string());
        }
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

namespace {

/// A folder of new tables beside the target folder, removed unless kept.
struct TempDir {
  fs::path path;
  bool keep = false;
  ~TempDir() {
    if (keep || path.empty()) return;
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

int usage_error(const std::string& message, const std::string& hint = "") {
  std::cerr << "jixiao: 错误: " << message << "\n";
  if (!hint.empty()) std::cerr << "  提示: " << hint << "\n";
  return kUsage;
}

}  // namespace

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
  std::vector<std::string> files;
  if (opt.uploads != nullptr) {
    for (const auto& u : *opt.uploads) files.push_back(u.name);
  } else {
    files = find_submissions(opt.paths, missing);
  }
  const FileReader read = opt.uploads != nullptr ? upload_reader(*opt.uploads)
                                                 : FileReader([](const std::string& f, std::string& e) { return read_file(f, e); });
  phase_done("查找文件");
  for (const auto& m : missing) std::cerr << "jixiao: 错误: 找不到 " << m << "\n";
  if (!missing.empty()) return kUsage;
  if (files.empty()) {
    std::cerr << "jixiao: 错误: 没有找到自评文件（*.yaml、*.xlsx、*.xls）\n"
                 "  提示: batch 在给定目录下递归查找 .yaml/.yml 文件和 .xlsx/.xls 自评表\n";
    return kUsage;
  }

  // No output may be an input, the database or another output of the run
  // (cli/files.h PathSet: links, spellings, case and normalisation).
  // Checked before anything is read or written; the tables' names are
  // checked once the submissions are loaded, before anything is written.
  if (!opt.output.empty() && !usable_output(opt.output, opt.paths, {".xlsx"})) return kUsage;
  PathSet inputs;
  for (const auto& p : opt.paths) inputs.add(p, "输入文件");
  if (opt.uploads == nullptr) {
    for (const auto& f : files) inputs.add(f, "输入文件");
  }
  PathSet db_path;
  if (!opt.db.empty()) {
    if (const auto w = inputs.find(opt.db); !w.empty()) {
      return usage_error("历史数据库不能是" + w + "：" + opt.db, "给 --db 另取一个文件名，如 jixiao.sqlite");
    }
    db_path.add(opt.db, "历史数据库");
  }
  if (!opt.output.empty()) {
    for (const PathSet* set : {&inputs, &db_path}) {
      if (const auto w = set->find(opt.output); !w.empty()) {
        return usage_error("汇总工作簿不能覆盖" + w + "：" + opt.output, "给 -o 另取一个文件名");
      }
    }
    std::error_code ec;
    if (fs::is_directory(opt.output, ec)) return usage_error("汇总工作簿的位置已有同名目录：" + opt.output);
  }
  if (!opt.tables_dir.empty()) {
    std::error_code ec;
    if (fs::exists(opt.tables_dir, ec) && !fs::is_directory(opt.tables_dir, ec)) {
      return usage_error("--tables 应为目录，但已有同名文件：" + opt.tables_dir);
    }
    for (const PathSet* set : {&inputs, &db_path}) {
      if (const auto w = set->find(opt.tables_dir); !w.empty()) {
        return usage_error("--tables 目录不能是" + w + "：" + opt.tables_dir);
      }
    }
  }
  std::optional<store::History> history;
  if (!opt.db.empty()) {
    try {
      history.emplace(opt.db, store::History::Access::Record);
    } catch (const std::exception& e) {
      return usage_error(e.what());
    }
  }
  const unsigned jobs = opt.jobs > 0 ? opt.jobs : std::max(1u, std::thread::hardware_concurrency());
  spdlog::info("共 {} 个文件，{} 个线程", files.size(), jobs);

  // A file in a folder is a workbook by its name; a file named on the command
  // line is taken whatever its name, as a workbook only when it is one.
  // Workbooks are read with the table layouts (loaded once, shared) and one
  // rule-set cache per thread.
  PathSet named;
  for (const auto& p : opt.paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) named.add(p, "命令行上的文件");
  }
  std::vector<char> workbook(files.size(), 0);
  for (std::size_t i = 0; i < files.size(); ++i) {
    workbook[i] = opt.uploads != nullptr
                      ? workbook::sniff((*opt.uploads)[i].bytes.substr(0, 8)) != workbook::Format::Unknown
                      : is_workbook_name(files[i]) && (named.find(files[i]).empty() || looks_like_workbook(files[i]));
  }
  std::optional<Layout> layout;
  if (std::find(workbook.begin(), workbook.end(), 1) != workbook.end()) {
    layout = load_layouts(opt.layout_search);
    if (!layout) return kUsage;
  }

  // Phase 1: load and score.
  std::vector<Outcome> outcomes(files.size());
  const bool keep = !opt.tables_dir.empty();
  std::vector<std::unique_ptr<Loader>> loaders;
  std::vector<Reported> messages(jobs);
  for (unsigned t = 0; t < jobs; ++t) {
    loaders.push_back(std::make_unique<Loader>(opt.rules_search));
    if (opt.uploads != nullptr) loaders.back()->set_uploads(read);
    auto* sink = &messages[t];
    loaders.back()->set_sink([sink](const std::string& file, const Diagnostics& d) {
      for (const Diagnostic& x : d.sorted()) {
        const bool error = x.severity == Severity::Error;
        if (error && sink->errors.empty()) sink->cause = x.code;
        (error ? sink->errors : sink->warnings).push_back(format_diagnostic(file, x));
      }
    });
  }
  Progress progress("评分", files.size(), opt.progress && !opt.quiet);
  parallel_for(
      files.size(), jobs,
      [&](unsigned t, std::size_t i) {
        if (workbook[i] != 0) {
          try {
            outcomes[i].tables = opt.uploads != nullptr ? score_workbook_bytes(files[i], (*opt.uploads)[i].bytes,
                                                                               *layout, loaders[t]->rules())
                                                        : score_workbook(files[i], *layout, loaders[t]->rules());
          } catch (const std::exception& e) {
            outcomes[i].tables = {};
            outcomes[i].invalid = InvalidFile{files[i], {files[i] + ": 错误: 处理时出错：" + std::string(e.what())}, 1};
            outcomes[i].invalid->cause = "internal";
          }
        } else {
          process(files[i], read, *loaders[t], messages[t], keep, outcomes[i]);
        }
      },
      [&](std::size_t done) { progress(done); });
  phase_done("读取、校验、评分");

  // The outputs' final paths, checked against every input (attached
  // project files included), the database and each other.
  for (const auto& o : outcomes) {
    for (const auto& a : o.attached) inputs.add(a, "输入文件");
  }
  if (!opt.output.empty()) {
    if (const auto w = inputs.find(opt.output); !w.empty()) {
      return usage_error("汇总工作簿不能覆盖" + w + "：" + opt.output, "给 -o 另取一个文件名");
    }
  }
  std::vector<std::string> names;
  if (keep) {
    names = table_names(outcomes);
    PathSet outputs;
    if (!opt.output.empty()) outputs.add(opt.output, "汇总工作簿");
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;
      const fs::path target = fs::path(opt.tables_dir) / names[i];
      for (const PathSet* set : {&inputs, &db_path, &outputs}) {
        if (const auto w = set->find(target); !w.empty()) {
          return usage_error("自评表 " + target.string() + " 会覆盖" + w,
                             "把 --tables 目录放在输入目录之外，或给 -o 另取一个文件名");
        }
      }
    }
  }

  // Phase 2: each submission's own table, written into a temporary folder
  // beside the target folder; moved into place with the other outputs.
  TempDir staged_tables;
  if (keep) {
    // Beside the folder when it is new (renamed into place whole), inside it
    // when it exists (so the moves never cross file systems).
    fs::path target = fs::absolute(opt.tables_dir).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();  // "out/" and "."
    std::error_code ec;
    std::string tmp_name = ".";
    if (fs::exists(target, ec)) {
      tmp_name += "jixiao.tmp-" + std::to_string(::getpid());
      staged_tables.path = target / tmp_name;
    } else {
      fs::create_directories(target.parent_path(), ec);
      tmp_name += target.filename().string();
      tmp_name += ".tmp-" + std::to_string(::getpid());
      staged_tables.path = target.parent_path() / tmp_name;
    }
    fs::remove_all(staged_tables.path, ec);
    fs::create_directory(staged_tables.path, ec);
    if (ec) return usage_error("无法创建目录 " + staged_tables.path.string() + "：" + ec.message());
    std::vector<std::string> failures(outcomes.size());
    Progress table_progress("写自评表", outcomes.size(), opt.progress && !opt.quiet);
    parallel_for(
        outcomes.size(), jobs,
        [&](unsigned, std::size_t i) {
          if (!outcomes[i].loaded) return;
          try {
            write_workbook((staged_tables.path / names[i]).string(), {*outcomes[i].loaded});
          } catch (const std::exception& e) {
            failures[i] = e.what();
          }
          outcomes[i].loaded.reset();
        },
        [&](std::size_t done) { table_progress(done); });
    for (std::size_t i = 0; i < failures.size(); ++i) {
      if (!failures[i].empty()) return usage_error("无法写出 " + names[i] + "：" + failures[i]);
    }
    phase_done("写自评表");
  }

  // Phase 3: the summary, with last year's scores.
  std::vector<SubmissionRow> rows;
  std::vector<InvalidFile> invalid;
  for (auto& o : outcomes) {
    if (o.row) rows.push_back(std::move(*o.row));
    if (o.invalid) invalid.push_back(std::move(*o.invalid));
    for (auto& r : o.tables.rows) rows.push_back(std::move(r));
    for (auto& f : o.tables.invalid) invalid.push_back(std::move(f));
  }
  outcomes.clear();
  outcomes.shrink_to_fit();
  std::map<std::pair<std::string, int>, Decimal> in_run;
  for (const auto& r : rows) in_run.emplace(std::make_pair(history_key(r), r.year), r.total);
  const std::vector<int> years = run_years(rows, invalid);
  std::map<int, std::vector<PriorRecord>> priors;  // last year's records, per year of the run
  try {
    for (auto& r : rows) {
      if (auto it = in_run.find({history_key(r), r.year - 1}); it != in_run.end()) {
        r.prior_total = it->second;
      } else if (history) {
        r.prior_total = history->prior_total(r);
      }
    }
    for (int y : years) {
      std::vector<PriorRecord>& p = priors[y];
      for (const auto& r : rows) {
        if (r.year == y - 1) p.push_back(prior_record(r));
      }
      if (p.empty() && history) p = history->year_records(y - 1);
    }
  } catch (const std::exception& e) {
    return usage_error(e.what());
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
  // One summary per year, oldest first: years are never pooled.
  SummaryOptions options;
  options.mover_threshold = opt.mover_threshold;
  std::vector<BatchSummary> summaries;
  if (years.empty()) summaries.push_back(summarize({}, std::move(invalid), grade_order, options));
  for (int y : years) {
    std::vector<SubmissionRow> year_rows;
    std::vector<InvalidFile> year_invalid;
    take_year(y, years.back(), rows, invalid, year_rows, year_invalid);
    const auto& p = priors[y];
    summaries.push_back(
        summarize(std::move(year_rows), std::move(year_invalid), grade_order, options, p.empty() ? nullptr : &p));
    summaries.back().year = y;
  }
  std::vector<SubmissionRow> all_rows;  // what the history records
  if (history) {
    for (const auto& sm : summaries) all_rows.insert(all_rows.end(), sm.rows.begin(), sm.rows.end());
  }
  phase_done("排名、汇总、历史得分");

  // Outputs, in this order (README, 数据安全):
  //   1. the tables and the summary are written under temporary names;
  //   2. the run is staged in the database (inserted, not committed), so a
  //      row the database refuses fails the run before anything moves;
  //   3. the tables folder, then the summary, are moved into place;
  //   4. the database commits, last.
  // A failure in 1–3 leaves every existing file as it was (a tables folder
  // that did not exist before is removed again) and adds nothing to the
  // database; a failed commit (4) is reported, the outputs stay.
  int added = -1;
  std::optional<PendingFile> summary_file;
  try {
    if (!opt.output.empty()) {
      summary_file.emplace(opt.output);
      xlsx::Workbook wb(summary_file->temp().string(), /*stream_rows=*/true);  // flat memory for any number of rows
      wb.properties(reports::summary_title(summaries.back()), "绩效自评汇总", summaries.back().year);
      for (const auto& sm : summaries) {
        reports::write_summary(wb, sm, summaries.size() > 1 ? std::to_string(sm.year) + "年" : "");
      }
      wb.close();
      phase_done("写汇总工作簿");
    }
    if (history) added = history->stage(all_rows);
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  // Tables going into a folder that exists replace files of the same name;
  // those are first moved aside (into the temporary folder) so that a
  // failure can put everything back.
  struct Moved {
    fs::path target;
    fs::path backup;  ///< the file it replaced, moved aside; empty when none
    bool placed = false;
  };
  std::vector<Moved> moved;
  fs::path new_tables_dir;  // the tables folder when this run created it
  try {
    if (keep) {
      std::error_code ec;
      if (!fs::exists(opt.tables_dir, ec)) {
        fs::rename(staged_tables.path, opt.tables_dir);
        staged_tables.keep = true;
        new_tables_dir = opt.tables_dir;
      } else {
        const fs::path aside = staged_tables.path / ".replaced";
        fs::create_directory(aside);
        for (const auto& name : names) {
          if (name.empty()) continue;
          Moved m{fs::path(opt.tables_dir) / name, {}, false};
          if (fs::exists(fs::symlink_status(m.target, ec))) {
            m.backup = aside / name;
            fs::rename(m.target, m.backup);
          }
          moved.push_back(m);
          fs::rename(staged_tables.path / name, m.target);
          moved.back().placed = true;
        }
      }
      spdlog::info("已写出各单位自评表到 {}", opt.tables_dir);
    }
    if (summary_file) {
      summary_file->publish();
      spdlog::info("已写出 {}", opt.output);
    }
  } catch (const std::exception& e) {
    std::error_code ec;
    if (!new_tables_dir.empty()) fs::remove_all(new_tables_dir, ec);
    for (auto it = moved.rbegin(); it != moved.rend(); ++it) {
      if (it->placed) fs::remove(it->target, ec);
      if (!it->backup.empty()) fs::rename(it->backup, it->target, ec);
    }
    return usage_error(std::string(e.what()) + "（未记入历史数据库）");
  }
  if (history) {
    try {
      history->commit();
    } catch (const std::exception& e) {
      return usage_error(std::string(e.what()) + "（汇总和自评表已写出，但本次结果未记入历史数据库）",
                         "排除问题后重新运行同一命令即可补记");
    }
    spdlog::info("历史数据库 {}：新增 {} 条记录（已有的不重复记录）", opt.db, added);
  }

  bool any_invalid = false;
  for (const auto& sm : summaries) any_invalid = any_invalid || !sm.invalid.empty();
  if (opt.summaries != nullptr) {
    *opt.summaries = std::move(summaries);
    return any_invalid ? kBadInput : kOk;
  }
  // Each invalid file is named once: in the terminal summary, or (with --json
  // or -q, where that summary is not printed) on stderr with its first error.
  if (opt.json) std::cout << reports::summary_json(summaries);
  if (!opt.json && !opt.quiet) {
    std::cout << text_summaries(summaries);
  } else {
    for (const auto& sm : summaries) {
      for (const auto& f : sm.invalid) {
        const std::string& first = f.messages.front();
        const std::size_t cut = first.find("\n  提示:");
        spdlog::warn("无效，未评分（{} 条错误，全部见“退回重报”）：{}", f.errors, first.substr(0, cut));
      }
    }
  }
  return any_invalid ? kBadInput : kOk;
}

}  // namespace jx::cli
