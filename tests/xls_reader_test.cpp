// Reading .xls workbooks (reports/xls_reader, BIFF8 and BIFF5/936), telling
// formats apart (reports/workbook_file), and cutting a sheet into several
// tables (engine/table_import table_regions). The expectations are
// independent of the code under test: the .xlsx reader on the same tables
// (the .xls fixtures are made from the .xlsx ones by
// tests/fixtures/make_xls_fixtures.py), and tables stacked here at known rows.
//
// Seeded: JIXIAO_SEED=N reproduces a run; the seed is printed on failure.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "engine/score.h"
#include "engine/table_import.h"
#include "engine/text.h"
#include "reports/workbook_file.h"
#include "reports/xls_reader.h"
#include "reports/xlsx_reader.h"
#include "support.h"

namespace {

using jxtest::layout;

std::string fixture(const std::string& name) {
  return std::string(JIXIAO_SOURCE_DIR) + "/tests/fixtures/" + name;
}

std::vector<jx::Grid> read_any(const std::string& name) {
  const std::string path = fixture(name);
  return jx::workbook::read(path, jxtest::read_source("tests/fixtures/" + name));
}

std::string refusal(const std::string& name) {
  try {
    read_any(name);
  } catch (const jx::xlsx::ReadError& e) {
    return e.what();
  }
  return "<no error>";
}

/// A cell as text; a percent-formatted number as its plain value (FreeXL does not expose formats).
std::string show(const jx::GridCell& c) {
  const std::string text = c.percent && c.number ? c.number->to_plain() : c.text;
  return jx::cell_address(c.row, c.col) + "=" + text + (c.number ? "#" + c.number->to_plain() : "");
}

/// Every cell of `a` is in `b` with the same text and number, and the other way round.
void same_cells(const jx::Grid& a, const jx::Grid& b) {
  std::vector<std::string> x, y;
  for (const auto& c : a.cells) x.push_back(show(c));
  for (const auto& c : b.cells) y.push_back(show(c));
  CHECK(x == y);
}

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

}  // namespace

TEST_CASE("xls: a BIFF8 workbook reads as the .xlsx it was saved from") {
  const auto xls = read_any("real-mof.xls");
  const auto xlsx = read_any("real-mof.xlsx");
  REQUIRE(xls.size() == 1);
  REQUIRE(xlsx.size() == 1);
  CHECK(xls[0].sheet == xlsx[0].sheet);
  same_cells(xls[0], xlsx[0]);
  // FreeXL does not expose merged ranges.
  CHECK(xls[0].merges.empty());
  CHECK(jx::workbook::sniff(jxtest::read_source("tests/fixtures/real-mof.xls")) == jx::workbook::Format::Xls);
}

TEST_CASE("xls: a BIFF5 workbook in codepage 936 reads back its Chinese text") {
  const auto xls = read_any("real-sichuan-95.xls");
  const auto xlsx = read_any("real-sichuan.xlsx");
  REQUIRE(xls.size() == 1);
  CHECK(xls[0].sheet == "510000_0013zp");
  same_cells(xls[0], xlsx[0]);
  bool found = false;
  for (const auto& c : xls[0].cells) found = found || c.text == "攀枝花市科学技术协会";
  CHECK(found);
}

TEST_CASE("xls: the tables of .xls and .xlsx score the same") {
  const jx::RuleSet mof = jxtest::rules("mof2020");
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{{"real-mof.xls", "real-mof.xlsx"},
                                                                            {"stacked.xls", "stacked.xlsx"}}) {
    INFO(a);
    jx::Diagnostics da, db;
    const auto ta = jx::import_tables(read_any(a), mof, layout(), da);
    const auto tb = jx::import_tables(read_any(b), mof, layout(), db);
    REQUIRE(ta.size() == tb.size());
    for (std::size_t i = 0; i < ta.size(); ++i) {
      CHECK(ta[i].project.name == tb[i].project.name);
      CHECK(ta[i].first_row == tb[i].first_row);
      CHECK(jx::score_project(ta[i].project, mof).total == jx::score_project(tb[i].project, mof).total);
      CHECK(ta[i].project.declared_score == tb[i].project.declared_score);
    }
  }
  const jx::RuleSet sichuan = jxtest::rules("sichuan2023");
  jx::Diagnostics d;
  const auto t = jx::import_tables(read_any("real-sichuan-95.xls"), sichuan, layout(), d);
  REQUIRE(t.size() == 1);
  CHECK(t[0].project.department == "攀枝花市科学技术协会");
  CHECK(jx::score_project(t[0].project, sichuan).total == jx::Decimal(100));
}

