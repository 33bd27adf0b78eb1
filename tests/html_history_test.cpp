// The 历年 and 模板 pages and the embedded assets.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "app/history.h"
#include "reports/html_document.h"
#include "reports/html_history.h"
#include "reports/html_score.h"
#include "reports/html_templates.h"
#include "reports/json_report.h"
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
  const std::string html = jx::reports::html_history_page(points, jx::app::department_years(points), {"<科", "", true});
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(jxhtml::count(html, "<section class=\"history-department\">") == 2);
  CHECK(jxhtml::count(html, "<svg") == 2);
  CHECK(html.find("value=\"&lt;科\"") != std::string::npos);  // the filter is echoed, escaped
  const std::size_t first = html.find("<table class=\"history\">");
  const std::string t = html.substr(first, html.find("</table>", first) - first);
  // Rows: 部门整体支出, 科普"专项", 学会; columns 2021, 2022, 较上年.
  CHECK(jxhtml::count(t, "<tr><th scope=\"row\">") == 3);
  // The department's mean first (budgets all 0 here: the plain mean of its
  // projects, 部门整体支出 left out): 2021 97.00 (1 project), 2022
  // (85.10 + 70.00) / 2 = 77.55 (2 projects), change -19.45.
  const std::size_t mean_at = t.find("<tr class=\"mean\">");
  REQUIRE(mean_at != std::string::npos);
  CHECK(mean_at < t.find("<tr><th scope=\"row\">"));
  const std::string mean_row = t.substr(mean_at, t.find("</tr>", mean_at) - mean_at);
  CHECK(mean_row.find("部门加权平均") != std::string::npos);
  CHECK(mean_row.find("<span class=\"mean-score\">97.00</span><br><span class=\"sub\">1 个项目</span>") != std::string::npos);
  CHECK(mean_row.find("<span class=\"mean-score\">77.55</span><br><span class=\"sub\">2 个项目</span>") != std::string::npos);
  CHECK(mean_row.find(">-19.45<") != std::string::npos);
  CHECK(jxhtml::count(html, "<g class=\"series mean\">") == 2);  // both departments have projects
  CHECK(html.find("<title>部门加权平均 2022年：77.55</title>") != std::string::npos);
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
    const std::string html = jx::reports::html_history_page(points, {}, {"", "", true});
    const std::string problem = jxhtml::structure_problem(html);
    if (!problem.empty()) FAIL(problem);
    CHECK(jxhtml::count(html, "<section class=\"history-department\">") == departments);
    CHECK(jxhtml::count(html, "<tr><th scope=\"row\">") == series);
    CHECK(jxhtml::count(html, "<circle") == points.size());
    CHECK(jxhtml::count(html, "<span class=\"score\">") == points.size());
    for (const auto& p : points) CHECK(html.find(">" + p.total.to_string(2) + "<") != std::string::npos);
  }
}

