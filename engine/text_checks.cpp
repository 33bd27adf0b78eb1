#include "engine/text_checks.h"

#include <algorithm>

#include "engine/text.h"

namespace jx {

std::optional<std::string> template_word_in(std::string_view text, const std::vector<std::string>& words) {
  if (words.empty() || text.empty()) return std::nullopt;
  const std::u32string t = fold_width(utf8_decode(text));
  for (const auto& w : words) {
    if (w.empty()) continue;
    if (t.find(fold_width(utf8_decode(w))) != std::u32string::npos) return w;
  }
  return std::nullopt;
}

std::optional<std::string> gbk_mojibake_in(std::string_view text) {
  // GBK writes a Chinese character as two bytes 0x81..0xFE + 0x40..0xFE; read
  // as Latin-1 each becomes a letter or sign of U+00A1..U+00FE, so two Chinese
  // characters become four such code points in a row ("Ê±Ð§" = 时效). Real
  // text has at most a lone "·", "°", "×" or an accented letter between
  // others; four in a row do not occur in Chinese or in pinyin.
  const std::u32string u = utf8_decode(text);
  auto latin = [](char32_t c) { return c >= 0xA1 && c <= 0xFE; };
  std::size_t i = 0;
  while (i < u.size()) {
    if (!latin(u[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < u.size() && latin(u[j])) ++j;
    if (j - i >= 4) return utf8_encode(u.substr(i, std::min<std::size_t>(j - i, 16)));
    i = j;
  }
  return std::nullopt;
}

}  // namespace jx
