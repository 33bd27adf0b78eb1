// A file that lives only in memory (Linux memfd_create): for the libraries
// that insist on a file name — libxlsxwriter writes a workbook to a path,
// FreeXL reads an .xls from one — when the bytes come from or go to an HTTP
// request. Nothing touches the disk, nothing is left behind when the
// process dies, and the name (/proc/self/fd/N) never comes from a client.
// Owns the descriptor (closed on destruction); not copyable. Inherited by a
// forked child (the .xls reader's), which is how FreeXL gets to read it.
#pragma once

#include <string>
#include <string_view>

namespace jx::app {

class MemoryFile {
 public:
  /// An empty file, or one holding `bytes`. Throws std::runtime_error.
  explicit MemoryFile(std::string_view bytes = {});
  ~MemoryFile();
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  /// A path that opens this file (for reading or writing) in this process.
  [[nodiscard]] std::string path() const;
  /// The file's whole content as it is now. Throws std::runtime_error.
  [[nodiscard]] std::string contents() const;

 private:
  int fd_ = -1;
};

}  // namespace jx::app
