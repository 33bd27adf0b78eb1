// The 评分 / 复核 pages: the seed example as a named case (97.00, 优, its two
// warnings beside the budget row and the row they concern), generated
// projects with hostile text everywhere (the page's structure never
// changes, every number is the one `score --json` prints, every warning
// sits in the row whose lines it names), a department, a file with errors,
// and the review page of a real workbook with differences.
#include <catch2/catch.hpp>

#include "engine/load/department_loader.h"
#include "engine/review.h"
#include "engine/table_import.h"
#include "reports/html_document.h"
#include "reports/html_score.h"
#include "reports/json_report.h"
#include "reports/xlsx_reader.h"
#include "tests/html_support.h"
#include "tests/support.h"

namespace {

using jx::reports::html_escape;

// Scores as `score --json` prints them: the indicators' in order, then the
// budget's, then the total.
struct JsonScores {
  std::vector<std::string> leaves;
  std::string budget;
  std::string total;
};

JsonScores json_scores(const std::string& json) {
  JsonScores s;
  const std::size_t ind = json.find("\"indicators\": [");
  const std::size_t budget = json.find("\"budget\": {");
  REQUIRE(ind != std::string::npos);
  REQUIRE(budget != std::string::npos);
  const std::regex score("\"score\": ([0-9.]+|null)");
  const std::string tail = json.substr(ind, json.find("\"errors\"", ind) - ind);
  for (std::sregex_iterator it(tail.begin(), tail.end(), score), end; it != end; ++it) s.leaves.push_back((*it)[1]);
  std::smatch m;
  const std::string b = json.substr(budget, ind - budget);
  REQUIRE(std::regex_search(b, m, score));
  s.budget = m[1];
  REQUIRE(std::regex_search(json, m, std::regex("\"total\": ([0-9.]+)")));
  s.total = m[1];
  return s;
}

/// The rows (<tr …>…</tr>) of the first <tbody> of the score table.
std::vector<std::string> leaf_rows(const std::string& html) {
  const std::size_t table = html.find("<table class=\"score\">");
  const std::size_t start = html.find("<tbody>", table);
  const std::size_t end = html.find("</tbody>", start);
  const std::string body = html.substr(start, end - start);
  std::vector<std::string> rows;
  for (std::size_t i = body.find("<tr"); i != std::string::npos; i = body.find("<tr", i + 1)) {
    rows.push_back(body.substr(i, body.find("</tr>", i) - i));
  }
  return rows;
}

jx::reports::ScoredFile scored(const std::string& file, const jx::Project& p, const jx::RuleSet& r,
                               const jx::ProjectScore& s) {
  jx::reports::ScoredFile f;
  f.file = file;
  f.project = &p;
  f.rules = &r;
  f.score = &s;
  return f;
}

jx::FundRow fund_row(int line, std::int64_t budget, std::int64_t executed) {
  jx::FundRow row;
  row.present = true;
  row.loc = {line, 5};
  row.initial = jx::Decimal(budget);
  row.budget = jx::Decimal(budget);
  row.executed = jx::Decimal(executed);
  return row;
}

// A generated project: leaf i's keys are written on lines 100 + 10 i … +5,
// the funds on lines 5–6, the upper levels on lines ≥ 5000.
struct Generated {
  jx::Project project;
  std::vector<std::string> names;  ///< leaf names in tree order
};

Generated generate(jxhtml::Rng& r) {
  Generated g;
  jx::Project& p = g.project;
  p.year = 2022;
  p.rules = "mof2020";
  p.name = jxhtml::hostile(r);
  p.department = jxhtml::hostile(r);
  p.unit = jxhtml::hostile(r);
  p.funds.given = true;
  p.funds.loc = {4, 1};
  const std::int64_t budget = 10 + static_cast<std::int64_t>(r.below(200));
  const std::int64_t executed = static_cast<std::int64_t>(r.below(static_cast<std::size_t>(budget) + 1));
  p.funds.total = fund_row(5, budget, executed);
  p.funds.appropriation = fund_row(6, budget, executed);
  p.funds.reason = r.chance(50) ? jxhtml::hostile(r) : "";
  p.indicators_given = true;
  const std::size_t leaves = 1 + r.below(10);
  // 90 points over the leaves, each at least 1.
  std::vector<int> weights(leaves, 1);
  for (int left = 90 - static_cast<int>(leaves); left > 0; --left) ++weights[r.below(leaves)];
  const std::vector<std::string> firsts = {"产出指标", "效益指标", "满意度指标"};
  int line = 5000;
  std::size_t li = 0;
  const std::size_t groups = std::min<std::size_t>(leaves, 1 + r.below(3));
  for (std::size_t gi = 0; gi < groups; ++gi) {
    jx::Indicator first;
    first.name = firsts[gi % 3];
    first.loc = {line++, 9};
    first.has_children_key = true;
    jx::Indicator second;
    second.name = r.chance(30) ? jxhtml::hostile(r) + "指标" : "数量指标";
    second.loc = {line++, 11};
    second.has_children_key = true;
    const std::size_t here = gi + 1 == groups ? leaves - li : 1 + r.below(leaves - li - (groups - gi - 1));
    for (std::size_t k = 0; k < here; ++k, ++li) {
      jx::Indicator leaf;
      const int base = 100 + 10 * static_cast<int>(li);
      leaf.name = jxhtml::hostile(r) + "#" + std::to_string(li);
      leaf.loc = {base, 15};
      leaf.weight = jx::Decimal(weights[li]);
      leaf.weight_loc = {base + 1, 21};
      if (r.chance(60)) {
        const int target = 1 + static_cast<int>(r.below(50));
        const int actual = static_cast<int>(r.below(static_cast<std::size_t>(2 * target + 1)));
        leaf.target = "≥" + std::to_string(target) + "个";
        leaf.actual = std::to_string(actual) + "个";
      } else {
        leaf.target = "有效提升";
        leaf.actual = jxhtml::hostile(r);
        leaf.grade = "达成";
        leaf.grade_loc = {base + 4, 20};
      }
      leaf.target_loc = {base + 2, 21};
      leaf.actual_loc = {base + 3, 21};
      if (r.chance(30)) leaf.note = jxhtml::hostile(r);
      g.names.push_back(leaf.name);
      second.children.push_back(std::move(leaf));
    }
    first.children.push_back(std::move(second));
    p.indicators.push_back(std::move(first));
  }
  return g;
}

}  // namespace

