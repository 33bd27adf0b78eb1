#include "store/history.h"

#include <unistd.h>

#include <array>
#include <filesystem>

namespace jx::store {

namespace {

// Each step brings the schema from version i to i + 1. Never edit a step
// that has shipped; add a new one.
constexpr std::array<std::string_view, kSchemaVersion> kMigrations = {
    // 1: submissions and their findings.
    R"(CREATE TABLE submission (
         id INTEGER PRIMARY KEY,
         hash TEXT NOT NULL UNIQUE,
         year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
         department TEXT NOT NULL,
         unit TEXT NOT NULL,
         project TEXT NOT NULL,
         rules TEXT NOT NULL,
         total TEXT NOT NULL,
         grade TEXT NOT NULL,
         file TEXT NOT NULL);
       CREATE TABLE finding (
         submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
         code TEXT NOT NULL,
         line INTEGER NOT NULL,
         indicator TEXT NOT NULL,
         message TEXT NOT NULL);)",
    // 2: department-wide records, budget figures, the declared total, runs,
    // and an index for the prior-year lookup.
    R"(ALTER TABLE submission ADD COLUMN kind TEXT NOT NULL DEFAULT 'project'
         CHECK (kind IN ('project', 'department'));
       ALTER TABLE submission ADD COLUMN budget TEXT NOT NULL DEFAULT '0';
       ALTER TABLE submission ADD COLUMN executed TEXT NOT NULL DEFAULT '0';
       ALTER TABLE submission ADD COLUMN budget_score TEXT NOT NULL DEFAULT '0';
       ALTER TABLE submission ADD COLUMN declared TEXT;
       CREATE TABLE run (id INTEGER PRIMARY KEY, submissions INTEGER NOT NULL, added INTEGER NOT NULL);
       ALTER TABLE submission ADD COLUMN run_id INTEGER REFERENCES run(id);
       CREATE INDEX submission_key ON submission (department, project, kind, year);
       CREATE INDEX finding_submission ON finding (submission_id);)",
    // 3: each leaf's target and actual, for next year's goal checks.
    R"(CREATE TABLE indicator_result (
         submission_id INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,
         position INTEGER NOT NULL,
         path TEXT NOT NULL,
         target TEXT NOT NULL,
         actual TEXT NOT NULL);
       CREATE INDEX indicator_result_submission ON indicator_result (submission_id);)",
    // 4: the result cache of incremental re-runs (store/result_cache.h).
    R"(CREATE TABLE result (
         id INTEGER PRIMARY KEY,
         path TEXT NOT NULL UNIQUE,
         content TEXT NOT NULL,
         context TEXT NOT NULL,
         deps TEXT NOT NULL,
         payload BLOB NOT NULL);)",
};

// A leaf's path in one column: names joined with the unit separator, which
// no name contains (the loader refuses control characters in names).
constexpr char kPathSeparator = '\x1f';

std::string join_path(const std::vector<std::string>& path) {
  std::string s;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i) s += kPathSeparator;
    s += path[i];
  }
  return s;
}

std::vector<std::string> split_path(const std::string& s) {
  std::vector<std::string> out(1);
  for (const char c : s) {
    if (c == kPathSeparator) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::optional<Decimal> decimal_column(const Statement& st, int col) {
  if (st.is_null(col)) return std::nullopt;
  return Decimal::parse(st.text(col));
}

const char* kind_of(const SubmissionRow& row) {
  return row.department_wide ? "department" : "project";
}

}  // namespace

void migrate(Database& db, int target) {
  Transaction tx(db);
  const int from = db.user_version();
  if (from > kSchemaVersion) {
    throw StoreError("数据库 " + db.path() + " 的版本 " + std::to_string(from) + " 比本程序支持的 " +
                     std::to_string(kSchemaVersion) + " 新，请升级 jixiao");
  }
  for (int v = from; v < target; ++v) db.exec(kMigrations[static_cast<std::size_t>(v)]);
  if (target > from) db.set_user_version(target);
  tx.commit();
}

std::string unstorable(const SubmissionRow& row) {
  if (row.year < kMinYear || row.year > kMaxYear) {
    return "年度 " + std::to_string(row.year) + " 无法记入历史数据库（应在 " + std::to_string(kMinYear) + "—" +
           std::to_string(kMaxYear) + " 之间）";
  }
  return "";
}

History::History(const std::string& path, Access access) : path_(path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (access == Access::Read) {
    if (!fs::is_regular_file(path, ec)) throw StoreError("数据库不存在：" + path);
    db_ = std::make_unique<Database>(path, Database::Mode::ReadOnly);
    const int v = db_->user_version();
    if (v > kSchemaVersion) {
      throw StoreError("数据库 " + path + " 的版本 " + std::to_string(v) + " 比本程序支持的 " +
                       std::to_string(kSchemaVersion) + " 新，请升级 jixiao");
    }
    if (v < kSchemaVersion) {
      throw StoreError("数据库 " + path + " 是旧版本（" + std::to_string(v) +
                       "），只读查看时不升级；请先用 jixiao batch … --db " + path + " 记录一次以升级");
    }
    return;
  }
  if (fs::exists(fs::symlink_status(path, ec)) || fs::exists(path, ec)) {
    db_ = std::make_unique<Database>(path);
  } else {
    const fs::path p(path);
    const fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
    std::string name = ".";  // appended, not "." + string: GCC 12 -O3 reports a false -Wrestrict on that
    name += p.filename().string();
    name += ".tmp-" + std::to_string(::getpid());
    temp_ = (dir / name).string();
    fs::remove(temp_, ec);
    db_ = std::make_unique<Database>(temp_);
  }
  migrate(*db_);
}

History::~History() {
  prior_.reset();
  results_.reset();
  run_.reset();  // rolls back a run that was staged but not committed
  db_.reset();
  if (!temp_.empty()) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
    std::filesystem::remove(temp_ + "-journal", ec);
  }
}

