// Limits and the inputs fuzzing found: each is an error with a position,
// never a crash, a hang or a wrong number.
#include <catch2/catch.hpp>
#include <chrono>

#include "engine/decimal.h"
#include "engine/dept_score.h"
#include "engine/formula.h"
#include "engine/load/department_loader.h"
#include "engine/load/yaml_reader.h"
#include "engine/value.h"
#include "tests/support.h"

namespace {

std::string parse_errors(const std::string& yaml) {
  jx::Diagnostics d;
  const jx::load::SourceScope source(yaml);
  const jx::load::Node n = jx::load::parse_yaml(yaml, d);
  CHECK_FALSE(n.IsDefined());
  return jxtest::messages(d);
}

std::string formula_error(const std::string& text) {
  jx::FormulaError err;
  auto f = jx::Formula::parse(text, err);
  if (!f) return "语法: " + err.message;
  auto v = f->eval(
      [](const std::string& name, bool) -> std::optional<jx::Decimal> {
        if (name == "大") return jx::Decimal(jx::Decimal::kMaxMagnitude);
        return jx::Decimal(1);
      },
      err);
  if (!v) return "求值: " + err.message;
  return v->to_plain();
}

}  // namespace

TEST_CASE("模糊测试发现：八位数不是日期，年份超过四位不溢出") {
  // "00510417.6" was read as the date 510417-06 and overflowed compare_dates.
  const jx::Value v = jx::parse_value("00510417.6");
  CHECK(v.kind == jx::Value::Kind::Number);
  CHECK(v.amount == *jx::Decimal::parse("510417.6"));
  CHECK(jx::parse_value("99999年12月").kind == jx::Value::Kind::Qualitative);
  CHECK(jx::parse_value("2022年12月底前").kind == jx::Value::Kind::Deadline);
  CHECK(jx::compare_dates({9999, 12, 31}, {1, 1, 1}, 99999) > 0);
}

TEST_CASE("公式：乘积超出范围是错误，不是回绕的数") {
  CHECK(formula_error("大 * 大") == "求值: 计算结果过大（绝对值超过 1 万亿，即 10^12）");
  CHECK(formula_error("大 * 1") == "1000000000000");
  CHECK(jx::checked_mul(jx::Decimal(1'000'000), jx::Decimal(1'000'000)) == jx::Decimal(1'000'000'000'000));
  CHECK_FALSE(jx::checked_mul(jx::Decimal(1'000'001), jx::Decimal(1'000'000)));
  CHECK_FALSE(jx::checked_mul(jx::Decimal(-1'000'001), jx::Decimal(1'000'000)));
}

TEST_CASE("公式：长度与嵌套有上限") {
  CHECK(formula_error(std::string(50, '(') + "1" + std::string(50, ')')) == "1");
  CHECK(formula_error(std::string(51, '(') + "1" + std::string(51, ')')) ==
        "语法: 公式嵌套过深（超过 50 层括号或正负号）");
  CHECK(formula_error(std::string(100000, '-') + "1") == "语法: 公式过长（100001 个字符，上限 2000）");
  CHECK(formula_error(std::string(60, '-') + "1") == "语法: 公式嵌套过深（超过 50 层括号或正负号）");
  std::string sum = "1";
  for (int i = 0; i < 999; ++i) sum += "+1";
  CHECK(formula_error(sum) == "1000");  // 1999 characters: a long chain evaluates
}

