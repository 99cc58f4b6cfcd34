// Personalization costs: recording one event, computing affinity for a
// 200-category profile, and ranking 1,000 candidates against it.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "tessera/personal/ranking.hpp"

namespace tessera::personal {
namespace {

constexpr std::int64_t kT0 = 1717430400000;

// 1,000 events over 20 days spread across 200 categories and 50 tags.
Profile full_profile(const ProfileConfig& config) {
  Profile p;
  for (int i = 0; i < 1000; ++i) {
    Event e{kT0 + i * 29 * kMinuteMs,
            static_cast<EventType>(i % 5),
            {"cat-" + std::to_string(i % 200), "cat-" + std::to_string((i * 7) % 200)},
            {"tag-" + std::to_string(i % 50)},
            Context{60, DeviceClass::kMobile, i % 3 == 0 ? "product" : "home"}};
    (void)p.record(std::move(e), config);
  }
  return p;
}

std::vector<Candidate> candidates(int n) {
  std::vector<Candidate> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({"item-" + std::to_string(i),
                   {"cat-" + std::to_string((i * 13) % 400)},
                   {"tag-" + std::to_string(i % 80)},
                   i % 10 != 0});
  }
  return out;
}

void BM_RecordEvent(benchmark::State& state) {
  ProfileConfig config;
  Profile p = full_profile(config);
  std::int64_t t = kT0 + 1000 * 29 * kMinuteMs;
  int i = 0;
  for (auto _ : state) {
    Event e{t, EventType::kView, {"cat-" + std::to_string(i % 200)}, {"tag-1"}, Context{}};
    t += kMinuteMs;
    ++i;
    benchmark::DoNotOptimize(p.record(std::move(e), config));
  }
}
BENCHMARK(BM_RecordEvent);

void BM_Affinity200Categories(benchmark::State& state) {
  ProfileConfig config;
  Profile p = full_profile(config);
  const Context now{60, DeviceClass::kMobile, "product"};
  for (auto _ : state) {
    benchmark::DoNotOptimize(p.affinity(kT0 + 21 * kDayMs, now, config));
  }
}
BENCHMARK(BM_Affinity200Categories)->Unit(benchmark::kMicrosecond);

// Candidates compiled once (as the engine keeps them); Arg 0 Thompson,
// 1 epsilon-greedy. A third of the items have click history.
void BM_Rank1000Candidates(benchmark::State& state) {
  ProfileConfig config;
  Profile p = full_profile(config);
  const std::int64_t now = kT0 + 21 * kDayMs;
  const AffinityTable table = p.affinity(now, Context{}, config);
  const CandidateSet items = *CandidateSet::compile(candidates(1000));
  ExposureLog exposure;
  for (int i = 0; i < 1000; i += 3) {
    exposure.feedback["item-" + std::to_string(i)] = {100 + i, i % 17};
    exposure.shows.push_back({"item-" + std::to_string(i), now - (i % 48) * kHourMs});
  }
  RankingConfig rc;
  rc.slots = 10;
  rc.strategy =
      state.range(0) == 0 ? ExplorationStrategy::kThompson : ExplorationStrategy::kEpsilonGreedy;
  std::uint64_t seed = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(rank(items, table, exposure, now, rc, seed_from_u64(++seed)));
  }
  state.SetLabel(state.range(0) == 0 ? "thompson" : "epsilon_greedy");
}
BENCHMARK(BM_Rank1000Candidates)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// Checking and interning 1,000 candidates: what a list given on every call
// adds, before any JSON.
void BM_CompileCandidateSet1000(benchmark::State& state) {
  const auto items = candidates(1000);
  for (auto _ : state) benchmark::DoNotOptimize(CandidateSet::compile(items));
}
BENCHMARK(BM_CompileCandidateSet1000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tessera::personal
