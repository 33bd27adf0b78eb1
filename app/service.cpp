#include "app/service.h"

#include <map>

#include "app/files.h"
#include "app/history.h"
#include "app/json_entry.h"
#include "app/memory_file.h"
#include "app/review.h"
#include "app/workbook_input.h"
#include "app/workbook_output.h"
#include "engine/load/yaml_reader.h"
#include "engine/score.h"
#include "reports/json_report.h"
#include "reports/summary_json.h"
#include "reports/summary_table.h"
#include "reports/workbook.h"
#include "reports/workbook_file.h"

namespace jx::app {

namespace {

// The first few errors, one per line: enough to say what is wrong.
std::string first_errors(const std::vector<std::string>& errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size() && i < 5; ++i) out += (i ? "\n" : "") + errors[i];
  if (errors.size() > 5) out += "\n……另有 " + std::to_string(errors.size() - 5) + " 条";
  return out;
}

}  // namespace

Service::Service(ServiceConfig config) : config_(std::move(config)) {
  auto layout = load_layouts(config_.layout_search);
  if (!layout) throw std::runtime_error("无法读取表格布局文件（indicators/layouts）");
  layout_ = std::move(*layout);
}

ScoreResult Service::score(const Upload& file) const {
  ScoreResult out;
  out.loader = std::make_shared<Loader>(config_.rules_search);
  std::vector<std::string> errors;
  out.loader->set_sink([&errors](const std::string& name, const Diagnostics& d) {
    for (const Diagnostic& x : d.sorted()) {
      if (x.severity == Severity::Error) errors.push_back(format_diagnostic(name, x));
    }
  });
  const std::vector<Upload> only{file};
  out.loader->set_uploads(upload_reader(only));
  if (workbook::sniff(file.bytes.substr(0, 8)) != workbook::Format::Unknown) {
    out.workbook = true;
    const Imported in = import_workbook(file.name, file.bytes, "", out.loader->rules(), layout_, true, nullptr);
    // The tables as scored projects: the same JSON and workbook as a YAML
    // file of each (import → score), the review beside them.
    const RuleSet* rs = in.rules;
    out.review = review_imported(file.name, in);
    for (const ImportedTable& t : in.tables) {
      if (rs == nullptr) break;
      LoadedProject p;
      p.file = file.name + ":" + t.sheet;
      p.project = t.project;
      p.rules = rs;
      p.score = score_project(p.project, *rs);
      Loaded l;
      l.file = std::move(p);
      out.loaded.push_back(std::move(l));
    }
    std::vector<reports::ScoredFile> entries;
    for (const Loaded& l : out.loaded) entries.push_back(json_entry(l));
    std::string scores = reports::to_json(entries);
    std::string review = reports::review_json({*out.review});
    while (!scores.empty() && scores.back() == '\n') scores.pop_back();
    while (!review.empty() && review.back() == '\n') review.pop_back();
    out.json = "{\"scores\": " + scores + ",\n\"review\": " + review + "}\n";
    if (in.code != kOk || out.loaded.empty()) {
      out.bad_input = true;
      out.message = in.errors.empty() ? file.name + ": 错误: 工作簿中找不到可读的自评表" : first_errors(in.errors);
    }
    return out;
  }
  Loaded l;
  const int rc = out.loader->load_text(file.name, file.bytes, l);
  out.loaded.push_back(std::move(l));
  out.json = reports::to_json({json_entry(out.loaded.front())});
  if (rc != kOk) {
    out.bad_input = true;
    out.message = errors.empty() ? file.name + ": 错误: 无法评分" : first_errors(errors);
  }
  return out;
}

std::string Service::workbook(const ScoreResult& scored) const {
  if (scored.bad_input || scored.loaded.empty()) throw std::runtime_error("文件有错误，不能生成自评表");
  MemoryFile file;
  write_workbook_to(file.path(), scored.loaded);
  return file.contents();
}

std::string Service::batch_workbook(const BatchResult& result) const {
  if (result.summaries.empty()) throw std::runtime_error("没有可汇总的文件");
  MemoryFile file;
  reports::write_summary_workbook(file.path(), result.summaries);
  return file.contents();
}

BatchResult Service::batch(const std::vector<Upload>& files) const {
  BatchResult out;
  if (!config_.batch) {
    out.code = kUsage;
    out.message = "本服务未提供批量评分";
    return out;
  }
  {
    const std::unique_lock<std::shared_mutex> lock(db_mutex_);
    out.code = config_.batch(files, out.summaries, out.recorded);
  }
  if (out.code == kUsage || out.summaries.empty()) {
    out.code = kUsage;
    out.message = "批量评分失败（详见服务器窗口）";
    return out;
  }
  // As batch --json: one year is the summary object itself.
  out.json = out.summaries.size() == 1 ? reports::summary_json(out.summaries.front())
                                       : reports::summary_json(out.summaries);
  return out;
}

HistoryResult Service::history(const std::string& department, const std::string& project, bool aggregates) const {
  if (config_.db.empty()) throw std::runtime_error("服务启动时没有指定历史数据库（--db），没有历年记录");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(config_.db, ec)) {
    throw std::runtime_error("历史数据库还没有记录：先在“批量汇总”页运行一次批量评分");
  }
  HistoryResult out;
  {
    const std::shared_lock<std::shared_mutex> lock(db_mutex_);
    store::History h(config_.db, store::History::Access::Read);  // never created, migrated or changed
    out.points = h.trend(department, project);
  }
  out.rows = with_changes(out.points);
  out.departments = department_years(out.points);
  out.json = aggregates ? aggregates_json(out.rows, out.departments) : records_json(out.rows);
  return out;
}

namespace {

std::map<std::string, std::filesystem::path> listed(const std::vector<std::filesystem::path>& dirs) {
  std::map<std::string, std::filesystem::path> out;
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() != ".yaml" || !it->is_regular_file(ec)) continue;
      out.emplace(it->path().filename().string(), it->path());  // an earlier folder's file wins
    }
  }
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Service::downloads() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, path] : listed(config_.download_dirs)) {
    out.emplace_back(name, path.parent_path().filename().string());
  }
  return out;
}

std::optional<std::string> Service::download(const std::string& name) const {
  const auto all = listed(config_.download_dirs);
  const auto it = all.find(name);
  if (it == all.end()) return std::nullopt;
  std::string err;
  return read_file(it->second, err);
}

}  // namespace jx::app
