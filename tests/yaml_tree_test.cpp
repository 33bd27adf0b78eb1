// The event-built YAML tree reads documents exactly as YAML::Load does
// (types, text, positions, order), and enforces its limits.
#include "engine/load/yaml_tree.h"

#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support.h"

using jx::load::Node;
using jx::load::parse_tree;

namespace {

std::string same(const YAML::Node& y, const Node& n, const std::string& path) {
  if (y.IsNull() != n.IsNull() || y.IsScalar() != n.IsScalar() || y.IsSequence() != n.IsSequence() ||
      y.IsMap() != n.IsMap()) {
    return path + ": type";
  }
  if (y.Mark().line != n.Mark().line || y.Mark().column != n.Mark().column) return path + ": mark";
  if (y.IsScalar()) return y.Scalar() == n.Scalar() && y.Tag() == n.Tag() ? "" : path + ": scalar/tag";
  if (y.size() != n.size()) return path + ": size";
  if (y.IsSequence()) {
    for (std::size_t i = 0; i < y.size(); ++i) {
      auto r = same(y[i], n[i], path + "[" + std::to_string(i) + "]");
      if (!r.empty()) return r;
    }
  }
  if (y.IsMap()) {
    auto yi = y.begin();
    auto ni = n.begin();
    for (; yi != y.end(); ++yi, ++ni) {
      auto r = same(yi->first, ni->first, path + ".key");
      if (r.empty()) r = same(yi->second, ni->second, path + "." + yi->first.Scalar());
      if (!r.empty()) return r;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("事件构建的树与 YAML::Load 一致：示例、模板和规则集") {
  int files = 0;
  for (const char* dir : {"indicators/examples", "indicators/templates", "indicators/rules"}) {
    for (const auto& e : std::filesystem::directory_iterator(std::string(JIXIAO_SOURCE_DIR) + "/" + dir)) {
      const std::string text = jxtest::read_source(std::string(dir) + "/" + e.path().filename().string());
      INFO(e.path().string());
      CHECK(same(YAML::Load(text), parse_tree(text), "") == "");
      ++files;
    }
  }
  CHECK(files >= 8);
}

TEST_CASE("空值、引号、锚点和别名") {
  const std::string text = "a: ~\nb:\nc: null\nd: \"null\"\ne: 'x'\nf: &k [1, {g: 2}]\nh: *k\n";
  CHECK(same(YAML::Load(text), parse_tree(text), "") == "");
  const Node n = parse_tree(text);
  CHECK(n["a"].IsNull());
  CHECK(n["b"].IsNull());
  CHECK(n["d"].IsScalar());
  CHECK(n["d"].Tag() == "!");
  CHECK(n["h"].IsSequence());
  CHECK(n["h"][1]["g"].Scalar() == "2");
  CHECK_FALSE(n["zz"].IsDefined());
  CHECK_FALSE(n["a"]["x"].IsDefined());
  CHECK(parse_tree("").IsNull());
  CHECK(parse_tree("# only a comment\n").IsNull());
}

TEST_CASE("别名炸弹在展开前被拒绝") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    const char prev = static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  try {
    parse_tree(bomb);
    FAIL("no limit error");
  } catch (const jx::load::TreeLimitError& e) {
    CHECK(e.code == "too-many-nodes");
  }
}

TEST_CASE("嵌套过深在解析途中被拒绝") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  try {
    parse_tree(deep);
    FAIL("no limit error");
  } catch (const jx::load::TreeLimitError& e) {
    CHECK(e.code == "too-deep");
  }
}

TEST_CASE("语法错误照常抛出 YAML::Exception，带位置") {
  try {
    parse_tree("a: [1, 2\nb: 3\n");
    FAIL("no syntax error");
  } catch (const YAML::Exception& e) {
    CHECK_FALSE(e.mark.is_null());
  }
}
