// Inline SVG charts; see svg.hpp.
#include "report/svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tessera::report {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kAxis = "#c9ced6";
constexpr const char* kInk = "#4a5260";
constexpr const char* kBlueBar = "#9db7ee";

std::string num(double v) { return fixed(v, 1); }

std::string text_at(double x, double y, std::string_view text, const char* anchor,
                    const char* extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + html_escape(text) + "</text>";
}

std::string open_svg(int width, int height, std::string_view label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
         std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
         std::to_string(height) + "\" role=\"img\" aria-label=\"" + html_escape(label) +
         "\" class=\"chart\">";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  return s == "-0" || s == "-0.0" || s == "-0.00" ? s.substr(1) : s;
}

std::string bar_chart(const std::vector<Bar>& bars, int width, int height) {
  std::string svg = open_svg(width, height, "bar chart");
  double top = 0;
  for (const Bar& b : bars) top = std::max(top, b.value);
  if (top <= 0) top = 1;
  const double left = 8, bottom = 22, head = 18;
  double slot = (width - 2 * left) / std::max<std::size_t>(bars.size(), 1);
  double plot = height - bottom - head;
  svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(height - bottom) + "\" x2=\"" +
         num(width - left) + "\" y2=\"" + num(height - bottom) + "\" stroke=\"" + kAxis + "\"/>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double h = plot * b.value / top;
    double x = left + slot * static_cast<double>(i) + slot * 0.14;
    double w = slot * 0.72;
    double y = height - bottom - h;
    svg += "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" +
           num(h) + "\" rx=\"3\" fill=\"" + b.color + "\"><title>" + html_escape(b.label) + ": " +
           html_escape(b.value_text) + "</title></rect>";
    svg += text_at(x + w / 2, y - 5, b.value_text, "middle", " class=\"v\"");
    svg += text_at(x + w / 2, height - 6, b.label, "middle");
  }
  return svg + "</svg>";
}

std::string share_bar(const std::vector<Bar>& parts, int width) {
  const int height = 30;
  std::string svg = open_svg(width, height, "shares");
  double x = 0;
  for (const Bar& p : parts) {
    double w = width * std::clamp(p.value, 0.0, 100.0) / 100.0;
    if (w <= 0) continue;
    svg += "<rect x=\"" + num(x) + "\" y=\"0\" width=\"" + num(w) + "\" height=\"" +
           std::to_string(height) + "\" fill=\"" + p.color + "\"><title>" + html_escape(p.label) +
           "</title></rect>";
    if (w > 70) {
      svg += text_at(x + w / 2, 20, p.label + " " + p.value_text, "middle", " class=\"in\"");
    }
    x += w;
  }
  return svg + "</svg>";
}

std::string line_band_chart(const std::vector<BandPoint>& points, double y_min, double y_max,
                            int width, int height) {
  std::string svg = open_svg(width, height, "trend with 95% confidence band");
  const double left = 40, right = 12, top = 12, bottom = 28;
  double pw = width - left - right, ph = height - top - bottom;
  auto x_of = [&](std::size_t i) {
    return points.size() < 2 ? left + pw / 2
                             : left + pw * static_cast<double>(i) / (points.size() - 1);
  };
  auto y_of = [&](double v) {
    return top + ph * (y_max - std::clamp(v, y_min, y_max)) / (y_max - y_min);
  };
  for (double tick = y_min; tick <= y_max + 1e-9; tick += (y_max - y_min) / 4) {
    bool zero = std::fabs(tick) < 1e-9;
    svg += "<line x1=\"" + num(left) + "\" y1=\"" + num(y_of(tick)) + "\" x2=\"" +
           num(width - right) + "\" y2=\"" + num(y_of(tick)) + "\" stroke=\"" +
           (zero ? kInk : kAxis) + "\" stroke-width=\"" + (zero ? "1" : "0.6") + "\"/>";
    svg += text_at(left - 6, y_of(tick) + 4, fixed(tick, 0), "end");
  }
  if (points.empty()) return svg + "</svg>";
  std::string band = "<polygon class=\"band\" points=\"";
  for (std::size_t i = 0; i < points.size(); ++i) {
    band += num(x_of(i)) + "," + num(y_of(points[i].high)) + " ";
  }
  for (std::size_t i = points.size(); i-- > 0;) {
    band += num(x_of(i)) + "," + num(y_of(points[i].low)) + " ";
  }
  svg += band + "\"/>";
  std::string line = "<polyline class=\"line\" points=\"";
  for (std::size_t i = 0; i < points.size(); ++i) {
    line += num(x_of(i)) + "," + num(y_of(points[i].value)) + " ";
  }
  svg += line + "\"/>";
  // Dots carry the exact numbers as tooltips; labels at most ~8 along x.
  std::size_t every = std::max<std::size_t>(1, (points.size() + 7) / 8);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const BandPoint& p = points[i];
    svg += "<circle class=\"dot\" cx=\"" + num(x_of(i)) + "\" cy=\"" + num(y_of(p.value)) +
           "\" r=\"3\"><title>" + html_escape(p.label) + ": NPS " + fixed(p.value, 1) + " [" +
           fixed(p.low, 1) + ", " + fixed(p.high, 1) + "], n = " + std::to_string(p.n) +
           "</title></circle>";
    if (i % every == 0 || i + 1 == points.size()) {
      svg +=
          text_at(x_of(i), height - 8, p.label.size() > 5 ? p.label.substr(5) : p.label, "middle");
    }
  }
  return svg + "</svg>";
}

