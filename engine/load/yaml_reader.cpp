#include "engine/load/yaml_reader.h"

#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "engine/text.h"

namespace jx::load {

namespace {
thread_local const SourceScope* g_source = nullptr;
}  // namespace

SourceScope::SourceScope(std::string_view text) : text_(text), previous_(g_source) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  g_source = this;
}

SourceScope::~SourceScope() {
  g_source = previous_;
}

int SourceScope::char_column(int line, int byte_col) const {
  if (line < 0 || static_cast<std::size_t>(line) >= line_starts_.size() || byte_col < 0) return byte_col + 1;
  const std::size_t start = line_starts_[static_cast<std::size_t>(line)];
  const std::size_t end = std::min(text_.size(), start + static_cast<std::size_t>(byte_col));
  // Positions are asked for mostly in document order: continue from the last
  // one on the same line, so that many nodes on one long line stay linear.
  std::size_t from = start;
  int chars = 0;
  if (cache_line_ == line && cache_end_ <= end) {
    from = cache_end_;
    chars = cache_chars_;
  }
  for (std::size_t i = from; i < end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;  // count lead bytes only
  }
  cache_line_ = line;
  cache_end_ = end;
  cache_chars_ = chars;
  return chars + 1;
}

Loc loc_at(const YAML::Mark& m) {
  if (m.is_null()) return {};
  return {m.line + 1, g_source != nullptr ? g_source->char_column(m.line, m.column) : m.column + 1};
}

Loc loc_of(const Node& node) {
  if (!node.IsDefined()) return {};
  return loc_at(node.Mark());
}

namespace {

// yaml-cpp's English messages, translated where common.
std::string translate(const std::string& msg) {
  static const std::vector<std::pair<std::string, std::string>> table{
      {"illegal tab when looking for indentation", "缩进中不能使用 Tab 字符"},
      {"end of map not found", "缩进或引号有误：“字段: 值”块没有正确结束"},
      {"end of sequence not found", "列表没有正确结束"},
      {"end of map flow not found", "花括号 { } 没有正确闭合"},
      {"end of sequence flow not found", "方括号 [ ] 没有正确闭合"},
      {"illegal map value", "此处不能出现“字段: 值”（冒号后面要有空格；值中的冒号要加引号）"},
      {"unknown token", "无法识别的符号"},
      {"end of string not found", "引号没有闭合"},
      {"unexpected end of file", "文件意外结束"},
      {"block map key not found", "缺少字段名"},
      {"cyclic alias", "别名循环引用"},
      {"unexpected character in block scalar", "以 > 或 | 开头的值被当作多行文字块（> 和 | 在 YAML 中有特殊含义）"},
      {"the anchor", "未定义的锚点"},
  };
  for (const auto& [en, zh] : table) {
    if (msg.rfind(en, 0) == 0) return zh;
  }
  return "YAML 语法错误（" + msg + "）";
}

// Column (1-based, characters) of a full-width colon written right after a
// key, as in "project：…" or "- name：…"; 0 when the line has none. Only
// ASCII keys count, so Chinese text such as "说明：…" in a block is left alone.
int fullwidth_colon_after_key(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  if (i + 1 < line.size() && line[i] == '-' && line[i + 1] == ' ') i += 2;
  while (i < line.size() && line[i] == ' ') ++i;
  const std::size_t key = i;
  while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) != 0 || line[i] == '_')) ++i;
  if (i == key || line.substr(i, 3) != "\xEF\xBC\x9A") return 0;  // U+FF1A ：
  return static_cast<int>(i) + 1;                                 // the key and indentation are ASCII
}

// The position (1-based) of a tab in the leading whitespace of line `line`
// (0-based) or the line before it; {0, 0} when there is none.
Loc tab_in_indentation(std::string_view text, int line) {
  if (line < 0) return {};
  int no = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (no == line - 1 || no == line) {
      const std::string_view l = text.substr(start, end - start);
      for (std::size_t i = 0; i < l.size() && (l[i] == ' ' || l[i] == '\t'); ++i) {
        if (l[i] == '\t') return {no + 1, static_cast<int>(i) + 1};
      }
    }
    if (no >= line || end == text.size()) break;
    start = end + 1;
    ++no;
  }
  return {};
}

// The first line (1-based) up to `last` (0-based, -1 = all) whose double
// quotes do not pair up outside a comment; 0 when there is none.
int unbalanced_quote_line(std::string_view text, int last) {
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size() && (last < 0 || line_no <= last)) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    bool in_double = false;
    bool in_single = false;
    for (std::size_t i = start; i < end; ++i) {
      const char c = text[i];
      if (c == '"' && !in_single && (i == start || text[i - 1] != '\\')) in_double = !in_double;
      if (c == '\'' && !in_double) in_single = !in_single;
      if (c == '#' && !in_double && !in_single && (i == start || text[i - 1] == ' ')) break;
    }
    if (in_double) return line_no + 1;
    start = end + 1;
    ++line_no;
  }
  return 0;
}

