// Private statistics costs: encoding one report, decoding a million, and a
// 100,000-device simulation reporting interval coverage as a counter.
#include <benchmark/benchmark.h>

#include <vector>

#include "tessera/privacy/estimate.hpp"

namespace tessera::privacy {
namespace {

void BM_EncodeOue64(benchmark::State& state) {
  auto oue = *OptimizedUnaryEncoding::create(64, Epsilon::from_millis(1000));
  SeededRandom rng(seed_from_u64(1), kStreamPrivacy);
  std::uint32_t v = 0;
  for (auto _ : state) benchmark::DoNotOptimize(oue.encode(++v % 64, rng));
}
BENCHMARK(BM_EncodeOue64);

void BM_DecodeMillionReports(benchmark::State& state) {
  const bool unary = state.range(0) == 1;
  const MetricSpec spec{"m", unary ? Mechanism::kOptimizedUnary : Mechanism::kRandomizedResponse,
                        unary ? 64u : 8u, Epsilon::from_millis(1000)};
  constexpr int kReports = 1'000'000;
  SeededRandom rng(seed_from_u64(2), kStreamPrivacy);
  std::vector<std::uint32_t> values;
  std::vector<PackedBits> bits;
  if (unary) {
    auto oue = *OptimizedUnaryEncoding::create(64, spec.epsilon);
    for (int i = 0; i < kReports; ++i) bits.push_back(oue.encode(i % 64, rng));
  } else {
    auto rr = *RandomizedResponse::create(8, spec.epsilon);
    for (int i = 0; i < kReports; ++i) values.push_back(rr.encode(i % 8, rng));
  }
  for (auto _ : state) {
    auto est = *FrequencyEstimator::create(spec);
    if (unary) {
      for (const auto& b : bits) est.add_bits(b);
    } else {
      for (auto v : values) est.add_value(v);
    }
    benchmark::DoNotOptimize(est.estimates());
  }
  state.SetItemsProcessed(state.iterations() * kReports);
  state.SetLabel(unary ? "oue d=64" : "rr d=8");
}
BENCHMARK(BM_DecodeMillionReports)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// 100,000 devices, Zipf-like truth over 32 values, OUE at epsilon 1.
void BM_Simulate100kDevicesCoverage(benchmark::State& state) {
  constexpr int kDevices = 100'000;
  constexpr std::uint32_t kDomain = 32;
  const MetricSpec spec{"m", Mechanism::kOptimizedUnary, kDomain, Epsilon::from_millis(1000)};
  auto oue = *OptimizedUnaryEncoding::create(kDomain, spec.epsilon);
  // Value k held by a share proportional to 1 / (k + 1) (Zipf, s = 1).
  double harmonic = 0;
  for (std::uint32_t k = 0; k < kDomain; ++k) harmonic += 1.0 / (k + 1);
  std::vector<std::uint32_t> people;
  std::vector<int> truth(kDomain, 0);
  for (std::uint32_t k = 0; k < kDomain; ++k) {
    truth[k] = static_cast<int>(kDevices / ((k + 1) * harmonic) + 0.5);
    people.insert(people.end(), static_cast<std::size_t>(truth[k]), k);
  }
  int covered = 0;
  int intervals = 0;
  std::uint64_t seed = 0;
  for (auto _ : state) {
    auto est = *FrequencyEstimator::create(spec);
    SeededRandom rng(seed_from_u64(++seed), kStreamPrivacy);
    for (auto v : people) est.add_bits(oue.encode(v, rng));
    for (const auto& e : est.estimates()) {
      ++intervals;
      covered += e.ci_low <= truth[e.value] && truth[e.value] <= e.ci_high;
    }
  }
  state.counters["coverage"] = static_cast<double>(covered) / intervals;
  state.counters["intervals"] = intervals;
}
BENCHMARK(BM_Simulate100kDevicesCoverage)->Unit(benchmark::kMillisecond)->Iterations(10);

}  // namespace
}  // namespace tessera::privacy
