// Inline SVG charts for the HTML report: no script, no external resource,
// so a report opened from disk (or mailed) draws the same everywhere.
// Every label passes through html_escape(); numbers are formatted with a
// fixed number of decimals so that the same data gives the same bytes.
//
//   std::string svg = bar_chart({{"0", 12, "#d64545"}, {"1", 3, "#d64545"}}, 480, 160);
//   std::string band = line_band_chart(points, -100, 100, 640, 220);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::report {

// &, <, >, " and ' as entities; control characters other than tab and
// newline dropped. Answers are untrusted, so everything printed goes here.
std::string html_escape(std::string_view text);

// A number with `decimals` decimals ("12.5"), "-" for NaN.
std::string fixed(double value, int decimals);

struct Bar {
  std::string label;  // under the bar
  double value = 0;   // bar height; the label above it shows value_text
  std::string color;  // a CSS colour from this file's palette, never from data
  std::string value_text;
};

// Vertical bars, scaled to the largest value.
std::string bar_chart(const std::vector<Bar>& bars, int width, int height);

// One horizontal bar split into shares (each 0..100), labelled inside.
std::string share_bar(const std::vector<Bar>& parts, int width);

struct BandPoint {
  std::string label;  // x axis, e.g. a day
  double value = 0;
  double low = 0;  // confidence band
  double high = 0;
  std::int64_t n = 0;
};

// A line with a shaded band between low and high, y from y_min to y_max.
std::string line_band_chart(const std::vector<BandPoint>& points, double y_min, double y_max,
                            int width, int height);

struct IntervalRow {
  std::string label;
  double value = 0;  // the estimate
  double low = 0;    // its 95% interval
  double high = 0;
};

// Horizontal bars with interval whiskers, one row per label, x from 0 to
// the largest high (negative estimates are drawn at 0; the table has them).
std::string interval_chart(const std::vector<IntervalRow>& rows, int width);

struct RadarSeries {
  std::string name;
  std::string color;
  std::vector<double> values;  // one per axis, within [low, high]
  bool dashed = false;
};

// A radar (spider) chart with one axis per label, scaled low..high.
std::string radar_chart(const std::vector<std::string>& axes,
                        const std::vector<RadarSeries>& series, double low, double high, int size);

}  // namespace tessera::report
