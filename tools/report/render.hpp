// Writes a Report three ways: a self-contained HTML page (inline CSS and
// SVG, no script, no external request), JSON (the summaries' own exact,
// mergeable JSON plus display numbers) and CSV (one row per metric). The
// same Report gives the same bytes: no clock, no locale, sorted keys.
//
//   Report report = builder.finish();
//   std::string page = render_html(report, {"demo-shop", "2026-11-23 13:00 UTC"});
//   std::string numbers = render_json(report);   // or render_csv(report)
#pragma once

#include <string>

#include "report/aggregate.hpp"
#include "tessera/common/json.hpp"

namespace tessera::report {

struct HtmlOptions {
  std::string heading = "Survey report";
  std::string generated;  // shown under the heading, e.g. a date; may be empty
};

std::string render_html(const Report& report, const HtmlOptions& options = {});
Json report_to_json(const Report& report);
std::string render_json(const Report& report);
// survey,question,metric,value — metrics named as in docs/reports.md.
std::string render_csv(const Report& report);

}  // namespace tessera::report
