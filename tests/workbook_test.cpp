// The workbook owner: names Excel accepts, errors instead of crashes.
#include "reports/workbook.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/support.h"

using jx::xlsx::safe_sheet_name;

TEST_CASE("工作表名称：替换禁用字符、截断到 31 个字符、去重") {
  CHECK(safe_sheet_name("省级科普专项经费", {}) == "省级科普专项经费");
  CHECK(safe_sheet_name("a/b:c*d?e[f]g\\h", {}) == "a／b：c＊d？e［f］g＼h");
  CHECK(safe_sheet_name("'引号'", {}) == "引号");
  CHECK(safe_sheet_name("", {}) == "Sheet");
  const std::string long_name(40 * 3, 'x');
  CHECK(safe_sheet_name(std::string(40, 'x'), {}).size() == 31);
  const std::string cjk = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
  CHECK(safe_sheet_name(cjk, {}) == "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  CHECK(safe_sheet_name("项目", {"项目"}) == "项目(2)");
  CHECK(safe_sheet_name("Abc", {"abc", "Abc(2)"}) == "Abc(3)");
  CHECK(safe_sheet_name(cjk, {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}) ==
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)");
}

TEST_CASE("工作表名称：Excel 的长度算法、非 ASCII 大小写、保留名与控制字符") {
  // U+20000 (CJK Extension B) is two UTF-16 units: 16 of them are 32 > 31.
  std::string ext_b;
  for (int i = 0; i < 16; ++i) ext_b += "\xF0\xA0\x80\x80";
  CHECK(safe_sheet_name(ext_b, {}) == ext_b.substr(0, 15 * 4));
  CHECK(safe_sheet_name("ＡＢＣ", {"ａｂｃ"}) == "ＡＢＣ(2)");
  CHECK(safe_sheet_name("ПРОЕКТ", {"проект"}) == "ПРОЕКТ(2)");
  CHECK(safe_sheet_name("History", {}) == "History(2)");
  CHECK(safe_sheet_name("history", {}) == "history(2)");
  CHECK(safe_sheet_name("科协\t\n\x7f项目", {}) == "科协项目");
  CHECK(safe_sheet_name("'''", {}) == "Sheet");
  CHECK(safe_sheet_name(std::string(30, 'a') + "'b", {}) == std::string(30, 'a'));  // cut, then no trailing '
  CHECK(safe_sheet_name("=SUM(A1)", {}) == "=SUM(A1)");
}

TEST_CASE("重叠的合并区域与无效文字是错误，不写坏文件") {
  const auto path = jxtest::temp_path("jixiao-wb-test", ".xlsx");
  {
    jx::xlsx::Workbook wb(path);
    jx::xlsx::Sheet& s = wb.add_sheet("表");
    s.merge_text(0, 0, 1, 1, "甲", {});
    CHECK_THROWS_AS(s.merge_text(1, 1, 2, 2, "乙", {}), jx::xlsx::WorkbookError);
    CHECK_THROWS_AS(s.text(5, 0, "\xb2\xe2", {}), jx::xlsx::WorkbookError);
    s.text(5, 0, "=SUM(A1:A2)", {});  // text that looks like a formula stays text
    s.merge_text(3, 0, 3, 0, "1×1 合并写成普通单元格", {});
    wb.close();
  }
  CHECK(std::filesystem::file_size(path) > 0);
  std::filesystem::remove(path);
}