namespace {

/// round-half-up(num / den) for num >= 0, den > 0 (hundredths).
std::int64_t half_up(__int128 num, __int128 den) {
  return static_cast<std::int64_t>((2 * num + den) / (2 * den));
}

std::string hundredths(std::int64_t h) {
  return Decimal::from_raw(h * 10'000).to_string(2);
}

}  // namespace

TEST_CASE("history page: departments' budget-weighted means, the numbers of history --json --aggregates") {
  const std::uint64_t seed = jxhtml::seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  jxhtml::Rng r{std::mt19937_64(seed)};
  int means_checked = 0, without_projects = 0;
  for (int run = 0; run < 200; ++run) {
    INFO("run " << run);
    std::vector<jx::store::TrendPoint> points;
    // Expected, from the rule: per department and year, Σ total × budget /
    // Σ budget (the plain mean when every budget is 0), half up, in hundredths.
    struct Acc {
      __int128 products = 0, budget = 0, totals = 0;
      int n = 0;
    };
    std::vector<std::pair<std::string, std::map<int, Acc>>> expected;
    const std::size_t departments = 1 + r.below(4);
    for (std::size_t d = 0; d < departments; ++d) {
      const std::string dept = jxhtml::hostile(r) + "部门" + std::to_string(d);
      expected.push_back({dept, {}});
      const bool wide_only = r.chance(15);
      for (std::size_t p = 0, n = 1 + r.below(4); p < n; ++p) {
        const bool wide = wide_only || (p == 0 && r.chance(50));
        const std::string project = wide ? "" : jxhtml::hostile(r) + "#" + std::to_string(p);
        for (int year = 2018; year <= 2024; ++year) {
          if (!r.chance(60)) continue;
          const auto total = static_cast<std::int64_t>(r.below(10'001));
          const auto budget = r.chance(20) ? std::int64_t{0} : static_cast<std::int64_t>(r.below(1'000'000));  // 万元 cents
          jx::store::TrendPoint pt = point(dept, project, year, total);
          pt.budget = Decimal::from_raw(budget * 10'000);
          points.push_back(pt);
          if (wide) continue;
          Acc& a = expected.back().second[year];
          a.products += static_cast<__int128>(total) * budget;
          a.budget += budget;
          a.totals += total;
          ++a.n;
        }
        if (wide) break;  // one department-wide series per department
      }
    }
    const auto means = jx::app::department_years(points);
    const std::string json = jx::app::aggregates_json(jx::app::with_changes(points), means);
    const std::string html = jx::reports::html_history_page(points, means, {"", "", true});
    const std::string problem = jxhtml::structure_problem(html);
    if (!problem.empty()) FAIL(problem);
    std::size_t entries = 0, sections_seen = 0;
    std::size_t at = 0;
    for (const auto& [dept, years] : expected) {
      const std::string& name = dept;  // clang 14 cannot capture a structured binding
      const bool has_records =
          std::any_of(points.begin(), points.end(), [&](const auto& p) { return p.department == name; });
      if (!has_records) continue;
      at = html.find("<section class=\"history-department\">", at);
      REQUIRE(at != std::string::npos);
      const std::string section = html.substr(at, html.find("</section>", at) - at);
      ++at;
      ++sections_seen;
      CHECK(section.find("<h2>" + html_escape(dept) + "</h2>") != std::string::npos);
      if (years.empty()) {
        ++without_projects;
        CHECK(section.find("<tr class=\"mean\">") == std::string::npos);
        CHECK(section.find("部门加权平均") == std::string::npos);
        CHECK(jxhtml::count(section, "<rect") == 0u);
        continue;
      }
      const std::size_t row_at = section.find("<tr class=\"mean\">");
      REQUIRE(row_at != std::string::npos);
      const std::string row = section.substr(row_at, section.find("</tr>", row_at) - row_at);
      CHECK(jxhtml::count(section, "<g class=\"series mean\">") == 1u);
      CHECK(jxhtml::count(section, "<rect") == years.size());
      CHECK(jxhtml::count(row, "<span class=\"mean-score\">") == years.size());
      std::optional<std::int64_t> prev;
      int prev_year = 0;
      for (const auto& [year, a] : years) {
        const std::int64_t m = a.budget > 0 ? half_up(a.products, a.budget) : half_up(a.totals, a.n);
        const std::string change = prev && prev_year == year - 1 ? hundredths(std::abs(m - *prev)) : "null";
        const std::string signed_change = change == "null" || m >= *prev ? change : "-" + change;
        const std::string line = "{\"department\": " + jx::reports::json_string(dept) + ", \"year\": " +
                                 std::to_string(year) + ", \"weighted_mean\": " + hundredths(m) +
                                 ", \"projects\": " + std::to_string(a.n) + ", \"change\": " + signed_change + "}";
        INFO(line);
        CHECK(json.find(line) != std::string::npos);
        CHECK(row.find("<span class=\"mean-score\">" + hundredths(m) + "</span><br><span class=\"sub\">" +
                       std::to_string(a.n) + " 个项目</span>") != std::string::npos);
        CHECK(section.find("<title>部门加权平均 " + std::to_string(year) + "年：" + hundredths(m) + "</title>") !=
              std::string::npos);
        ++entries;
        ++means_checked;
        prev = m;
        prev_year = year;
      }
    }
    CHECK(jxhtml::count(html, "<section class=\"history-department\">") == sections_seen);
    CHECK(jxhtml::count(json, "\"weighted_mean\"") == entries);
    CHECK(jxhtml::count(html, "<tr class=\"mean\">") ==
          static_cast<std::size_t>(std::count_if(expected.begin(), expected.end(), [](const auto& e) { return !e.second.empty(); })));
  }
  INFO("department-years checked: " << means_checked << ", departments without projects: " << without_projects);
  CHECK(means_checked > 1000);
  CHECK(without_projects > 5);
}

TEST_CASE("history page: without a database, and with no records") {
  const std::string none = jx::reports::html_history_page({}, {}, {"", "", false});
  CHECK(jxhtml::structure_problem(none) == "");
  CHECK(none.find("jixiao serve --db") != std::string::npos);
  CHECK(none.find("<form") == std::string::npos);
  const std::string empty = jx::reports::html_history_page({}, {}, {"无此部门", "", true});
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
      {jx::reports::html_history_page({}, {}, {"", "", true}), "/history"},
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
