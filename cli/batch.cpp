#include "cli/batch.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "cli/batch_cache.h"
#include "cli/batch_text.h"
#include "cli/files.h"
#include "cli/loading.h"
#include "cli/row_spool.h"
#include "cli/workbook_input.h"
#include "cli/workbook_output.h"
#include "engine/file_name.h"
#include "engine/findings.h"
#include "engine/hash.h"
#include "engine/lights.h"
#include "engine/load/department_loader.h"
#include "engine/load/file_header.h"
#include "engine/summary.h"
#include "reports/summary_json.h"
#include "reports/workbook_file.h"
#include "reports/summary_table.h"
#include "reports/workbook.h"
#include "store/history.h"
#include "store/result_codec.h"

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

/// One file's result. Kept small: there is one per file for the whole run
/// (memory flat in the number of files); its rows are light (cli/row_spool.h)
/// once the file is done.
struct Outcome {
  WorkbookSubmissions result;         ///< its rows (a YAML file: at most one; a workbook: one per table) and refusals
  std::unique_ptr<Loaded> loaded;     ///< kept for --tables only (a Loaded is ~2 KB even when empty)
  std::vector<std::string> attached;  ///< project files a department file read besides itself
  std::vector<std::string> rules;     ///< ids of the rule sets it was scored with (for the grade order)
  // The result cache (cli/batch_cache.h), with --db only:
  bool reused = false;                  ///< taken from the database, not read
  std::string content;                  ///< content_hash of the bytes; "" when the result is not to be stored
  std::vector<store::Dependency> deps;  ///< other files it was read with
};

/// Grade names (best first) by rule set id; one per thread, merged at the end.
using GradeMap = std::map<std::string, std::vector<std::string>>;

void add_rules(Outcome& out, GradeMap& grades, const RuleSet* rules) {
  if (rules == nullptr) return;
  if (std::find(out.rules.begin(), out.rules.end(), rules->id) == out.rules.end()) out.rules.push_back(rules->id);
  if (grades.count(rules->id) > 0) return;
  std::vector<std::string>& names = grades[rules->id];
  for (const auto& g : rules->grades) names.push_back(g.name);
}

/// The rule sets a loaded YAML file was scored with.
void yaml_rules(const Loaded& l, Outcome& out, GradeMap& grades) {
  if (l.project()) add_rules(out, grades, l.project()->rules);
  if (l.department()) {
    add_rules(out, grades, l.department()->rules);
    for (const auto& p : l.department()->projects) add_rules(out, grades, p.rules);
  }
}

/// Whether the rule set a file names is covered by the run context (a name
/// looked up in the rule-set folders), not a path beside the file. `spec` is
/// the value the loader resolved, when it did; else the file's top-level
/// `rules:` line is read (no parse). A file without such a line that still
/// mentions rules (a flow-style document) is taken as not covered.
bool rules_covered(const RuleSet* resolved, const std::string& spec, std::string_view text) {
  if (resolved != nullptr) return !rules_by_path(spec);
  const std::string line = load::top_level_value(text, "rules");
  if (line.empty()) return text.find("rules") == std::string_view::npos;
  return !rules_by_path(line);
}

/// What a loaded YAML file depends on besides its bytes: for a department,
/// every project file it names, read or not (a missing one is a dependency
/// too: it may appear). The names are taken from the department file itself
/// (parsed again: departments are few), as the loader resolves them, so a
/// department that failed before or while reading its projects has them all.
/// False when the result must not be stored: a rule set named by a path
/// (outside the run context), for the file or one of its projects.
bool yaml_dependencies(const std::string& file, const std::string& text, const Loaded& l, Outcome& out) {
  if (l.project()) return rules_covered(l.project()->rules, l.project()->project.rules, text);
  if (!l.department()) return rules_covered(nullptr, "", text);
  Diagnostics ignored;
  const auto dept = load::load_department(text, ignored);
  if (!dept) return rules_covered(nullptr, "", text);  // nothing else was read
  bool storable = rules_covered(l.department()->rules, dept->rules, text);
  const fs::path dir = fs::path(file).has_parent_path() ? fs::path(file).parent_path() : fs::path(".");
  for (const ProjectRef& ref : dept->projects) {
    const fs::path path =
        fs::path(ref.path).is_absolute() || !fs::path(file).has_parent_path() ? fs::path(ref.path) : dir / ref.path;
    std::string err;
    const auto bytes = read_file(path, err);
    out.deps.push_back({path.string(), bytes ? content_hash(*bytes) : std::string()});
    if (bytes) storable = storable && rules_covered(nullptr, "", *bytes);
  }
  return storable;
}

