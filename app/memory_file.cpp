#include "app/memory_file.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace jx::app {

MemoryFile::MemoryFile(std::string_view bytes) {
  fd_ = ::memfd_create("jixiao", 0);  // inherited by a forked reader on purpose (no MFD_CLOEXEC)
  if (fd_ < 0) throw std::runtime_error(std::string("无法创建内存文件：") + std::strerror(errno));
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd_);
      throw std::runtime_error(std::string("无法写入内存文件：") + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
}

MemoryFile::~MemoryFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::string MemoryFile::path() const { return "/proc/self/fd/" + std::to_string(fd_); }

std::string MemoryFile::contents() const {
  struct stat st {};
  if (::fstat(fd_, &st) != 0) throw std::runtime_error(std::string("无法读取内存文件：") + std::strerror(errno));
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("无法读取内存文件：") + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace jx::app
