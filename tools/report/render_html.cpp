// The HTML report; see render.hpp. One file, readable offline: inline CSS,
// inline SVG, no script and a CSP that forbids loading anything.
#include <cmath>

#include "report/render.hpp"
#include "report/svg.hpp"

namespace tessera::report {
namespace {

constexpr const char* kRed = "#d64545";
constexpr const char* kAmber = "#e8a33d";
constexpr const char* kGreen = "#2f9e6e";
constexpr const char* kBlue = "#3b6fd8";
constexpr const char* kGrey = "#8a93a3";
constexpr std::size_t kOpenTexts = 6;
constexpr std::size_t kOpenFollowUps = 12;

constexpr const char* kStyle = R"css(
:root{--ink:#1f2430;--mute:#6b7383;--line:#e4e7ec;--bg:#f6f7f9;--red:#d64545;--green:#2f9e6e}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1040px;margin:0 auto;padding:28px 20px 60px}
h1{font-size:26px;margin:0}h2{font-size:21px;margin:36px 0 4px}h3{font-size:16px;margin:0 0 10px}
.sub{color:var(--mute);margin:2px 0 18px}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:14px 0}
.kpi,.card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:14px 16px}
.kpi b{display:block;font-size:28px;line-height:1.1}.kpi span{color:var(--mute);font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:12px;margin:12px 0}
.alert{background:#fdecec;border:1px solid #f3b7b7;color:#8a1f1f;border-radius:12px;padding:12px 16px;margin:16px 0}
.ok{background:#e9f6ef;border-color:#b5e0c8;color:#1d5e40}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--mute);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.neg{color:var(--red)}.pos{color:var(--green)}
svg.chart{max-width:100%;height:auto;font-size:11px;fill:#4a5260}
svg .v{font-size:10px}svg .in{fill:#fff;font-size:12px;font-weight:600}
svg .band{fill:#3b6fd8;fill-opacity:.16}svg .line{fill:none;stroke:#3b6fd8;stroke-width:2}
svg .dot{fill:#3b6fd8}
.texts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px}
.texts ul{margin:0;padding-left:18px}.texts li{margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.tag{display:inline-block;border-radius:9px;padding:0 8px;font-size:12px;color:#fff}
details summary{cursor:pointer;color:var(--mute);font-size:13px;margin:6px 0}
.legend span{margin-right:14px;font-size:13px;color:var(--mute)}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
)css";

std::string pct(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? "-" : fixed(100.0 * static_cast<double>(part) / whole, 1) + "%";
}

std::string opt(std::optional<double> v, int decimals) {
  return v ? fixed(*v, decimals) : std::string("-");
}

std::string kpi(const std::string& value, const std::string& label) {
  return "<div class=\"kpi\"><b>" + value + "</b><span>" + label + "</span></div>";
}

const char* class_color(int score) { return score <= 6 ? kRed : score <= 8 ? kAmber : kGreen; }

std::string nps_section(const std::string& qid, const NpsQuestionReport& q) {
  auto ci = q.total.confidence_interval_95();
  std::string h = "<h3>NPS &middot; " + html_escape(qid) + "</h3><div class=\"kpis\">";
  h += kpi(fixed(q.total.score(), 1), "NPS, n = " + std::to_string(q.total.n()));
  h += kpi(ci ? fixed(ci->low, 1) + " &ndash; " + fixed(ci->high, 1) : "-", "95% confidence");
  h += kpi(fixed(q.total.promoters_pct(), 1) + "%", "promoters");
  h += kpi(fixed(q.total.detractors_pct(), 1) + "%", "detractors");
  h += "</div>";
  h += share_bar(
      {{"Detractors", q.total.detractors_pct(), kRed, fixed(q.total.detractors_pct(), 0) + "%"},
       {"Passives", q.total.passives_pct(), kAmber, fixed(q.total.passives_pct(), 0) + "%"},
       {"Promoters", q.total.promoters_pct(), kGreen, fixed(q.total.promoters_pct(), 0) + "%"}},
      1000);
  std::vector<BandPoint> points;
  for (const auto& [day, s] : q.by_day) {
    auto dci = s.confidence_interval_95();
    points.push_back(
        {day, s.score(), dci ? dci->low : s.score(), dci ? dci->high : s.score(), s.n()});
  }
  std::vector<Bar> bars;
  for (int i = 0; i <= 10; ++i) {
    std::int64_t c = q.distribution[static_cast<std::size_t>(i)];
    bars.push_back({std::to_string(i), static_cast<double>(c), class_color(i), std::to_string(c)});
  }
  h += "<div class=\"grid\"><div class=\"card\"><h3>NPS by day (UTC), 95% band</h3>" +
       line_band_chart(points, -100, 100, 520, 240) +
       "</div><div class=\"card\"><h3>Answers 0&ndash;10</h3>" + bar_chart(bars, 480, 240) +
       "<div class=\"legend\"><span><i style=\"background:#d64545\"></i>detractor 0&ndash;6</span>"
       "<span><i style=\"background:#e8a33d\"></i>passive 7&ndash;8</span>"
       "<span><i style=\"background:#2f9e6e\"></i>promoter 9&ndash;10</span></div></div></div>";
  return h;
}

std::string rating_bars(const score::RatingDistribution& d, bool csat) {
  std::vector<Bar> bars;
  for (std::size_t i = 0; i < d.counts().size(); ++i) {
    std::int64_t point = d.low() + static_cast<std::int64_t>(i);
    bool high = point >= d.high() - 1;
    bool low = csat ? point <= d.low() + 1 : point < (d.low() + d.high() + 1) / 2;
    bars.push_back({std::to_string(point), static_cast<double>(d.counts()[i]),
                    high  ? kGreen
                    : low ? kRed
                          : kGrey,
                    std::to_string(d.counts()[i])});
  }
  return bar_chart(bars, 460, 180);
}

std::string servqual_section(const score::ServqualSummary& s) {
  std::vector<std::string> axes;
  RadarSeries e{"Expectation", kGrey, {}, true}, p{"Perception", kBlue, {}, false};
  std::string rows;
  for (std::size_t d = 0; d < score::kServqualDimensionCount; ++d) {
    auto dim = static_cast<score::ServqualDimension>(d);
    std::string name(score::servqual_dimension_name(dim));
    axes.push_back(name);
    e.values.push_back(s.mean_expectation(dim).value_or(1));
    p.values.push_back(s.mean_perception(dim).value_or(1));
    auto gap = s.gap(dim);
    rows += "<tr><td>" + name + "</td><td class=\"n\">" + opt(s.mean_expectation(dim), 2) +
            "</td><td class=\"n\">" + opt(s.mean_perception(dim), 2) + "</td><td class=\"n " +
            (gap && *gap < 0 ? "neg" : "pos") + "\">" + opt(gap, 2) + "</td><td class=\"n\">" +
            opt(s.mean_weight(dim), 1) + "</td></tr>";
  }
  return "<div class=\"grid\"><div class=\"card\"><h3>SERVQUAL: expectation vs perception "
         "(1&ndash;7)</h3>" +
         radar_chart(axes, {e, p}, 1, 7, 300) +
         "<div class=\"legend\"><span><i style=\"background:#8a93a3\"></i>expectation</span>"
         "<span><i style=\"background:#3b6fd8\"></i>perception</span></div></div>"
         "<div class=\"card\"><h3>Gap P &minus; E by dimension</h3><table><tr><th>Dimension</th>"
         "<th>E</th><th>P</th><th>Gap</th><th>Weight</th></tr>" +
         rows + "</table><p class=\"sub\">" + std::to_string(s.respondents()) +
         " respondents &middot; unweighted gap " + opt(s.unweighted_gap(), 2) +
         " &middot; weighted gap " + opt(s.weighted_gap(), 2) + "</p></div></div>";
}

std::string value_section(const score::DeliveredValueSummary& v) {
  static const char* kValues[] = {"product", "service", "personnel", "image"};
  static const char* kCosts[] = {"monetary", "time", "energy", "psychic"};
  std::vector<Bar> bars;
  for (int i = 0; i < 4; ++i) {
    auto m = v.mean_value(static_cast<score::ValueComponent>(i));
    bars.push_back({kValues[i], m.value_or(0), kGreen, opt(m, 2)});
  }
  for (int i = 0; i < 4; ++i) {
    auto m = v.mean_cost(static_cast<score::CostComponent>(i));
    bars.push_back({kCosts[i], m.value_or(0), kRed, opt(m, 2)});
  }
  return "<div class=\"card\"><h3>Customer delivered value</h3><div class=\"kpis\">" +
         kpi(opt(v.mean_difference(), 2),
             "value &minus; cost (mean), n = " + std::to_string(v.n())) +
         kpi(opt(v.ratio_of_sums(), 2), "value / cost") +
         kpi(opt(v.mean_total_value(), 2), "total value (mean)") +
         kpi(opt(v.mean_total_cost(), 2), "total cost (mean)") + "</div>" +
         bar_chart(bars, 900, 190) + "</div>";
}

std::string texts_section(const SurveyReport& s) {
  std::string h = "<h3>Free-text answers by NPS class</h3><div class=\"texts\">";
  for (const char* cls : {"detractor", "passive", "promoter", "none"}) {
    auto it = s.texts.find(cls);
    if (it == s.texts.end()) continue;
    std::int64_t total = s.text_counts.at(cls);
    const char* color = std::string(cls) == "detractor"  ? kRed
                        : std::string(cls) == "passive"  ? kAmber
                        : std::string(cls) == "promoter" ? kGreen
                                                         : kGrey;
    h += "<div class=\"card\"><h3><span class=\"tag\" style=\"background:" + std::string(color) +
         "\">" + (std::string(cls) == "none" ? "no NPS" : cls) + "</span> " +
         std::to_string(total) + " answers</h3><ul>";
    // A few answers open, the rest folded: <details> needs no script.
    std::size_t i = 0;
    for (const TextAnswer& t : it->second) {
      if (i++ == kOpenTexts) h += "</ul><details><summary>more</summary><ul>";
      h += "<li>" + html_escape(t.text) + "</li>";
    }
    h += it->second.size() > kOpenTexts ? "</ul></details>" : "</ul>";
    if (total > static_cast<std::int64_t>(it->second.size())) {
      h += "<p class=\"sub\">" + std::to_string(it->second.size()) + " shown.</p>";
    }
    h += "</div>";
  }
  return h + "</div>";
}

std::string survey_section(const SurveyReport& s) {
  std::string h = "<section><h2>" + html_escape(s.title) + "</h2><p class=\"sub\">survey <code>" +
                  html_escape(s.id) + "</code> &middot; " + std::to_string(s.final_records) +
                  " final and " + std::to_string(s.partial_records) + " partial records</p>";
  h += "<div class=\"kpis\">" + kpi(std::to_string(s.responses), "responses") +
       kpi(pct(s.complete, s.responses), std::to_string(s.complete) + " complete") +
       kpi(pct(s.partial, s.responses), std::to_string(s.partial) + " partial only") +
       kpi(std::to_string(s.follow_ups.size()), "follow-ups to contact") + "</div>";
  for (const auto& [qid, q] : s.nps) h += nps_section(qid, q);
  if (!s.csat.empty() || !s.ces.empty()) h += "<div class=\"grid\">";
  for (const auto& [qid, q] : s.csat) {
    h += "<div class=\"card\"><h3>CSAT &middot; " + html_escape(qid) + "</h3><div class=\"kpis\">" +
         kpi(opt(q.top2_box_pct(), 1) + "%", "top-2-box") + kpi(opt(q.mean(), 2), "mean") +
         kpi(std::to_string(q.n()), "answers") + "</div>" + rating_bars(q.distribution(), true) +
         "</div>";
  }
  for (const auto& [qid, q] : s.ces) {
    h += "<div class=\"card\"><h3>CES &middot; " + html_escape(qid) + "</h3><div class=\"kpis\">" +
         kpi(opt(q.mean(), 2), "mean (higher = easier)") + kpi(opt(q.easy_pct(), 1) + "%", "easy") +
         kpi(std::to_string(q.n()), "answers") + "</div>" + rating_bars(q.distribution(), false) +
         "</div>";
  }
  if (!s.csat.empty() || !s.ces.empty()) h += "</div>";
  if (s.servqual) h += servqual_section(*s.servqual);
  if (s.delivered_value) h += value_section(*s.delivered_value);
  if (!s.texts.empty()) h += texts_section(s);
  if (!s.follow_ups.empty()) {
    h += "<div class=\"card\" style=\"margin-top:12px\"><h3>Open follow-ups: unhappy customers who "
         "asked to be contacted</h3><table><tr><th>Day</th><th>Score</th><th>Channel</th>"
         "<th>Contact</th><th>Comment</th></tr>";
    std::size_t i = 0;
    for (const FollowUp& f : s.follow_ups) {
      if (i++ == kOpenFollowUps) {
        h += "</table><details><summary>" + std::to_string(s.follow_ups.size() - kOpenFollowUps) +
             " more</summary><table>";
      }
      h += "<tr><td>" + html_escape(f.day) + "</td><td class=\"n\">" +
           (f.score < 0 ? std::string("–") : std::to_string(f.score)) + "</td><td>" +
           html_escape(f.channel) + "</td><td>" + html_escape(f.address) + "</td><td>" +
           html_escape(f.comment) + "</td></tr>";
    }
    h += s.follow_ups.size() > kOpenFollowUps ? "</table></details></div>" : "</table></div>";
  }
  if (s.invalid_answers > 0) {
    h += "<p class=\"sub\">" + std::to_string(s.invalid_answers) +
         " answers were outside their question's scale and were left out.</p>";
  }
  return h + "</section>";
}

std::string private_stats_section(const std::vector<PrivateStatistic>& stats) {
  std::string h =
      "<section><h2>Private statistics</h2><p class=\"sub\">Estimated from local differential "
      "privacy reports: each device randomized its answer before sending it, so no single "
      "report says anything reliable about anyone. Counts are estimated numbers of devices, "
      "with 95% intervals.</p>";
  for (const PrivateStatistic& p : stats) {
    h += "<div class=\"card\" style=\"margin-top:12px\"><h3>" + html_escape(p.metric) +
         " <span class=\"sub\">" + html_escape(p.site) + " &middot; " + html_escape(p.encoding) +
         ", &epsilon; = " + fixed(p.epsilon, 3) + " &middot; " + std::to_string(p.reports) +
         " reports</span></h3>";
    if (p.rejected > 0) {
      h += "<p class=\"alert\">" + std::to_string(p.rejected) +
           " reports could not be decoded: " + html_escape(p.note) + "</p>";
    }
    if (!p.estimates.empty()) {
      std::vector<IntervalRow> rows;
      std::string table =
          "<table><tr><th>Value</th><th>Estimated devices</th><th>95% interval</th>"
          "<th>Share</th></tr>";
      for (const privacy::FrequencyEstimate& e : p.estimates) {
        std::string label = std::to_string(e.value);
        rows.push_back({label, e.count, e.ci_low, e.ci_high});
        table += "<tr><td>" + label + "</td><td class=\"n\">" + fixed(e.count, 1) +
                 "</td><td class=\"n\">" + fixed(e.ci_low, 1) + " &ndash; " + fixed(e.ci_high, 1) +
                 "</td><td class=\"n\">" + fixed(100 * e.frequency, 1) + "%</td></tr>";
      }
      h += interval_chart(rows, 640) + "<details><summary>Table</summary>" + table +
           "</table></details>";
    }
    h += "</div>";
  }
  return h + "</section>";
}

}  // namespace

std::string render_html(const Report& report, const HtmlOptions& options) {
  std::string h =
      "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
      html_escape(options.heading) + "</title><style>" + kStyle + "</style></head><body><main>";
  h += "<h1>" + html_escape(options.heading) + "</h1><p class=\"sub\">" +
       std::to_string(report.opened) + " records opened" +
       (options.generated.empty() ? "" : " &middot; " + html_escape(options.generated)) + "</p>";
  if (report.failed.empty()) {
    h += "<div class=\"alert ok\">Every record opened with this key.</div>";
  } else {
    h += "<div class=\"alert\"><b>" + std::to_string(report.failed.size()) +
         " records did not open</b> (wrong key or altered) and are not in the numbers below."
         "<table><tr><th>Idempotency key</th><th>Reason</th></tr>";
    std::size_t shown = 0;
    for (const FailedRecord& f : report.failed) {
      if (++shown > 500) break;  // the JSON and CSV outputs list them all
      h += "<tr><td><code>" + html_escape(f.idempotency_key) + "</code></td><td>" +
           html_escape(f.reason) + "</td></tr>";
    }
    h += "</table></div>";
  }
  for (const auto& [id, s] : report.surveys) h += survey_section(s);
  if (!report.private_stats.empty()) h += private_stats_section(report.private_stats);
  return h + "</main></body></html>\n";
}

}  // namespace tessera::report
