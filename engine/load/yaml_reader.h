// The YAML edge: parsing text with yaml-cpp and reading maps strictly, so
// that every problem becomes a Diagnostic with its line and column:
// invalid UTF-8 (GBK files), syntax errors, duplicate keys (yaml-cpp keeps
// them silently), unknown keys (with "did you mean"), wrong types.
// Numbers are read from the scalar text with our own parser, never with
// yaml-cpp's as<T>() (which reads 010 as octal and rejects "９５").
#pragma once

#include <yaml-cpp/mark.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/decimal.h"
#include "engine/diagnostic.h"
#include "engine/load/yaml_tree.h"

namespace jx::load {

/// Makes loc_of() report columns in characters of `text` (yaml-cpp counts
/// bytes, so a column after Chinese text would be off). Lives for one load on
/// one thread; loaders create it first thing. Without one, columns are bytes.
class SourceScope {
 public:
  explicit SourceScope(std::string_view text);
  ~SourceScope();
  SourceScope(const SourceScope&) = delete;
  SourceScope& operator=(const SourceScope&) = delete;

  /// Character column (1-based) of a 0-based byte column on a 0-based line.
  [[nodiscard]] int char_column(int line, int byte_col) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  const SourceScope* previous_;
  // The last position converted (see char_column).
  mutable int cache_line_ = -1;
  mutable std::size_t cache_end_ = 0;
  mutable int cache_chars_ = 0;
};

/// 1-based position of a node (line, character column).
Loc loc_of(const Node& node);
/// The same for a yaml-cpp mark (0-based); {0, 0} for a null mark.
Loc loc_at(const YAML::Mark& mark);

// Limits of parse_yaml, each reported as an error with its position instead
// of exhausting memory, time or the stack.
constexpr std::size_t kMaxYamlBytes = 16u << 20;  ///< the whole text (cli read_file refuses bigger files first)
constexpr std::size_t kMaxLineChars = 20000;      ///< one line, in characters
constexpr std::size_t kMaxYamlNodes = 200000;     ///< nodes, counting each alias as the subtree it repeats
constexpr int kMaxYamlNesting = 64;               ///< lists and maps inside each other

// Limits of the values read by MapReader.
constexpr std::size_t kMaxTextChars = 10000;  ///< any text field, in characters
constexpr std::size_t kMaxNameChars = 200;    ///< names: project, department, indicator, fact
/// |x| of any number field (分, 万元, counts): 10^9, so that sums of a file's
/// numbers stay far inside Decimal's range.
constexpr std::int64_t kMaxNumber = 1'000'000'000;

/// Checks size, UTF-8 (reporting each bad line, at most 10), NUL bytes and
/// line length, then the limits above on the events of the first document,
/// and parses it. Returns an undefined node and reports the error when the
/// text is not YAML or passes a limit.
Node parse_yaml(std::string_view text, Diagnostics& diags);

/// A key this reader accepts, with the Chinese label users may write instead.
struct KeySpec {
  std::string key;
  std::string label;  ///< e.g. 分值 for weight; used for hints
};

/// Strict reader of one YAML map. Construction reports duplicate and
/// unknown keys; the getters report wrong types and return nullopt.
class MapReader {
 public:
  /// `what` names the map in messages (e.g. "指标“走访对接”").
  MapReader(const Node& node, std::string what, std::vector<KeySpec> keys, Diagnostics& diags);
  /// The same with a key set that outlives the reader (a static table: no copy).
  MapReader(const Node& node, std::string what, const std::vector<KeySpec>* keys, Diagnostics& diags);

  [[nodiscard]] bool ok() const { return ok_; }
  [[nodiscard]] Loc loc() const { return loc_of(node_); }
  [[nodiscard]] bool has(const std::string& key) const;
  /// The value node; an undefined node (safe to query) when absent.
  [[nodiscard]] Node get(const std::string& key) const;
  [[nodiscard]] Loc loc(const std::string& key) const;

  /// Text of a scalar; null → "". Reports a list/map given instead, and text
  /// longer than `max_chars` characters (pass kMaxNameChars for names).
  std::optional<std::string> text(const std::string& key, std::size_t max_chars = kMaxTextChars);
  /// A decimal number written as a scalar ("89.66", "９５", "1,000"), at most
  /// kMaxNumber in magnitude.
  std::optional<Decimal> number(const std::string& key, std::string_view unit_hint = {});
  std::optional<int> integer(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  /// Reports a missing required key at the map's position.
  void require(const std::string& key, std::string_view example);

 private:
  MapReader(const Node& node, std::string what, const std::vector<KeySpec>* keys, Diagnostics& diags,
            std::vector<KeySpec> own);

  Node node_;
  /// The map's entries, first occurrence of each key, in file order: looked
  /// up here (a linear scan of a few keys). The views point into the
  /// document, which node_ keeps alive.
  std::vector<std::pair<std::string_view, Node>> entries_;
  std::string what_;
  std::vector<KeySpec> own_keys_;
  const std::vector<KeySpec>* keys_;  ///< own_keys_ or a static table
  Diagnostics& diags_;
  bool ok_ = true;
};

/// Parses a decimal as officers type it: full-width digits, spaces and
/// thousands separators allowed.
std::optional<Decimal> parse_number_text(std::string_view text);
/// Whether the text is made of digits, signs, points and separators only
/// (a number parse_number_text may still refuse as too large or too precise).
bool looks_numeric(std::string_view text);

/// Reports `what` (e.g. 指标名称) when `text` is longer than `max_chars`
/// characters; returns whether it fits.
bool check_length(std::string_view text, std::size_t max_chars, Loc loc, const std::string& what, Diagnostics& diags);

}  // namespace jx::load
