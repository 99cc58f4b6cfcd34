// `tessera ldp-estimate`; see ldp_command.hpp.
#include "cli/ldp_command.hpp"

#include <chrono>
#include <iostream>

#include "store/files.hpp"
#include "store/response_store.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/privacy/estimate.hpp"

namespace tessera::cli {
namespace {

int fail(const std::string& message) {
  std::cerr << "tessera ldp-estimate: " << message << "\n";
  return 1;
}

std::string get(const std::map<std::string, std::string>& options, const std::string& key) {
  auto it = options.find(key);
  return it == options.end() ? std::string() : it->second;
}

}  // namespace

int run_ldp_estimate(const std::map<std::string, std::string>& options) {
  if (get(options, "db").empty() || get(options, "config").empty()) {
    return fail("usage: tessera ldp-estimate --db FILE|URL --config SITE_CONFIG [--metric ID]");
  }
  auto text = store::read_file(get(options, "config"));
  if (!text.ok()) return fail(text.status().message());
  auto doc = parse_json(*text, {16u << 20, 64});
  if (!doc.ok()) return fail("site config: " + doc.status().to_string());
  auto config = engine::parse_site_config(*doc);
  if (!config.ok()) return fail("site config: " + config.status().to_string());
  if (!config->personalization || config->personalization->metrics.empty()) {
    return fail("the site config has no privacy metrics");
  }
  auto store = store::ResponseStore::open(get(options, "db"));
  if (!store.ok()) return fail(store.status().message());

  const std::string only = get(options, "metric");
  bool found = only.empty();
  std::int64_t rejected_total = 0;
  for (const privacy::MetricSpec& spec : config->personalization->metrics) {
    if (!only.empty() && spec.metric != only) continue;
    found = true;
    auto estimator = privacy::FrequencyEstimator::create(spec);
    if (!estimator.ok()) return fail(estimator.status().to_string());
    std::map<std::string, std::int64_t> rejected;  // reason -> rows
    const auto started = std::chrono::steady_clock::now();
    Status st =
        (*store)->for_each_report(config->site, spec.metric, [&](const store::LdpReport& row) {
          Status added = estimator->add_stored(row.encoding, row.epsilon, row.report_json);
          if (!added.ok()) ++rejected[added.path() + ": " + added.message()];
        });
    if (!st.ok()) return fail(st.message());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    Json out = estimator->to_json();
    std::int64_t rejected_rows = 0;
    for (const auto& [why, n] : rejected) {
      rejected_rows += n;
      std::cerr << "tessera ldp-estimate: " << spec.metric << ": " << n << " rows rejected (" << why
                << ")\n";
    }
    out["rejected"] = rejected_rows;
    if (!spec.categories.empty()) {
      for (Json& e : out["estimates"]) {
        const auto v = e["value"].get<std::size_t>();
        e["label"] = v < spec.categories.size() ? spec.categories[v] : "(none of these)";
      }
    }
    std::cout << dump_json(out) << "\n";
    std::cerr << "tessera ldp-estimate: " << spec.metric << ": " << out["reports"] << " reports in "
              << seconds << " s\n";
    rejected_total += rejected_rows;
  }
  if (!found) return fail("no metric \"" + only + "\" in the site config");
  return rejected_total == 0 ? 0 : 2;
}

}  // namespace tessera::cli