TEST_CASE("score page: the seed example") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jxtest::Scored s = jxtest::score_text(jxtest::read_source("indicators/examples/kepu-2022.yaml"), r);
  REQUIRE(s.loaded);
  const auto f = scored("kepu-2022.yaml", s.project, r, s.score);
  const std::string html = jx::reports::html_score_page({f});

  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(jxhtml::contents(html, "<span class=\"big\" data-total", "</span>") == std::vector<std::string>{"97.00"});
  CHECK(jxhtml::contents(html, "<strong data-grade", "</strong>") == std::vector<std::string>{"优"});
  // Every row of the table, with its basis.
  const auto rows = leaf_rows(html);
  REQUIRE(rows.size() == s.score.leaves.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].find(html_escape(s.score.leaves[i].path.back())) != std::string::npos);
    CHECK(rows[i].find(html_escape(s.score.leaves[i].basis)) != std::string::npos);
  }
  // The two warnings: 科普活动受益群众 (line 82) in its row, the items' sum (line 34) in the budget row.
  int in_rows = 0;
  for (const auto& row : rows) {
    if (row.find("科普活动受益群众") != std::string::npos) {
      CHECK(row.find("kepu-2022.yaml:103:21") != std::string::npos);
      CHECK(row.find("目标值可能设置偏低") != std::string::npos);
    }
    in_rows += static_cast<int>(jxhtml::count(row, "diag warning"));
  }
  CHECK(in_rows == 1);
  const std::size_t budget = html.find("<tbody class=\"budget\">");
  REQUIRE(budget != std::string::npos);
  const std::string budget_row = html.substr(budget, html.find("</tbody>", budget) - budget);
  CHECK(budget_row.find("kepu-2022.yaml:38:5") != std::string::npos);
  CHECK(budget_row.find("89.66") != std::string::npos);
  // The buttons the script drives.
  for (const char* action : {"download-xlsx", "download-json", "print"}) {
    CHECK(html.find(std::string("data-action=\"") + action + "\"") != std::string::npos);
  }
}

