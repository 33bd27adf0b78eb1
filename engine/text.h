// Small UTF-8 text helpers shared by the parser, the diagnostics and the
// report writers. Pure functions, no locale.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jx {

/// Decodes UTF-8 into code points. REQUIRES: valid UTF-8 (see
/// first_invalid_utf8); an invalid byte decodes as U+FFFD.
std::u32string utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
void utf8_append(std::string& out, char32_t cp);

/// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t first_invalid_utf8(std::string_view s);

/// Folds full-width ASCII forms (０-９, ＞, ％, ．, U+3000 …) and the other
/// comparator/dash look-alikes officers type into plain ASCII.
std::u32string fold_width(std::u32string_view s);

/// Removes leading and trailing ASCII and ideographic spaces.
std::string trim(std::string_view s);

/// Columns a terminal uses for one code point: 2 for East Asian wide and
/// full-width characters (CJK, kana, hangul, full-width forms, the
/// ideographic space, wide emoji); 0 for combining marks, zero-width
/// characters, variation selectors and control characters; 1 otherwise.
int code_point_width(char32_t cp);

/// Columns a terminal uses for the text: the sum of code_point_width.
std::size_t display_width(std::string_view s);

/// Splits `s` into lines of at most `width` display columns (width ≥ 2):
/// at each '\n', and otherwise before the code point that would overflow —
/// or, when that code point ends a word of narrow characters (a Latin word, a
/// number such as 100.00%) that follows a space, at that space, so the word
/// stays whole; a line never starts with closing punctuation such as 「，」
/// 「。」「）」 (the character before it moves down with it). Combining marks
/// stay with their base character;
/// nothing is dropped except the breaking spaces and newlines. An empty
/// string gives one empty line.
std::vector<std::string> wrap_to_width(std::string_view s, std::size_t width);

/// Levenshtein distance between two strings, counted in code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace jx
