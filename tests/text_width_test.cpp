// Display width and wrapping (engine/text.h), tested over generated strings.
//
// Every generated string is built from pools of code points whose width is
// known independently of the code under test (the pools are taken from the
// Unicode East Asian Width and combining-mark tables), so the expected width
// is the sum of the pool widths; the wrapping properties (no line too wide,
// nothing lost, each break needed) are checked from the output alone. The
// seed is printed on failure.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/text.h"
#include "reports/workbook.h"

namespace {

struct Pool {
  std::vector<char32_t> cps;
  std::size_t width;
};

// Independent width classes.
const std::vector<Pool>& pools() {
  static const std::vector<Pool> p = {
      // Narrow, and East Asian Ambiguous (≥ ≤ é — “ ”: one column, as wcwidth counts them).
      {{U'a', U'Z', U'0', U'9', U'%', U'.', U'-', U'(', U'≥', U'≤', U'é', U'—', U'“', U'”'}, 1},
      // Wide and full-width.
      {{U'项', U'目', U'绩', U'效', U'（', U'）', U'，', U'。', U'、', 0x3000, U'０', U'％', U'Ａ', U'가', U'カ',
        0x20000},
       2},
      // Combining marks and zero-width characters.
      {{0x0301, 0x0308, 0x20DD, 0x200B, 0xFE0F, 0x3099, 0x1AB0}, 0},
  };
  return p;
}

struct Gen {
  std::uint32_t state;
  std::uint32_t next() {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  }
};

// A random string: mostly CJK and ASCII, some spaces and combining marks
// (never at the start, so each follows a base character), sometimes a newline.
std::string generate(Gen& g, std::size_t& expected_width) {
  std::u32string u;
  expected_width = 0;
  const std::size_t n = g.next() % 40;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t k = g.next() % 20;
    const Pool* pool = nullptr;
    if (k < 8) {
      pool = &pools()[1];
    } else if (k < 15) {
      pool = &pools()[0];
    } else if (k < 17) {
      u.push_back(U' ');
      expected_width += 1;
      continue;
    } else if (k < 19 && !u.empty() && u.back() != U' ' && u.back() != U'\n') {
      pool = &pools()[2];
    } else {
      pool = &pools()[0];
    }
    u.push_back(pool->cps[g.next() % pool->cps.size()]);
    expected_width += pool->width;
  }
  return jx::utf8_encode(u);
}

// The string without the characters a wrap may drop: spaces and newlines.
std::u32string printing(std::string_view s) {
  std::u32string out;
  for (char32_t c : jx::utf8_decode(s)) {
    if (c != U' ' && c != U'\n') out.push_back(c);
  }
  return out;
}

}  // namespace

TEST_CASE("display width: named examples") {
  CHECK(jx::display_width("") == 0);
  CHECK(jx::display_width("abc") == 3);
  CHECK(jx::display_width("部门（单位）名称") == 16);
  CHECK(jx::display_width("≥400人次") == 8);
  CHECK(jx::display_width("１２％") == 6);        // full-width forms
  CHECK(jx::display_width("e\xCC\x81") == 1);     // e + combining acute
  CHECK(jx::display_width("\xE3\x80\x80") == 2);  // ideographic space
  CHECK(jx::display_width("a\xE2\x80\x8B"
                          "b") == 2);  // zero-width space
  CHECK(jx::display_width("\t") == 0);
}

TEST_CASE("display width: generated strings are the sum of their code points' widths") {
  constexpr std::uint32_t kSeed = 20221130;
  Gen g{kSeed};
  for (int i = 0; i < 5000; ++i) {
    std::size_t expected = 0;
    const std::string s = generate(g, expected);
    INFO("seed " << kSeed << ", case " << i << ": \"" << s << "\"");
    std::size_t newlines = 0;
    for (char c : s) newlines += c == '\n' ? 1 : 0;
    REQUIRE(newlines == 0);
    REQUIRE(jx::display_width(s) == expected);
  }
}

TEST_CASE("wrap: named examples") {
  using V = std::vector<std::string>;
  CHECK(jx::wrap_to_width("", 10) == V{""});
  CHECK(jx::wrap_to_width("项目支出绩效", 4) == V{"项目", "支出", "绩效"});
  CHECK(jx::wrap_to_width("项目支出绩效", 5) == V{"项目", "支出", "绩效"});  // a wide character never straddles
  CHECK(jx::wrap_to_width("完成率 100.00%", 10) == V{"完成率", "100.00%"});  // the number stays whole
  CHECK(jx::wrap_to_width("a\nb", 10) == V{"a", "b"});
  CHECK(jx::wrap_to_width("定性：达成，取满分", 10) == V{"定性：达", "成，取满分"});  // no line starts with ，
  CHECK(jx::wrap_to_width("e\xCC\x81"
                          "e\xCC\x81",
                          1 + 1) == V{"e\xCC\x81"
                                      "e\xCC\x81"});  // marks stay with their base
}