TEST_CASE("score page: generated projects with hostile text") {
  const std::uint64_t seed = jxhtml::seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  jxhtml::Rng r{std::mt19937_64(seed)};
  const jx::RuleSet rules = jxtest::rules("mof2020");
  constexpr int kProjects = 300;
  int warnings_in_rows = 0, general = 0, leaves = 0;
  for (int n = 0; n < kProjects; ++n) {
    INFO("project " << n);
    const Generated g = generate(r);
    const jx::ProjectScore sc = jx::score_project(g.project, rules);
    if (sc.diagnostics.has_errors()) {
      for (const auto& d : sc.diagnostics.items()) {
        if (d.severity == jx::Severity::Error) FAIL("generated project has an error: " << d.code << " " << d.message);
      }
    }
    const std::string file = jxhtml::hostile(r) + ".yaml";
    const auto f = scored(file, g.project, rules, sc);
    const std::string html = jx::reports::html_score_page({f});
    const std::string problem = jxhtml::structure_problem(html);
    if (!problem.empty()) FAIL(problem);
    const JsonScores json = json_scores(jx::reports::to_json({f}));
    // Numbers as in the JSON, in the same order.
    const auto cells = jxhtml::contents(html, "<td class=\"n score\"", "</td>");
    REQUIRE(cells.size() == g.names.size() + 2);
    REQUIRE(json.leaves.size() == g.names.size());
    for (std::size_t i = 0; i < g.names.size(); ++i) CHECK(cells[i] == json.leaves[i]);
    CHECK(cells[g.names.size()] == json.budget);
    CHECK(cells[g.names.size() + 1] == json.total);
    // Each warning in the row whose lines it names; the others above the table.
    const auto rows = leaf_rows(html);
    REQUIRE(rows.size() == g.names.size());
    std::vector<int> expected(g.names.size(), 0);
    int expected_general = 0;
    for (const auto& d : sc.diagnostics.items()) {
      if (d.severity != jx::Severity::Warning) continue;
      const int line = d.loc.line;
      if (line >= 100 && line < 100 + 10 * static_cast<int>(g.names.size())) {
        ++expected[static_cast<std::size_t>((line - 100) / 10)];
      } else if (line != 4 && line != 5 && line != 6) {
        ++expected_general;
      }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      CHECK(rows[i].find(html_escape(g.names[i])) != std::string::npos);
      CHECK(static_cast<int>(jxhtml::count(rows[i], "diag warning")) == expected[i]);
      warnings_in_rows += expected[i];
    }
    const std::size_t gw = html.find("<section class=\"general-warnings\">");
    const int shown_general =
        gw == std::string::npos ? 0
                                : static_cast<int>(jxhtml::count(html.substr(gw, html.find("</section>", gw) - gw),
                                                                 "diag warning"));
    CHECK(shown_general == expected_general);
    general += expected_general;
    leaves += static_cast<int>(g.names.size());
    // Hostile text is shown as text: it reads back from the page.
    CHECK(html.find(html_escape(g.project.name)) != std::string::npos);
    CHECK(html.find("<script>alert") == std::string::npos);
  }
  // The generator reaches warnings of both placements.
  CHECK(warnings_in_rows > 0);
  CHECK(general > 0);
  CHECK(leaves > kProjects);
}