TEST_CASE("workbook files: each refusal names its reason") {
  CHECK_THAT(refusal("empty.xlsx"), Catch::Contains("空"));
  CHECK_THAT(refusal("encrypted.xlsx"), Catch::Contains("密码"));
  CHECK_THAT(refusal("truncated.xls"), Catch::Contains("损坏"));
  CHECK_THAT(refusal("freexl-crash.xls"), Catch::Contains("异常终止"));  // FreeXL crashes: in a child process
  CHECK_THAT(refusal("not-a-zip.xlsx"), Catch::Contains("不是 Excel 工作簿"));
  CHECK_THAT(refusal("raw-truncated.xlsx"), Catch::Contains("zip"));
  CHECK(jx::workbook::sniff("") == jx::workbook::Format::Empty);
  CHECK(jx::workbook::sniff(jxtest::read_source("tests/fixtures/encrypted.xlsx")) ==
        jx::workbook::Format::EncryptedXlsx);
  CHECK(jx::workbook::sniff(jxtest::read_source("tests/fixtures/real-mof.xlsx")) == jx::workbook::Format::Xlsx);
  // A limit on the file's size holds for .xls as for .xlsx.
  jx::xlsx::ReadLimits small;
  small.max_file_bytes = 1024;
  CHECK_THROWS_AS(jx::xls::read_workbook(fixture("real-mof.xls"), small), jx::xlsx::ReadError);
  small = {};
  small.max_cells = 10;
  CHECK_THROWS_WITH(jx::xls::read_workbook(fixture("real-mof.xls"), small), Catch::Contains("上限"));
}

TEST_CASE("table regions: a sheet with two tables stacked is cut at the second one's title") {
  const auto grids = read_any("stacked.xlsx");
  REQUIRE(grids.size() == 2);
  const auto parts = jx::table_regions(grids[0], layout());
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].first_row == 0);
  CHECK(parts[1].first_row == 25);  // the title 项目支出绩效自评表 of the second table (A26)
  CHECK(jx::table_regions(grids[1], layout()).size() == 1);
  jx::Diagnostics d;
  const auto tables = jx::import_tables(grids, jxtest::rules("mof2020"), layout(), d);
  REQUIRE(tables.size() == 3);
  CHECK(tables[0].project.name == "省级科普专项经费");
  CHECK(tables[1].project.name == "省级科普专项经费（二期）");
  CHECK(tables[1].first_row == 25);
  CHECK(tables[2].sheet == "四川");
}

TEST_CASE("table regions: no single-table fixture is cut") {
  for (const char* name : {"mof-merged.xlsx", "sichuan-split.xlsx", "weights-first.xlsx", "two-row-header.xlsx",
                           "real-mof.xlsx", "real-sichuan.xlsx", "real-mof-resaved.xlsx", "no-table.xlsx"}) {
    INFO(name);
    for (const auto& g : read_any(name)) CHECK(jx::table_regions(g, layout()).size() == 1);
  }
}

TEST_CASE("table regions: generated stacks of tables, with and without titles, at any gap") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 rng(seed);
  const jx::Grid one = read_any("real-mof.xlsx")[0];
  const jx::RuleSet mof = jxtest::rules("mof2020");
  int last = 0;
  for (const auto& c : one.cells) last = std::max(last, c.row);
  int cases = 0;
  for (int i = 0; i < 60; ++i) {
    const int k = 1 + static_cast<int>(rng() % 4);
    const bool titles = rng() % 2 == 0;
    jx::Grid g;
    g.sheet = "堆叠";
    std::vector<int> starts;
    int at = 0;
    for (int t = 0; t < k; ++t) {
      starts.push_back(at);
      for (const auto& c : one.cells) {
        jx::GridCell n = c;
        if (!titles && n.row < 2) continue;  // no title, no year line: the table begins at 项目名称
        if (n.text == "省级科普专项经费") {
          n.text += '-';  // appended, not "-" + std::string: GCC 12 -O3 false -Wrestrict
          n.text += std::to_string(t + 1);
        }
        n.row += at;
        g.cells.push_back(n);
      }
      for (const auto& m : one.merges) g.merges.push_back({m.r1 + at, m.c1, m.r2 + at, m.c2});
      at += last + 1 + static_cast<int>(rng() % 4);  // 0 to 3 blank rows between tables
    }
    const auto parts = jx::table_regions(g, layout());
    jx::Diagnostics d;
    const auto tables = jx::import_tables({g}, mof, layout(), d);
    bool ok = static_cast<int>(parts.size()) == k && static_cast<int>(tables.size()) == k;
    for (int t = 0; ok && t < k; ++t) {
      const int expect = t == 0 ? 0 : starts[static_cast<std::size_t>(t)] + (titles ? 0 : 2);
      ok = parts[static_cast<std::size_t>(t)].first_row == expect &&
           tables[static_cast<std::size_t>(t)].project.name == "省级科普专项经费-" + std::to_string(t + 1) &&
           !tables[static_cast<std::size_t>(t)].diagnostics.has_errors() &&
           jx::score_project(tables[static_cast<std::size_t>(t)].project, mof).total == jx::Decimal(100);
    }
    if (!ok) {
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), case " << i << ": " << k << " tables"
                   << (titles ? " with titles" : " without titles") << ", " << parts.size() << " regions, "
                   << tables.size() << " tables");
    }
    ++cases;
  }
  CHECK(cases == 60);
}

