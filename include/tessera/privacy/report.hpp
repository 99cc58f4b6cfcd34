// A private report: one value about one metric, randomized on the device
// under a stated epsilon and paid for from the device's privacy budget.
//
// A report carries the metric id, the mechanism and its parameters, and the
// randomized output. Nothing else: no device id, no timestamp, no sequence
// number, so reports cannot be linked to each other or to a person by their
// content. (Transport metadata is the caller's business: send through a
// proxy or batch, and never alongside an identifier.)
//
//   MetricSpec spec = *parse_metric_spec(json, "/metrics/0");
//   SeededRandom rng(fresh_random_seed, kStreamPrivacy);
//   Result<LdpReport> r = privatize(spec, value, budget, now_ms, policy, rng);
//   if (r.ok()) send(dump_json(r->to_json()));   // else: budget exhausted
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/random.hpp"
#include "tessera/privacy/budget.hpp"
#include "tessera/privacy/mechanism.hpp"

namespace tessera::privacy {

// What is measured and how privately: {"metric": "favourite-category",
// "mechanism": "oue", "domain": 64, "epsilon": 1}. "mechanism" may be omitted
// or "auto" to take recommend_mechanism().
//
// An interest metric lists catalog categories instead of a domain:
// {"metric": "top-interest", "categories": ["running-shoes", "apparel"]}.
// Its value is not given by the page but taken from the on-device profile
// inside the core: the index of the listed category the person is most
// interested in, or categories.size() ("none of these"), so the domain is
// categories.size() + 1. The histogram of interests is then learned without
// the page ever reading the profile.
struct MetricSpec {
  std::string metric;  // an id, see check_id
  Mechanism mechanism = Mechanism::kRandomizedResponse;
  std::uint32_t domain_size = 2;
  Epsilon epsilon = Epsilon::from_millis(1000);
  std::vector<std::string> categories;  // interest metrics only
};

// Errors with JSON pointers: unknown fields, a bad id, domain outside
// [2, 65536], epsilon outside (0, 10] (it is rounded to thousandths), both
// or neither of domain and categories, a bad or repeated category.
Result<MetricSpec> parse_metric_spec(const Json& value, const std::string& path);

struct LdpReport {
  std::string metric;
  Mechanism mechanism = Mechanism::kRandomizedResponse;
  std::uint32_t domain_size = 0;
  Epsilon epsilon = Epsilon::from_millis(1000);
  std::uint32_t value = 0;  // randomized response: the reported value
  PackedBits bits;          // OUE: (domain_size + 7) / 8 bytes

  // {"metric":..,"mechanism":"rr","domain":5,"epsilonMillis":1000,"value":3}
  // or, for OUE, "bits": base64 instead of "value".
  Json to_json() const;
  // Validates everything a collector must not trust: sizes, ranges, padding
  // bits beyond the domain being zero.
  static Result<LdpReport> from_json(const Json& value);
};

// Checks `value` < domain (kOutOfRange), charges the budget (kLimitExceeded,
// nothing spent), then randomizes. The budget is charged before any coin is
// drawn, so a refused report leaks nothing and changes no state.
Result<LdpReport> privatize(const MetricSpec& spec, std::uint32_t value, PrivacyBudget& budget,
                            std::int64_t now_ms, const BudgetPolicy& policy, SeededRandom& rng);

}  // namespace tessera::privacy
