// A content fingerprint for the history database: 64-bit FNV-1a, printed as
// 16 lowercase hex digits. Not cryptographic: it identifies a submission's
// bytes (together with its rule set) so that a re-run adds nothing twice.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace jx {

class Fingerprint {
 public:
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h_ ^= c;
      h_ *= 0x100000001b3ULL;
    }
    // A separator so that add("ab"), add("c") differs from add("a"), add("bc").
    h_ ^= 0xff;
    h_ *= 0x100000001b3ULL;
  }
  [[nodiscard]] std::string hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(16, '0');
    std::uint64_t v = h_;
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kDigits[v & 0xf];
    return s;
  }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace jx
