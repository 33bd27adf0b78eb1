#include "engine/load/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace jx::load {

namespace detail {

struct NodeData {
  Node::Type type = Node::Type::Undefined;
  YAML::Mark mark = YAML::Mark::null_mark();
  std::string scalar;
  std::string tag;
  std::uint32_t first = 0;  ///< index into Document::links of the first child (sequence) or key (map)
  std::uint32_t count = 0;  ///< elements, or entries × 2 (key, value, key, value …)
};

struct Document {
  std::vector<NodeData> nodes;       ///< nodes[0] is the undefined node
  std::vector<std::uint32_t> links;  ///< children of collections, contiguous per collection
  std::uint32_t root = 0;
};

}  // namespace detail

namespace {

using detail::Document;
using detail::NodeData;

const std::string kEmpty;

/// Builds the Document from events. Collections collect their children's
/// indices on a stack and copy them to `links` when they end, so each
/// collection's children are contiguous.
class Builder : public YAML::EventHandler {
 public:
  Builder(Document& doc, const TreeLimits& limits) : doc_(doc), limits_(limits) {
    doc_.nodes.emplace_back();  // index 0: undefined
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    NodeData n;
    n.type = Node::Type::Null;
    n.mark = mark;
    add(std::move(n), anchor, 1);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    NodeData n;
    n.type = Node::Type::Scalar;
    n.mark = mark;
    n.scalar = value;
    n.tag = tag;
    add(std::move(n), anchor, 1);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor].size == 0) {
      throw TreeLimitError{mark, "yaml-alias-cycle", "别名引用了包含它自身的锚点（循环引用）",
                           "去掉这个别名 *…，把内容直接写出来"};
    }
    count(mark, anchors_[anchor].size);
    attach(anchors_[anchor].index);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Node::Type::Sequence, mark, tag, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(Node::Type::Map, mark, tag, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Anchor {
    std::uint32_t index = 0;
    std::size_t size = 0;  ///< expanded node count; 0 while the anchored collection is open
  };
  struct Open {
    std::uint32_t index;
    std::size_t children_start;  ///< position in pending_
    std::size_t total_start;     ///< total_ before this collection
    YAML::anchor_t anchor;
  };

  void count(const YAML::Mark& mark, std::size_t n) {
    total_ += n;
    if (total_ > limits_.max_nodes) {
      throw TreeLimitError{mark, "too-many-nodes",
                           "文件的条目过多（展开别名后超过 " + std::to_string(limits_.max_nodes) + " 个）",
                           "一个文件只写一个项目或部门；别名 *… 会把锚点 &… 的内容整体重复一遍，不要层层嵌套使用"};
    }
  }
  void remember(YAML::anchor_t anchor, std::uint32_t index, std::size_t size) {
    if (anchor == 0) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = {index, size};
  }
  std::uint32_t push(NodeData&& n) {
    doc_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(doc_.nodes.size() - 1);
  }
  void attach(std::uint32_t index) {
    if (stack_.empty()) {
      doc_.root = index;
    } else {
      pending_.push_back(index);
    }
  }
  void add(NodeData&& n, YAML::anchor_t anchor, std::size_t size) {
    count(n.mark, size);
    const std::uint32_t i = push(std::move(n));
    remember(anchor, i, size);
    attach(i);
  }
  void open(Node::Type type, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
    if (stack_.size() >= static_cast<std::size_t>(limits_.max_nesting)) {
      throw TreeLimitError{mark, "too-deep", "嵌套层级过深（超过 " + std::to_string(limits_.max_nesting) + " 层）",
                           "检查是否多写了 [ 或 {，或缩进是否一层比一层多"};
    }
    count(mark, 1);
    NodeData n;
    n.type = type;
    n.mark = mark;
    n.tag = tag;
    const std::uint32_t i = push(std::move(n));
    if (anchor != 0) remember(anchor, i, 0);  // size 0 while open: an alias to it now is a cycle
    stack_.push_back({i, pending_.size(), total_ - 1, anchor});
  }
  void close() {
    const Open o = stack_.back();
    stack_.pop_back();
    NodeData& n = doc_.nodes[o.index];
    n.first = static_cast<std::uint32_t>(doc_.links.size());
    n.count = static_cast<std::uint32_t>(pending_.size() - o.children_start);
    doc_.links.insert(doc_.links.end(), pending_.begin() + static_cast<std::ptrdiff_t>(o.children_start),
                      pending_.end());
    pending_.resize(o.children_start);
    remember(o.anchor, o.index, total_ - o.total_start);
    attach(o.index);
  }

  Document& doc_;
  const TreeLimits& limits_;
  std::vector<Open> stack_;
  std::vector<std::uint32_t> pending_;
  std::vector<Anchor> anchors_;
  std::size_t total_ = 0;
};

}  // namespace

