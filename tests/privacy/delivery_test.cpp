// Delivery of LDP reports: the collector body carries nothing but the
// metric, its parameters and the randomized output; send times are spread
// over the configured window; absurd policies and interest metrics are
// errors with pointers. Stored reports (the collector's rows) decode exactly
// as parsed reports do, and rows that do not fit the metric are refused.
#include "tessera/privacy/delivery.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "tessera/privacy/estimate.hpp"

#include <gtest/gtest.h>

namespace tessera::privacy {
namespace {

TEST(Delivery, CollectorBodyHasOnlyMetricParametersAndOutput) {
  MetricSpec rr_spec{"top", Mechanism::kRandomizedResponse, 5, Epsilon::from_millis(1000)};
  MetricSpec oue_spec{"wide", Mechanism::kOptimizedUnary, 12, Epsilon::from_millis(500)};
  PrivacyBudget budget;
  SeededRandom rng(seed_from_u64(1), kStreamPrivacy);
  auto rr = privatize(rr_spec, 3, budget, 0, BudgetPolicy{}, rng);
  auto oue = privatize(oue_spec, 7, budget, 0, BudgetPolicy{}, rng);
  ASSERT_TRUE(rr.ok() && oue.ok());
  const Json a = collector_body(*rr, "shop");
  EXPECT_EQ(a["v"], 1);
  EXPECT_EQ(a["site"], "shop");
  EXPECT_EQ(a["metric"], "top");
  EXPECT_EQ(a["epsilon"], 1.0);
  EXPECT_EQ(a["encoding"], "rr-5");
  EXPECT_TRUE(a["report"].is_number_integer());
  EXPECT_EQ(a.size(), 6u);  // exactly what POST /v1/ldp accepts, nothing more
  const Json b = collector_body(*oue, "shop");
  EXPECT_EQ(b["encoding"], "oue-12");
  EXPECT_EQ(b["epsilon"], 0.5);
  EXPECT_TRUE(b["report"].is_string());
  EXPECT_EQ(b.size(), 6u);
}

TEST(Delivery, SendTimesSpreadOverTheWindow) {
  DeliveryPolicy policy;
  policy.min_delay_ms = 60'000;
  policy.max_delay_ms = 3'600'000;
  std::set<std::int64_t> buckets;
  std::int64_t lo = INT64_MAX;
  std::int64_t hi = 0;
  for (std::uint64_t s = 0; s < 2000; ++s) {
    SeededRandom rng(seed_from_u64(s), kStreamDelivery);
    const std::int64_t delay = draw_send_time(policy, 1'000'000, rng) - 1'000'000;
    ASSERT_GE(delay, policy.min_delay_ms);
    ASSERT_LE(delay, policy.max_delay_ms);
    lo = std::min(lo, delay);
    hi = std::max(hi, delay);
    // Ten equal buckets of the window.
    buckets.insert((delay - policy.min_delay_ms) * 10 /
                   (policy.max_delay_ms - policy.min_delay_ms + 1));
  }
  EXPECT_EQ(buckets.size(), 10u);
  EXPECT_LT(lo, 60'000 + 10'000);
  EXPECT_GT(hi, 3'600'000 - 10'000);
  // A zero-width window is exact.
  policy.max_delay_ms = policy.min_delay_ms;
  SeededRandom rng(seed_from_u64(1), kStreamDelivery);
  EXPECT_EQ(draw_send_time(policy, 5, rng), 5 + 60'000);
}

TEST(Delivery, AbsurdPoliciesAreErrorsWithPointers) {
  auto err = [](const char* text) {
    return parse_delivery_policy(Json::parse(text), "/privacy/delivery").status();
  };
  EXPECT_TRUE(err("{}").ok());
  EXPECT_EQ(err(R"({"minDelaySeconds": -1})").path(), "/privacy/delivery/minDelaySeconds");
  EXPECT_EQ(err(R"({"maxDelaySeconds": 700000})").path(), "/privacy/delivery/maxDelaySeconds");
  EXPECT_EQ(err(R"({"minDelaySeconds": 90, "maxDelaySeconds": 60})").path(),
            "/privacy/delivery/minDelaySeconds");
  EXPECT_EQ(err(R"({"jitter": 5})").code(), Code::kUnknownField);
  auto ok =
      parse_delivery_policy(Json::parse(R"({"minDelaySeconds": 0, "maxDelaySeconds": 2})"), "/d");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->min_delay_ms, 0);
  EXPECT_EQ(ok->max_delay_ms, 2000);
}

TEST(MetricSpec, InterestMetricsTakeTheirDomainFromTheCategories) {
  auto spec = parse_metric_spec(
      Json::parse(R"({"metric": "top-interest", "categories": ["shoes", "socks", "hats"]})"), "/m");
  ASSERT_TRUE(spec.ok()) << spec.status().to_string();
  EXPECT_EQ(spec->domain_size, 4u);  // three categories and "none of these"
  EXPECT_EQ(spec->categories.size(), 3u);
  auto err = [](const char* text) { return parse_metric_spec(Json::parse(text), "/m").status(); };
  EXPECT_EQ(err(R"({"metric": "t", "categories": ["a"], "domain": 2})").path(), "/m/domain");
  EXPECT_EQ(err(R"({"metric": "t", "categories": []})").path(), "/m/categories");
  EXPECT_EQ(err(R"({"metric": "t", "categories": ["a", "a"]})").path(), "/m/categories/1");
  EXPECT_EQ(err(R"({"metric": "t", "categories": ["a b"]})").path(), "/m/categories/0");
  EXPECT_EQ(err(R"({"metric": "t", "categories": [3]})").path(), "/m/categories/0");
  EXPECT_EQ(err(R"({"metric": "t"})").path(), "/m/domain");
  EXPECT_EQ(err(R"({"metric": "t"})").code(), Code::kMissingField);
}

// What the collector stores of a body: encoding, epsilon, report as JSON text.
struct Row {
  std::string encoding;
  double epsilon;
  std::string report_json;
};
Row stored(const LdpReport& report) {
  const Json body = collector_body(report, "shop");
  return {body["encoding"].get<std::string>(), body["epsilon"].get<double>(),
          dump_json(body["report"])};
}

TEST(StoredReports, DecodeExactlyLikeParsedReports) {
  for (const MetricSpec& spec :
       {MetricSpec{"a", Mechanism::kRandomizedResponse, 6, Epsilon::from_millis(1500)},
        MetricSpec{"b", Mechanism::kOptimizedUnary, 13, Epsilon::from_millis(700)}}) {
    auto parsed = *FrequencyEstimator::create(spec);
    auto from_rows = *FrequencyEstimator::create(spec);
    SeededRandom rng(seed_from_u64(3), kStreamPrivacy);
    BudgetPolicy unlimited{10000, 10000};
    for (std::uint32_t i = 0; i < 500; ++i) {
      PrivacyBudget budget;
      auto report = privatize(spec, i % spec.domain_size, budget, 0, unlimited, rng);
      ASSERT_TRUE(report.ok());
      ASSERT_TRUE(parsed.add(*report).ok());
      const Row row = stored(*report);
      ASSERT_TRUE(from_rows.add_stored(row.encoding, row.epsilon, row.report_json).ok())
          << row.report_json;
    }
    EXPECT_EQ(dump_json(parsed.to_json()), dump_json(from_rows.to_json()));
  }
}

TEST(StoredReports, RowsThatDoNotFitAreRejectedAndNotCounted) {
  auto rr = *FrequencyEstimator::create(
      MetricSpec{"a", Mechanism::kRandomizedResponse, 6, Epsilon::from_millis(1000)});
  EXPECT_EQ(rr.add_stored("rr-5", 1.0, "3").path(), "/encoding");
  EXPECT_EQ(rr.add_stored("oue-6", 1.0, "3").path(), "/encoding");
  EXPECT_EQ(rr.add_stored("rr-6", 1.5, "3").path(), "/epsilon");
  for (const char* bad : {"6", "-1", "3.5", "", "\"3\"", "3 ", "1e0", "99999999999"}) {
    EXPECT_EQ(rr.add_stored("rr-6", 1.0, bad).path(), "/report") << bad;
  }
  EXPECT_EQ(rr.reports(), 0);
  EXPECT_TRUE(rr.add_stored("rr-6", 1.0, "5").ok());
  EXPECT_TRUE(rr.add_stored("rr-6", 1.0004, "0").ok());  // the collector keeps a double
  EXPECT_EQ(rr.reports(), 2);

  auto oue = *FrequencyEstimator::create(
      MetricSpec{"b", Mechanism::kOptimizedUnary, 12, Epsilon::from_millis(1000)});
  // 12 bits: two bytes, the top 4 bits of the second must be zero.
  EXPECT_TRUE(oue.add_stored("oue-12", 1.0, "\"/w8=\"").ok());             // ff 0f
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "\"/x8=\"").path(), "/report");  // ff 1f: padding set
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "\"/w==\"").path(), "/report");  // one byte
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "\"/w8A\"").path(), "/report");  // three bytes
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "\"/w8=").path(), "/report");
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "7").path(), "/report");
  EXPECT_EQ(oue.add_stored("oue-12", 1.0, "\"!!!!\"").path(), "/report");
  EXPECT_EQ(oue.reports(), 1);
  const auto e = oue.estimates();
  EXPECT_EQ(e.size(), 12u);
}

}  // namespace
}  // namespace tessera::privacy