TEST_CASE("missing labels: what a sheet that is no table lacks") {
  const auto g = read_any("no-table.xlsx");
  const auto missing = jx::missing_labels(g[0], layout());
  CHECK_FALSE(missing.empty());
  CHECK(std::find(missing.begin(), missing.end(), "三级指标") != missing.end());
  CHECK(jx::missing_labels(read_any("real-mof.xlsx")[0], layout()).empty());
}

// Labels as officers type them: the matching folds full-width forms and drops
// every kind of space (its fast path for plain text must agree with the full
// folding), while a stray byte, a character that does not fold or words after
// the label make it another text.
TEST_CASE("missing labels (generated): spaces, full-width forms, enumerations and stray bytes") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 rng(seed);
  const std::vector<std::string> labels{"项目名称", "三级指标", "年度指标值", "实际完成值", "分值", "得分"};
  const std::vector<std::string> spaces{" ", "\t", "\n", "\r", "\u3000", "\u00A0"};
  // `what` inserted at a random code point boundary of `s`.
  auto insert = [&](std::string s, const std::string& what) {
    std::vector<std::size_t> bounds;
    for (std::size_t i = 0; i <= s.size(); ++i) {
      if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) bounds.push_back(i);
    }
    return s.insert(bounds[rng() % bounds.size()], what);
  };
  int found = 0, not_found = 0;
  for (int i = 0; i < 400; ++i) {
    jx::Grid g;
    g.sheet = "Sheet1";
    std::vector<std::string> expected_missing;
    for (std::size_t k = 0; k < labels.size(); ++k) {
      std::string t = labels[k];
      const int kind = static_cast<int>(rng() % 8);
      switch (kind) {
        case 0: break;                                                                   // as it is
        case 1: t = insert(insert(t, spaces[rng() % 6]), spaces[rng() % 6]); break;     // spaces anywhere
        case 2: t += rng() % 2 ? "（Ａ）" : "："; break;                                  // full-width ( or :
        case 3: t = (rng() % 2 ? "２．" : "3、") + t; break;                             // an enumeration
        case 4: t = spaces[rng() % 6] + t + spaces[rng() % 6]; break;                   // padded
        case 5: t = insert(t, "\xFF"); break;                                            // a stray byte
        case 6: t = insert(t, rng() % 2 ? "·" : "\u00B7\u00A0"); break;                  // no folding
        default: t += "说明"; break;                                                     // words after it
      }
      if (kind >= 5 && t != labels[k]) {
        expected_missing.push_back(labels[k]);
      }
      g.cells.push_back({static_cast<int>(k), 0, t, std::nullopt, false});
    }
    const auto missing = jx::missing_labels(g, layout());
    if (missing != expected_missing) {
      std::string got, want;
      for (const auto& m : missing) got += m + " ";
      for (const auto& m : expected_missing) want += m + " ";
      FAIL("seed " << seed << " (JIXIAO_SEED=" << seed << "), case " << i << ": missing [" << got << "], expected ["
                   << want << "]");
    }
    not_found += static_cast<int>(expected_missing.size());
    found += static_cast<int>(labels.size() - expected_missing.size());
  }
  CHECK(found + not_found == 400 * 6);
  CHECK(not_found > 500);  // both outcomes are exercised
  CHECK(found > 1200);
}

TEST_CASE("xls: generated damaged files are read or refused, never a crash") {
  const std::uint64_t seed = seed_from_env();
  std::mt19937_64 rng(seed);
  const std::string good = jxtest::read_source("tests/fixtures/real-mof.xls");
  const std::string path = jxtest::temp_path("damaged", ".xls");
  int read = 0, refused = 0;
  for (int i = 0; i < 300; ++i) {
    std::string bytes = good;
    if (i % 3 == 0) {
      bytes.resize(static_cast<std::size_t>(rng() % bytes.size()));  // truncated anywhere
    } else {
      const int flips = 1 + static_cast<int>(rng() % 8);  // a few bytes overwritten, past the OLE signature
      for (int f = 0; f < flips; ++f) bytes[8 + rng() % (bytes.size() - 8)] = static_cast<char>(rng() & 0xFF);
    }
    {
      std::FILE* out = std::fopen(path.c_str(), "wb");
      REQUIRE(out != nullptr);
      std::fwrite(bytes.data(), 1, bytes.size(), out);
      std::fclose(out);
    }
    try {
      const auto grids = jx::workbook::read(path, bytes);
      for (const auto& g : grids) {
        for (const auto& c : g.cells) {
          if (jx::first_invalid_utf8(c.text) != std::string::npos) FAIL("seed " << seed << ", case " << i);
        }
      }
      ++read;
    } catch (const jx::xlsx::ReadError&) {
      ++refused;
    }
  }
  std::remove(path.c_str());
  INFO("seed " << seed);
  CHECK(read + refused == 300);
  CHECK(refused > 0);
}
