// The 批量汇总 page over generated runs (rows with hostile names, findings
// of every kind, invalid files), and the SVG charts against their own
// geometry. Seeded: JIXIAO_SEED=N repeats a run.
#include <catch2/catch.hpp>

#include <cstdio>

#include "engine/findings.h"
#include "engine/summary.h"
#include "reports/html_batch.h"
#include "reports/html_charts.h"
#include "reports/html_document.h"
#include "tests/html_support.h"

namespace {

using jx::Decimal;
using jx::reports::html_escape;

// The chart's maximum, from its rule: the smallest 1, 2, 5 × 10^k ≥ the
// largest count (at least 1).
int chart_top(int max) {
  for (int scale = 1;; scale *= 10) {
    for (int m : {1, 2, 5}) {
      if (m * scale >= max) return m * scale;
    }
  }
}

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

/// Heights of the bars of the n-th <svg> of a page.
std::vector<std::string> bar_heights(const std::string& html, std::size_t n) {
  std::size_t at = 0;
  for (std::size_t i = 0; i <= n; ++i) at = html.find("<svg", at + (i ? 1 : 0));
  const std::string svg = html.substr(at, html.find("</svg>", at) - at);
  std::vector<std::string> out;
  const std::regex rect("<rect class=\"bar\" x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\" height=\"([0-9.]+)\"");
  for (std::sregex_iterator it(svg.begin(), svg.end(), rect), end; it != end; ++it) out.push_back((*it)[1]);
  return out;
}

std::vector<jx::SubmissionRow> generate_rows(jxhtml::Rng& r, std::size_t n) {
  std::vector<std::string> departments;
  for (std::size_t i = 0, d = 1 + r.below(5); i < d; ++i) departments.push_back(jxhtml::hostile(r) + std::to_string(i));
  std::vector<jx::SubmissionRow> rows;
  for (std::size_t i = 0; i < n; ++i) {
    jx::SubmissionRow row;
    row.file = jxhtml::hostile(r) + std::to_string(i) + ".yaml";
    row.year = 2022;
    row.department = r.pick(departments);
    row.unit = jxhtml::hostile(r);
    row.project = jxhtml::hostile(r) + "#" + std::to_string(i);
    row.rules = "mof2020";
    row.budget = Decimal::from_raw(static_cast<std::int64_t>(r.below(1'000'000)) * 10'000);
    row.executed = row.budget;
    row.rate = Decimal(1);
    row.budget_score = Decimal(10);
    row.total = Decimal::from_raw(static_cast<std::int64_t>(r.below(10'001)) * 10'000);
    row.grade = row.total >= Decimal(90) ? "优" : row.total >= Decimal(80) ? "良" : row.total >= Decimal(60) ? "中" : "差";
    if (r.chance(30)) row.declared = Decimal(100);
    for (std::size_t k = 0, m = r.below(4); k < m; ++k) {
      const auto& kind = r.pick(jx::kFindingKinds);
      row.findings.push_back({std::string(kind.code), static_cast<int>(r.below(90)), jxhtml::hostile(r), jxhtml::hostile(r)});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<jx::InvalidFile> generate_invalid(jxhtml::Rng& r, std::size_t n) {
  std::vector<jx::InvalidFile> out;
  for (std::size_t i = 0; i < n; ++i) {
    jx::InvalidFile f;
    f.file = jxhtml::hostile(r) + "-bad" + std::to_string(i) + ".yaml";
    f.errors = static_cast<int>(1 + r.below(6));
    for (int k = 0; k < f.errors + static_cast<int>(r.below(3)); ++k) {
      f.messages.push_back(f.file + ":" + std::to_string(k + 1) + ":1: 错误: " + jxhtml::hostile(r));
    }
    f.year = 2022;
    f.cause = r.chance(50) ? std::string(r.pick(jx::kInvalidCauses).code) : jxhtml::hostile(r);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

TEST_CASE("charts: bars and lines follow their geometry") {
  const std::string bars = jx::reports::svg_bar_chart({{"优", 3}, {"良", 0}, {"<中>", 7}}, "等级<分布>");
  // Top 10: heights 180 × count / 10.
  CHECK(bar_heights(bars, 0) == std::vector<std::string>{"54.0", "0.0", "126.0"});
  CHECK(bars.find("&lt;中&gt;") != std::string::npos);
  CHECK(bars.find("<title>等级&lt;分布&gt;</title>") != std::string::npos);
  CHECK(bar_heights(jx::reports::svg_bar_chart({}, "空"), 0).empty());
  const std::string lines = jx::reports::svg_line_chart(
      {{"甲", {{2021, Decimal(100)}, {2022, Decimal(0)}}}, {"乙", {{2022, Decimal::from_raw(88'500'000)}}}}, "历年");
  // y = 16 + 200 − 200 × value / 100.
  CHECK(lines.find("cy=\"16.0\"") != std::string::npos);
  CHECK(lines.find("cy=\"216.0\"") != std::string::npos);
  CHECK(lines.find("cy=\"39.0\"") != std::string::npos);
  CHECK(jxhtml::count(lines, "<circle") == 3);
  CHECK(jxhtml::count(lines, "<polyline") == 1);  // 乙 has one point: no line
  CHECK(lines.find("乙 2022年：88.50") != std::string::npos);
  CHECK(lines.find("<text class=\"value\"") == std::string::npos);  // two series: values only as tooltips
  // Close scores: the axis starts at 80 (a multiple of 10 at or below 85 − 5).
  const std::string close =
      jx::reports::svg_line_chart({{"丙", {{2021, Decimal(85)}, {2022, Decimal(100)}}}}, "历年");
  CHECK(close.find("cy=\"166.0\"") != std::string::npos);  // 216 − 200 × (85 − 80) / 20
  CHECK(close.find("cy=\"16.0\"") != std::string::npos);
  CHECK(close.find(">80</text>") != std::string::npos);
  CHECK(close.find(">70</text>") == std::string::npos);
  CHECK(close.find(">85.00</text>") != std::string::npos);  // one series: values printed
}

TEST_CASE("batch page: the upload form alone") {
  const std::string html = jx::reports::html_batch_page({});
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(html.find("name=\"files\" multiple") != std::string::npos);
  CHECK(html.find("action=\"/batch\"") != std::string::npos);
  CHECK(html.find("<table") == std::string::npos);
}

TEST_CASE("batch page: generated runs") {
  const std::uint64_t seed = jxhtml::seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  jxhtml::Rng r{std::mt19937_64(seed)};
  constexpr int kRuns = 60;
  std::size_t all_rows = 0, all_findings = 0;
  for (int run = 0; run < kRuns; ++run) {
    INFO("run " << run);
    auto rows = generate_rows(r, r.below(40));
    auto invalid = generate_invalid(r, r.below(4));
    const jx::BatchSummary s = jx::summarize(rows, invalid, {"优", "良", "中", "差"});
    jx::reports::BatchPageNotes notes;
    if (r.chance(50)) notes.recorded = static_cast<int>(r.below(50));
    const std::string html = jx::reports::html_batch_page({s}, notes);
    const std::string problem = jxhtml::structure_problem(html);
    if (!problem.empty()) FAIL(problem);
    // The ranked table: every row in rank order with its total.
    const auto totals = jxhtml::contents(html, "<td class=\"n score\"", "</td>");
    REQUIRE(totals.size() == rows.size());
    for (std::size_t i = 0; i < s.rows.size(); ++i) {
      CHECK(totals[i] == s.rows[i].total.to_string(2));
    }
    // 问题清单: one row per finding, options for the codes present.
    std::size_t findings = 0;
    std::set<std::string> codes;
    for (const auto& row : rows) {
      findings += row.findings.size();
      for (const auto& f : row.findings) codes.insert(f.code);
    }
    const std::size_t table = html.find("<table class=\"problems\"");
    if (findings == 0) {
      CHECK(table == std::string::npos);
    } else {
      REQUIRE(table != std::string::npos);
      const std::string t = html.substr(table, html.find("</table>", table) - table);
      CHECK(jxhtml::count(t, "<tr data-code=") == findings);
      const std::size_t sel = html.find("data-filter-attr=\"code\"");
      const std::string options = html.substr(sel, html.find("</select>", sel) - sel);
      CHECK(jxhtml::count(options, "<option") == codes.size() + 1);
    }
    // Charts: the grade distribution and the histogram, bars as counted.
    std::map<std::string, int> grades;
    for (const auto& row : rows) ++grades[row.grade];
    int max = 0;
    for (const auto& [g, n] : grades) max = std::max(max, n);
    std::vector<std::string> expected;
    for (const char* g : {"优", "良", "中", "差"}) expected.push_back(one_decimal(180.0 * grades[g] / chart_top(max)));
    CHECK(bar_heights(html, 0) == expected);
    CHECK(bar_heights(html, 1).size() == s.histogram.size());
    // Invalid files with at most three of their errors each.
    const std::size_t inv = html.find("<table class=\"invalid\">");
    if (invalid.empty()) {
      CHECK(inv == std::string::npos);
    } else {
      REQUIRE(inv != std::string::npos);
      const std::string t = html.substr(inv, html.find("</table>", inv) - inv);
      CHECK(jxhtml::count(t, "<tr data-cause=") == invalid.size());
      std::size_t shown = 0;
      for (const auto& f : invalid) shown += static_cast<std::size_t>(std::min(f.errors, 3));
      CHECK(jxhtml::count(t, "class=\"diag error\"") == shown);
    }
    const std::size_t deps = html.find("<table class=\"departments\">");
    REQUIRE(deps != std::string::npos);
    const std::string dt = html.substr(deps, html.find("</table>", deps) - deps);
    CHECK(jxhtml::count(dt, "<tr><td class=\"n\">") == s.departments.size());
    for (const auto& d : s.departments) CHECK(dt.find(">" + html_escape(d.name) + "<") != std::string::npos);
    CHECK((html.find("已记入历年数据库") != std::string::npos) == notes.recorded.has_value());
    if (notes.recorded) {
      CHECK(html.find("已记入历年数据库：新增 " + std::to_string(*notes.recorded) + " 条（已有的不重复记录）") !=
            std::string::npos);
    }
    CHECK((html.find("本次汇总未记入历年数据库") != std::string::npos) == !notes.recorded.has_value());
    CHECK(html.find("data-action=\"download-batch-xlsx\"") != std::string::npos);
    all_rows += rows.size();
    all_findings += findings;
  }
  CHECK(all_rows > 0);
  CHECK(all_findings > 0);
}
