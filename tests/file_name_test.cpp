// File names from department and project names: safe on Windows and Unix.
#include "engine/file_name.h"

#include <catch2/catch.hpp>

using jx::safe_file_name;
using jx::unique_file_name;

TEST_CASE("文件名：禁用字符换成全角，控制字符去掉") {
  CHECK(safe_file_name("攀枝花市科学技术协会") == "攀枝花市科学技术协会");
  CHECK(safe_file_name("a/b\\c:d*e?f\"g<h>i|j") == "a／b＼c：d＊e？f＂g＜h＞i｜j");
  CHECK(safe_file_name("../../etc/passwd") == "／..／etc／passwd");
  CHECK(safe_file_name("科协\n\t2022\x7f") == "科协2022");
  CHECK(safe_file_name("科协\xe2\x80\xae"
                       "fdp.exe") == "科协fdp.exe");      // U+202E right-to-left override
  CHECK(safe_file_name("\xb2\xe2\xca\xd4") == "未命名");  // GBK bytes, not UTF-8
}

TEST_CASE("文件名：首尾的点和空格、空名、保留名") {
  CHECK(safe_file_name(".hidden") == "hidden");
  CHECK(safe_file_name("..") == "未命名");
  CHECK(safe_file_name("  ") == "未命名");
  CHECK(safe_file_name("", "部门") == "部门");
  CHECK(safe_file_name("项目. . ") == "项目");
  CHECK(safe_file_name("　科协　") == "科协");
  CHECK(safe_file_name("CON") == "_CON");
  CHECK(safe_file_name("con.txt") == "_con.txt");
  CHECK(safe_file_name("Lpt9") == "_Lpt9");
  CHECK(safe_file_name("COM10") == "COM10");
  CHECK(safe_file_name("console") == "console");
}

TEST_CASE("文件名：不超过 200 字节，在字符边界截断") {
  std::string name;
  for (int i = 0; i < 100; ++i) name += "科";  // 300 bytes
  const std::string s = safe_file_name(name);
  CHECK(s.size() == 198);  // 66 characters of 3 bytes
  CHECK(s == name.substr(0, 198));
  CHECK(safe_file_name(std::string(300, 'a')).size() == 200);
  CHECK(safe_file_name(std::string(199, 'a') + "科").size() == 199);
  CHECK(safe_file_name(std::string(199, 'a') + ".科").size() == 199);  // the cut leaves a trailing dot: trimmed
}

TEST_CASE("文件名：去重不区分大小写") {
  CHECK(unique_file_name("科协", {}) == "科协");
  CHECK(unique_file_name("科协", {"科协"}) == "科协(2)");
  CHECK(unique_file_name("Abc", {"abc", "ABC(2)"}) == "Abc(3)");
  CHECK(unique_file_name("a/b", {"a／b"}) == "a／b(2)");
  const std::string long_name(200, 'a');
  const std::string u = unique_file_name(long_name, {long_name});
  CHECK(u.size() == 200);
  CHECK(u.substr(197) == "(2)");
}

TEST_CASE("文件名：FileNames 记住已给出的名字，依次编号") {
  jx::FileNames names;
  CHECK(names.take("甲局_科普") == "甲局_科普");
  CHECK(names.take("甲局_科普") == "甲局_科普(2)");
  CHECK(names.take("ABC") == "ABC");
  CHECK(names.take("abc") == "abc(2)");
  CHECK(names.take("甲局_科普") == "甲局_科普(3)");
}
