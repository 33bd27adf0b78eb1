#include "engine/text.h"

#include <algorithm>

namespace jx {

std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values above U+10FFFF are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string utf8_encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t cp : s) utf8_append(out, cp);
  return out;
}

std::u32string fold_width(std::u32string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t cp : s) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      cp = cp - 0xFF01 + 0x21;  // full-width ASCII block
    } else if (cp == 0x3000 || cp == 0x00A0) {
      cp = U' ';
    } else if (cp == 0xFE66 || cp == 0x2550 || cp == 0x2261) {
      cp = U'=';  // ﹦ ═ ≡
    } else if (cp == 0x2014 || cp == 0x2013 || cp == 0x2212 || cp == 0x2010 || cp == 0x2015) {
      cp = U'-';  // — – − ‐ ―
    } else if (cp == 0x301C || cp == 0x223C) {
      cp = U'~';  // 〜 ∼
    } else if (cp == 0x2267) {
      cp = 0x2265;  // ≧ → ≥
    } else if (cp == 0x2266) {
      cp = 0x2264;  // ≦ → ≤
    } else if (cp == 0xFE64) {
      cp = U'<';
    } else if (cp == 0xFE65) {
      cp = U'>';
    }
    out.push_back(cp);
  }
  return out;
}

std::string trim(std::string_view s) {
  std::u32string u = utf8_decode(s);
  auto is_space = [](char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0xA0;
  };
  std::size_t b = 0;
  std::size_t e = u.size();
  while (b < e && is_space(u[b])) ++b;
  while (e > b && is_space(u[e - 1])) --e;
  return utf8_encode(std::u32string_view(u).substr(b, e - b));
}

int code_point_width(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;  // control characters
  const bool zero =
      (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x0591 && cp <= 0x05BD) ||
      (cp >= 0x0610 && cp <= 0x061A) || (cp >= 0x064B && cp <= 0x065F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
      (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
      (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x302A && cp <= 0x302F) ||
      (cp >= 0x3099 && cp <= 0x309A) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
      cp == 0xFEFF || cp == 0x00AD || (cp >= 0xE0100 && cp <= 0xE01EF);
  if (zero) return 0;
  const bool wide =
      (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x3098) ||
      (cp >= 0x309B && cp <= 0xA4CF) || (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
  return wide ? 2 : 1;
}

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (char32_t cp : utf8_decode(s)) w += static_cast<std::size_t>(code_point_width(cp));
  return w;
}

namespace {
// Full-width punctuation that may not start a line (Chinese typesetting's 避头点).
bool closing_punctuation(char32_t cp) {
  static constexpr std::u32string_view kClosing = U"，。、；：！？）》」』】〉”’％";
  return kClosing.find(cp) != std::u32string_view::npos;
}

// How many code points at the end of `line` move down with a closing
// punctuation mark: the run of closing punctuation there plus the wide
// character before it; 0 when that would leave the line empty or the
// character before is not wide.
std::size_t movable_tail(const std::u32string& line) {
  std::size_t n = 0;
  while (n < line.size() && closing_punctuation(line[line.size() - 1 - n])) ++n;
  if (n + 1 >= line.size() || code_point_width(line[line.size() - 1 - n]) < 2) return 0;
  return n + 1;
}
}  // namespace

std::vector<std::string> wrap_to_width(std::string_view s, std::size_t width) {
  width = std::max<std::size_t>(width, 2);
  std::vector<std::string> out;
  std::u32string line;
  std::size_t used = 0;
  std::size_t last_space = std::u32string::npos;  // index in `line` of the last space
  auto flush = [&](const std::u32string& text) { out.push_back(utf8_encode(text)); };
  for (char32_t cp : utf8_decode(s)) {
    if (cp == U'\n') {
      flush(line);
      line.clear();
      used = 0;
      last_space = std::u32string::npos;
      continue;
    }
    const std::size_t w = static_cast<std::size_t>(code_point_width(cp));
    if (used + w > width) {
      if (cp == U' ') {  // a space at the break is dropped
        flush(line);
        line.clear();
        used = 0;
        last_space = std::u32string::npos;
        continue;
      }
      // Latin words and numbers move down whole; CJK text breaks anywhere
      // (a break at an earlier space would leave half a line empty).
      bool latin_tail = last_space != std::u32string::npos && last_space > 0;
      for (std::size_t k = latin_tail ? last_space + 1 : line.size(); k < line.size(); ++k) {
        if (code_point_width(line[k]) > 1) latin_tail = false;
      }
      if (latin_tail && code_point_width(cp) > 1) latin_tail = false;
      if (latin_tail) {
        // Break at the last space: the space goes, the word moves down.
        std::u32string rest = line.substr(last_space + 1);
        line.resize(last_space);
        flush(line);
        line = rest;
      } else if (closing_punctuation(cp) && movable_tail(line) > 0 &&
                 display_width(utf8_encode(line.substr(line.size() - movable_tail(line)))) + w <= width) {
        // A line never starts with 「，」「。」「）」…: the character before
        // it (with any punctuation between) moves down too.
        const std::size_t keep = line.size() - movable_tail(line);
        std::u32string rest = line.substr(keep);
        line.resize(keep);
        flush(line);
        line = rest;
      } else {
        flush(line);
        line.clear();
      }
      used = 0;
      for (char32_t c : line) used += static_cast<std::size_t>(code_point_width(c));
      last_space = std::u32string::npos;
      if (used + w > width) {  // the carried word and the new character do not fit together
        flush(line);
        line.clear();
        used = 0;
      }
    }
    if (cp == U' ') last_space = line.size();
    line.push_back(cp);
    used += w;
  }
  flush(line);
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = utf8_decode(a);
  const std::u32string y = utf8_decode(b);
  std::vector<std::size_t> prev(y.size() + 1);
  std::vector<std::size_t> cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

}  // namespace jx
