// The formula language over facts: arithmetic, names, 上年(), errors with positions.
#include "engine/formula.h"

#include <catch2/catch.hpp>
#include <map>

using jx::Decimal;
using jx::Formula;
using jx::FormulaError;

namespace {

std::string eval(const std::string& text) {
  static const std::map<std::pair<std::string, bool>, std::string> facts{
      {{"收入合计", false}, "676.52"},   {{"年初结转结余", false}, "12.55"},
      {{"支出合计", false}, "676.52"},   {{"机关运行经费", false}, "56.26"},
      {{"机关运行经费", true}, "70.64"}, {{"社会保障和就业（类）支出", false}, "137.58"},
      {{"2022年收入", false}, "1"},      {{"零", false}, "0"}};
  FormulaError err;
  auto f = Formula::parse(text, err);
  if (!f) return "语法@" + std::to_string(err.offset) + ": " + err.message;
  auto v = f->eval(
      [](const std::string& n, bool prior) -> std::optional<Decimal> {
        auto it = facts.find({n, prior});
        if (it == facts.end()) return std::nullopt;
        return Decimal::parse(it->second);
      },
      err);
  if (!v) return "求值@" + std::to_string(err.offset) + ": " + err.message;
  return v->to_plain();
}

}  // namespace

TEST_CASE("公式：四则运算、括号与优先级") {
  CHECK(eval("1 + 2 * 3") == "7");
  CHECK(eval("(1 + 2) * 3") == "9");
  CHECK(eval("10 / 4") == "2.5");
  CHECK(eval("-3 + 5") == "2");
  CHECK(eval("2 × 3 ÷ 4") == "1.5");
  CHECK(eval("1 - 2 - 3") == "-4");  // left associative
  CHECK(eval("12 / 3 / 2") == "2");
  CHECK(eval("2 / 3") == "0.666667");  // quotients round half-up at the 6th decimal
}

TEST_CASE("公式：事实名称（含全角括号）与上年值") {
  CHECK(eval("支出合计 / (收入合计 + 年初结转结余)") == "0.981787");
  CHECK(eval("社会保障和就业（类）支出 * 1") == "137.58");
  CHECK(eval("(机关运行经费 - 上年(机关运行经费)) / 上年(机关运行经费) * 100") == "-20.3567");
  CHECK(eval("2022年收入 + 1") == "2");
  CHECK(eval("min(收入合计, 100) + max(1, 2) + abs(-3)") == "105");
}

TEST_CASE("公式：错误带位置") {
  CHECK(eval("收入合计 +") == "语法@6: 公式不完整");
  CHECK(eval("(收入合计 + 1") == "语法@0: 括号没有闭合");
  CHECK(eval("收入合计 1") == "语法@5: 公式在“1”处多出内容");
  CHECK(eval("收入合计 / 零") == "求值@5: 除数为 0");
  CHECK(eval("收入總計 + 1") == "求值@0: 未知的事实“收入總計”");
  CHECK(eval("上年(收入合计)") == "求值@3: 事实“收入合计”没有上年数");
  CHECK(eval("sqrt(4)") == "语法@0: 未知的函数“sqrt”");
  CHECK(eval("* 2") == "语法@0: 公式在“*”处不完整");
  CHECK(eval("1e308") == "求值@0: 未知的事实“1e308”");  // digits followed by letters make a name
}