std::string kind_name(const Node& n) {
  if (n.IsSequence()) return "列表（以 - 开头的各项）";
  if (n.IsMap()) return "“字段: 值”形式";
  return "文字";
}

}  // namespace

Node parse_yaml(std::string_view text, Diagnostics& diags) {
  if (text.size() > kMaxYamlBytes) {
    diags.error({0, 0}, "file-too-large",
                "文件过大（" + std::to_string(text.size() / 1024) + " KB），上限为 " +
                    std::to_string(kMaxYamlBytes / 1024) + " KB",
                "一个文件只写一个项目或部门");
    return Node();
  }
  // Notepad's "Unicode" is UTF-16: NUL bytes everywhere, but a known fix.
  if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
    diags.error({1, 1}, "utf16-file", "文件是 UTF-16 编码（记事本的“Unicode”），应为 UTF-8",
                "在记事本中“另存为”，编码选 UTF-8；或用 iconv -f UTF-16 -t UTF-8 转换");
    return Node();
  }
  // Binary files (a workbook, a PDF…) first: their bytes are not worth a
  // line-by-line UTF-8 report.
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n'));
    diags.error({line + 1, 1}, "binary-file", "文件含有 NUL 字节，不是文本文件",
                "jixiao 读的是 YAML 文本文件（.yaml），用文本编辑器保存为 UTF-8");
    return Node();
  }
  // Invalid UTF-8: report each offending line (GBK files fail on most lines).
  int reported = 0;
  int eleventh = 0;  // line of the first bad line not reported on its own
  int long_lines = 0;
  int colons = 0;
  std::size_t line_start = 0;
  int line_no = 1;
  bool bad = false;
  while (line_start <= text.size()) {
    std::size_t end = text.find('\n', line_start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(line_start, end - line_start);
    const std::size_t pos = first_invalid_utf8(line);
    if (pos != std::string_view::npos) {
      bad = true;
      if (reported == 10) eleventh = line_no;
      if (reported < 10) {
        const int col = static_cast<int>(utf8_decode(line.substr(0, pos)).size()) + 1;
        diags.error({line_no, col}, "invalid-utf8", "第 " + std::to_string(line_no) + " 行不是有效的 UTF-8 文字",
                    reported == 0
                        ? "文件可能是 GBK 编码：在记事本中“另存为”，编码选 UTF-8；或用 iconv -f GBK -t UTF-8 转换"
                        : "");
      }
      ++reported;
    } else if (line.size() > kMaxLineChars) {
      // Counted in characters only when the bytes could be too many.
      std::size_t chars = 0;
      for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
      if (chars > kMaxLineChars && long_lines++ < 10) {
        diags.error({line_no, static_cast<int>(kMaxLineChars) + 1}, "line-too-long",
                    "第 " + std::to_string(line_no) + " 行过长（" + std::to_string(chars) + " 个字符，上限 " +
                        std::to_string(kMaxLineChars) + "）",
                    "长文字用 | 写成多行，例如 achieved: |（换行后缩进书写）");
      }
    }
    if (pos == std::string_view::npos) {
      if (const int col = fullwidth_colon_after_key(line); col > 0 && colons++ < 10) {
        diags.error({line_no, col}, "fullwidth-colon", "字段名后面是全角冒号“：”，应为半角冒号“:”加一个空格",
                    "例如 project: 省级科普专项经费");
      }
    }
    if (end == text.size()) break;
    line_start = end + 1;
    ++line_no;
  }
  if (reported > 10) {
    diags.error(
        {eleventh, 1}, "invalid-utf8",
        "从第 " + std::to_string(eleventh) + " 行起另有 " + std::to_string(reported - 10) + " 行不是有效的 UTF-8 文字");
  }
  if (bad || long_lines > 0 || colons > 0) return Node();
  try {
    return parse_tree(text, TreeLimits{kMaxYamlNodes, kMaxYamlNesting});
  } catch (const TreeLimitError& stop) {
    diags.error(loc_at(stop.mark), stop.code, stop.message, stop.hint);
    return Node();
  } catch (const YAML::Exception& e) {
    // A tab in the indentation of the failing line or the line before it is
    // the cause more often than yaml-cpp's message says (it cannot be seen).
    if (const Loc tab = tab_in_indentation(text, e.mark.is_null() ? -1 : e.mark.line); tab.line > 0) {
      diags.error(tab, "yaml-tab",
                  "第 " + std::to_string(tab.line) + " 行的缩进中有 Tab 字符（看不见，但 YAML 不允许）",
                  "把行首的 Tab 换成空格：同一级的字段缩进相同个数的空格");
      return Node();
    }
    std::string hint = "检查缩进（只用空格）和引号；以 ≥ > < = % @ 等符号开头的值请加引号，如 target: \">=21933人\"";
    if (const int q = unbalanced_quote_line(text, e.mark.is_null() ? -1 : e.mark.line); q > 0) {
      hint = "第 " + std::to_string(q) + " 行的双引号 \" 没有成对，缺少结尾的引号";
    }
    diags.error(loc_at(e.mark), "yaml-syntax", translate(e.msg), hint);
    return Node();
  }
}

