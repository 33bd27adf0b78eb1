// The page assets (CSS, the one script) embedded in the binary at build
// time: cmake/embed_assets.cmake turns every file of web/assets/ into a
// generated source file, so the server reads no file and needs no CDN.
#pragma once

#include <optional>
#include <string_view>

namespace jx::web {

struct Asset {
  std::string_view content_type;  ///< e.g. "text/css; charset=utf-8"
  std::string_view bytes;         ///< the file's exact bytes (static storage)
};

/// The asset of that file name ("jixiao.css"), or nothing. Names have no
/// folders: anything with '/' or ".." is simply not found.
std::optional<Asset> asset(std::string_view name);

}  // namespace jx::web
