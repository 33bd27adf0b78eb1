// html_escape over generated strings: each string is a sequence of tokens
// whose escaped form is known on its own (markup, quotes, '&', control
// characters, valid and invalid UTF-8 of every kind), so the expected output
// is built token by token without the function's own decoder. Seeded:
// JIXIAO_SEED=N repeats a run; the seed is printed on failure.
#include <catch2/catch.hpp>

#include "reports/html_document.h"
#include "tests/html_support.h"

namespace {

const std::string kR = "\xEF\xBF\xBD";  // U+FFFD

struct Token {
  std::string in;
  std::string out;
  bool truncated = false;        ///< an incomplete sequence: the next token must not start with a continuation byte
  bool continuation = false;     ///< starts with a continuation byte
};

std::string times(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kR;
  return s;
}

const std::vector<Token>& tokens() {
  static const std::vector<Token> t = {
      {"a", "a"},
      {"Z9 ", "Z9 "},
      {"<", "&lt;"},
      {">", "&gt;"},
      {"&", "&amp;"},
      {"&amp;", "&amp;amp;"},
      {"\"", "&quot;"},
      {"'", "&#39;"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"\" onmouseover=\"x", "&quot; onmouseover=&quot;x"},
      {"\n", "\n"},
      {"\t", "\t"},
      {"\r", "\r"},
      {std::string(1, '\0'), kR},
      {"\x01", kR},
      {"\x1f", kR},
      {"\x7f", kR},
      {"中", "中"},
      {"≥5个", "≥5个"},
      {"é", "é"},
      {"\xc2\xa0", "\xc2\xa0"},              // U+00A0, valid
      {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"},  // U+1F600, 4 bytes
      {"\xc2\x85", times(2)},                // U+0085 (C1 control): each byte
      {"\xff", kR},
      {"\xfe", kR},
      {"\xc0\xaf", times(2)},                // overlong '/'
      {"\xe0\x80\xaf", times(3)},            // overlong, 3 bytes
      {"\xed\xa0\x80", times(3)},            // a surrogate
      {"\xf4\x90\x80\x80", times(4)},        // above U+10FFFF
      {"\x80", kR, false, true},             // a lone continuation byte
      {"\xbf", kR, false, true},
      {"\xe4\xb8", times(2), true},          // 中 cut short
      {"\xf0\x9f\x98", times(3), true},      // 😀 cut short
  };
  return t;
}

}  // namespace

TEST_CASE("html_escape: named examples") {
  using jx::reports::html_escape;
  CHECK(html_escape("") == "");
  CHECK(html_escape("科普专项") == "科普专项");
  CHECK(html_escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("a & b \"c\"") == "a &amp; b &quot;c&quot;");
  CHECK(html_escape("\xff\xfe") == kR + kR);
  CHECK(html_escape("x\x01y") == "x" + kR + "y");
  CHECK(html_escape("行1\n行2\t") == "行1\n行2\t");
}

TEST_CASE("html_escape: generated strings of hostile tokens") {
  const std::uint64_t seed = jxhtml::seed_from_env();
  INFO("seed " << seed << " (JIXIAO_SEED=" << seed << ")");
  jxhtml::Rng r{std::mt19937_64(seed)};
  constexpr int kStrings = 20000;
  int with_invalid = 0;
  for (int n = 0; n < kStrings; ++n) {
    std::string in, expected;
    bool after_truncated = false, invalid = false;
    const std::size_t len = r.below(12);
    for (std::size_t k = 0; k < len; ++k) {
      const Token* t = &r.pick(tokens());
      while (after_truncated && t->continuation) t = &r.pick(tokens());
      in += t->in;
      expected += t->out;
      after_truncated = t->truncated;
      invalid = invalid || t->out.find(kR) != std::string::npos;
    }
    with_invalid += invalid ? 1 : 0;
    const std::string out = jx::reports::html_escape(in);
    if (out != expected) {
      FAIL("string " << n << ": escaped differently than its tokens say");
    }
    // Nothing in the output can open or close markup or leave an attribute.
    if (out.find_first_of("<>\"'") != std::string::npos) FAIL("string " << n << ": markup character left");
    // Text without replaced bytes reads back exactly.
    if (!invalid && jxhtml::unescape(out) != in) FAIL("string " << n << ": does not read back");
  }
  // The generator reaches both kinds of strings.
  CHECK(with_invalid > kStrings / 10);
  CHECK(with_invalid < kStrings);
}
