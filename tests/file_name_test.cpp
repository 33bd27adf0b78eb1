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

TEST_CASE("文件名：Windows 和 macOS 视为同名的（大小写、全角、Unicode 规范化）不重复") {
  CHECK(jx::fold_key("Äpfel") == jx::fold_key("äpfel"));
  CHECK(jx::fold_key("Äpfel") == jx::fold_key("A\xcc\x88pfel"));  // A + U+0308
  CHECK(jx::fold_key("Ｄ局") == jx::fold_key("ｄ局"));
  CHECK(jx::fold_key("Ｄ局") != jx::fold_key("D局"));  // full-width and ASCII are two files there too
  CHECK(jx::fold_key("Café") == jx::fold_key("CAFE\xcc\x81"));
  CHECK(jx::fold_key("Apfel") != jx::fold_key("Äpfel"));
  CHECK(jx::fold_key("ệ") == jx::fold_key("e\xcc\x82\xcc\xa3"));  // two marks in either order: canonical order
  CHECK(jx::fold_key("ệ") == jx::fold_key("e\xcc\xa3\xcc\x82"));
  jx::FileNames names;
  CHECK(names.take("Äpfel") == "Äpfel");
  CHECK(names.take("äpfel") == "äpfel(2)");
  CHECK(names.take("A\xcc\x88PFEL") == "A\xcc\x88PFEL(3)");
}

// Generated names: each name is a sequence of letter classes; a class is a
// set of spellings Windows or macOS take for one letter (written out here by
// hand, not derived from the code under test). Two spellings of the same
// sequence must clash; different sequences must not (no false positives).
TEST_CASE("文件名：生成的名字，同一字母序列的各种写法视为同名，不同序列不同名") {
  const std::vector<std::vector<std::string>> classes = {
      {"Ä", "ä", "A\xcc\x88", "a\xcc\x88"},
      {"A", "a"},
      {"É", "é", "E\xcc\x81", "e\xcc\x81"},
      {"E", "e"},
      {"Ｄ", "ｄ"},
      {"D", "d"},
      {"Ω", "ω"},
      {"Ж", "ж"},
      {"Ñ", "ñ", "N\xcc\x83", "n\xcc\x83"},
      {"科"},
      {"局"},
      {"_"},
  };
  std::uint32_t seed = 20261130;
  INFO("seed " << seed);
  auto next = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
  };
  for (int round = 0; round < 500; ++round) {
    const std::size_t len = 1 + next() % 6;
    std::vector<std::size_t> seq, other;
    for (std::size_t i = 0; i < len; ++i) seq.push_back(next() % classes.size());
    auto spell = [&](const std::vector<std::size_t>& s) {
      std::string out;
      for (std::size_t c : s) out += classes[c][next() % classes[c].size()];
      return out;
    };
    const std::string a = spell(seq), b = spell(seq);
    INFO("round " << round << ": " << a << " / " << b);
    CHECK(jx::fold_key(a) == jx::fold_key(b));
    jx::FileNames names;
    CHECK(names.take(a) != names.take(b));
    other = seq;
    other[next() % len] = (other[0] + 1 + next() % (classes.size() - 1)) % classes.size();
    if (other != seq) CHECK(jx::fold_key(spell(other)) != jx::fold_key(a));
  }
}
