// The 历年 and 模板 pages and the embedded assets.
#include <catch2/catch.hpp>

#include <filesystem>

#include "reports/html_document.h"
#include "reports/html_history.h"
#include "reports/html_score.h"
#include "reports/html_templates.h"
#include "tests/html_support.h"
#include "tests/support.h"
#include "web/assets.h"

namespace {

using jx::Decimal;
using jx::reports::html_escape;

jx::store::TrendPoint point(const std::string& dept, const std::string& project, int year, std::int64_t hundredths) {
  jx::store::TrendPoint p;
  p.year = year;
  p.department = dept;
  p.project = project;
  p.department_wide = project.empty();
  p.rules = "mof2020";
  p.total = Decimal::from_raw(hundredths * 10'000);
  p.grade = hundredths >= 9000 ? "优" : "良";
  p.file = dept + project + ".yaml";
  return p;
}

}  // namespace

TEST_CASE("history page: named records") {
  // As History::trend orders them: department, kind (department-wide first), project, year.
  const std::vector<jx::store::TrendPoint> points = {
      point("<科协>", "", 2021, 8800),      point("<科协>", "", 2022, 9150),
      point("<科协>", "科普\"专项\"", 2021, 9700), point("<科协>", "科普\"专项\"", 2022, 8510),
      point("<科协>", "学会", 2022, 7000),   point("教育局", "校舍", 2020, 9999),
  };
  const std::string html = jx::reports::html_history_page(points, {"<科", "", true});
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(jxhtml::count(html, "<section class=\"history-department\">") == 2);
  CHECK(jxhtml::count(html, "<svg") == 2);
  CHECK(html.find("value=\"&lt;科\"") != std::string::npos);  // the filter is echoed, escaped
  const std::size_t first = html.find("<table class=\"history\">");
  const std::string t = html.substr(first, html.find("</table>", first) - first);
  // Rows: 部门整体支出, 科普"专项", 学会; columns 2021, 2022, 较上年.
  CHECK(jxhtml::count(t, "<tr><th scope=\"row\">") == 3);
  CHECK(t.find("科普&quot;专项&quot;") != std::string::npos);
  CHECK(t.find(">+3.50<") != std::string::npos);   // 88.00 → 91.50
  CHECK(t.find(">-11.90<") != std::string::npos);  // 97.00 → 85.10
  CHECK(jxhtml::count(t, "<td class=\"n\">—</td>") == 2);  // 学会: no 2021, so no change
  CHECK(t.find(">2021年<") != std::string::npos);
  // 教育局 has one year: no change column.
  const std::size_t second = html.find("<table class=\"history\">", first + 1);
  const std::string t2 = html.substr(second, html.find("</table>", second) - second);
  CHECK(t2.find("较上年") == std::string::npos);
  CHECK(t2.find(">99.99<") != std::string::npos);
}

TEST_CASE("history page: generated records") {
  const std::uint64_t seed = jxhtml::seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  jxhtml::Rng r{std::mt19937_64(seed)};
  for (int run = 0; run < 100; ++run) {
    INFO("run " << run);
    std::vector<jx::store::TrendPoint> points;
    std::size_t series = 0;
    const std::size_t departments = 1 + r.below(4);
    for (std::size_t d = 0; d < departments; ++d) {
      const std::string dept = jxhtml::hostile(r) + "部门" + std::to_string(d);
      for (std::size_t p = 0, n = 1 + r.below(4); p < n; ++p) {
        const std::string project = p == 0 && r.chance(50) ? "" : jxhtml::hostile(r) + "#" + std::to_string(p);
        ++series;
        for (int year = 2018; year <= 2024; ++year) {
          if (r.chance(60)) points.push_back(point(dept, project, year, static_cast<std::int64_t>(r.below(10'001))));
        }
        if (points.empty() || points.back().project != project || points.back().department != dept) {
          points.push_back(point(dept, project, 2024, 5000));
        }
      }
    }
    const std::string html = jx::reports::html_history_page(points, {"", "", true});
    const std::string problem = jxhtml::structure_problem(html);
    if (!problem.empty()) FAIL(problem);
    CHECK(jxhtml::count(html, "<section class=\"history-department\">") == departments);
    CHECK(jxhtml::count(html, "<tr><th scope=\"row\">") == series);
    CHECK(jxhtml::count(html, "<circle") == points.size());
    CHECK(jxhtml::count(html, "<span class=\"score\">") == points.size());
    for (const auto& p : points) CHECK(html.find(">" + p.total.to_string(2) + "<") != std::string::npos);
  }
}

TEST_CASE("history page: without a database, and with no records") {
  const std::string none = jx::reports::html_history_page({}, {"", "", false});
  CHECK(jxhtml::structure_problem(none) == "");
  CHECK(none.find("jixiao serve --db") != std::string::npos);
  CHECK(none.find("<form") == std::string::npos);
  const std::string empty = jx::reports::html_history_page({}, {"无此部门", "", true});
  CHECK(jxhtml::structure_problem(empty) == "");
  CHECK(empty.find("没有找到记录") != std::string::npos);
}

TEST_CASE("templates page: every file a download link, templates and examples apart") {
  const std::vector<jx::reports::TemplateFile> files = {
      {"project.yaml", false, "项目自评模板"},
      {"dept-common.yaml", false, ""},
      {"kepu-2022.yaml", true, "攀枝花市科协 <示例>"},
  };
  const std::string html = jx::reports::html_templates_page(files);
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(jxhtml::count(html, "<a href=\"/templates/") == 3);
  CHECK(html.find("href=\"/templates/kepu-2022.yaml\" download") != std::string::npos);
  CHECK(html.find("&lt;示例&gt;") != std::string::npos);
  CHECK(html.find("<h2>示例</h2>") > html.find("dept-common.yaml"));
  CHECK(html.find("<code>indicators</code>") != std::string::npos);
}

TEST_CASE("every page: navigation, one script, the current entry marked") {
  const std::vector<std::pair<std::string, std::string>> pages = {
      {jx::reports::html_upload_page(), "/"},
      {jx::reports::html_history_page({}, {"", "", true}), "/history"},
      {jx::reports::html_templates_page({}), "/templates"},
      {jx::reports::html_error_page("文件<太大>", "不超过 16 MB"), ""},
  };
  for (const auto& [html, current] : pages) {
    CHECK(jxhtml::structure_problem(html) == "");
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("href=\"/assets/jixiao.css\"") != std::string::npos);
    CHECK(jxhtml::count(html, "aria-current=\"page\"") == (current.empty() ? 0u : 1u));
    if (!current.empty()) CHECK(html.find("<a href=\"" + current + "\" aria-current=\"page\">") != std::string::npos);
  }
  CHECK(pages[3].first.find("文件&lt;太大&gt;") != std::string::npos);
  CHECK(pages[3].first.find("提示：不超过 16 MB") != std::string::npos);
}

TEST_CASE("assets: every file of web/assets embedded byte for byte, nothing else") {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::string(JIXIAO_SOURCE_DIR) + "/web/assets")) {
    const std::string name = e.path().filename().string();
    INFO(name);
    const auto a = jx::web::asset(name);
    REQUIRE(a);
    CHECK(a->bytes == jxtest::read_source("web/assets/" + name));
    const std::string ext = e.path().extension().string();
    if (ext == ".css") CHECK(a->content_type == "text/css; charset=utf-8");
    if (ext == ".js") CHECK(a->content_type == "text/javascript; charset=utf-8");
    if (ext == ".svg") CHECK(a->content_type == "image/svg+xml");
    ++n;
  }
  CHECK(n >= 3);
  CHECK(jx::web::asset("jixiao.css"));
  CHECK(jx::web::asset("jixiao.js"));
  CHECK(jx::web::asset("favicon.svg"));
  for (const char* bad : {"", "../jixiao.css", "assets/jixiao.css", "/jixiao.css", "jixiao.css/", "JIXIAO.CSS", "x.js"}) {
    CHECK_FALSE(jx::web::asset(bad));
  }
}