TEST_CASE("YAML：别名炸弹很快被拒绝") {
  std::string y = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (char n = 'b'; n <= 'i'; ++n) {
    y += std::string(1, n) + ": &" + n + " [";
    for (int i = 0; i < 10; ++i) y += (i ? ", *" : "*") + prev;
    y += "]\n";
    prev = std::string(1, n);
  }
  const auto start = std::chrono::steady_clock::now();
  CHECK(parse_errors(y) ==
        "t.yaml:6:8: 错误: 文件的条目过多（展开别名后超过 200000 个）\n"
        "  提示: 一个文件只写一个项目或部门；别名 *… 会把锚点 &… 的内容整体重复一遍，不要层层嵌套使用\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  // Ordinary use of an alias is fine.
  jx::Diagnostics ok;
  const jx::load::Node n = jx::load::parse_yaml("row: &r {initial: 1, budget: 1}\ntotal: *r\nother: *r\n", ok);
  CHECK(n["other"]["budget"].Scalar() == "1");
  CHECK(ok.items().empty());
  CHECK(parse_errors("x: &a [1, *a]\n") ==
        "t.yaml:1:11: 错误: 别名引用了包含它自身的锚点（循环引用）\n"
        "  提示: 去掉这个别名 *…，把内容直接写出来\n");
}

TEST_CASE("YAML：嵌套、行长、文件大小与二进制内容有上限") {
  CHECK(parse_errors("x: " + std::string(100, '[') + std::string(100, ']') + "\n") ==
        "t.yaml:1:67: 错误: 嵌套层级过深（超过 64 层）\n"
        "  提示: 检查是否多写了 [ 或 {，或缩进是否一层比一层多\n");
  std::string block = "x:\n";
  for (int i = 1; i <= 70; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "-\n";
  CHECK(parse_errors(block).rfind("t.yaml:65:65: 错误: 嵌套层级过深", 0) == 0);
  CHECK(parse_errors("x: " + std::string(20001, 'a') + "\n") ==
        "t.yaml:1:20001: 错误: 第 1 行过长（20004 个字符，上限 20000）\n"
        "  提示: 长文字用 | 写成多行，例如 achieved: |（换行后缩进书写）\n");
  CHECK(parse_errors(std::string((16u << 20) + 1, ' ')) ==
        "t.yaml:0:0: 错误: 文件过大（16384 KB），上限为 16384 KB\n"
        "  提示: 一个文件只写一个项目或部门\n");
  CHECK(parse_errors(std::string("x: 1\ny: \0", 9)) ==
        "t.yaml:2:1: 错误: 文件含有 NUL 字节，不是文本文件\n"
        "  提示: jixiao 读的是 YAML 文本文件（.yaml），用文本编辑器保存为 UTF-8\n");
}

TEST_CASE("数值字段：超出范围、1e308、inf、NaN 都是带位置的错误") {
  const jx::RuleSet r = jxtest::rules("mof2020");
  for (const char* w : {"1e308", ".inf", ".nan", "-.inf", "NaN", "1000000000.5", "1e3"}) {
    const std::string y = jxtest::one_leaf("            target: \"≥5个\"\n            actual: 5个\n", "10");
    const std::string bad = std::string("weight: ") + w + "\n";
    std::string edited = y;
    edited.replace(edited.find("weight: 10\n"), 11, bad);
    auto s = jxtest::score_text(edited, r);
    INFO(w << "\n" << jxtest::messages(s.diags, true));
    CHECK(jxtest::messages(s.diags, true).find("t.yaml:13:21: 错误: 字段“weight”") != std::string::npos);
  }
  auto s = jxtest::score_text(jxtest::one_leaf("            target: \"≥5个\"\n            actual: 5个\n", "10",
                                               "{initial: 100, budget: 100, executed: 99999999999999}"),
                              r);
  CHECK(jxtest::messages(s.diags, true).find("t.yaml:6:48: 错误: 字段“executed”的数值“99999999999999”超出范围") !=
        std::string::npos);
}

TEST_CASE("模糊测试发现：勾稽关系缺少一边时报告，不抛异常") {
  const std::string y =
      "kind: department\nyear: 2022\nrules: mof2020\ndepartment: 测试\nfacts: {甲: 1}\nindicators: []\n"
      "checks:\n  - {name: 平衡, left: 甲}\n";
  jx::Diagnostics d;
  std::optional<jx::Department> dept;
  REQUIRE_NOTHROW(dept = jx::load::load_department(y, d));
  CHECK(jxtest::messages(d).find("t.yaml:8:5: 错误: 勾稽关系缺少字段“right”（右边）") != std::string::npos);
}

TEST_CASE("模糊测试发现：图表缺少 facts 时报告，不抛异常") {
  const std::string y =
      "kind: department\nyear: 2022\nrules: mof2020\ndepartment: 测试\nfacts: {甲: 1}\nindicators: []\n"
      "charts:\n  - {title: 图}\n";
  jx::Diagnostics d;
  REQUIRE_NOTHROW(jx::load::load_department(y, d));
  CHECK(jxtest::messages(d).find("t.yaml:8:5: 错误: 图表缺少字段“facts”（数据）") != std::string::npos);
}

TEST_CASE("计算事实的依赖链有上限") {
  std::string y = "kind: department\nyear: 2022\nrules: mof2020\ndepartment: 测试\nindicators: []\nfacts:\n";
  for (int i = 70; i > 0; --i) y += "  f" + std::to_string(i) + ": {formula: f" + std::to_string(i - 1) + " + 1}\n";
  y += "  f0: 1\n";
  jx::Diagnostics d;
  auto dept = jx::load::load_department(y, d);
  REQUIRE(dept);
  const jx::DepartmentScore s = jx::score_department(*dept, jxtest::rules("mof2020"), {});
  CHECK(jxtest::messages(s.core.diagnostics).find("依赖的计算链超过 64 层") != std::string::npos);
}
