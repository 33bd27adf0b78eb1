#include "engine/load/yaml_reader.h"

#include <algorithm>
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
  int chars = 0;
  for (std::size_t i = start; i < end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;  // count lead bytes only
  }
  return chars + 1;
}

Loc loc_of(const YAML::Node& node) {
  if (!node.IsDefined()) return {};
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return {};
  return {m.line + 1, g_source != nullptr ? g_source->char_column(m.line, m.column) : m.column + 1};
}

namespace {

// yaml-cpp's English messages, translated where common.
std::string translate(const std::string& msg) {
  static const std::vector<std::pair<std::string, std::string>> table{
      {"illegal tab when looking for indentation", "缩进中不能使用 Tab 字符"},
      {"end of map not found", "映射没有正确结束"},
      {"end of sequence not found", "列表没有正确结束"},
      {"end of map flow not found", "花括号 { } 没有正确闭合"},
      {"end of sequence flow not found", "方括号 [ ] 没有正确闭合"},
      {"illegal map value", "此处不能出现“键: 值”"},
      {"unknown token", "无法识别的符号"},
      {"end of string not found", "引号没有闭合"},
      {"unexpected end of file", "文件意外结束"},
      {"block map key not found", "缺少字段名"},
      {"cyclic alias", "别名循环引用"},
      {"the anchor", "未定义的锚点"},
  };
  for (const auto& [en, zh] : table) {
    if (msg.rfind(en, 0) == 0) return zh;
  }
  return "YAML 语法错误（" + msg + "）";
}

std::string kind_name(const YAML::Node& n) {
  if (n.IsSequence()) return "列表";
  if (n.IsMap()) return "映射（键: 值）";
  return "文字";
}

}  // namespace

YAML::Node parse_yaml(std::string_view text, Diagnostics& diags) {
  // Invalid UTF-8: report each offending line (GBK files fail on most lines).
  int reported = 0;
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
      if (reported < 10) {
        const int col = static_cast<int>(utf8_decode(line.substr(0, pos)).size()) + 1;
        diags.error({line_no, col}, "invalid-utf8", "第 " + std::to_string(line_no) + " 行不是有效的 UTF-8 文字",
                    reported == 0 ? "文件可能是 GBK 编码：用 iconv -f GBK -t UTF-8 转换后再试" : "");
      }
      ++reported;
    }
    if (end == text.size()) break;
    line_start = end + 1;
    ++line_no;
  }
  if (reported > 10) {
    diags.error({0, 0}, "invalid-utf8", "另有 " + std::to_string(reported - 10) + " 行不是有效的 UTF-8 文字");
  }
  if (bad) return YAML::Node(YAML::NodeType::Undefined);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\0') {
      diags.error({0, 0}, "binary-file", "文件含有 NUL 字节，不是文本文件");
      return YAML::Node(YAML::NodeType::Undefined);
    }
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Loc loc = e.mark.is_null()
                  ? Loc{}
                  : Loc{e.mark.line + 1,
                        g_source != nullptr ? g_source->char_column(e.mark.line, e.mark.column) : e.mark.column + 1};
    diags.error(loc, "yaml-syntax", translate(e.msg),
                "检查缩进（只用空格）和引号；以 ≥ > < = % @ 等符号开头的值请加引号，如 target: \">=21933人\"");
    return YAML::Node(YAML::NodeType::Undefined);
  }
}

MapReader::MapReader(const YAML::Node& node, std::string what, std::vector<KeySpec> keys, Diagnostics& diags)
    : node_(node), what_(std::move(what)), keys_(std::move(keys)), diags_(diags) {
  if (!node_.IsMap()) {
    ok_ = false;
    diags_.error(loc_of(node_), "wrong-type",
                 what_ + "应为映射（键: 值），而不是" + (node_.IsNull() ? std::string("空值") : kind_name(node_)));
    return;
  }
  std::map<std::string, Loc> seen;
  for (const auto& kv : node_) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
    const Loc kloc = loc_of(kv.first);
    if (auto it = seen.find(key); it != seen.end()) {
      diags_.error(kloc, "duplicate-key",
                   "重复的字段“" + key + "”（第 " + std::to_string(it->second.line) + " 行已有）",
                   "删去其中一个；否则只有第 " + std::to_string(it->second.line) + " 行的值生效");
      continue;
    }
    seen.emplace(key, kloc);
    entries_.emplace_back(key, kv.second);
    bool known = false;
    for (const auto& k : keys_) known = known || k.key == key;
    if (known) continue;
    // Suggest the nearest key, or the key whose Chinese label was written.
    std::string best;
    std::size_t best_d = 3;
    for (const auto& k : keys_) {
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
      for (const auto& k : keys_) hint += (hint.empty() ? "可用字段：" : "、") + k.key;
    }
    diags_.error(kloc, "unknown-key", what_ + "中有未知字段“" + key + "”", hint);
  }
}

bool MapReader::has(const std::string& key) const {
  if (!ok_) return false;
  for (const auto& [k, v] : entries_) {
    if (k == key) return true;
  }
  return false;
}

YAML::Node MapReader::get(const std::string& key) const {
  if (ok_) {
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

Loc MapReader::loc(const std::string& key) const {
  const YAML::Node n = get(key);
  return n.IsDefined() ? loc_of(n) : loc_of(node_);
}

std::optional<std::string> MapReader::text(const std::string& key) {
  const YAML::Node n = get(key);
  if (!n.IsDefined()) return std::nullopt;
  if (n.IsNull()) return std::string();
  if (!n.IsScalar()) {
    diags_.error(loc_of(n), "wrong-type", "字段“" + key + "”应为文字，而不是" + kind_name(n));
    return std::nullopt;
  }
  return n.Scalar();
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
  const YAML::Node n = get(key);
  if (!n.IsDefined()) return std::nullopt;
  if (!n.IsScalar() || n.Scalar().empty()) {
    diags_.error(loc_of(n), "wrong-type",
                 "字段“" + key + "”应为数字" + std::string(unit_hint) + "，而不是" +
                     (n.IsNull() || n.Scalar().empty() ? std::string("空值") : kind_name(n)));
    return std::nullopt;
  }
  auto d = parse_number_text(n.Scalar());
  if (!d) {
    diags_.error(loc_of(n), "not-a-number",
                 "字段“" + key + "”应为数字" + std::string(unit_hint) + "，而不是“" + n.Scalar() + "”",
                 "只写数字，如 89.66；最多 6 位小数，绝对值不超过 10^12");
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
  for (const auto& k : keys_) {
    if (k.key == key) label = k.label;
  }
  diags_.error(loc_of(node_), "missing-key",
               what_ + "缺少字段“" + key + "”" + (label.empty() ? "" : "（" + label + "）"),
               example.empty() ? "" : "例如 " + std::string(example));
}

}  // namespace jx::load
