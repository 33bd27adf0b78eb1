#include "engine/file_name.h"

#include <array>

#include "engine/text.h"

namespace jx {

namespace {

char32_t replacement(char32_t c) {
  switch (c) {
    case U'/': return U'／';
    case U'\\': return U'＼';
    case U':': return U'：';
    case U'*': return U'＊';
    case U'?': return U'？';
    case U'"': return U'＂';
    case U'<': return U'＜';
    case U'>': return U'＞';
    case U'|': return U'｜';
    default: return c < 0x20 || c == 0x7f ? U'_' : c;
  }
}

bool reserved(std::string_view stem) {
  static constexpr std::array<std::string_view, 22> kNames = {
      "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7",
      "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};
  const std::string_view base = stem.substr(0, stem.find('.'));
  for (auto n : kNames) {
    if (base.size() != n.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < n.size() && same; ++i) {
      const char c = base[i] >= 'a' && base[i] <= 'z' ? static_cast<char>(base[i] - 'a' + 'A') : base[i];
      same = c == n[i];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace

std::string safe_file_stem(std::string_view name, std::size_t max_bytes) {
  const std::u32string chars = utf8_decode(name);  // invalid bytes become U+FFFD
  std::string out;
  for (char32_t c : chars) {
    std::string one;
    utf8_append(one, replacement(c));
    if (out.size() + one.size() > max_bytes) break;
    out += one;
  }
  auto strip = [](char c) { return c == '.' || c == ' '; };
  while (!out.empty() && strip(out.back())) out.pop_back();
  std::size_t lead = 0;
  while (lead < out.size() && strip(out[lead])) ++lead;
  out.erase(0, lead);
  if (out.empty()) out = "未命名";
  if (reserved(out)) out.insert(0, "_");
  return out;
}

}  // namespace jx