MapReader::MapReader(const Node& node, std::string what, std::vector<KeySpec> keys, Diagnostics& diags)
    : MapReader(node, std::move(what), nullptr, diags, std::move(keys)) {}

MapReader::MapReader(const Node& node, std::string what, const std::vector<KeySpec>* keys, Diagnostics& diags)
    : MapReader(node, std::move(what), keys, diags, {}) {}

MapReader::MapReader(const Node& node, std::string what, const std::vector<KeySpec>* keys, Diagnostics& diags,
                     std::vector<KeySpec> own)
    : node_(node),
      what_(std::move(what)),
      own_keys_(std::move(own)),
      keys_(keys != nullptr ? keys : &own_keys_),
      diags_(diags) {
  if (!node_.IsMap()) {
    ok_ = false;
    diags_.error(loc_of(node_), "wrong-type",
                 what_ + "应写成“字段: 值”的形式，而不是" + (node_.IsNull() ? std::string("空值") : kind_name(node_)));
    return;
  }
  std::vector<std::pair<std::string_view, Loc>> seen;  // a map has a few keys: a linear scan is cheapest
  seen.reserve(node_.size());
  entries_.reserve(node_.size());
  for (const auto& kv : node_) {
    const std::string_view key = kv.first.IsScalar() ? std::string_view(kv.first.Scalar()) : std::string_view();
    const Loc kloc = loc_of(kv.first);
    const auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == key; });
    if (it != seen.end()) {
      diags_.error(kloc, "duplicate-key",
                   "重复的字段“" + std::string(key) + "”（第 " + std::to_string(it->second.line) + " 行已有）",
                   "删去其中一个；否则只有第 " + std::to_string(it->second.line) + " 行的值生效");
      continue;
    }
    seen.emplace_back(key, kloc);
    if (key == "<<") {
      diags_.error(kloc, "merge-key", "不支持 YAML 合并键“<<”", "把锚点 &… 中的字段直接写在" + what_ + "中");
      continue;
    }
    entries_.emplace_back(key, kv.second);
    bool known = false;
    for (const auto& k : *keys_) known = known || k.key == key;
    if (known) continue;
    // Suggest the nearest key, or the key whose Chinese label was written.
    std::string best;
    std::size_t best_d = 3;
    for (const auto& k : *keys_) {
      if (!k.label.empty() && k.label == key) {
        best = k.key;
        best_d = 0;
        break;
      }
      const std::size_t d = edit_distance(key, k.key);
      if (d < best_d && d <= std::max<std::size_t>(2, k.key.size() / 3)) {
        best = k.key;
        best_d = d;
      }
    }
    std::string hint;
    if (!best.empty()) {
      hint = "是否为“" + best + "”？";
    } else {
      for (const auto& k : *keys_) hint += (hint.empty() ? "可用字段：" : "、") + k.key;
    }
    diags_.error(kloc, "unknown-key", what_ + "中有未知字段“" + std::string(key) + "”", hint);
  }
}

bool MapReader::has(const std::string& key) const {
  if (!ok_) return false;
  for (const auto& [k, v] : entries_) {
    if (k == key) return true;
  }
  return false;
}

Node MapReader::get(const std::string& key) const {
  if (ok_) {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
  }
  return Node();
}

Loc MapReader::loc(const std::string& key) const {
  const Node n = get(key);
  return n.IsDefined() ? loc_of(n) : loc_of(node_);
}

std::optional<std::string> MapReader::text(const std::string& key, std::size_t max_chars) {
  const Node n = get(key);
  if (!n.IsDefined()) return std::nullopt;
  if (n.IsNull()) return std::string();
  if (!n.IsScalar()) {
    diags_.error(loc_of(n), "wrong-type", "字段“" + key + "”应为文字，而不是" + kind_name(n));
    return std::nullopt;
  }
  if (!check_length(n.Scalar(), max_chars, loc_of(n), "字段“" + key + "”", diags_)) {
    // Reported once; the rest of the file is checked with the text cut short.
    return utf8_encode(std::u32string_view(utf8_decode(n.Scalar())).substr(0, max_chars)) + "…";
  }
  return n.Scalar();
}

