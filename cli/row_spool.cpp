#include "cli/row_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "store/result_codec.h"

namespace jx::cli {

namespace {

std::runtime_error io_error(const char* what) {
  return std::runtime_error(std::string("临时文件") + what + "失败：" + std::strerror(errno));
}

}  // namespace

RowSpool::RowSpool() {
  // O_TMPFILE: a file without a name, gone with the process; else a named
  // one, unlinked at once.
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  const std::string where = ec ? std::string("/tmp") : dir.string();
#ifdef O_TMPFILE
  fd_ = ::open(where.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd_ < 0) {
    std::string name = where + "/jixiao-rows-XXXXXX";
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ < 0) throw io_error("创建");
    ::unlink(name.c_str());
  }
}

RowSpool::~RowSpool() {
  if (fd_ >= 0) ::close(fd_);
}

void RowSpool::spill(SubmissionRow& row) {
  if (row.detail >= 0) return;
  SubmissionRow detail;
  detail.levels = std::move(row.levels);
  detail.findings = std::move(row.findings);
  detail.indicators = std::move(row.indicators);
  row.levels = {};
  row.findings = {};
  row.indicators = {};
  std::string body;
  body.resize(8);  // the length, then the record
  store::encode_row(body, detail);
  auto n = static_cast<std::uint64_t>(body.size() - 8);
  for (int i = 0; i < 8; ++i, n >>= 8) body[static_cast<std::size_t>(i)] = static_cast<char>(n & 0xff);
  const std::int64_t at = end_.fetch_add(static_cast<std::int64_t>(body.size()));
  std::size_t done = 0;
  while (done < body.size()) {
    const ssize_t w = ::pwrite(fd_, body.data() + done, body.size() - done, static_cast<off_t>(at) + static_cast<off_t>(done));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw io_error("写入");
    done += static_cast<std::size_t>(w);
  }
  row.detail = at;
}

void RowSpool::restore(SubmissionRow& row) const {
  auto read_at = [&](char* buf, std::size_t len, std::int64_t at) {
    std::size_t done = 0;
    while (done < len) {
      const ssize_t r = ::pread(fd_, buf + done, len - done, static_cast<off_t>(at) + static_cast<off_t>(done));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) throw io_error("读取");
      done += static_cast<std::size_t>(r);
    }
  };
  unsigned char head[8];
  read_at(reinterpret_cast<char*>(head), 8, row.detail);
  std::uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | head[i];
  std::string body(n, '\0');
  read_at(body.data(), body.size(), row.detail + 8);
  auto detail = store::decode_row(body);
  if (!detail) throw std::runtime_error("临时文件内容损坏");
  row.levels = std::move(detail->levels);
  row.findings = std::move(detail->findings);
  row.indicators = std::move(detail->indicators);
  row.detail = -1;
}

}  // namespace jx::cli
