// Inline SVG charts, rendered on the server (no script, no external
// resources, printable): bars (the grade distribution, the score
// histogram) and lines (scores over the years).
//
// Contract: pure; deterministic (coordinates printed with one decimal);
// every label is escaped; width and height are the viewBox's (CSS only
// shrinks a chart to fit); each chart is an <svg role="img"> with a <title>
// (what a screen reader reads) followed by nothing else: the data are also
// in a table on every page that shows a chart. Values are non-negative;
// the y axis starts at 0 and ends at a round maximum ≥ every value.
#pragma once

#include <string>
#include <vector>

#include "engine/decimal.h"

namespace jx::reports {

struct ChartBar {
  std::string label;  ///< under the bar
  int value = 0;      ///< a count
};

/// Vertical bars with their counts above them.
std::string svg_bar_chart(const std::vector<ChartBar>& bars, const std::string& title);

struct ChartPoint {
  int year = 0;
  Decimal value;  ///< a score (0–100)
};

struct ChartSeries {
  std::string name;
  std::vector<ChartPoint> points;  ///< ascending years
  /// An aggregate (a department's weighted mean): drawn apart from the
  /// other lines (class "mean": thick, dashed, dark, square points).
  bool mean = false;
};

/// Lines over the years (x: every year of any series; y: from the largest
/// multiple of 10 at or below (lowest score − 5), at least 0, up to 100),
/// each point marked with its value as its tooltip (printed beside it too
/// when there is one series); a legend names the series.
std::string svg_line_chart(const std::vector<ChartSeries>& series, const std::string& title);

}  // namespace jx::reports
