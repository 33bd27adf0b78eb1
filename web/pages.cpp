#include "web/pages.h"

#include "app/json_entry.h"
#include "reports/html_batch.h"
#include "reports/html_document.h"
#include "reports/html_history.h"
#include "reports/html_score.h"
#include "reports/html_templates.h"
#include "web/assets.h"

// The routes' pages, rendered by reports/html_* from the application
// layer's results: this file only adapts app:: types to the renderers'
// models (no HTML is written here).

namespace jx::web {

std::string html_escape(std::string_view s) {
  return reports::html_escape(s);
}

std::string home_page(bool /*has_db*/) {
  return reports::html_upload_page();
}

std::string score_page(const app::ScoreResult& r, const std::string& upload_name) {
  if (r.review) {
    reports::ReviewedFile file = *r.review;
    if (file.file.empty()) file.file = upload_name;
    return reports::html_review_page(file);
  }
  std::vector<reports::ScoredFile> files;
  for (const app::Loaded& l : r.loaded) files.push_back(app::json_entry(l));
  if (files.empty()) return reports::html_error_page(r.message.empty() ? "文件无法读取" : r.message);
  return reports::html_score_page(files);
}

std::string batch_form_page(bool /*has_db*/) {
  return reports::html_batch_page({});
}

std::string batch_page(const app::BatchResult& r) {
  return reports::html_batch_page(r.summaries, {r.recorded});
}

std::string history_page(const std::string& department, const std::string& project,
                         const std::vector<app::TrendRow>& rows, const std::vector<DepartmentYear>& departments) {
  std::vector<store::TrendPoint> points;
  points.reserve(rows.size());
  for (const app::TrendRow& row : rows) points.push_back(*row.p);
  return reports::html_history_page(points, departments, {department, project, true});
}

std::string templates_page(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<reports::TemplateFile> out;
  for (const auto& [name, folder] : files) out.push_back({name, folder == "examples", ""});
  return reports::html_templates_page(out);
}

std::string error_page(int status, const std::string& message) {
  return reports::html_error_page(message, status >= 500 ? "请稍后再试；问题仍在时把这条信息告诉管理员" : "");
}

bool asset(const std::string& name, std::string& content, std::string& type) {
  const auto a = web::asset(name);
  if (!a) return false;
  content.assign(a->bytes);
  type.assign(a->content_type);
  return true;
}

}  // namespace jx::web
