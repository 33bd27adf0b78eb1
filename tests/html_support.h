// Helpers of the HTML renderer tests: a strict little tag scanner (every '<'
// must open a known tag with known attributes and double-quoted values, so
// that text from a file can never have become markup), entity decoding,
// extracting cells, and a seeded random generator of hostile text.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <random>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace jxhtml {

inline std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("JIXIAO_SEED")) return std::strtoull(s, nullptr, 10);
  return std::random_device{}();
}

struct Rng {
  std::mt19937_64 g;
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(g() % n); }
  bool chance(int percent) { return static_cast<int>(below(100)) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
};

struct Tag {
  std::string name;  ///< lower case; "/td" for a closing tag, "!doctype"
  std::vector<std::pair<std::string, std::string>> attrs;
};

/// Scans a whole document; throws std::runtime_error at the first '<' that
/// does not open a well-formed tag (name, then attributes name="value" or
/// bare names, then '>' or "/>"). Attribute values may not contain '"',
/// '<' or '>'.
inline std::vector<Tag> scan_tags(const std::string& html) {
  std::vector<Tag> tags;
  std::size_t i = 0;
  const auto fail = [&](const std::string& why) {
    throw std::runtime_error(why + " at byte " + std::to_string(i) + ": …" + html.substr(i, 60) + "…");
  };
  const auto is_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ':' ||
           c == '!';
  };
  while ((i = html.find_first_of("<>", i)) != std::string::npos) {
    if (html[i] == '>') fail("a '>' outside a tag");
    Tag t;
    std::size_t j = i + 1;
    if (j < html.size() && html[j] == '/') t.name += html[j++];
    const std::size_t name_start = j;
    while (j < html.size() && is_name(html[j])) t.name += static_cast<char>(std::tolower(html[j++]));
    if (j == name_start) fail("a '<' that opens no tag");
    while (true) {
      while (j < html.size() && (html[j] == ' ' || html[j] == '\n')) ++j;
      if (j >= html.size()) fail("an unterminated tag");
      if (html[j] == '>') break;
      if (html[j] == '/' && j + 1 < html.size() && html[j + 1] == '>') {
        ++j;
        break;
      }
      std::string attr;
      while (j < html.size() && is_name(html[j])) attr += static_cast<char>(std::tolower(html[j++]));
      if (attr.empty()) fail("a malformed attribute");
      std::string value;
      if (j < html.size() && html[j] == '=') {
        if (j + 1 >= html.size() || html[j + 1] != '"') fail("an unquoted attribute value");
        const std::size_t end = html.find('"', j + 2);
        if (end == std::string::npos) fail("an unterminated attribute value");
        value = html.substr(j + 2, end - j - 2);
        if (value.find_first_of("<>") != std::string::npos) fail("'<' or '>' in an attribute value");
        j = end + 1;
      }
      t.attrs.emplace_back(attr, value);
    }
    tags.push_back(std::move(t));
    i = j + 1;
  }
  return tags;
}

/// The tags and attributes the renderers write; anything else in a page
/// came from somewhere else.
inline const std::set<std::string>& allowed_tags() {
  static const std::set<std::string> s = {
      "!doctype", "html", "head", "meta", "title", "link", "script", "body", "a", "header", "span", "nav", "ul",
      "li", "main", "h1", "h2", "h3", "footer", "div", "p", "strong", "br", "section", "table", "caption",
      "thead", "tbody", "tfoot", "tr", "th", "td", "form", "label", "input", "button", "select", "option", "dl",
      "dt", "dd", "details", "summary", "figure", "figcaption", "svg", "line", "text", "rect", "g", "polyline", "circle", "code", "pre"};
  return s;
}

