#include "engine/diagnostic.h"

#include <algorithm>

namespace jx {

void Diagnostics::error(Loc loc, std::string code, std::string message, std::string hint) {
  items_.push_back({Severity::Error, loc, std::move(message), std::move(hint), std::move(code)});
}

void Diagnostics::warning(Loc loc, std::string code, std::string message, std::string hint) {
  items_.push_back({Severity::Warning, loc, std::move(message), std::move(hint), std::move(code)});
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.loc.line != b.loc.line) return a.loc.line < b.loc.line;
    if (a.loc.col != b.loc.col) return a.loc.col < b.loc.col;
    return a.severity == Severity::Error && b.severity == Severity::Warning;
  });
  return out;
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string format_diagnostic(const std::string& file, const Diagnostic& d) {
  std::string out = file;
  out += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.col) + ": ";
  out += d.severity == Severity::Error ? "错误: " : "警告: ";
  out += d.message;
  if (!d.hint.empty()) out += "\n  提示: " + d.hint;
  return out;
}

}  // namespace jx
