// Text that was never meant to be submitted: words left from a template
// (示例, 请替换 … — the list is rule-set data) and Chinese text that was
// saved in GBK, read as Latin-1 and saved again as UTF-8 (乱码 "Ê±Ð§" for
// 时效).
//
// Contract: pure functions on UTF-8 text; no rule set is built in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jx {

/// The first of `words` that `text` contains (after folding full-width
/// forms), or nullopt.
std::optional<std::string> template_word_in(std::string_view text, const std::vector<std::string>& words);

/// The first run (up to 16 code points) of GBK-read-as-Latin-1 乱码 in
/// `text`: four or more consecutive code points of U+00A1..U+00FE. nullopt
/// when the text is clean (a lone "·", "°" or "×" is not 乱码).
std::optional<std::string> gbk_mojibake_in(std::string_view text);

}  // namespace jx