inline const std::set<std::string>& allowed_attrs() {
  static const std::set<std::string> s = {
      "lang", "charset", "name", "content", "rel", "href", "src", "defer", "class", "aria-label", "aria-current",
      "aria-live", "id", "scope", "rowspan", "colspan", "role", "data-total", "data-grade", "data-code",
      "data-findings", "data-declared-total", "data-action", "method", "action", "enctype", "data-upload",
      "data-drop", "for", "type", "multiple", "accept", "required", "value", "placeholder", "data-filter-text",
      "data-filter-select", "data-filter-attr", "data-count-for", "data-sortable", "data-type", "data-sort",
      "data-grade", "data-cause", "data-year", "title", "download", "viewbox", "xmlns", "x1", "y1", "x2", "y2",
      "x", "y", "text-anchor", "width", "height", "points", "cx", "cy", "r"};
  return s;
}

/// Every tag and attribute is one the renderers write; no event handler,
/// no inline style, no inline script (the CSP forbids them); the only
/// script is /assets/jixiao.js.
inline std::string structure_problem(const std::string& html) {
  std::vector<Tag> tags;
  try {
    tags = scan_tags(html);
  } catch (const std::exception& e) {
    return e.what();
  }
  int scripts = 0;
  for (const Tag& t : tags) {
    const std::string name = t.name[0] == '/' ? t.name.substr(1) : t.name;
    if (!allowed_tags().contains(name)) return "unexpected tag <" + t.name + ">";
    for (const auto& [a, v] : t.attrs) {
      if (t.name == "!doctype" && a == "html" && v.empty()) continue;
      if (!allowed_attrs().contains(a)) return "unexpected attribute " + a + " on <" + t.name + ">";
      if ((a == "href" || a == "src" || a == "action") && v.find(':') != std::string::npos) {
        return "a URL with a scheme in " + a + "=\"" + v + "\"";
      }
    }
    if (t.name == "script") {
      ++scripts;
      bool src = false;
      for (const auto& [a, v] : t.attrs) src = src || (a == "src" && v == "/assets/jixiao.js");
      if (!src) return "a script that is not /assets/jixiao.js";
    }
  }
  if (scripts != 1) return "expected exactly one script tag, found " + std::to_string(scripts);
  // A closing script tag must follow the opening one immediately (no inline body).
  const auto open = html.find("<script");
  if (html.find("</script>", open) != html.find('>', open) + 1) return "a script with a body";
  return {};
}

/// Decodes the entities html_escape writes (and only those).
inline std::string unescape(const std::string& s) {
  static const std::vector<std::pair<std::string, std::string>> ents = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (const auto& [e, c] : ents) {
        if (s.compare(i, e.size(), e) == 0) {
          out += c;
          i += e.size();
          done = true;
          break;
        }
      }
      if (!done) throw std::runtime_error("a bare '&' at byte " + std::to_string(i));
    }
    if (!done) out += s[i++];
  }
  return out;
}

/// The inner HTML of every element matching `open` (a literal start of a
/// tag, e.g. "<td class=\"n score\"") up to the first `close` after it.
inline std::vector<std::string> contents(const std::string& html, const std::string& open, const std::string& close) {
  std::vector<std::string> out;
  for (std::size_t i = html.find(open); i != std::string::npos; i = html.find(open, i + 1)) {
    const std::size_t start = html.find('>', i) + 1;
    out.push_back(html.substr(start, html.find(close, start) - start));
  }
  return out;
}

/// Counts non-overlapping occurrences.
inline std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t i = hay.find(needle); i != std::string::npos; i = hay.find(needle, i + needle.size())) ++n;
  return n;
}

/// Hostile text for names and values: markup, quotes, entities, control
/// characters, invalid UTF-8, CJK.
inline std::string hostile(Rng& r, std::size_t max_tokens = 6) {
  static const std::vector<std::string> tokens = {
      "<script>alert(1)</script>", "\"", "'", "&", "&amp;", "<img src=x onerror=alert(1)>", "\" onmouseover=\"x",
      "\x01", "\x7f", "\xff", "\xc0\xaf", "中文项目", "</td></tr></table>", "<!--", "-->", "javascript:alert(1)",
      " ", "科普", "≥5个", "<", ">", "\xe4\xb8", "]]>", "{{x}}", "\t"};
  std::string s;
  const std::size_t n = 1 + r.below(max_tokens);
  for (std::size_t i = 0; i < n; ++i) s += r.pick(tokens);
  return s;
}

}  // namespace jxhtml