std::string interval_chart(const std::vector<IntervalRow>& rows, int width) {
  const double row_h = 22, left = 90, right = 16;
  int height = static_cast<int>(row_h * static_cast<double>(rows.size()) + 8);
  std::string svg = open_svg(width, height, "estimates with 95% intervals");
  double top = 0;
  for (const IntervalRow& r : rows) top = std::max({top, r.high, r.value});
  if (top <= 0) top = 1;
  double pw = width - left - right;
  auto x_of = [&](double v) { return left + pw * std::clamp(v, 0.0, top) / top; };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const IntervalRow& r = rows[i];
    double y = 4 + row_h * static_cast<double>(i);
    svg += text_at(left - 8, y + 15, r.label, "end");
    svg += "<rect x=\"" + num(left) + "\" y=\"" + num(y + 4) + "\" width=\"" +
           num(x_of(r.value) - left) + "\" height=\"" + num(row_h - 8) + "\" rx=\"2\" fill=\"" +
           kBlueBar + "\"><title>" + html_escape(r.label) + ": " + fixed(r.value, 1) + " [" +
           fixed(r.low, 1) + ", " + fixed(r.high, 1) + "]</title></rect>";
    double mid = y + row_h / 2;
    svg += "<line x1=\"" + num(x_of(r.low)) + "\" y1=\"" + num(mid) + "\" x2=\"" +
           num(x_of(r.high)) + "\" y2=\"" + num(mid) + "\" stroke=\"" + kInk +
           "\" stroke-width=\"1.2\"/>";
    for (double end : {r.low, r.high}) {
      svg += "<line x1=\"" + num(x_of(end)) + "\" y1=\"" + num(mid - 4) + "\" x2=\"" +
             num(x_of(end)) + "\" y2=\"" + num(mid + 4) + "\" stroke=\"" + kInk +
             "\" stroke-width=\"1.2\"/>";
    }
  }
  return svg + "</svg>";
}

std::string radar_chart(const std::vector<std::string>& axes,
                        const std::vector<RadarSeries>& series, double low, double high, int size) {
  std::string svg = open_svg(size + 160, size, "radar chart");
  double cx = size / 2.0 + 80, cy = size / 2.0, r = size / 2.0 - 28;
  std::size_t n = axes.size();
  auto point = [&](std::size_t i, double v) {
    double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    double k = (std::clamp(v, low, high) - low) / (high - low);
    return num(cx + r * k * std::cos(a)) + "," + num(cy + r * k * std::sin(a));
  };
  for (double ring = low + 1; ring <= high + 1e-9; ring += 1) {
    std::string poly = "<polygon fill=\"none\" stroke=\"" + std::string(kAxis) +
                       "\" stroke-width=\"0.6\" points=\"";
    for (std::size_t i = 0; i < n; ++i) poly += point(i, ring) + " ";
    svg += poly + "\"/>";
  }
  for (std::size_t i = 0; i < n; ++i) {
    double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
    svg += "<line x1=\"" + num(cx) + "\" y1=\"" + num(cy) + "\" x2=\"" + num(cx + r * std::cos(a)) +
           "\" y2=\"" + num(cy + r * std::sin(a)) + "\" stroke=\"" + kAxis + "\"/>";
    double lx = cx + (r + 14) * std::cos(a), ly = cy + (r + 14) * std::sin(a) + 4;
    const char* anchor = std::cos(a) > 0.3 ? "start" : std::cos(a) < -0.3 ? "end" : "middle";
    svg += text_at(lx, ly, axes[i], anchor);
  }
  for (const RadarSeries& s : series) {
    std::string poly = "<polygon fill=\"" + s.color + "\" fill-opacity=\"0.18\" stroke=\"" +
                       s.color + "\" stroke-width=\"2\"" +
                       (s.dashed ? " stroke-dasharray=\"5 4\"" : "") + " points=\"";
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) poly += point(i, s.values[i]) + " ";
    svg += poly + "\"><title>" + html_escape(s.name) + "</title></polygon>";
  }
  return svg + "</svg>";
}

}  // namespace tessera::report
