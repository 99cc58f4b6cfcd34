// Decoding stored private-statistics reports; see private_stats.hpp.
#include "report/private_stats.hpp"

#include <cmath>

#include "tessera/crypto/encoding.hpp"
#include "tessera/privacy/mechanism.hpp"

namespace tessera::report {

Result<std::map<std::string, privacy::MetricSpec>> metric_specs_from_site_config(
    const Json& config) {
  std::map<std::string, privacy::MetricSpec> specs;
  if (!config.is_object() || !config.contains("personalization")) return specs;
  const Json& p = config["personalization"];
  if (!p.is_object() || !p.contains("privacy")) return specs;
  const Json& privacy_section = p["privacy"];
  if (!privacy_section.is_object() || !privacy_section.contains("metrics")) return specs;
  const std::string at = "/personalization/privacy/metrics";
  const Json& metrics = privacy_section["metrics"];
  TESSERA_RETURN_IF_ERROR(expect_array(metrics, at, 0, 256));
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    TESSERA_ASSIGN_OR_RETURN(privacy::MetricSpec spec,
                             privacy::parse_metric_spec(metrics[i], pointer_join(at, i)));
    std::string id = spec.metric;
    specs.emplace(std::move(id), std::move(spec));
  }
  return specs;
}

PrivateStatsBuilder::Group& PrivateStatsBuilder::group(const std::string& site,
                                                       const std::string& metric, double epsilon,
                                                       const std::string& encoding) {
  // Epsilon travels as a decimal; reports are made in thousandths.
  auto millis = static_cast<std::int64_t>(std::llround(epsilon * 1000));
  auto [it, inserted] = groups_.try_emplace(Key{site, metric, encoding, millis});
  Group& g = it->second;
  if (!inserted) return g;
  g.stat.site = site;
  g.stat.metric = metric;
  g.stat.encoding = encoding;
  g.stat.epsilon = static_cast<double>(millis) / 1000;
  auto spec = specs_.find(metric);
  if (spec == specs_.end()) {
    g.stat.note = "no metric \"" + metric + "\" in the site config (give --config)";
    return g;
  }
  // The core's delivery bodies name the domain too ("rr-4", "oue-12"), so a
  // report made under another config's domain is refused, never misread;
  // a bare "rr" or "oue" takes the domain from the config.
  const std::size_t dash = encoding.find('-');
  auto mechanism = privacy::parse_mechanism(encoding.substr(0, dash), "/encoding");
  if (!mechanism.ok()) {
    g.stat.note = "unknown encoding \"" + encoding + "\"";
    return g;
  }
  g.mechanism = encoding.substr(0, dash);
  if (dash != std::string::npos) {
    const std::string digits = encoding.substr(dash + 1);
    const bool numeric = !digits.empty() && digits.size() <= 6 &&
                         digits.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric) {
      g.stat.note = "unknown encoding \"" + encoding + "\"";
      return g;
    }
    if (std::stoul(digits) != spec->second.domain_size) {
      g.stat.note = "encoding \"" + encoding + "\" has another domain than the site config's (" +
                    std::to_string(spec->second.domain_size) + ")";
      return g;
    }
  }
  privacy::MetricSpec group_spec = spec->second;
  group_spec.mechanism = *mechanism;
  group_spec.epsilon = privacy::Epsilon::from_millis(millis);
  g.stat.domain = group_spec.domain_size;
  auto estimator = privacy::FrequencyEstimator::create(group_spec);
  if (!estimator.ok()) {
    g.stat.note = estimator.status().message();
    return g;
  }
  g.estimator = std::move(*estimator);
  return g;
}

void PrivateStatsBuilder::add(const std::string& site, const std::string& metric, double epsilon,
                              const std::string& encoding, const std::string& report_json) {
  Group& g = group(site, metric, epsilon, encoding);
  auto reject = [&](const std::string& why) {
    ++g.stat.rejected;
    if (g.stat.note.empty()) g.stat.note = why;
  };
  if (!g.estimator) return reject(g.stat.note);
  if (g.mechanism != encoding) {
    // The core's own delivery form ("rr-4": an integer; "oue-12": base64
    // bits): decoded by the core without a JSON parser.
    Status st = g.estimator->add_stored(encoding, g.stat.epsilon, report_json);
    if (!st.ok()) return reject(st.to_string());
    ++g.stat.reports;
    return;
  }
  auto value = parse_json(report_json, {1u << 16, 2});
  if (!value.ok()) return reject("stored report is not JSON");
  // The core's own report form, so that it validates what the collector
  // could not: the domain and the padding bits.
  Json core = {{"metric", metric},
               {"mechanism", g.mechanism},
               {"domain", g.stat.domain},
               {"epsilonMillis", std::llround(g.stat.epsilon * 1000)}};
  if (value->is_array()) {
    // OUE as one 0/1 per value of the domain.
    crypto::Bytes bits((g.stat.domain + 7) / 8, 0);
    if (value->size() != g.stat.domain) return reject("expected one bit per value of the domain");
    for (std::uint32_t i = 0; i < g.stat.domain; ++i) {
      const Json& b = (*value)[i];
      if (!b.is_number_integer() || (b != 0 && b != 1)) return reject("expected bits 0 or 1");
      if (b == 1) bits[i / 8] = static_cast<std::uint8_t>(bits[i / 8] | (1u << (i % 8)));
    }
    core["bits"] = crypto::base64_encode(bits);
  } else if (value->is_string()) {
    core["bits"] = *value;
  } else {
    core["value"] = *value;
  }
  auto report = privacy::LdpReport::from_json(core);
  if (!report.ok()) return reject(report.status().to_string());
  Status st = g.estimator->add(*report);
  if (!st.ok()) return reject(st.to_string());
  ++g.stat.reports;
}

std::vector<PrivateStatistic> PrivateStatsBuilder::finish() const {
  std::vector<PrivateStatistic> out;
  for (const auto& [key, g] : groups_) {
    PrivateStatistic s = g.stat;
    if (g.estimator && g.estimator->reports() > 0) s.estimates = g.estimator->estimates();
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tessera::report