Node parse_tree(std::string_view text, const TreeLimits& limits) {
  auto doc = std::make_shared<Document>();
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  Builder builder(*doc, limits);
  if (!parser.HandleNextDocument(builder) || doc->root == 0) {
    // An empty stream or a document with nothing in it: YAML::Load gives Null.
    NodeData n;
    n.type = Node::Type::Null;
    doc->nodes.push_back(std::move(n));
    doc->root = static_cast<std::uint32_t>(doc->nodes.size() - 1);
  }
  doc->nodes.shrink_to_fit();
  const std::uint32_t root = doc->root;  // read before the move: argument order is unspecified
  return Node(std::move(doc), root);
}

Node::Type Node::type() const {
  return doc_ ? doc_->nodes[index_].type : Type::Undefined;
}

const std::string& Node::Scalar() const {
  return doc_ ? doc_->nodes[index_].scalar : kEmpty;
}

const std::string& Node::Tag() const {
  return doc_ ? doc_->nodes[index_].tag : kEmpty;
}

YAML::Mark Node::Mark() const {
  return doc_ && index_ != 0 ? doc_->nodes[index_].mark : YAML::Mark::null_mark();
}

std::size_t Node::size() const {
  if (!doc_) return 0;
  const NodeData& n = doc_->nodes[index_];
  return n.type == Type::Map ? n.count / 2 : n.type == Type::Sequence ? n.count : 0;
}

Node Node::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  const NodeData& n = doc_->nodes[index_];
  for (std::uint32_t k = 0; k + 1 < n.count; k += 2) {
    const NodeData& key_node = doc_->nodes[doc_->links[n.first + k]];
    if (key_node.type == Type::Scalar && key_node.scalar == key) return Node(doc_, doc_->links[n.first + k + 1]);
  }
  return {};
}

Node Node::operator[](std::size_t i) const {
  if (!IsSequence() || i >= size()) return {};
  return Node(doc_, doc_->links[doc_->nodes[index_].first + i]);
}

Node::Iterator Node::begin() const {
  return Iterator(*this, 0);
}
Node::Iterator Node::end() const {
  return Iterator(*this, size());
}

Node::Iterator::Iterator(const Node& owner, std::size_t pos) : owner_(&owner), pos_(pos) {
  load();
}

Node::Iterator& Node::Iterator::operator++() {
  ++pos_;
  load();
  return *this;
}

void Node::Iterator::load() {
  if (pos_ >= owner_->size()) {
    item_ = Item();
    return;
  }
  const auto& doc = owner_->doc_;
  const NodeData& n = doc->nodes[owner_->index_];
  if (n.type == Type::Map) {
    item_ = Item();
    item_.first = Node(doc, doc->links[n.first + 2 * pos_]);
    item_.second = Node(doc, doc->links[n.first + 2 * pos_ + 1]);
  } else {
    item_ = Item(doc, doc->links[n.first + pos_]);
  }
}

}  // namespace jx::load
