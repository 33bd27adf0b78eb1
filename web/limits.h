// What one request may carry (README: serve, Safety). A request past
// max_request_bytes is refused with 413 before its body is read (the
// server's payload limit) and again by the router; too many files, a zip
// with too many entries, too much unpacked data or a compression ratio
// past max_ratio (a zip bomb) are refused with 413 and a Chinese message.
// Each file keeps the command line's own input limits (YAML 16 MB, a
// workbook 64 MB, then the loaders' limits) and is reported as the CLI
// reports it.
#pragma once

#include <cstddef>
#include <string>

namespace jx::web {

struct Limits {
  std::size_t max_request_bytes = 100u << 20;  ///< the whole body: 100 MB
  std::size_t max_files = 1000;                ///< uploaded files, zip entries included
  std::size_t max_zip_entries = 2000;          ///< entries of one zip, folders and skipped files included
  std::size_t max_unpacked_bytes = 512u << 20; ///< all entries of a zip, unpacked
  std::size_t max_file_bytes = 64u << 20;      ///< one file (the CLI's workbook limit)
  std::size_t max_ratio = 200;                 ///< unpacked / packed, per entry and for the whole zip
};

/// Raised by the upload checks: an HTTP status (413, 400, 422) and the
/// message to show.
struct UploadError {
  int status;
  std::string message;
};

/// "12.5 MB" for messages.
std::string megabytes(std::size_t bytes);

}  // namespace jx::web
