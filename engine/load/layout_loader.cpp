#include "engine/load/layout_loader.h"

#include <algorithm>
#include <utility>

#include "engine/load/yaml_reader.h"

namespace jx::load {
namespace {

const std::vector<KeySpec>& key_specs() {
  static const std::vector<KeySpec> keys = [] {
    std::vector<KeySpec> out{{"layout", ""}, {"name", ""}};
    for (const auto& [key, member] : layout_lists()) out.push_back({std::string(key), ""});
    return out;
  }();
  return keys;
}

}  // namespace

namespace {

Layout read_layout(const Node& root, Diagnostics& diags) {
  Layout out;
  MapReader top(root, "表格布局", &key_specs(), diags);
  if (!top.ok()) return out;
  top.require("layout", "layout: mof2020");
  if (auto id = top.text("layout"); id && !id->empty()) out.ids.push_back(*id);
  (void)top.text("name");
  for (const auto& [key, member] : layout_lists()) {
    const Node n = top.get(std::string(key));
    if (!n.IsDefined() || n.IsNull()) continue;
    if (!n.IsSequence()) {
      diags.error(loc_of(n), "wrong-type", "字段“" + std::string(key) + "”应为文字列表",
                  "写成 " + std::string(key) + ": [标签一, 标签二]");
      continue;
    }
    for (const auto& s : n) {
      if (!s.IsScalar() || s.Scalar().empty()) {
        diags.error(loc_of(s), "wrong-type", "字段“" + std::string(key) + "”的每一项应为非空文字");
        continue;
      }
      Labels& list = out.*member;
      if (std::find(list.begin(), list.end(), s.Scalar()) == list.end()) list.push_back(s.Scalar());
    }
  }
  return out;
}

}  // namespace

std::optional<Layout> load_layout(std::string_view text, Diagnostics& diags) {
  const SourceScope source(text);
  Diagnostics own;
  const Node root = parse_yaml(text, own);
  Layout out;
  if (root.IsDefined()) out = read_layout(root, own);
  diags.append(own);
  if (!root.IsDefined() || own.has_errors()) return std::nullopt;
  return out;
}

void merge_layout(Layout& into, const Layout& from) {
  for (const auto& id : from.ids) into.ids.push_back(id);
  for (const auto& [key, member] : layout_lists()) {
    Labels& list = into.*member;
    for (const auto& label : from.*member) {
      if (std::find(list.begin(), list.end(), label) == list.end()) list.push_back(label);
    }
  }
}

}  // namespace jx::load
