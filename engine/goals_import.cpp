#include "engine/goals_import.h"

#include <map>
#include <utility>

#include "engine/text.h"

namespace jx {

std::optional<std::vector<ApprovedTarget>> approved_from_grid(const Grid& grid) {
  std::map<std::pair<int, int>, std::string> text;
  for (const GridCell& c : grid.cells) text[{c.row, c.col}] = trim(c.text);
  // A merged range shows its first cell's value in every cell it covers.
  auto at = [&](int row, int col) -> std::string {
    for (const GridMerge& m : grid.merges) {
      if (row >= m.r1 && row <= m.r2 && col >= m.c1 && col <= m.c2) {
        auto it = text.find({m.r1, m.c1});
        return it == text.end() ? "" : it->second;
      }
    }
    auto it = text.find({row, col});
    return it == text.end() ? "" : it->second;
  };
  const char* heads[] = {"一级指标", "二级指标", "三级指标", "年度指标值"};
  for (const GridCell& c : grid.cells) {
    if (trim(c.text) != heads[0]) continue;
    int cols[4] = {c.col, -1, -1, -1};
    for (const GridCell& h : grid.cells) {
      if (h.row != c.row) continue;
      for (int i = 1; i < 4; ++i) {
        if (trim(h.text) == heads[i] && cols[i] < 0) cols[i] = h.col;
      }
    }
    if (cols[1] < 0 || cols[2] < 0 || cols[3] < 0) continue;
    std::vector<ApprovedTarget> out;
    for (int row = c.row + 1;; ++row) {
      std::string v[4];
      bool any = false;
      for (int i = 0; i < 4; ++i) {
        v[i] = at(row, cols[i]);
        any = any || !v[i].empty();
      }
      if (!any) break;
      if (v[2].empty()) continue;
      std::vector<std::string> path{v[0]};
      if (!v[1].empty()) path.push_back(v[1]);
      path.push_back(v[2]);
      out.push_back({std::move(path), v[3]});
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace jx
