#include "engine/file_name.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "engine/text.h"

namespace jx {
namespace {

#include "engine/unicode_fold.inc"

template <typename T>
const T* find_code(const T* begin, const T* end, char32_t c) {
  const T* it = std::lower_bound(begin, end, c, [](const T& e, char32_t v) { return char32_t(e.from) < v; });
  return it != end && char32_t(it->from) == c ? it : nullptr;
}

int combining_class(char32_t c) {
  const Pair* p = find_code(std::begin(kCombiningClasses), std::end(kCombiningClasses), c);
  return p ? p->to : 0;
}

char32_t case_fold(char32_t c) {
  const Pair* p = find_code(std::begin(kCaseFolds), std::end(kCaseFolds), c);
  return p ? p->to : c;
}

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
    default: return c;
  }
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool reserved(std::string_view name) {
  static constexpr std::array<std::string_view, 22> kReserved{
      "con",  "prn",  "aux",  "nul",  "com1", "com2", "com3", "com4", "com5", "com6", "com7",
      "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"};
  // Windows reserves the device names with any extension and trailing spaces.
  std::string base = lower_ascii(name.substr(0, name.find('.')));
  while (!base.empty() && base.back() == ' ') base.pop_back();
  return std::find(kReserved.begin(), kReserved.end(), base) != kReserved.end();
}

// Drops trailing dots and spaces (ASCII and ideographic).
void trim_end(std::u32string& u) {
  while (!u.empty() && (u.back() == U'.' || u.back() == U' ' || u.back() == 0x3000)) u.pop_back();
}

}  // namespace

std::string safe_file_name(std::string_view name, std::string_view fallback) {
  // Invalid UTF-8 (GBK bytes…) is dropped byte by byte; the rest is kept.
  std::string valid;
  while (!name.empty()) {
    const std::size_t bad = first_invalid_utf8(name);
    valid += name.substr(0, bad);
    if (bad == std::string_view::npos) break;
    name.remove_prefix(bad + 1);
  }
  std::u32string u;
  for (char32_t c : utf8_decode(valid)) {
    const bool control = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0);
    const bool invisible = (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
                           (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;  // zero-width and direction marks
    const bool invalid = c == 0xFFFD || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF;
    if (control || invisible || invalid) continue;
    u.push_back(replacement(c));
  }
  std::size_t lead = 0;
  while (lead < u.size() && (u[lead] == U'.' || u[lead] == U' ' || u[lead] == 0x3000)) ++lead;
  u.erase(0, lead);
  trim_end(u);
  // Cut to the byte limit at a character boundary, then trim again.
  std::size_t bytes = 0;
  std::size_t keep = 0;
  for (; keep < u.size(); ++keep) {
    const char32_t c = u[keep];
    const std::size_t n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (bytes + n > kMaxFileNameBytes) break;
    bytes += n;
  }
  u.resize(keep);
  trim_end(u);
  std::string out = utf8_encode(u);
  if (out.empty()) out = std::string(fallback);
  // Built by appending, not out.insert(0, …): GCC 12 at -O3 warns falsely
  // (-Wrestrict, GCC bug 105329) about an insert at the front of a string.
  if (reserved(out)) out = std::string("_").append(out);
  return out;
}

namespace {

/// safe_file_name(name), or with the first free suffix "(n)" (kept within
/// kMaxFileNameBytes) when `clash` says the name is taken.
template <typename Clash>
std::string first_free(std::string_view name, std::string_view fallback, Clash clash) {
  const std::string base = safe_file_name(name, fallback);
  if (!clash(base)) return base;
  for (int n = 2;; ++n) {
    const std::string suffix = std::string("(").append(std::to_string(n)).append(")");  // not "(" + …: see above
    // Shorten the base so that the suffix keeps the name within the limit.
    std::u32string u = utf8_decode(base);
    while (!u.empty() && utf8_encode(u).size() + suffix.size() > kMaxFileNameBytes) u.pop_back();
    const std::string candidate = utf8_encode(u) + suffix;
    if (!clash(candidate)) return candidate;
  }
}

}  // namespace

std::string fold_key(std::string_view name) {
  if (first_invalid_utf8(name) != std::string_view::npos) return std::string(name);
  std::u32string out;
  for (char32_t c : utf8_decode(name)) {
    const Decomposition* d = find_code(std::begin(kDecompositions), std::end(kDecompositions), c);
    if (d == nullptr) {
      out.push_back(case_fold(c));
      continue;
    }
    for (char16_t part : d->to) {
      if (part != 0) out.push_back(case_fold(part));
    }
  }
  // Canonical order: a run of combining marks sorted by class (stable).
  for (std::size_t i = 0; i < out.size();) {
    if (combining_class(out[i]) == 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < out.size() && combining_class(out[j]) != 0) ++j;
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(i), out.begin() + static_cast<std::ptrdiff_t>(j),
                     [](char32_t a, char32_t b) { return combining_class(a) < combining_class(b); });
    i = j;
  }
  return utf8_encode(out);
}

std::string unique_file_name(std::string_view name, const std::vector<std::string>& taken, std::string_view fallback) {
  std::set<std::string> folded;
  for (const auto& t : taken) folded.insert(fold_key(t));
  return first_free(name, fallback, [&](const std::string& c) { return folded.count(fold_key(c)) > 0; });
}

std::string FileNames::take(std::string_view name, std::string_view fallback) {
  std::string out = first_free(name, fallback, [&](const std::string& c) { return taken_.count(fold_key(c)) > 0; });
  taken_.insert(fold_key(out));
  return out;
}

}  // namespace jx