bool check_length(std::string_view text, std::size_t max_chars, Loc loc, const std::string& what, Diagnostics& diags) {
  if (text.size() <= max_chars) return true;  // bytes ≥ characters
  std::size_t chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  if (chars <= max_chars) return true;
  diags.error(loc, "text-too-long",
              what + "过长（" + std::to_string(chars) + " 个字符，上限 " + std::to_string(max_chars) + "）",
              max_chars == kMaxNameChars ? "名称写简称，详细说明写在 note 中" : "精简文字，或分成几段写在不同字段中");
  return false;
}

bool looks_numeric(std::string_view text) {
  bool digit = false;
  for (char32_t c : fold_width(utf8_decode(text))) {
    if (c >= U'0' && c <= U'9') {
      digit = true;
    } else if (c != U'.' && c != U',' && c != U' ' && c != U'-' && c != U'+') {
      return false;
    }
  }
  return digit;
}

std::optional<Decimal> parse_number_text(std::string_view text) {
  std::string ascii;
  for (char32_t c : fold_width(utf8_decode(text))) {
    if (c == U' ' || c == U',') continue;
    if (c >= 0x80) return std::nullopt;
    ascii.push_back(static_cast<char>(c));
  }
  return Decimal::parse(ascii);
}

std::optional<Decimal> MapReader::number(const std::string& key, std::string_view unit_hint) {
  const Node n = get(key);
  if (!n.IsDefined()) return std::nullopt;
  if (!n.IsScalar() || n.Scalar().empty()) {
    diags_.error(loc_of(n), "wrong-type",
                 "字段“" + key + "”应为数字" + std::string(unit_hint) + "，而不是" +
                     (n.IsNull() || n.Scalar().empty() ? std::string("空值") : kind_name(n)));
    return std::nullopt;
  }
  auto d = parse_number_text(n.Scalar());
  if (!d && looks_numeric(n.Scalar())) {
    diags_.error(loc_of(n), "number-too-large",
                 "字段“" + key + "”的数值“" + n.Scalar() + "”超出范围（绝对值不超过 1000000000，最多 6 位小数）",
                 "检查是否多写了几位数字；金额以万元为单位");
    return std::nullopt;
  }
  if (!d) {
    std::string shown = n.Scalar();
    if (utf8_decode(shown).size() > 40) shown = utf8_encode(utf8_decode(shown).substr(0, 40)) + "…";
    diags_.error(loc_of(n), "not-a-number",
                 "字段“" + key + "”应为数字" + std::string(unit_hint) + "，而不是“" + shown + "”",
                 "只写阿拉伯数字，如 89.66，不带单位");
    return std::nullopt;
  }
  if (*d > Decimal(kMaxNumber) || *d < Decimal(-kMaxNumber)) {
    diags_.error(loc_of(n), "number-too-large",
                 "字段“" + key + "”的数值 " + d->to_plain() + " 超出范围（绝对值不超过 1000000000）",
                 "检查是否多写了几位数字；金额以万元为单位");
    return std::nullopt;
  }
  return d;
}

std::optional<int> MapReader::integer(const std::string& key) {
  auto d = number(key);
  if (!d) return std::nullopt;
  if (d->rounded(0) != *d || *d > Decimal(100000) || d->is_negative()) {
    diags_.error(loc(key), "not-an-integer", "字段“" + key + "”应为整数，而不是“" + d->to_plain() + "”");
    return std::nullopt;
  }
  return static_cast<int>(d->raw() / Decimal::kScale);
}

std::optional<bool> MapReader::boolean(const std::string& key) {
  auto t = text(key);
  if (!t) return std::nullopt;
  for (const char* s : {"true", "True", "TRUE", "yes", "是"}) {
    if (*t == s) return true;
  }
  for (const char* s : {"false", "False", "FALSE", "no", "否"}) {
    if (*t == s) return false;
  }
  diags_.error(loc(key), "not-a-bool", "字段“" + key + "”应为 true 或 false，而不是“" + *t + "”");
  return std::nullopt;
}

void MapReader::require(const std::string& key, std::string_view example) {
  if (!ok_ || has(key)) return;
  std::string label;
  for (const auto& k : *keys_) {
    if (k.key == key) label = k.label;
  }
  diags_.error(loc_of(node_), "missing-key",
               what_ + "缺少字段“" + key + "”" + (label.empty() ? "" : "（" + label + "）"),
               example.empty() ? "" : "例如 " + std::string(example));
}

}  // namespace jx::load
