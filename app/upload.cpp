#include "app/upload.h"

#include <filesystem>

namespace jx::app {

FileReader upload_reader(const std::vector<Upload>& uploads) {
  return [&uploads](const std::string& name, std::string& error) -> std::optional<std::string> {
    // The loader joins an attached project's path to the department's
    // folder; uploads have none, so the lexical form is what identifies it.
    const std::string wanted = std::filesystem::path(name).lexically_normal().generic_string();
    for (const Upload& u : uploads) {
      if (std::filesystem::path(u.name).lexically_normal().generic_string() == wanted) return u.bytes;
    }
    error = kNoSuchFile;
    return std::nullopt;
  };
}

}  // namespace jx::app