TEST_CASE("wrap: generated strings fit, lose nothing, and break only when needed") {
  constexpr std::uint32_t kSeed = 7;
  Gen g{kSeed};
  for (int i = 0; i < 20000; ++i) {
    std::size_t expected = 0;
    const std::string para1 = generate(g, expected);
    const std::string para2 = generate(g, expected);
    const bool two = g.next() % 4 == 0;
    const std::string s = two ? para1 + "\n" + para2 : para1;
    const std::size_t width = 2 + g.next() % 30;
    INFO("seed " << kSeed << ", case " << i << ", width " << width << ": \"" << s << "\"");
    const std::vector<std::string> lines = jx::wrap_to_width(s, width);
    // A newline splits into paragraphs wrapped on their own.
    if (two) {
      std::vector<std::string> parts = jx::wrap_to_width(para1, width);
      for (const auto& l : jx::wrap_to_width(para2, width)) parts.push_back(l);
      REQUIRE(lines == parts);
      continue;
    }
    REQUIRE(!lines.empty());
    std::string joined;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      INFO("line " << k << ": \"" << lines[k] << "\"");
      REQUIRE(jx::display_width(lines[k]) <= width);
      joined += lines[k];
      if (k + 1 < lines.size()) {
        // Each break was needed: this line, a dropped space, and the next
        // line's first word would not have fitted together.
        const std::string& next = lines[k + 1];
        const std::string word = next.substr(0, next.find(' '));
        REQUIRE(jx::display_width(lines[k]) + 1 + jx::display_width(word) > width);
        // No line starts with 「，」 when the line before ends with an
        // ideograph that could have moved down with it.
        const std::u32string nu = jx::utf8_decode(next);
        const std::u32string lu = jx::utf8_decode(lines[k]);
        if (width >= 4 && !nu.empty() && nu[0] == U'，' && s.find(lines[k] + "，") != std::string::npos &&
            lu.size() >= 2 && lu.back() >= 0x4E00 && lu.back() <= 0x9FFF) {
          FAIL("line " << k + 1 << " starts with ，");
        }
      }
    }
    REQUIRE(printing(joined) == printing(s));
  }
}

// The print helpers measure cell text with display_width (reports/workbook.h).
TEST_CASE("print helpers: lines of wrapped cell text over generated strings") {
  constexpr std::uint32_t kSeed = 11;
  Gen g{kSeed};
  for (int i = 0; i < 3000; ++i) {
    std::size_t expected = 0;
    const std::string a = generate(g, expected);
    const std::string b = generate(g, expected);
    const double w = 4 + g.next() % 40;
    INFO("seed " << kSeed << ", case " << i << ", width " << w << ": \"" << a << "\" / \"" << b << "\"");
    const int la = jx::xlsx::text_lines(a, w);
    REQUIRE(la >= 1);
    // Wider columns never need more lines.
    REQUIRE(jx::xlsx::text_lines(a, w + 5) <= la);
    // Paragraphs add up.
    REQUIRE(jx::xlsx::text_lines(a + "\n" + b, w) == la + jx::xlsx::text_lines(b, w));
    // Enough room for the text's display width: at least as many lines as a
    // column exactly that wide would show (nothing is under-measured).
    const double need = static_cast<double>(jx::display_width(a));
    REQUIRE(la >= static_cast<int>(std::ceil(need / w - 1e-9)));
    REQUIRE(jx::xlsx::fits_one_line(a, w) == (la == 1));
    // Taller for more lines.
    REQUIRE(jx::xlsx::row_points(la + 1) > jx::xlsx::row_points(la));
  }
  // The labels of the forms at the widths the forms give them.
  // (Column A of the project and department tables is 11 wide, B 12.)
  CHECK(jx::xlsx::fits_one_line("部门（单位）名称", 11 + 12));
  CHECK(!jx::xlsx::fits_one_line("部门（单位）名称", 11));
  CHECK(jx::xlsx::text_lines("项目资金\n（万元）", 11) == 2);
  CHECK(jx::xlsx::text_lines("年度总体\n目标", 11) == 2);
}