/// Last year's leaves a project file's goal checks use (nullptr: none, or
/// no database); `prior` is the run's lookup (nullptr without --db).
const std::vector<PriorActual>* goal_prior(const Loaded& l, const store::LastYearLeaves* prior) {
  if (prior == nullptr || !l.project() || !l.project()->project.goals.given()) return nullptr;
  const Project& p = l.project()->project;
  return prior->find(p.department, p.name, p.year);
}

/// Whether a YAML text may have a goal section (ProjectGoals::given): one
/// of its keys appears in it, wherever (a superset, but for a key spelt
/// with escape sequences in a quoted YAML key, which loses only this check).
bool may_have_goals(std::string_view text) {
  for (const std::string_view key : {"attribute", "period", "request", "mid_term", "adjustments"}) {
    if (text.find(key) != std::string_view::npos) return true;
  }
  return false;
}

SubmissionRow make_row(const std::string& file, const std::string& text, const Loaded& l, const Loader& loader,
                       const store::LastYearLeaves* prior) {
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
    r.light = latest_light(p.project, *p.rules, &r.light_month);
    if (r.light) r.light_label = light_label(p.rules->monitor, *r.light);
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
  if (l.project()) {  // the goal checks, for a file with a goal section (engine/goal_checks.h)
    const auto* last = goal_prior(l, prior);
    const auto goals = goal_findings(l.project()->project, *rules, last != nullptr ? *last : std::vector<PriorActual>());
    r.findings.insert(r.findings.end(), goals.begin(), goals.end());
  }
  for (const LeafScore& leaf : sc->leaves) r.indicators.push_back({leaf.path, leaf.target, leaf.actual});
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

/// `text` is the file's bytes, or nullopt with `err` when it could not be
/// read. With `store`, the outcome's content and dependencies are set when
/// its result may be stored.
void process(const std::string& file, const std::optional<std::string>& text, const std::string& err, Loader& loader,
             Reported& messages, GradeMap& grades, bool keep, bool store, const store::LastYearLeaves* prior,
             Outcome& out) {
  messages.clear();
  auto& rows = out.result.rows;
  auto& invalid = out.result.invalid;
  try {
    if (!text) {
      invalid.push_back(InvalidFile{file, {file + ": 错误: " + err}, 1});
      invalid.back().cause = "unreadable";
      return;
    }
    Loaded l;
    const int rc = loader.load_text(file, *text, l);
    yaml_rules(l, out, grades);
    if (store && yaml_dependencies(file, *text, l, out)) out.content = content_hash(*text);
    if (rc != kOk) {
      if (messages.errors.empty()) messages.errors.push_back(file + ": 错误: 无法评分");
      invalid.push_back(invalid_file(file, messages, *text));
      return;
    }
    rows.push_back(make_row(file, *text, l, loader, prior));
    if (prior != nullptr && l.project() && l.project()->project.goals.given()) {
      // The goal findings depend on last year's leaves in the database (cli/batch_cache.h).
      const Project& p = l.project()->project;
      out.deps.push_back({prior_dependency(p.department, p.name, p.year), prior_hash(goal_prior(l, prior))});
    }
    if (l.department()) {
      for (const auto& p : l.department()->projects) out.attached.push_back(p.file);
    }
    // Validation covers what the history database checks; this keeps a row
    // the database would refuse from ever reaching it (a bad file never
    // stops a batch).
    if (const std::string why = store::unstorable(rows.back()); !why.empty()) {
      rows.clear();
      messages.errors.push_back(file + ": 错误: " + why + "\n  提示: 写四位年份，如 2022");
      messages.cause = "bad-year";
      invalid.push_back(invalid_file(file, messages, *text));
      return;
    }
    if (keep) out.loaded = std::make_unique<Loaded>(std::move(l));
  } catch (const std::exception& e) {
    rows.clear();
    invalid.clear();
    invalid.push_back(InvalidFile{file, {file + ": 错误: 处理时出错：" + std::string(e.what())}, 1});
    invalid.back().cause = "internal";
    out.content.clear();  // an internal error is never stored
  }
}

/// The outcome as a stored result (its light rows restored from `spool`);
/// `slot`: a YAML file's row, when it is held in the run's row slots.
store::StoredResult stored(const Outcome& o, const SubmissionRow* slot, const RowDetails& spool,
                           const GradeMap& grades) {
  store::StoredResult r;
  SubmissionRow scratch;
  if (slot != nullptr) r.rows.push_back(full_row(*slot, &spool, scratch));
  for (const auto& row : o.result.rows) r.rows.push_back(full_row(row, &spool, scratch));
  r.invalid = o.result.invalid;
  r.attached = o.attached;
  for (const auto& id : o.rules) {
    const auto it = grades.find(id);
    r.grades.push_back({id, it == grades.end() ? std::vector<std::string>() : it->second});
  }
  return r;
}

/// A stored result as the outcome.
void restore(store::StoredResult&& r, Outcome& o, GradeMap& grades) {
  o.result.rows = std::move(r.rows);
  o.result.invalid = std::move(r.invalid);
  o.attached = std::move(r.attached);
  for (auto& g : r.grades) {
    o.rules.push_back(g.rules);
    grades.emplace(std::move(g.rules), std::move(g.grades));
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
std::vector<std::string> table_names(const std::vector<Outcome>& outcomes, const std::vector<SubmissionRow>& slots,
                                     const std::vector<char>& slotted) {
  std::vector<std::string> names(outcomes.size());
  FileNames taken;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].loaded) continue;
    const SubmissionRow& r = slotted[i] != 0 ? slots[i] : outcomes[i].result.rows.front();
    names[i] = taken.take(std::to_string(r.year) + "_" + r.department + "_" +
                          (r.department_wide ? "部门整体支出" : r.project)) +
               ".xlsx";
  }
  return names;
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
  // Incremental re-runs: the stored result of each file whose context and
  // dependencies are unchanged is a candidate; it is taken when the file's
  // bytes are too (checked on the worker threads, which read them anyway).
  // With --tables every file is read (its table needs the whole model).
  // Uploads (jixiao serve) are never cached: their names are labels, and a
  // department's dependencies would be looked up on the server's disk.
  const bool cache = history.has_value() && opt.uploads == nullptr;
  // Last year's leaves for the goal checks (goal-below-last-year), read
  // here once: the worker threads never touch the database. Only the years
  // named by the run's YAML files that may have a goal section (one of its
  // key names appears anywhere in the text: may_have_goals) are
  // loaded (their `year:` line, read without a parse), and nothing when no
  // record has leaves.
  store::LastYearLeaves last_year;
  if (history) {
    try {
      if (history->has_leaves()) {
        std::set<int> years;
        for (std::size_t i = 0; i < files.size(); ++i) {
          if (workbook[i] != 0) continue;
          std::string err;
          const auto bytes = read(files[i], err);
          if (!bytes || !may_have_goals(*bytes)) continue;
          const std::string y = load::top_level_value(*bytes, "year");
          int year = 0;
          const auto [end, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
          if (ec == std::errc() && end == y.data() + y.size()) {
            years.insert(year);
          } else if (const auto h = load::read_file_header(*bytes); h.year) {  // not on a line of its own: parse
            years.insert(*h.year);
          }
        }
        last_year = history->last_year_leaves(years);
      }
    } catch (const std::exception& e) {
      return usage_error(e.what());
    }
    spdlog::info("上年指标：{} 个项目记录", last_year.records());
  }
  std::string context;
  std::vector<std::optional<store::CacheEntry>> stored_entries;
  if (cache) {
    stored_entries.resize(files.size());
    try {
      context = run_context(opt.rules_search, opt.layout_search);
      if (!keep) {
        DependencyHashes deps(&last_year);
        for (std::size_t i = 0; i < files.size(); ++i) {
          auto e = history->results().find(files[i]);
          if (e && e->context == context && deps.unchanged(e->deps)) stored_entries[i] = std::move(e);
        }
      }
    } catch (const std::exception& e) {
      return usage_error(e.what());
    }
  }
  const bool store_results = cache;
  // Each row's levels and findings go to a temporary file as soon as its
  // file is done: only light rows stay in memory (cli/row_spool.h).
  std::optional<RowSpool> spool;
  try {
    spool.emplace();
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  std::vector<GradeMap> grade_maps(jobs);
  // A YAML file's row (at most one) goes into its slot here, not into its
  // outcome: the rows are then collected in place, never held twice (the
  // peak of a run with many files).
  std::vector<SubmissionRow> slots(files.size());
  std::vector<char> slotted(files.size(), 0);
  auto to_slot = [&](std::size_t i) {
    Outcome& out = outcomes[i];
    if (workbook[i] != 0 || out.result.rows.size() != 1) return;
    slots[i] = std::move(out.result.rows.front());
    out.result.rows = std::vector<SubmissionRow>();
    slotted[i] = 1;
  };
  // Reads (scores) file i on thread t from its bytes (YAML) or its path (a workbook).
  auto score_one = [&](unsigned t, std::size_t i, const std::optional<std::string>& bytes, const std::string& err) {
    Outcome& out = outcomes[i];
    if (workbook[i] == 0) {
      process(files[i], bytes, err, *loaders[t], messages[t], grade_maps[t], keep, store_results,
              history ? &last_year : nullptr, out);
    } else {
      try {
        std::string why;
        out.result = opt.uploads != nullptr
                         ? score_workbook_bytes(files[i], (*opt.uploads)[i].bytes, *layout, loaders[t]->rules())
                         : score_workbook(files[i], *layout, loaders[t]->rules());
        for (const auto& r : out.result.rows) add_rules(out, grade_maps[t], loaders[t]->rules().get(r.rules, why));
        if (store_results && bytes) out.content = content_hash(*bytes);
      } catch (const std::exception& e) {
        out.result = {};
        out.result.invalid.push_back(
            InvalidFile{files[i], {files[i] + ": 错误: 处理时出错：" + std::string(e.what())}, 1});
        out.result.invalid.back().cause = "internal";
        out.content.clear();
      }
    }
    for (auto& r : out.result.rows) spool->spill(r);
    to_slot(i);
  };
  std::mutex spool_mutex;
  std::string spool_error;
  Progress progress("评分", files.size(), opt.progress && !opt.quiet);
  parallel_for(
      files.size(), jobs,
      [&](unsigned t, std::size_t i) {
        // A workbook's bytes are read here only to fingerprint them (score_workbook reads its file).
        std::string err;
        std::optional<std::string> bytes;
        if (workbook[i] == 0) {
          bytes = read(files[i], err);
        } else if (store_results) {
          bytes = read_file(files[i], err, kMaxWorkbook);
        }
        if (bytes && !stored_entries.empty() && stored_entries[i] &&
            stored_entries[i]->content == content_hash(*bytes)) {
          outcomes[i].reused = true;
          return;
        }
        try {
          score_one(t, i, bytes, err);
        } catch (const std::exception& e) {  // the spool could not be written (disk full …)
          std::lock_guard<std::mutex> lock(spool_mutex);
          if (spool_error.empty()) spool_error = e.what();
        }
      },
      [&](std::size_t done) { progress(done); });
  if (!spool_error.empty()) return usage_error(spool_error);
  GradeMap grades;  // the same rule set has the same grades on every thread
  for (auto& m : grade_maps) grades.merge(m);
  const std::size_t read_count = files.size() - static_cast<std::size_t>(std::count_if(
      outcomes.begin(), outcomes.end(), [](const Outcome& o) { return o.reused; }));
  phase_done(("读取、校验、评分（读取 " + std::to_string(read_count) + " 个文件，复用 " +
              std::to_string(files.size() - read_count) + " 个）")
                 .c_str());
  // The reused results from the database, the new ones into it (in the run's
  // transaction: committed with the run, or not at all).
  std::size_t reused = 0, stored_count = 0, undecodable = 0;
  if (history) {
    try {
      history->begin();
      for (std::size_t i = 0; i < files.size(); ++i) {
        Outcome& out = outcomes[i];
        if (out.reused) {
          auto r = store::decode(history->results().payload(stored_entries[i]->id));
          if (r) {
            restore(std::move(*r), out, grades);
            for (auto& row : out.result.rows) spool->spill(row);
            to_slot(i);
            ++reused;
            continue;
          }
          // Undecodable (cannot happen unless the database was altered): read the file after all.
          out.reused = false;
          ++undecodable;
          std::string err;
          const auto bytes = read_file(files[i], err, workbook[i] != 0 ? kMaxWorkbook : 16u << 20);
          score_one(0, i, bytes, err);
          grades.merge(grade_maps[0]);  // a rule set first seen here
        }
        if (out.content.empty()) continue;
        ++stored_count;
        history->results().put(files[i], out.content, context, out.deps, store::encode(stored(out, slotted[i] != 0 ? &slots[i] : nullptr, *spool, grades)));
      }
    } catch (const std::exception& e) {
      return usage_error(e.what());
    }
  }
  stored_entries.clear();
  stored_entries.shrink_to_fit();
  if (history) {
    phase_done(("历史数据库：取出 " + std::to_string(reused) + " 个文件的结果，存入 " +
                std::to_string(stored_count) + " 个" +
                (undecodable > 0 ? "（" + std::to_string(undecodable) + " 个结果无法解读，已重新读取文件）" : ""))
                   .c_str());
  }

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
    names = table_names(outcomes, slots, slotted);
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
  std::set<std::string> used;  // ids of the rule sets the submissions were scored with
  // The YAML rows in place, in file order, then the workbooks' rows (one
  // per table) in file order. (Ranking does not depend on this order; last
  // year's total from the run is the first row of a key in it.)
  std::size_t kept = 0;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slotted[i] == 0) continue;
    if (kept != i) slots[kept] = std::move(slots[i]);
    ++kept;
  }
  slots.erase(slots.begin() + static_cast<std::ptrdiff_t>(kept), slots.end());
  rows = std::move(slots);
  slotted.clear();
  slotted.shrink_to_fit();
  for (auto& o : outcomes) {
    used.insert(o.rules.begin(), o.rules.end());
    for (auto& r : o.result.rows) rows.push_back(std::move(r));
    for (auto& f : o.result.invalid) invalid.push_back(std::move(f));
    o = Outcome();  // its storage freed now, not with the whole vector
  }
  outcomes.clear();
  outcomes.shrink_to_fit();
  const std::vector<int> years = run_years(rows, invalid);
  // Last year's totals from this run: only rows whose next year is in the run can be one.
  std::map<std::pair<std::string, int>, Decimal> in_run;
  for (const auto& r : rows) {
    if (std::binary_search(years.begin(), years.end(), r.year + 1)) {
      in_run.emplace(std::make_pair(history_key(r), r.year), r.total);
    }
  }
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
  // Grade names best first, from the rule sets the submissions were scored
  // with (stored with a reused result), taken in id order.
  std::vector<std::string> grade_order;
  for (const auto& id : used) {
    for (const auto& g : grades[id]) {
      if (std::find(grade_order.begin(), grade_order.end(), g) == grade_order.end()) grade_order.push_back(g);
    }
  }
  // One summary per year, oldest first: years are never pooled.
  SummaryOptions options;
  options.mover_threshold = opt.mover_threshold;
  options.details = &*spool;
  std::vector<BatchSummary> summaries;
  if (years.empty()) summaries.push_back(summarize({}, std::move(invalid), grade_order, options));
  for (int y : years) {
    std::vector<SubmissionRow> year_rows;
    std::vector<InvalidFile> year_invalid;
    if (years.size() == 1) {  // everything is of that year (run_years): no copy of the rows
      year_rows = std::move(rows);
      year_invalid = std::move(invalid);
    } else {
      take_year(y, years.back(), rows, invalid, year_rows, year_invalid);
    }
    const auto& p = priors[y];
    summaries.push_back(
        summarize(std::move(year_rows), std::move(year_invalid), grade_order, options, p.empty() ? nullptr : &p));
    summaries.back().year = y;
  }
  std::vector<const SubmissionRow*> all_rows;  // what the history records
  if (history) {
    for (const auto& sm : summaries) {
      for (const auto& r : sm.rows) all_rows.push_back(&r);
    }
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
  // --json is written to a temporary file as it is made and printed once
  // the run is recorded: never the whole text in memory.
  struct JsonFile {
    fs::path path;
    ~JsonFile() {
      std::error_code ec;
      if (!path.empty()) fs::remove(path, ec);
    }
  } json_file;
  try {
    // The summary workbook is written on a thread of its own while this
    // thread stages the run in the database and builds the JSON: all three
    // only read the summaries and the spool (reads at offsets), and the
    // workbook (one thread, zlib included) is the longest, so the others
    // come off the critical path on a second core.
    std::string workbook_error;
    std::thread writer;
    if (!opt.output.empty()) {
      summary_file.emplace(opt.output);
      writer = std::thread([&] {
        try {
          reports::write_summary_workbook(summary_file->temp().string(), summaries);
        } catch (const std::exception& e) {
          workbook_error = e.what();
          if (workbook_error.empty()) workbook_error = "无法写出汇总工作簿";
        }
      });
    }
    struct Join {  // the writer is joined however this block is left
      std::thread& t;
      ~Join() {
        if (t.joinable()) t.join();
      }
    } join{writer};
    if (history) added = history->stage(all_rows, &*spool);
    if (opt.json) {
      std::error_code ec;
      std::string name = (fs::temp_directory_path(ec) / "jixiao-json-XXXXXX").string();
      const int fd = ::mkstemp(name.data());
      if (fd < 0) throw std::runtime_error("无法创建临时文件 " + name);
      ::close(fd);
      json_file.path = name;
      std::ofstream out(json_file.path, std::ios::binary | std::ios::trunc);
      reports::write_summary_json(out, summaries);
      out.close();
      if (!out) throw std::runtime_error("无法写出临时文件 " + name);
    }
    if (writer.joinable()) writer.join();
    if (!workbook_error.empty()) throw std::runtime_error(workbook_error);
    phase_done(opt.output.empty() ? "写历史数据库、JSON" : "写汇总工作簿（同时写历史数据库、JSON）");
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
    if (opt.recorded != nullptr) *opt.recorded = added;
  }

  bool any_invalid = false;
  for (const auto& sm : summaries) any_invalid = any_invalid || !sm.invalid.empty();
  if (opt.summaries != nullptr) {
    // jixiao serve: the rows leave with their levels and findings (the spool
    // file is gone with this run; uploads are few, see web/limits.h).
    try {
      for (auto& sm : summaries) {
        for (auto& row : sm.rows) {
          if (row.detail >= 0) spool->restore(row);
        }
        sm.details = nullptr;
      }
    } catch (const std::exception& e) {
      return usage_error(e.what());
    }
    *opt.summaries = std::move(summaries);
    return any_invalid ? kBadInput : kOk;
  }
  // Each invalid file is named once: in the terminal summary, or (with --json
  // or -q, where that summary is not printed) on stderr with its first error.
  if (opt.json) {
    std::ifstream in(json_file.path, std::ios::binary);
    std::cout << in.rdbuf();
  }
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
