#include "engine/load/file_header.h"

#include "engine/diagnostic.h"
#include "engine/load/project_loader.h"
#include "engine/load/yaml_reader.h"
#include "engine/text.h"

namespace jx::load {
namespace {

// A scalar top-level field, trimmed and cut to a name's length (the field
// may be what made the file invalid); "" when absent or not a scalar.
std::string field(const Node& root, std::string_view key) {
  const Node n = root[key];
  if (!n.IsScalar()) return {};
  std::string s = trim(n.Scalar());
  return utf8_decode(s).size() <= kMaxNameChars ? s : std::string();
}

// A file that is not YAML: top-level `key: value` lines, read as text; a
// value that is not valid UTF-8 or too long for a name is not shown.
std::string scanned(std::string_view text, std::string_view key) {
  std::string value = top_level_value(text, key);
  return first_invalid_utf8(value) == std::string::npos && utf8_decode(value).size() <= kMaxNameChars ? value
                                                                                                      : std::string();
}

}  // namespace

std::string top_level_value(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.remove_prefix(3);  // UTF-8 BOM
    if (line.size() > key.size() && line.substr(0, key.size()) == key && line[key.size()] == ':') {
      std::string value = trim(line.substr(key.size() + 1));
      if (const auto hash = value.find(" #"); hash != std::string::npos) value = trim(value.substr(0, hash));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
    pos = end + 1;
  }
  return {};
}

FileHeader read_file_header(std::string_view text) {
  FileHeader h;
  h.kind = document_kind(text);
  try {
    Diagnostics ignored;  // the loader of the file's kind reports them
    const SourceScope source(text);
    const Node root = parse_yaml(text, ignored);
    const bool map = root.IsMap();
    const auto get = [&](std::string_view key) { return map ? field(root, key) : scanned(text, key); };
    if (h.kind.empty()) h.kind = get("kind");
    const std::string year = get("year");
    if (auto y = parse_number_text(year);
        y && y->raw() % Decimal::kScale == 0 && *y >= Decimal(1) && *y <= Decimal(9999)) {
      h.year = static_cast<int>(y->raw() / Decimal::kScale);
    }
    h.rules = get("rules");
    h.department = get("department");
    if (h.kind == "department") {
      h.name = h.department;
      h.unit = h.department;
    } else {
      h.name = get("project");
      h.unit = get("unit");
    }
  } catch (const std::exception&) {
    // Silent by contract: the loader reports what is wrong with the text.
  }
  return h;
}

}  // namespace jx::load