std::optional<Decimal> History::prior_total(const SubmissionRow& row) {
  if (!prior_) {
    prior_ = std::make_unique<Statement>(
        *db_,
        "SELECT total FROM submission WHERE department = ?1 AND project = ?2 AND kind = ?3 AND year = ?4 "
        "ORDER BY id DESC LIMIT 1");
  }
  Statement& st = *prior_;
  st.bind(1, row.department).bind(2, row.project).bind(3, kind_of(row)).bind(4, std::int64_t{row.year} - 1);
  std::optional<Decimal> total;
  if (st.step()) total = decimal_column(st, 0);
  st.reset();
  return total;
}

std::vector<PriorActual> History::prior_actuals(const std::string& department, const std::string& project, int year) {
  Statement st(*db_,
               "SELECT path, target, actual FROM indicator_result WHERE submission_id = "
               "(SELECT id FROM submission WHERE department = ?1 AND project = ?2 AND kind = 'project' AND year = ?3 "
               "ORDER BY id DESC LIMIT 1) ORDER BY position");
  st.bind(1, department).bind(2, project).bind(3, std::int64_t{year} - 1);
  std::vector<PriorActual> out;
  while (st.step()) out.push_back({split_path(st.text(0)), st.text(1), st.text(2)});
  return out;
}

bool History::has_leaves() {
  Statement st(*db_, "SELECT EXISTS (SELECT 1 FROM indicator_result)");
  return st.step() && st.integer(0) != 0;
}

LastYearLeaves History::last_year_leaves(const std::set<int>& years) {
  LastYearLeaves out;
  // The latest project record of each (department, project) of the year,
  // as prior_actuals picks it (highest id), with its leaves in order.
  Statement st(*db_,
               "SELECT s.department, s.project, r.path, r.target, r.actual FROM indicator_result r "
               "JOIN submission s ON s.id = r.submission_id WHERE s.id IN "
               "(SELECT MAX(id) FROM submission WHERE kind = 'project' AND year = ?1 GROUP BY department, project) "
               "ORDER BY s.id, r.position");
  for (const int year : years) {
    st.bind(1, std::int64_t{year} - 1);
    while (st.step()) out.add(st.text(0), st.text(1), year, {split_path(st.text(2)), st.text(3), st.text(4)});
    st.reset();
  }
  return out;
}

const std::vector<PriorActual>* LastYearLeaves::find(const std::string& department, const std::string& project,
                                                     int year) const {
  const auto it = by_key_.find({department, project, year});
  return it == by_key_.end() ? nullptr : &it->second;
}

void LastYearLeaves::add(const std::string& department, const std::string& project, int year, PriorActual leaf) {
  by_key_[{department, project, year}].push_back(std::move(leaf));
}

int History::record(const std::vector<SubmissionRow>& rows) {
  const int added = stage(rows);
  commit();
  return added;
}

void History::commit() {
  if (!run_) throw StoreError("数据库 " + path_ + "：没有待提交的记录");
  run_->commit();
  run_.reset();
  if (temp_.empty()) return;
  // A new database: close it, then give it its name (the last step).
  prior_.reset();
  results_.reset();
  db_.reset();
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path_, ec))) {
    throw StoreError("数据库 " + path_ + " 在本次运行期间被创建，未覆盖；本次结果未记录");
  }
  fs::rename(temp_, path_, ec);
  if (ec) throw StoreError("无法写出数据库 " + path_ + "：" + ec.message());
  temp_.clear();
  db_ = std::make_unique<Database>(path_);
}

int History::stage(const std::vector<SubmissionRow>& rows) {
  std::vector<const SubmissionRow*> all;
  all.reserve(rows.size());
  for (const auto& r : rows) all.push_back(&r);
  return stage(all, nullptr);
}

