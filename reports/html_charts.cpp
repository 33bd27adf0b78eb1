#include "reports/html_charts.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "reports/html_document.h"

namespace jx::reports {

namespace {

// Coordinates with one decimal: deterministic text, fine enough for a chart.
std::string c(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

/// The smallest of 1, 2, 5 × 10^k (k ≥ 0) that is ≥ v, at least 1.
int round_max(int v) {
  int scale = 1;
  while (true) {
    for (int m : {1, 2, 5}) {
      if (m * scale >= v) return m * scale;
    }
    scale *= 10;
  }
}

std::string open_svg(double w, double h, const std::string& title, const std::string& cls) {
  return "<svg class=\"chart " + cls + "\" role=\"img\" width=\"" + c(w) + "\" height=\"" + c(h) + "\" viewBox=\"0 0 " + c(w) + " " + c(h) +
         "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + html_escape(title) + "</title>";
}

}  // namespace

std::string svg_bar_chart(const std::vector<ChartBar>& bars, const std::string& title) {
  constexpr double kLeft = 36, kRight = 8, kTop = 18, kBottom = 40, kBar = 44, kGap = 16, kHeight = 180;
  const double width = kLeft + kRight + static_cast<double>(std::max<std::size_t>(bars.size(), 1)) * (kBar + kGap);
  const double height = kTop + kHeight + kBottom;
  int max = 0;
  for (const ChartBar& b : bars) max = std::max(max, b.value);
  const int top = round_max(max);
  std::string out = open_svg(width, height, title, "bars");
  // Axis with 0, half and the maximum.
  for (int k = 0; k <= 2; ++k) {
    const double y = kTop + kHeight - kHeight * k / 2.0;
    const std::string label = top % 2 == 0 || k != 1 ? std::to_string(top * k / 2) : "";
    out += "<line class=\"grid\" x1=\"" + c(kLeft) + "\" y1=\"" + c(y) + "\" x2=\"" + c(width - kRight) + "\" y2=\"" +
           c(y) + "\"/>";
    if (!label.empty()) {
      out += "<text class=\"axis\" x=\"" + c(kLeft - 4) + "\" y=\"" + c(y + 4) + "\" text-anchor=\"end\">" + label +
             "</text>";
    }
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const ChartBar& b = bars[i];
    const double x = kLeft + kGap / 2 + static_cast<double>(i) * (kBar + kGap);
    const double h = kHeight * std::max(b.value, 0) / top;
    const double y = kTop + kHeight - h;
    out += "<rect class=\"bar\" x=\"" + c(x) + "\" y=\"" + c(y) + "\" width=\"" + c(kBar) + "\" height=\"" + c(h) +
           "\"/>";
    out += "<text class=\"value\" x=\"" + c(x + kBar / 2) + "\" y=\"" + c(y - 4) + "\" text-anchor=\"middle\">" +
           std::to_string(b.value) + "</text>";
    out += "<text class=\"label\" x=\"" + c(x + kBar / 2) + "\" y=\"" + c(kTop + kHeight + 16) +
           "\" text-anchor=\"middle\">" + html_escape(b.label) + "</text>";
  }
  return out + "</svg>";
}

std::string svg_line_chart(const std::vector<ChartSeries>& series, const std::string& title) {
  std::set<int> year_set;
  for (const ChartSeries& s : series) {
    for (const ChartPoint& p : s.points) year_set.insert(p.year);
  }
  const std::vector<int> years(year_set.begin(), year_set.end());
  constexpr double kLeft = 36, kRight = 16, kTop = 16, kHeight = 200, kStep = 120, kLegendLine = 18;
  const double plot_w = std::max<double>(static_cast<double>(years.size() > 1 ? years.size() - 1 : 1) * kStep, 2 * kStep);
  // Wide enough for the longest legend entry too (12 px per character, a
  // CJK character being the widest).
  std::size_t longest = 0;
  for (const ChartSeries& s : series) {
    std::size_t chars = 0;
    for (unsigned char ch : s.name) chars += (ch & 0xC0u) != 0x80u ? 1 : 0;
    longest = std::max(longest, chars);
  }
  const double width = std::max(kLeft + plot_w + kRight + 24, kLeft + 30 + 12.0 * static_cast<double>(longest));
  const double legend_top = kTop + kHeight + 30;
  const double height = legend_top + kLegendLine * static_cast<double>(series.size()) + 4;
  const auto x_of = [&](int year) {
    const auto it = std::lower_bound(years.begin(), years.end(), year);
    const auto i = static_cast<double>(it - years.begin());
    return years.size() > 1 ? kLeft + 12 + i * kStep : kLeft + 12 + plot_w / 2;
  };
  // The y axis runs from a multiple of 10 at least 5 below the lowest
  // score (0 at the least) to 100, so that close scores stay apart.
  int low = 100;
  for (const ChartSeries& s : series) {
    for (const ChartPoint& p : s.points) low = std::min(low, static_cast<int>(std::clamp(p.value.to_double(), 0.0, 100.0)));
  }
  low = std::max(0, (low - 5) / 10 * 10);
  const auto y_of_double = [&](double d) { return kTop + kHeight - kHeight * (d - low) / (100.0 - low); };
  const auto y_of = [&](Decimal v) { return y_of_double(std::clamp(v.to_double(), static_cast<double>(low), 100.0)); };
  std::string out = open_svg(width, height, title, "lines");
  const int step = (100 - low) > 50 ? 20 : 10;
  for (int v = 100; v >= low; v -= step) {
    const double y = y_of_double(v);
    out += "<line class=\"grid\" x1=\"" + c(kLeft) + "\" y1=\"" + c(y) + "\" x2=\"" + c(width - kRight) + "\" y2=\"" +
           c(y) + "\"/><text class=\"axis\" x=\"" + c(kLeft - 4) + "\" y=\"" + c(y + 4) +
           "\" text-anchor=\"end\">" + std::to_string(v) + "</text>";
  }
  for (int year : years) {
    out += "<text class=\"label\" x=\"" + c(x_of(year)) + "\" y=\"" + c(kTop + kHeight + 16) +
           "\" text-anchor=\"middle\">" + std::to_string(year) + "</text>";
  }
  std::size_t colour = 0;  // the palette is for the ordinary lines; an aggregate has its own style
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string cls = series[s].mean ? std::string("series mean") : "series s" + std::to_string(colour++ % 6);
    std::string points;
    // Appended piecewise: GCC 12 at -O3 reports a false -Wrestrict for "literal" + std::string&&.
    for (const ChartPoint& p : series[s].points) {
      if (!points.empty()) points += ' ';
      points += c(x_of(p.year));
      points += ',';
      points += c(y_of(p.value));
    }
    out += "<g class=\"" + cls + "\">";
    if (series[s].points.size() > 1) out += "<polyline points=\"" + points + "\"/>";
    for (const ChartPoint& p : series[s].points) {
      // Each point names its value on hover; a single line also prints it
      // (several would overlap: the table beside the chart has them all).
      const std::string title = "<title>" + html_escape(series[s].name) + " " + std::to_string(p.year) + "年：" +
                                p.value.to_string(2) + "</title>";
      if (series[s].mean) {
        out += "<rect x=\"" + c(x_of(p.year) - 4.5) + "\" y=\"" + c(y_of(p.value) - 4.5) + "\" width=\"9\" height=\"9\">" +
               title + "</rect>";
      } else {
        out += "<circle cx=\"" + c(x_of(p.year)) + "\" cy=\"" + c(y_of(p.value)) + "\" r=\"3.5\">" + title + "</circle>";
      }
      if (series.size() == 1) {
        out += "<text class=\"value\" x=\"" + c(x_of(p.year)) + "\" y=\"" + c(y_of(p.value) - 7) +
               "\" text-anchor=\"middle\">" + p.value.to_string(2) + "</text>";
      }
    }
    const double ly = legend_top + kLegendLine * static_cast<double>(s);
    out += "<line x1=\"" + c(kLeft) + "\" y1=\"" + c(ly - 4) + "\" x2=\"" + c(kLeft + 20) + "\" y2=\"" + c(ly - 4) +
           "\"/><text class=\"legend\" x=\"" + c(kLeft + 26) + "\" y=\"" + c(ly) + "\">" + html_escape(series[s].name) +
           "</text></g>";
  }
  return out + "</svg>";
}

}  // namespace jx::reports
