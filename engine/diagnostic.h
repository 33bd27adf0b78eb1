// Diagnostics: every problem found in an input file, with its position, so
// that all of them are reported in one run as
//   FILE:LINE:COL: 错误: message
//     提示: hint
// Lines and columns are 1-based; 0 means "the whole file".
#pragma once

#include <string>
#include <vector>

namespace jx {

/// A position in an input file (1-based; 0 = unknown).
struct Loc {
  int line = 0;
  int col = 0;
};

enum class Severity { Error, Warning };

struct Diagnostic {
  Severity severity = Severity::Error;
  Loc loc;
  std::string message;  ///< Chinese, one sentence, no trailing period
  std::string hint;     ///< optional: what to do about it
  std::string code;     ///< stable identifier for filtering, e.g. "unit-mismatch"
};

class Diagnostics {
 public:
  void error(Loc loc, std::string code, std::string message, std::string hint = {});
  void warning(Loc loc, std::string code, std::string message, std::string hint = {});

  [[nodiscard]] bool has_errors() const;
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return items_; }
  /// Sorted by position, errors before warnings at the same position.
  [[nodiscard]] std::vector<Diagnostic> sorted() const;
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

/// Formats one diagnostic for the terminal: "FILE:L:C: 错误: msg" and, when
/// there is a hint, a second line "  提示: hint".
std::string format_diagnostic(const std::string& file, const Diagnostic& d);

}  // namespace jx