TEST_CASE("score page: a file with errors lists them all") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics diags;
  diags.error({3, 7}, "bad-year", "年度“<二〇二二>”不是数字", "写成 2022");
  diags.error({9, 1}, "missing-key", "缺少 funds", "");
  diags.warning({12, 5}, "template-text", "模板文字未替换：<示例>", "");
  jx::load::FileHeader h;
  h.name = "<b>坏项目</b>";
  jx::reports::ScoredFile f;
  f.file = "bad.yaml";
  f.failed = &h;
  f.diagnostics = &diags;
  const std::string html = jx::reports::html_score_page({f});
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(jxhtml::count(html, "class=\"diag error\"") == 2);
  CHECK(jxhtml::count(html, "class=\"diag warning\"") == 1);
  CHECK(html.find("bad.yaml:3:7") != std::string::npos);
  CHECK(html.find("提示：写成 2022") != std::string::npos);
  CHECK(html.find("&lt;b&gt;坏项目&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("data-total") == std::string::npos);
  CHECK(html.find("data-action") == std::string::npos);  // nothing to download
}

TEST_CASE("score page: a department with its attached project") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  jx::Diagnostics dd;
  auto dept = jx::load::load_department(jxtest::read_source("indicators/examples/kexie-2022-department.yaml"), dd);
  REQUIRE(dept);
  jxtest::Scored p = jxtest::score_text(jxtest::read_source("indicators/examples/kepu-2022.yaml"), r);
  REQUIRE(p.loaded);
  const jx::DepartmentScore ds =
      jx::score_department(*dept, r, {{"kepu-2022.yaml", p.project.name, p.score.total, p.score.budget.budget, p.score.grade}});
  jx::reports::ScoredFile f;
  f.file = "kexie-2022-department.yaml";
  f.department = &*dept;
  f.department_score = &ds;
  f.rules = &r;
  f.projects.push_back(scored("kepu-2022.yaml", p.project, r, p.score));
  const std::string html = jx::reports::html_score_page({f});
  CHECK(jxhtml::structure_problem(html) == "");
  const auto totals = jxhtml::contents(html, "<span class=\"big\" data-total", "</span>");
  REQUIRE(totals.size() == 2);
  CHECK(totals[0] == ds.core.total.to_string(2));
  CHECK(totals[1] == "97.00");
  CHECK(jxhtml::count(html, "<table class=\"score\">") == 2);
  if (!ds.checks.empty()) CHECK(html.find("勾稽关系") != std::string::npos);
}

TEST_CASE("review page: a workbook with differences, and one without") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  for (const std::string name : {"mof-merged.xlsx", "real-mof.xlsx"}) {
    INFO(name);
    jx::Diagnostics d;
    const auto tables = jx::import_tables(
        jx::xlsx::read_workbook(std::string(JIXIAO_SOURCE_DIR) + "/tests/fixtures/" + name), r, jxtest::layout(), d);
    REQUIRE(!tables.empty());
    jx::reports::ReviewedFile file;
    file.file = name;
    for (const auto& t : tables) file.tables.push_back(jx::review_table(t, jx::score_project(t.project, r), r));
    const std::string html = jx::reports::html_review_page(file);
    CHECK(jxhtml::structure_problem(html) == "");
    std::size_t differing = 0, rows = 0, findings = 0;
    for (const auto& t : file.tables) {
      rows += t.rows.size();
      findings += t.findings.size();
      for (const auto& row : t.rows) {
        if (!row.code.empty() && row.code != "unverifiable") {
          ++differing;
          CHECK(html.find(html_escape(row.label)) != std::string::npos);
        }
      }
      CHECK(html.find(">" + t.computed_total.to_string(2) + "<") != std::string::npos);
    }
    CHECK(jxhtml::count(html, "<tr class=\"differs\"") == differing);
    CHECK(jxhtml::count(html, "<table class=\"findings\">") ==
          static_cast<std::size_t>(std::count_if(file.tables.begin(), file.tables.end(),
                                                 [](const jx::TableReview& t) { return !t.findings.empty(); })));
    if (name == "mof-merged.xlsx") {
      CHECK(differing > 0);
      CHECK(html.find("发现问题 " + std::to_string(findings) + " 处") != std::string::npos);
    } else {
      CHECK(differing == 0);
      CHECK(html.find("复核未发现问题") != std::string::npos);
    }
    CHECK(rows > 0);
  }
  jx::reports::ReviewedFile broken;
  broken.file = "x<y>.xlsx";
  broken.errors = {"x<y>.xlsx: 错误: 不是 xlsx 文件"};
  const std::string html = jx::reports::html_review_page(broken);
  CHECK(jxhtml::structure_problem(html) == "");
  CHECK(html.find("无法复核") != std::string::npos);
  CHECK(html.find("x&lt;y&gt;.xlsx: 错误") != std::string::npos);
}
