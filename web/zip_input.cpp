#include "web/zip_input.h"

#include <zip.h>

#include <algorithm>
#include <memory>

namespace jx::web {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool taken(const std::string& tame) {
  // Hidden files and folders, macOS resource forks, Office lock files.
  std::size_t start = 0;
  while (start <= tame.size()) {
    const std::size_t end = std::min(tame.find('/', start), tame.size());
    const std::string part = tame.substr(start, end - start);
    if (part.empty() || part[0] == '.' || part == "__MACOSX" || part.rfind("~$", 0) == 0) return false;
    start = end + 1;
  }
  const std::string l = lower(tame);
  return ends_with(l, ".yaml") || ends_with(l, ".yml") || ends_with(l, ".xlsx") || ends_with(l, ".xls");
}

struct ArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

const std::string kTooBig = "压缩包解压后过大或压缩比异常（疑似“压缩炸弹”），已拒收";

}  // namespace

bool is_zip_name(const std::string& name) { return ends_with(lower(name), ".zip"); }

std::string tame_entry_name(const std::string& name) {
  std::string s = name;
  std::replace(s.begin(), s.end(), '\\', '/');
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find('/', start), s.size());
    const std::string part = s.substr(start, end - start);
    if (!part.empty() && part != "." && part != "..") out += (out.empty() ? "" : "/") + part;
    start = end + 1;
  }
  return out;
}

std::vector<app::Upload> unzip_submissions(const std::string& bytes, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  // The buffer is the request's own; libzip only reads it (freep = 0).
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) throw UploadError{400, "无法读取压缩包"};
  std::unique_ptr<zip_t, ArchiveCloser> zip(zip_open_from_source(src, ZIP_RDONLY, &error));
  if (!zip) {
    zip_source_free(src);
    zip_error_fini(&error);
    throw UploadError{400, "不是有效的 zip 压缩包（文件损坏或格式不对）"};
  }
  zip_error_fini(&error);
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_zip_entries) {
    throw UploadError{413, "压缩包中的条目过多（上限 " + std::to_string(limits.max_zip_entries) + " 个）"};
  }
  std::vector<app::Upload> out;
  std::size_t total = 0;
  std::size_t packed_total = 0;
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      throw UploadError{400, "压缩包已损坏，无法读取第 " + std::to_string(i + 1) + " 个条目"};
    }
    const std::string name = (st.valid & ZIP_STAT_NAME) != 0 ? st.name : "";
    if (name.empty() || name.back() == '/' || name.back() == '\\') continue;  // a folder
    const std::string tame = tame_entry_name(name);
    if (tame.empty() || !taken(tame)) continue;
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      throw UploadError{400, "压缩包有密码，无法读取：" + tame};
    }
    if (out.size() + 1 > limits.max_files) {
      throw UploadError{413, "文件过多（上限 " + std::to_string(limits.max_files) + " 个）"};
    }
    // The declared sizes first (cheap), then the bytes actually inflated.
    const std::size_t declared = (st.valid & ZIP_STAT_SIZE) != 0 ? static_cast<std::size_t>(st.size) : 0;
    const std::size_t packed = (st.valid & ZIP_STAT_COMP_SIZE) != 0 ? static_cast<std::size_t>(st.comp_size) : 0;
    if (declared > limits.max_file_bytes) {
      throw UploadError{413, "压缩包中的文件过大：" + tame + "（" + megabytes(declared) + "，上限 " +
                                 megabytes(limits.max_file_bytes) + "）"};
    }
    if (declared > limits.max_unpacked_bytes - std::min(total, limits.max_unpacked_bytes)) throw UploadError{413, kTooBig};
    if (declared > 1024 * 1024 && declared / std::max<std::size_t>(packed, 1) > limits.max_ratio) {
      throw UploadError{413, kTooBig};
    }
    std::unique_ptr<zip_file_t, FileCloser> f(zip_fopen_index(zip.get(), static_cast<zip_uint64_t>(i), 0));
    if (!f) throw UploadError{400, "无法解压：" + tame};
    std::string data;
    char buf[64 * 1024];
    for (;;) {
      const zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
      if (n < 0) throw UploadError{400, "解压时出错（压缩包损坏）：" + tame};
      if (n == 0) break;
      data.append(buf, static_cast<std::size_t>(n));
      // A header that lies about the size is caught here.
      if (data.size() > limits.max_file_bytes || total + data.size() > limits.max_unpacked_bytes ||
          (data.size() > 1024 * 1024 && data.size() / std::max<std::size_t>(packed, 1) > limits.max_ratio)) {
        throw UploadError{413, kTooBig};
      }
    }
    total += data.size();
    packed_total += packed;
    if (total > 1024 * 1024 && total / std::max<std::size_t>(packed_total, 1) > limits.max_ratio) {
      throw UploadError{413, kTooBig};
    }
    out.push_back({tame, std::move(data)});
  }
  return out;
}

}  // namespace jx::web
