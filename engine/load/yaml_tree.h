// A YAML document as a compact read-only tree, built in one pass from
// yaml-cpp's parse events (YAML::Parser + EventHandler) instead of
// YAML::Load: no per-node shared_ptr memory, no node sets, so reading a
// submission costs little more than yaml-cpp's scanner itself (see
// bench/RESULTS.md).
//
// Contract:
// - Node mirrors the part of YAML::Node's interface the loaders use
//   (IsDefined/IsNull/IsScalar/IsSequence/IsMap, Scalar, Tag, Mark, size,
//   iteration, operator[]). A Node is a cheap handle sharing ownership of
//   its document; a default Node is undefined.
// - Iterating a map yields items with .first (key) and .second (value);
//   iterating a sequence yields the element nodes (an item is a Node).
// - Aliases point at the anchored node (the tree is a DAG, nothing is
//   copied). The builder counts nodes as a reader sees them (an alias counts
//   the whole subtree it stands for) and the nesting depth, and stops the
//   parse at once when a limit is passed (TreeLimitError) — an alias bomb
//   is refused after a bounded number of events, and yaml-cpp's recursive
//   parser never nests deeper than the limit.
// - Scalar() is the text after YAML unescaping; null, "~" and empty values
//   are Null (as YAML::Load makes them). Tag() is "?" for plain scalars and
//   "!" for quoted ones.
#pragma once

#include <yaml-cpp/mark.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jx::load {

struct TreeLimits {
  std::size_t max_nodes = 200'000;  ///< after alias expansion
  int max_nesting = 64;             ///< lists and maps inside each other
};

/// A limit was passed while parsing; `mark` is where.
struct TreeLimitError {
  YAML::Mark mark;
  std::string code;  ///< "too-many-nodes" | "too-deep" | "yaml-alias-cycle"
  std::string message;
  std::string hint;
};

class Node;

namespace detail {
struct Document;
}

class Node {
 public:
  enum class Type : std::uint8_t { Undefined, Null, Scalar, Sequence, Map };

  Node() = default;

  [[nodiscard]] bool IsDefined() const { return type() != Type::Undefined; }
  [[nodiscard]] bool IsNull() const { return type() == Type::Null; }
  [[nodiscard]] bool IsScalar() const { return type() == Type::Scalar; }
  [[nodiscard]] bool IsSequence() const { return type() == Type::Sequence; }
  [[nodiscard]] bool IsMap() const { return type() == Type::Map; }
  [[nodiscard]] Type type() const;
  /// The scalar's text; "" for other nodes.
  [[nodiscard]] const std::string& Scalar() const;
  [[nodiscard]] const std::string& Tag() const;
  /// 0-based line and byte column; a null mark for an undefined node.
  [[nodiscard]] YAML::Mark Mark() const;
  /// Elements of a sequence, entries of a map, else 0.
  [[nodiscard]] std::size_t size() const;
  /// The value of the first entry whose key is the scalar `key` (undefined when none).
  Node operator[](std::string_view key) const;
  /// The i-th element of a sequence (undefined when out of range).
  Node operator[](std::size_t i) const;

  class Item;
  class Iterator;
  [[nodiscard]] Iterator begin() const;
  [[nodiscard]] Iterator end() const;

 private:
  friend struct detail::Document;
  friend Node parse_tree(std::string_view text, const TreeLimits& limits);
  Node(std::shared_ptr<const detail::Document> doc, std::uint32_t index) : doc_(std::move(doc)), index_(index) {}

  std::shared_ptr<const detail::Document> doc_;
  std::uint32_t index_ = 0;
};

/// What iteration yields: the element itself (sequences) or a key/value pair (maps).
class Node::Item : public Node {
 public:
  Node first;
  Node second;

 private:
  friend class Node::Iterator;
  using Node::Node;
};

class Node::Iterator {
 public:
  const Item& operator*() const { return item_; }
  const Item* operator->() const { return &item_; }
  Iterator& operator++();
  bool operator==(const Iterator& o) const { return pos_ == o.pos_; }
  bool operator!=(const Iterator& o) const { return pos_ != o.pos_; }

 private:
  friend class Node;
  Iterator(const Node& owner, std::size_t pos);
  void load();
  const Node* owner_ = nullptr;
  std::size_t pos_ = 0;
  Item item_;
};

/// Parses one YAML document. Throws YAML::Exception (syntax, with its mark)
/// or TreeLimitError. An empty document gives a Null node.
Node parse_tree(std::string_view text, const TreeLimits& limits = {});

}  // namespace jx::load
