// File names made from names in the input (主管部门, 项目名称) for
// `batch --tables`: safe on Linux, Windows and macOS file systems.
//
// Contract: the result is valid UTF-8, not empty, at most `max_bytes` bytes
// (cut at a character boundary), has no control characters, no
// / \ : * ? " < > | (replaced by full-width forms or "_"), no leading or
// trailing dots or spaces, and is not a reserved Windows device name (CON,
// NUL, COM1 … get a "_" prefix). The extension is not added here.
#pragma once

#include <string>
#include <string_view>

namespace jx {

std::string safe_file_stem(std::string_view name, std::size_t max_bytes = 120);

}  // namespace jx
