#include "app/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "engine/file_name.h"

namespace fs = std::filesystem;

namespace jx::app {

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

std::vector<fs::path> find_layouts(const std::vector<fs::path>& layout_dirs) {
  std::map<std::string, fs::path> by_name;
  for (const auto& dir : layout_dirs) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".yaml" && it->is_regular_file(ec)) {
        by_name.emplace(it->path().filename().string(), it->path());
      }
    }
  }
  std::vector<fs::path> out;
  for (auto& [name, path] : by_name) out.push_back(std::move(path));
  return out;
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

PendingFile::PendingFile(fs::path target) : target_(std::move(target)) {
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw std::runtime_error("目录不存在：" + dir.string());
  std::string name = ".";  // appended, not "." + string: GCC 12 -O3 reports a false -Wrestrict on that
  name += target_.filename().string();
  name += ".tmp-" + std::to_string(::getpid());
  temp_ = dir / name;
}

PendingFile::~PendingFile() {
  if (published_) return;
  std::error_code ec;
  fs::remove(temp_, ec);
}

void PendingFile::publish() {
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  sync_file(temp_, false);  // the data reach the disk before the name points at them
  fs::rename(temp_, target_);
  published_ = true;
  sync_file(dir, true);  // and the rename itself survives a power cut
}

void write_atomically(const fs::path& target, const std::function<void(const std::string&)>& write) {
  PendingFile file(target);
  write(file.temp().string());
  file.publish();
}

namespace {

std::string path_key(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
  if (ec) abs = fs::absolute(p, ec).lexically_normal();
  return fold_key(abs.string());
}

std::optional<std::pair<std::uintmax_t, std::uintmax_t>> inode(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return std::nullopt;
  return std::make_pair(static_cast<std::uintmax_t>(st.st_dev), static_cast<std::uintmax_t>(st.st_ino));
}

}  // namespace

void PathSet::add(const fs::path& path, const std::string& what) {
  keys_.emplace(path_key(path), what);
  if (const auto id = inode(path)) inodes_.emplace(*id, what);
}

std::string PathSet::find(const fs::path& path) const {
  if (const auto id = inode(path)) {
    if (const auto it = inodes_.find(*id); it != inodes_.end()) return it->second;
  }
  const auto it = keys_.find(path_key(path));
  return it == keys_.end() ? "" : it->second;
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

void write_text_atomically(const std::filesystem::path& target, const std::string& text) {
  write_atomically(target, [&](const std::string& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    if (!out.flush()) throw std::runtime_error("写入失败：" + tmp);
  });
}

}  // namespace jx::app
