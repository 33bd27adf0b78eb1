// The HTML the routes return: the application layer's results handed to
// the renderers (reports/html_*), which escape every text from a file or a
// request (html_escape) and write no inline script or style (the
// Content-Security-Policy forbids both); the assets (web/assets.h) are
// embedded in the binary.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/history.h"
#include "app/service.h"

namespace jx::web {

/// & < > " ' escaped: safe in element text and in quoted attributes.
std::string html_escape(std::string_view s);

std::string home_page(bool has_db);
std::string score_page(const app::ScoreResult& r, const std::string& upload_name);
std::string batch_form_page(bool has_db);
std::string batch_page(const app::BatchResult& r);
std::string history_page(const std::string& department, const std::string& project,
                         const std::vector<app::TrendRow>& rows, const std::vector<DepartmentYear>& departments);
/// `files`: (file name, folder name) as Service::downloads gives them; the
/// files of an "examples" folder are listed as examples.
std::string templates_page(const std::vector<std::pair<std::string, std::string>>& files);
std::string error_page(int status, const std::string& message);

/// The embedded stylesheet and other assets: content and type; false when
/// there is no asset of that name.
bool asset(const std::string& name, std::string& content, std::string& type);

}  // namespace jx::web
