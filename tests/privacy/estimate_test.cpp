// Decoders on simulated populations: estimates are unbiased and their 95%
// intervals cover the true counts at about the stated rate, for several true
// distributions and both mechanisms. Population sizes are Debug-sized
// (20,000 devices); bench/privacy_bench.cpp decodes a million reports.
#include "tessera/privacy/estimate.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include <gtest/gtest.h>

namespace tessera::privacy {
namespace {

// Assigns n devices to values so that value v holds round(n * weight_v).
std::vector<std::uint32_t> population(const std::vector<double>& weights, int n) {
  double total = 0;
  for (double w : weights) total += w;
  std::vector<std::uint32_t> out;
  for (std::uint32_t v = 0; v < weights.size(); ++v) {
    const int count = static_cast<int>(std::floor(n * weights[v] / total + 0.5));
    out.insert(out.end(), static_cast<std::size_t>(count), v);
  }
  return out;
}

struct Coverage {
  int covered = 0;
  int intervals = 0;
  double rate() const { return static_cast<double>(covered) / intervals; }
};

void simulate(const MetricSpec& spec, const std::vector<double>& weights, int devices,
              std::uint64_t seed, Coverage& coverage) {
  const std::vector<std::uint32_t> people = population(weights, devices);
  std::vector<int> truth(spec.domain_size, 0);
  for (auto v : people) ++truth[v];
  auto estimator = *FrequencyEstimator::create(spec);
  SeededRandom rng(seed_from_u64(seed), kStreamPrivacy);
  if (spec.mechanism == Mechanism::kRandomizedResponse) {
    auto rr = *RandomizedResponse::create(spec.domain_size, spec.epsilon);
    for (auto v : people) estimator.add_value(rr.encode(v, rng));
  } else {
    auto oue = *OptimizedUnaryEncoding::create(spec.domain_size, spec.epsilon);
    for (auto v : people) estimator.add_bits(oue.encode(v, rng));
  }
  ASSERT_EQ(estimator.reports(), static_cast<std::int64_t>(people.size()));
  for (const FrequencyEstimate& e : estimator.estimates()) {
    ++coverage.intervals;
    if (e.ci_low <= truth[e.value] && truth[e.value] <= e.ci_high) ++coverage.covered;
    EXPECT_GT(e.ci_high, e.ci_low);
  }
}

const std::vector<std::vector<double>> kDistributions = {
    {1, 1, 1, 1, 1, 1},      // uniform
    {50, 20, 10, 10, 5, 5},  // skewed
    {0, 0, 100, 0, 0, 0},    // everyone the same
};

TEST(FrequencyEstimator, RandomizedResponseIntervalsCoverAtTheStatedRate) {
  MetricSpec spec{"size", Mechanism::kRandomizedResponse, 6, Epsilon::from_millis(1500)};
  Coverage coverage;
  for (std::size_t dist = 0; dist < kDistributions.size(); ++dist) {
    for (std::uint64_t trial = 0; trial < 8; ++trial) {
      simulate(spec, kDistributions[dist], 20000, 1000 * dist + trial, coverage);
    }
  }
  EXPECT_EQ(coverage.intervals, 144);
  std::printf("rr coverage: %d/%d\n", coverage.covered, coverage.intervals);
  // Nominal 95%; with 144 intervals, 90% is over 3 standard errors below.
  EXPECT_GE(coverage.rate(), 0.90) << coverage.covered << "/" << coverage.intervals;
  EXPECT_LE(coverage.rate(), 1.00);
}

TEST(FrequencyEstimator, UnaryEncodingIntervalsCoverAtTheStatedRate) {
  std::vector<std::vector<double>> distributions;
  std::vector<double> zipf(32), uniform(32, 1.0), two(32, 0.0);
  for (int v = 0; v < 32; ++v) zipf[v] = 1.0 / (v + 1);
  two[4] = 3;
  two[20] = 1;
  MetricSpec spec{"category", Mechanism::kOptimizedUnary, 32, Epsilon::from_millis(1000)};
  Coverage coverage;
  std::uint64_t seed = 77;
  for (const auto& dist : {zipf, uniform, two}) {
    for (int trial = 0; trial < 2; ++trial) simulate(spec, dist, 20000, seed++, coverage);
  }
  EXPECT_EQ(coverage.intervals, 192);
  std::printf("oue coverage: %d/%d\n", coverage.covered, coverage.intervals);
  EXPECT_GE(coverage.rate(), 0.90) << coverage.covered << "/" << coverage.intervals;
}

TEST(FrequencyEstimator, EstimatesAreCloseAndRandomizedResponseSumsToN) {
  MetricSpec spec{"size", Mechanism::kRandomizedResponse, 6, Epsilon::from_millis(2000)};
  auto estimator = *FrequencyEstimator::create(spec);
  auto rr = *RandomizedResponse::create(6, spec.epsilon);
  SeededRandom rng(seed_from_u64(9), kStreamPrivacy);
  const auto people = population(kDistributions[1], 30000);
  for (auto v : people)
    ASSERT_TRUE(
        estimator.add({"size", spec.mechanism, 6, spec.epsilon, rr.encode(v, rng), {}}).ok());
  double sum = 0;
  const auto estimates = estimator.estimates();
  for (const auto& e : estimates) sum += e.count;
  EXPECT_NEAR(sum, 30000, 1e-6);  // p + (d - 1) q = 1 makes the sum exact
  EXPECT_NEAR(estimates[0].frequency, 0.5, 0.02);
  EXPECT_NEAR(estimates[5].frequency, 0.05, 0.02);
  // Variance formula at n_v = 0 reduces to Wang et al.'s n q (1 - q) / (p - q)^2.
  const auto pq = support_probabilities(spec.mechanism, 6, spec.epsilon);
  const double approx = 30000 * pq.q * (1 - pq.q) / ((pq.p - pq.q) * (pq.p - pq.q));
  EXPECT_GT(estimates[5].variance, approx);  // n_v > 0 adds p(1-p) - q(1-q) > 0 per holder
  EXPECT_LT(estimates[5].variance, 1.2 * approx);
}

TEST(FrequencyEstimator, RefusesMismatchedReportsAndMerges) {
  MetricSpec spec{"size", Mechanism::kOptimizedUnary, 12, Epsilon::from_millis(1000)};
  auto a = *FrequencyEstimator::create(spec);
  auto b = *FrequencyEstimator::create(spec);
  LdpReport good{"size", Mechanism::kOptimizedUnary, 12, spec.epsilon, 0, {0x01, 0x08}};
  ASSERT_TRUE(a.add(good).ok());
  ASSERT_TRUE(b.add(good).ok());
  LdpReport other_eps = good;
  other_eps.epsilon = Epsilon::from_millis(2000);
  EXPECT_EQ(a.add(other_eps).code(), Code::kInvalidValue);
  LdpReport short_bits = good;
  short_bits.bits = {0x01};
  EXPECT_EQ(a.add(short_bits).code(), Code::kInvalidValue);
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.reports(), 2);
  const auto est = a.estimates();  // bits 0 and 11 (in the partial byte) counted
  EXPECT_GT(est[0].count, est[1].count);
  EXPECT_GT(est[11].count, est[10].count);
  EXPECT_EQ(est[1].count, est[10].count);
  auto c = *FrequencyEstimator::create({"other", Mechanism::kOptimizedUnary, 12, spec.epsilon});
  EXPECT_EQ(a.merge(c).code(), Code::kInvalidValue);
  const Json j = a.to_json();
  EXPECT_EQ(j["reports"], 2);
  EXPECT_EQ(j["estimates"].size(), 12u);
}

TEST(FrequencyEstimator, NoReportsGiveZeros) {
  auto e = *FrequencyEstimator::create(
      {"m", Mechanism::kRandomizedResponse, 3, Epsilon::from_millis(1000)});
  for (const auto& x : e.estimates()) EXPECT_EQ(x.count, 0);
}

}  // namespace
}  // namespace tessera::privacy
