// File names made from names in the input (a department, a project), for
// outputs such as one workbook per department (`batch --tables DIR`).
//
// Contract:
// - Pure: text in, text out; the result is valid UTF-8 and never a path.
// - The characters Windows and Unix forbid or give a meaning to
//   (/ \ : * ? " < > |) become their full-width forms (／＼：＊？＂＜＞｜),
//   so a Chinese name stays readable; control characters, zero-width and
//   text-direction marks are dropped.
// - No leading dot (hidden files, "." and ".."), no trailing dots or spaces
//   (Windows strips them), not a reserved device name (CON, PRN, AUX, NUL,
//   COM1–COM9, LPT1–LPT9, also before an extension: "con.txt").
// - At most kMaxFileNameBytes bytes of UTF-8, cut at a character boundary,
//   leaving room under NAME_MAX (255) for an extension and the temporary
//   suffix write_atomically adds.
// - An empty result becomes `fallback`.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace jx {

constexpr std::size_t kMaxFileNameBytes = 200;

/// A file name (without extension) made safe from `name`.
std::string safe_file_name(std::string_view name, std::string_view fallback = "未命名");

/// The key under which Windows or macOS would take two names for the same
/// file: canonical decomposition (NFD, so "Café" precomposed or not agree)
/// and simple case folding (ASCII, Latin, Greek, Cyrillic and full-width
/// Latin: "Äpfel"/"äpfel", "Ｄ"/"ｄ"). Full-width and ASCII letters stay
/// apart, as on those systems. Tables cover Latin-1 to Latin Extended-B,
/// Greek, Cyrillic and Latin Extended Additional (engine/unicode_fold.inc);
/// other characters are kept as they are. Invalid UTF-8 is kept bytewise.
std::string fold_key(std::string_view name);

/// safe_file_name(name), made unique against `taken` (compared by
/// fold_key, as on Windows and macOS) by a suffix "(2)", "(3)"…
std::string unique_file_name(std::string_view name, const std::vector<std::string>& taken,
                             std::string_view fallback = "未命名");

/// Hands out file names for one folder: each is unique_file_name against
/// every name handed out before (a set, so thousands of names stay cheap).
class FileNames {
 public:
  std::string take(std::string_view name, std::string_view fallback = "未命名");

 private:
  std::set<std::string> taken_;  ///< fold_key of each name handed out
};

}  // namespace jx
