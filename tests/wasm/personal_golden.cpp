// Determinism check for tessera::personal and tessera::privacy: prints
// affinity scores (hex floats), rankings with Thompson and epsilon-greedy
// exploration, the "Your data" export, a sealed profile digest and 20 LDP
// reports. scripts/check-personal-determinism.sh builds it natively and with
// Emscripten and requires byte-identical output.
#include <cstdio>
#include "tessera/personal/profile_storage.hpp"
#include "tessera/personal/ranking.hpp"
#include "tessera/privacy/report.hpp"
using namespace tessera;
using namespace tessera::personal;
int main() {
  const std::int64_t t0 = 1717430400000;
  ProfileConfig pc;
  Profile p;
  for (int i = 0; i < 300; ++i) {
    Event e{t0 + i * 37 * kMinuteMs,
            static_cast<EventType>(i % 5),
            {"cat-" + std::to_string(i % 40)},
            {"tag-" + std::to_string(i % 9)},
            Context{60 * (i % 3), static_cast<DeviceClass>(i % 4), i % 2 ? "product" : "home"}};
    if (!p.record(e, pc).ok()) return 1;
  }
  const std::int64_t now = t0 + 12 * kDayMs + 5 * kHourMs;
  Context ctx{60, DeviceClass::kMobile, "product"};
  AffinityTable table = p.affinity(now, ctx, pc);
  for (const auto& [id, a] : table.categories())
    std::printf("%s %a %a\n", id.c_str(), a.score, a.relative);
  std::vector<Candidate> cands;
  for (int i = 0; i < 60; ++i)
    cands.push_back({"item-" + std::to_string(i),
                     {"cat-" + std::to_string(i % 50)},
                     {"tag-" + std::to_string(i % 12)},
                     true});
  ExposureLog ex;
  for (int i = 0; i < 60; i += 2) ex.feedback["item-" + std::to_string(i)] = {i * 3, i % 7};
  for (int strategy = 0; strategy < 2; ++strategy) {
    RankingConfig rc;
    rc.slots = 10;
    rc.strategy = strategy ? ExplorationStrategy::kEpsilonGreedy : ExplorationStrategy::kThompson;
    rc.epsilon = 0.3;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      auto r = rank(cands, table, ex, now, rc, seed_from_u64(seed));
      std::printf("%s\n", dump_json(r->to_json()).c_str());
      for (auto& it : r->items) std::printf("%a %a ", it.score, it.explore);
      std::printf("\n");
    }
  }
  std::printf("%s\n", dump_json(export_profile(p, now, pc)).c_str());
  StorageKey key{};
  key.fill(3);
  StorageNonce nonce{};
  nonce.fill(4);
  auto blob = seal_profile(p, key, nonce);
  unsigned h = 0;
  for (auto b : blob) h = h * 31 + b;
  std::printf("sealed %zu %08x\n", blob.size(), h);
  privacy::BudgetPolicy policy{1000000, 1000000};
  privacy::PrivacyBudget budget;
  SeededRandom rng(seed_from_u64(99), kStreamPrivacy);
  for (int i = 0; i < 20; ++i) {
    privacy::MetricSpec spec{
        "m", i % 2 ? privacy::Mechanism::kOptimizedUnary : privacy::Mechanism::kRandomizedResponse,
        37, privacy::Epsilon::from_millis(700 + i * 100)};
    std::printf("%s\n",
                dump_json(privatize(spec, i % 37, budget, now, policy, rng)->to_json()).c_str());
  }
}
