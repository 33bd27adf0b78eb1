// "Did you mean" for mistyped subcommands and options (cli/suggest.h):
// named examples, then generated typos of every word the command line knows,
// checked against a reference distance computed here by plain recursion.
#include "cli/suggest.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <random>

using jx::cli::closest_word;
using jx::cli::typo_distance;

namespace {

const std::vector<std::string> kSubcommands{"score", "validate", "init", "batch", "history", "import", "review"};
const std::vector<std::string> kOptions{"--output",   "--json",  "--rules-dir", "--quiet", "--verbose",
                                        "--template", "--db",    "--tables",    "--jobs",  "--department",
                                        "--project",  "--sheet", "--rules",     "--help",  "-o",
                                        "-q",         "-v",      "-j",          "-h"};

// Optimal string alignment distance by the definition (memoised recursion
// over suffixes), independent of the table-filling implementation.
std::size_t reference_distance(const std::string& a, const std::string& b) {
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> memo;
  std::function<std::size_t(std::size_t, std::size_t)> d = [&](std::size_t i, std::size_t j) -> std::size_t {
    if (i == a.size()) return b.size() - j;
    if (j == b.size()) return a.size() - i;
    if (auto it = memo.find({i, j}); it != memo.end()) return it->second;
    std::size_t best = std::min({d(i + 1, j) + 1, d(i, j + 1) + 1, d(i + 1, j + 1) + (a[i] == b[j] ? 0 : 1)});
    if (i + 1 < a.size() && j + 1 < b.size() && a[i] == b[j + 1] && a[i + 1] == b[j]) {
      best = std::min(best, d(i + 2, j + 2) + 1);
    }
    return memo[{i, j}] = best;
  };
  return d(0, 0);
}

}  // namespace

TEST_CASE("提示：常见的拼写错误") {
  CHECK(closest_word("scroe", kSubcommands) == "score");
  CHECK(closest_word("socre", kSubcommands) == "score");
  CHECK(closest_word("valdiate", kSubcommands) == "validate");
  CHECK(closest_word("reveiw", kSubcommands) == "review");
  CHECK(closest_word("histroy", kSubcommands) == "history");
  CHECK(closest_word("--jsn", kOptions) == "--json");
  CHECK(closest_word("--quite", kOptions) == "--quiet");
  CHECK(closest_word("--rule-dir", kOptions) == "--rules-dir");
  CHECK(closest_word("--ouput", kOptions) == "--output");
}

TEST_CASE("提示：不像拼写错误时不猜") {
  CHECK_FALSE(closest_word("xyz", kSubcommands));
  CHECK_FALSE(closest_word("summarise", kSubcommands));
  CHECK_FALSE(closest_word("-x", kOptions));  // one letter away from every short option: no guess
  CHECK_FALSE(closest_word("--color", kOptions));
  CHECK_FALSE(closest_word("", kSubcommands));
  CHECK_FALSE(closest_word("评分", kSubcommands));
  CHECK_FALSE(closest_word("score", {}));
}

TEST_CASE("提示：编辑距离与按定义的递归计算一致") {
  const std::uint32_t seed = Catch::rngSeed() ? Catch::rngSeed() : 20261130u;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  const std::string alphabet = "abcdeijloqrsuv-";
  auto random_word = [&](std::size_t max_len) {
    std::string w(rng() % (max_len + 1), ' ');
    for (char& c : w) c = alphabet[rng() % alphabet.size()];
    return w;
  };
  for (int i = 0; i < 3000; ++i) {
    const std::string a = random_word(8);
    const std::string b = random_word(8);
    INFO(a << " / " << b);
    const std::size_t d = typo_distance(a, b);
    REQUIRE(d == reference_distance(a, b));
    REQUIRE(d == typo_distance(b, a));
  }
}

TEST_CASE("提示：每个子命令和选项的单处拼写错误都指回原词") {
  const std::uint32_t seed = Catch::rngSeed() ? Catch::rngSeed() : 11u;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  int checked = 0;
  for (const auto* words : {&kSubcommands, &kOptions}) {
    for (const std::string& word : *words) {
      if (word.size() < 4) continue;  // short options are one letter: every typo is ambiguous
      for (int k = 0; k < 200; ++k) {
        std::string typo = word;
        // Edit the part after the dashes, as a person mistyping does.
        const std::size_t from = word.rfind('-') == std::string::npos ? 0 : word.find_first_not_of('-');
        const std::size_t at = from + rng() % (word.size() - from);
        const char letter = static_cast<char>('a' + rng() % 26);
        switch (rng() % 4) {
          case 0: typo.erase(at, 1); break;
          case 1: typo.insert(typo.begin() + static_cast<std::ptrdiff_t>(at), letter); break;
          case 2: typo[at] = letter; break;
          default:
            if (at + 1 < typo.size()) std::swap(typo[at], typo[at + 1]);
        }
        if (std::find(words->begin(), words->end(), typo) != words->end()) continue;  // still a real word
        INFO(word << " → " << typo);
        // Expected: the first candidate nearest by the reference distance,
        // unless another is equally near (then the first of them).
        std::size_t best = 99;
        std::string expected;
        for (const auto& c : *words) {
          const std::size_t d = reference_distance(typo, c);
          if (d < best) {
            best = d;
            expected = c;
          }
        }
        REQUIRE(best <= 1);
        const auto got = closest_word(typo, *words);
        REQUIRE(got.has_value());
        CHECK(*got == expected);
        CHECK(reference_distance(typo, *got) <= 1);
        ++checked;
      }
    }
  }
  CHECK(checked > 2000);
}

TEST_CASE("提示：给出的建议总在两处编辑之内（随机词不乱猜）") {
  const std::uint32_t seed = Catch::rngSeed() ? Catch::rngSeed() : 7u;
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  int suggested = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string w(2 + rng() % 10, ' ');
    for (char& c : w) c = static_cast<char>('a' + rng() % 26);
    if (rng() % 2) w = "--" + w;
    const auto got = closest_word(w, kOptions);
    const auto got2 = closest_word(w, kSubcommands);
    for (const auto& g : {got, got2}) {
      if (!g) continue;
      ++suggested;
      const std::size_t d = reference_distance(w, *g);
      INFO(w << " → " << *g);
      CHECK(d <= 2);
      CHECK(2 * d < std::max(w.size(), g->size()));
    }
  }
  CHECK(suggested < 500);  // random words are rarely near a real one
}
