// Writes every page of `jixiao serve` rendered from the repository's
// examples and fixtures into a folder (index.html, score.html, review.html,
// batch.html, history.html, templates.html, error.html), with the assets
// under assets/, to look at them in a browser without the server:
//   build/tests/jixiao_render_pages OUT && (cd OUT && python3 -m http.server)
// A development aid, not a test.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "engine/review.h"
#include "engine/summary.h"
#include "engine/table_import.h"
#include "reports/html_batch.h"
#include "reports/html_document.h"
#include "reports/html_history.h"
#include "reports/html_score.h"
#include "reports/html_templates.h"
#include "reports/xlsx_reader.h"
#include "tests/support.h"
#include "web/assets.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: jixiao_render_pages OUT_DIR\n";
    return 2;
  }
  const fs::path out = argv[1];
  fs::create_directories(out / "assets");
  const auto write = [&](const fs::path& name, std::string_view text) {
    std::ofstream(out / name, std::ios::binary) << text;
  };
  for (const char* a : {"jixiao.css", "jixiao.js", "favicon.svg"}) write(fs::path("assets") / a, jx::web::asset(a)->bytes);

  const jx::RuleSet r = jxtest::rules("mof2020");
  jxtest::Scored s = jxtest::score_text(jxtest::read_source("indicators/examples/kepu-2022.yaml"), r);
  jx::reports::ScoredFile f;
  f.file = "kepu-2022.yaml";
  f.project = &s.project;
  f.rules = &r;
  f.score = &s.score;
  write("index.html", jx::reports::html_upload_page());
  write("score.html", jx::reports::html_score_page({f}));

  jx::Diagnostics d;
  const auto tables = jx::import_tables(
      jx::xlsx::read_workbook(std::string(JIXIAO_SOURCE_DIR) + "/tests/fixtures/mof-merged.xlsx"), r, jxtest::layout(), d);
  jx::reports::ReviewedFile rf;
  rf.file = "mof-merged.xlsx";
  for (const auto& t : tables) rf.tables.push_back(jx::review_table(t, jx::score_project(t.project, r), r));
  write("review.html", jx::reports::html_review_page(rf));

  // A batch: the example under a few departments with varied scores.
  std::vector<jx::SubmissionRow> rows;
  const char* depts[] = {"攀枝花市科学技术协会", "攀枝花市教育局", "攀枝花市卫生健康委员会"};
  for (int i = 0; i < 12; ++i) {
    jx::SubmissionRow row;
    row.file = "submissions/p" + std::to_string(i) + ".yaml";
    row.year = 2022;
    row.department = depts[i % 3];
    row.unit = row.department;
    row.project = "项目" + std::to_string(i + 1) + "（科普、培训与宣传）";
    row.rules = "mof2020";
    row.budget = jx::Decimal(20 + 7 * i);
    row.executed = jx::Decimal(18 + 7 * i);
    row.rate = jx::div(row.executed, row.budget);
    row.budget_score = jx::Decimal(9);
    row.total = jx::Decimal::from_raw((55 + (i * 37) % 45) * 1'000'000 + i * 130'000);
    row.grade = row.total >= jx::Decimal(90) ? "优" : row.total >= jx::Decimal(80) ? "良" : row.total >= jx::Decimal(60) ? "中" : "差";
    if (i % 4 == 0) row.findings.push_back({"target-too-low", 82, "产出指标/数量指标/受益群众", "实际完成值远超年度指标值，目标值可能设置偏低"});
    if (i % 5 == 1) row.findings.push_back({"missing-deviation-reason", 60, "效益指标/社会效益指标/满意度", "未达标未说明偏差原因"});
    rows.push_back(row);
  }
  jx::InvalidFile bad;
  bad.file = "submissions/坏文件.yaml";
  bad.errors = 2;
  bad.messages = {"submissions/坏文件.yaml:3:7: 错误: 年度“二〇二二”不是数字", "submissions/坏文件.yaml:9:1: 错误: 缺少 funds"};
  bad.department = "攀枝花市教育局";
  bad.cause = "bad-year";
  const auto summary = jx::summarize(rows, {bad}, {"优", "良", "中", "差"});
  write("batch.html", jx::reports::html_batch_page({summary}, {3}));
  write("batch-upload.html", jx::reports::html_batch_page({}));

  std::vector<jx::store::TrendPoint> points;
  for (int y = 2019; y <= 2022; ++y) {
    for (int k = 0; k < 3; ++k) {
      jx::store::TrendPoint p;
      p.year = y;
      p.department = "攀枝花市科学技术协会";
      p.project = k == 0 ? "" : k == 1 ? "省级科普专项经费" : "学会能力提升";
      p.department_wide = k == 0;
      p.total = jx::Decimal::from_raw((80 + ((y * 7 + k * 5) % 19)) * 1'000'000);
      p.grade = p.total >= jx::Decimal(90) ? "优" : "良";
      p.findings = (y + k) % 3;
      points.push_back(p);
    }
  }
  jx::DepartmentTrend means;
  for (const auto& p : points) means.add(p.department, p.year, p.total, p.budget, p.department_wide);
  write("history.html", jx::reports::html_history_page(points, means.years(), {"", "", true}));
  write("templates.html", jx::reports::html_templates_page({{"project.yaml", false, "项目支出绩效自评模板"},
                                                           {"dept-common.yaml", false, "部门整体支出绩效自评模板"},
                                                           {"dept-hunan.yaml", false, "部门整体（湖南口径）"},
                                                           {"kepu-2022.yaml", true, "攀枝花市科协 2022 省级科普专项"}}));
  write("error.html", jx::reports::html_error_page("文件过大（17408 KB），上限为 16384 KB", "拆分后再上传"));
  return 0;
}
