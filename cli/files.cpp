#include "cli/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace jx::cli {

std::optional<std::string> read_file(const fs::path& path, std::string& error, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    error = "文件不存在";
    return std::nullopt;
  }
  if (fs::is_directory(path, ec)) {
    error = "这是一个目录，不是文件";
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    error = "文件过大（" + std::to_string(size / 1024) + " KB），上限为 " + std::to_string(max_bytes / 1024) + " KB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "无法读取文件（权限不足？）";
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::optional<fs::path> find_rules(const std::string& rules, const fs::path& input_dir,
                                   const std::vector<fs::path>& search) {
  std::error_code ec;
  if (rules.find('/') != std::string::npos || (rules.size() > 5 && rules.ends_with(".yaml"))) {
    fs::path p = fs::path(rules).is_absolute() ? fs::path(rules) : input_dir / rules;
    if (fs::is_regular_file(p, ec)) return p;
    return std::nullopt;
  }
  for (const auto& dir : search) {
    fs::path p = dir / (rules + ".yaml");
    if (fs::is_regular_file(p, ec)) return p;
  }
  return std::nullopt;
}

std::vector<std::string> available_rules(const std::vector<fs::path>& search) {
  std::vector<std::string> ids;
  for (const auto& dir : search) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".yaml") ids.push_back(it->path().stem().string());
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

namespace {

// fsync of a file or a folder; a failure to sync the file is an error (the
// disk may be full), one of the folder is not (some file systems refuse it).
void sync_file(const fs::path& path, bool folder) {
  const int fd = ::open(path.c_str(), O_RDONLY | (folder ? O_DIRECTORY : 0));
  if (fd < 0) {
    if (folder) return;
    throw std::runtime_error("无法打开临时文件：" + path.string());
  }
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok && !folder) throw std::runtime_error("无法写入磁盘（磁盘已满？）：" + path.string());
}

}  // namespace

void write_atomically(const fs::path& target, const std::function<void(const std::string&)>& write) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("目录不存在：" + dir.string());
  const fs::path tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  try {
    write(tmp.string());
    sync_file(tmp, false);  // the data reach the disk before the name points at them
    fs::rename(tmp, target);
    sync_file(dir, true);  // and the rename itself survives a power cut
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  if (std::filesystem::exists(a, ec) && std::filesystem::exists(b, ec)) return std::filesystem::equivalent(a, b, ec);
  return std::filesystem::weakly_canonical(a, ec) == std::filesystem::weakly_canonical(b, ec);
}

bool usable_output(const std::string& output, const std::vector<std::string>& inputs,
                   const std::vector<std::string>& extensions) {
  const std::string ext = std::filesystem::path(output).extension().string();
  if (std::find(extensions.begin(), extensions.end(), ext) == extensions.end()) {
    std::cerr << "jixiao: 错误: 输出文件应以 " << extensions.front() << " 结尾：" << output << "\n";
    return false;
  }
  for (const auto& f : inputs) {
    if (same_file(f, output)) {
      std::cerr << "jixiao: 错误: 输出文件不能覆盖输入文件：" << output << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace jx::cli
