// What identifies a file with errors (engine/load/file_header.h): generated
// headers, spelt in the ways YAML allows, followed by a body that is fine,
// wrong in its values, or not YAML at all; the header fields read back as
// written. Seed: JIXIAO_TEST_SEED (printed on failure).
#include "engine/load/file_header.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <random>

namespace {

std::uint64_t test_seed() {
  const char* s = std::getenv("JIXIAO_TEST_SEED");
  return s != nullptr ? std::strtoull(s, nullptr, 10) : 20221231u;
}

}  // namespace

TEST_CASE("文件标识：生成的表头在文件有错误时也能读出") {
  const std::uint64_t seed = test_seed();
  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const std::vector<std::string> words{"科普", "专项", "经费", "攀枝花市", "科学技术协会", "（试点）", "2022", "A"};
  auto name = [&] {
    std::string s;
    for (int i = pick(1, 4); i > 0; --i) s += words[static_cast<std::size_t>(pick(0, 7))];
    return s;
  };
  // A scalar spelt plain, double-quoted or single-quoted, with or without a comment.
  auto spell = [&](const std::string& v) {
    const int q = pick(0, 2);
    std::string s = q == 0 ? v : q == 1 ? "\"" + v + "\"" : "'" + v + "'";
    return s + (pick(0, 1) ? "   # 注释" : "");
  };
  const std::vector<std::string> bodies{"indicators: []\n",                           // fine as a header
                                        "funds: {total: {initial: 1, budget: x}}\n",  // a wrong value
                                        "indicators: [\n  - name: 断\n",              // not YAML: unclosed bracket
                                        "indicators:\n\t- name: 制表符\n",            // not YAML: a tab
                                        "funds: 1\nfunds: 2\n"};                      // a duplicate key
  for (int i = 0; i < 2000; ++i) {
    const bool dept = pick(0, 1) == 1;
    const std::string n = name();
    const std::string dep = name();
    const std::string unit = name();
    const int year = pick(1990, 2099);
    const std::string rules = pick(0, 1) ? "mof2020" : "sichuan2023";
    std::vector<std::string> lines{"kind: " + spell(dept ? "department" : "project"), "year: " + std::to_string(year),
                                   "rules: " + spell(rules), "department: " + spell(dep)};
    if (!dept) {
      lines.push_back("project: " + spell(n));
      lines.push_back("unit: " + spell(unit));
    }
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string text = pick(0, 4) == 0 ? "\xEF\xBB\xBF" : "";
    for (const auto& l : lines) text += l + "\n";
    text += bodies[static_cast<std::size_t>(pick(0, static_cast<int>(bodies.size()) - 1))];
    INFO("seed " << seed << " case " << i << "\n" << text);
    const jx::load::FileHeader h = jx::load::read_file_header(text);
    CHECK(h.kind == (dept ? "department" : "project"));
    CHECK(h.year == year);
    CHECK(h.rules == rules);
    CHECK(h.department == dep);
    CHECK(h.name == (dept ? dep : n));
    CHECK(h.unit == (dept ? dep : unit));
  }
}

TEST_CASE("文件标识：读不出的字段为空，不报错，不抛异常") {
  const jx::load::FileHeader empty = jx::load::read_file_header("");
  CHECK(empty.kind.empty());
  CHECK_FALSE(empty.year);
  const jx::load::FileHeader binary = jx::load::read_file_header(std::string("\xFF\xFE\0k\0i", 6));
  CHECK(binary.name.empty());
  // A year that is not a year, a name that is a list, a name over the limit.
  const jx::load::FileHeader odd = jx::load::read_file_header(
      "kind: project\nyear: 二〇二二\nproject: [a, b]\nunit: " + std::string(300, 'x') + "\n");
  CHECK(odd.kind == "project");
  CHECK_FALSE(odd.year);
  CHECK(odd.name.empty());
  CHECK(odd.unit.empty());
}
