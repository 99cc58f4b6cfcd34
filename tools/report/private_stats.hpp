// Private statistics in a report: the local-differential-privacy reports the
// collector stored (POST /v1/ldp), decoded into frequency estimates with 95%
// intervals by the core's FrequencyEstimator (tessera/privacy/estimate.hpp).
//
// A stored report says its metric, encoding and epsilon. The decoder also
// needs the size of the domain: that comes from the site config's
// personalization.privacy.metrics, the same specs the browser used. The
// core's delivery bodies name it in the encoding as well ("rr-4",
// "oue-12"); a report whose domain differs from the config's is refused. A
// bare "rr" or "oue" is decoded with the config's domain. Reports are decoded per (site, metric,
// encoding, epsilon), since mixing parameters would bias every estimate. A report that does not fit
// (no spec, out of domain, bad bits) is counted as rejected, never guessed.
//
//   PrivateStatsBuilder stats(*metric_specs_from_site_config(config));
//   stats.add("demo-shop", "fav-category", 1.0, "rr-8", "3");
//   std::vector<PrivateStatistic> out = stats.finish();
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/privacy/estimate.hpp"
#include "tessera/privacy/report.hpp"

namespace tessera::report {

struct PrivateStatistic {
  std::string site;
  std::string metric;
  std::string encoding;
  double epsilon = 0;
  std::uint32_t domain = 0;  // 0 when the config has no spec for the metric
  std::int64_t reports = 0;  // decoded
  std::int64_t rejected = 0;
  std::string note;  // why reports were rejected, the first reason
  std::vector<privacy::FrequencyEstimate> estimates;
};

// The metric specs of a site config (personalization.privacy.metrics), by
// metric id; empty when it has none. Errors carry JSON pointers.
Result<std::map<std::string, privacy::MetricSpec>> metric_specs_from_site_config(
    const Json& config);

class PrivateStatsBuilder {
 public:
  explicit PrivateStatsBuilder(std::map<std::string, privacy::MetricSpec> specs)
      : specs_(std::move(specs)) {}

  // One stored report: `report_json` is the collector's compact JSON of its
  // "report" field (an integer for rr; base64 bits or an array of 0/1 for oue).
  void add(const std::string& site, const std::string& metric, double epsilon,
           const std::string& encoding, const std::string& report_json);
  std::vector<PrivateStatistic> finish() const;

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::int64_t>;
  struct Group {
    PrivateStatistic stat;
    std::string mechanism;  // "rr" or "oue", the encoding without its domain
    std::optional<privacy::FrequencyEstimator> estimator;
  };
  Group& group(const std::string& site, const std::string& metric, double epsilon,
               const std::string& encoding);

  std::map<std::string, privacy::MetricSpec> specs_;
  std::map<Key, Group> groups_;
};

}  // namespace tessera::report