int History::stage(const std::vector<const SubmissionRow*>& rows, const RowDetails* details) {
  for (const SubmissionRow* light : rows) {
    const SubmissionRow& r = *light;
    if (const std::string why = unstorable(r); !why.empty()) throw StoreError(r.file + "：" + why);
  }
  begin();
  Database& db = *db_;
  Statement run(db, "INSERT INTO run (submissions, added) VALUES (?1, 0)");
  run.bind(1, static_cast<std::int64_t>(rows.size())).run();
  Statement last(db, "SELECT last_insert_rowid()");
  last.step();
  const std::int64_t run_id = last.integer(0);

  Statement ins(db,
                "INSERT INTO submission (hash, year, department, unit, project, rules, total, grade, file, "
                "kind, budget, executed, budget_score, declared, run_id) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                "ON CONFLICT (hash) DO NOTHING");  // only a repeat is skipped; other violations fail the run
  Statement id(db, "SELECT last_insert_rowid()");
  Statement fin(db, "INSERT INTO finding (submission_id, code, line, indicator, message) VALUES (?1, ?2, ?3, ?4, ?5)");
  Statement leaf(db,
                 "INSERT INTO indicator_result (submission_id, position, path, target, actual) VALUES (?1, ?2, ?3, ?4, ?5)");
  int added = 0;
  SubmissionRow scratch;
  for (const SubmissionRow* light : rows) {
    const SubmissionRow& r = *light;
    ins.bind(1, r.hash).bind(2, std::int64_t{r.year}).bind(3, r.department).bind(4, r.unit).bind(5, r.project);
    ins.bind(6, r.rules).bind(7, r.total.to_string(2)).bind(8, r.grade).bind(9, r.file).bind(10, kind_of(r));
    ins.bind(11, r.budget.to_plain()).bind(12, r.executed.to_plain()).bind(13, r.budget_score.to_string(2));
    if (r.declared) {
      ins.bind(14, r.declared->to_string(2));
    } else {
      ins.bind_null(14);
    }
    ins.bind(15, run_id);
    ins.run();
    if (db.changes() == 0) continue;  // stored by an earlier run
    ++added;
    const SubmissionRow& full = full_row(r, details, scratch);
    id.step();
    const std::int64_t sid = id.integer(0);
    id.reset();
    for (const SubmissionFinding& f : full.findings) {
      fin.bind(1, sid).bind(2, f.code).bind(3, std::int64_t{f.line}).bind(4, f.indicator).bind(5, f.message);
      fin.run();
    }
    std::int64_t position = 0;
    for (const PriorActual& a : full.indicators) {
      leaf.bind(1, sid).bind(2, position++).bind(3, join_path(a.path)).bind(4, a.target).bind(5, a.actual);
      leaf.run();
    }
  }
  Statement upd(db, "UPDATE run SET added = ?1 WHERE id = ?2");
  upd.bind(1, std::int64_t{added}).bind(2, run_id).run();
  return added;
}

void History::begin() {
  if (!run_) run_ = std::make_unique<Transaction>(*db_);
}

ResultCache& History::results() {
  if (!results_) results_ = std::make_unique<ResultCache>(*db_);
  return *results_;
}

std::vector<PriorRecord> History::year_records(int year) {
  Statement st(*db_,
               "SELECT department, project, kind, total, budget, grade FROM submission WHERE id IN "
               "(SELECT max(id) FROM submission WHERE year = ?1 GROUP BY department, project, kind) "
               "ORDER BY department, kind, project");
  st.bind(1, std::int64_t{year});
  std::vector<PriorRecord> out;
  while (st.step()) {
    PriorRecord p;
    p.department = st.text(0);
    p.project = st.text(1);
    p.department_wide = st.text(2) == "department";
    p.total = decimal_column(st, 3).value_or(Decimal());
    p.budget = decimal_column(st, 4).value_or(Decimal());
    p.grade = st.text(5);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<TrendPoint> History::trend(const std::string& department, const std::string& project) {
  Statement st(*db_,
               "SELECT s.year, s.department, s.unit, s.project, s.kind, s.rules, s.total, s.grade, s.declared, "
               "(SELECT count(*) FROM finding f WHERE f.submission_id = s.id), s.file, s.budget "
               "FROM submission s WHERE s.id IN (SELECT max(id) FROM submission GROUP BY department, project, kind, "
               "year) AND instr(s.department, ?1) > 0 AND instr(s.project, ?2) > 0 "
               "ORDER BY s.department, s.kind, s.project, s.year");
  st.bind(1, department).bind(2, project);
  std::vector<TrendPoint> out;
  while (st.step()) {
    TrendPoint p;
    p.year = static_cast<int>(st.integer(0));
    p.department = st.text(1);
    p.unit = st.text(2);
    p.project = st.text(3);
    p.department_wide = st.text(4) == "department";
    p.rules = st.text(5);
    p.total = decimal_column(st, 6).value_or(Decimal());
    p.grade = st.text(7);
    p.declared = decimal_column(st, 8);
    p.findings = static_cast<int>(st.integer(9));
    p.file = st.text(10);
    p.budget = decimal_column(st, 11).value_or(Decimal());
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace jx::store
