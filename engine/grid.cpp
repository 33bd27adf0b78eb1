#include "engine/grid.h"

namespace jx {

std::string cell_address(int row, int col) {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

}  // namespace jx
