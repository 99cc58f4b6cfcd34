// The fast ranking (compiled candidate set, heaps popped only as far as the
// slots need, explanations for returned items only) against a plain
// reference written straight from the model in ranking.hpp: score every
// candidate, sort both pools completely, fill slots in order. Random
// profiles, candidate lists, exposure logs and configs (Thompson and
// epsilon-greedy, diversity, caps, discovery) must give identical rankings.
#include <algorithm>
#include <cmath>
#include <map>

#include <gtest/gtest.h>

#include "tessera/personal/ranking.hpp"

namespace tessera::personal {
namespace {

constexpr std::int64_t kNow = 1717430400000 + 10 * kDayMs;

struct RefEntry {
  std::size_t index;
  double match = 0;
  double explore = 0;
  double score = 0;
  Explanation why;
  std::vector<std::string> categories;
};

Ranking reference_rank(const std::vector<Candidate>& candidates, const AffinityTable& table,
                       const ExposureLog& exposure, const RankingConfig& config,
                       const RandomSeed& seed, const std::vector<bool>& eligible) {
  std::map<std::string, std::pair<int, std::int64_t>> shown;  // shows in 24 h, last show
  for (const Show& s : exposure.shows) {
    if (s.at_ms > kNow) continue;
    auto& x = shown.emplace(s.item_id, std::pair<int, std::int64_t>{0, -1}).first->second;
    if (s.at_ms > kNow - kDayMs) ++x.first;
    x.second = std::max(x.second, s.at_ms);
  }
  Ranking out;
  SeededRandom rng(seed, kStreamRanking);
  std::vector<RefEntry> matched, unmatched;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (!c.eligible || !eligible[i]) {
      out.excluded.push_back({c.id, ExclusionReason::kIneligible, i});
      continue;
    }
    auto x = shown.find(c.id);
    if (x != shown.end() && x->second.first >= config.max_per_day) {
      out.excluded.push_back({c.id, ExclusionReason::kDailyCap, i});
      continue;
    }
    if (x != shown.end() && x->second.second >= 0 && kNow - x->second.second < config.min_gap_ms) {
      out.excluded.push_back({c.id, ExclusionReason::kMinGap, i});
      continue;
    }
    RefEntry e{i};
    auto consider = [&](const std::string& id, const Affinity* a, double scale, bool via_tag) {
      if (a == nullptr || a->relative * scale <= e.match) return;
      e.match = a->relative * scale;
      e.why.reason = Reason::kAffinity;
      e.why.category = id;
      e.why.via_tag = via_tag;
      const bool recent = a->recent_events > 0;
      e.why.events = recent ? a->recent_events : a->events;
      e.why.window_days =
          static_cast<int>((recent ? table.evidence_window_ms() : table.retention_ms()) / kDayMs);
    };
    for (const auto& id : c.categories) consider(id, table.category(id), 1.0, false);
    if (config.tag_weight > 0) {
      for (const auto& id : c.tags) consider(id, table.tag(id), config.tag_weight, true);
    }
    auto fb = exposure.feedback.find(c.id);
    const ItemFeedback f = fb == exposure.feedback.end() ? ItemFeedback{} : fb->second;
    e.explore = config.strategy == ExplorationStrategy::kThompson ? thompson_sample(f, rng)
                                                                  : posterior_mean(f);
    e.score = config.affinity_weight * e.match + config.exploration_weight * e.explore;
    for (const auto& cat : c.categories) {
      if (std::find(e.categories.begin(), e.categories.end(), cat) == e.categories.end()) {
        e.categories.push_back(cat);
      }
    }
    (e.match > 0 ? matched : unmatched).push_back(e);
  }
  auto by_score = [](const RefEntry& a, const RefEntry& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  };
  std::sort(matched.begin(), matched.end(), by_score);
  std::sort(unmatched.begin(), unmatched.end(), by_score);
  std::vector<bool> taken_m(matched.size()), taken_u(unmatched.size());
  std::map<std::string, int> per_category;
  auto feasible = [&](const RefEntry& e) {
    for (const auto& cat : e.categories) {
      if (per_category[cat] >= config.max_per_category) return false;
    }
    return true;
  };
  auto pick = [&](std::vector<RefEntry>& pool, std::vector<bool>& taken, bool random) -> RefEntry* {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (!taken[i] && feasible(pool[i])) open.push_back(i);
    }
    if (open.empty()) return nullptr;
    const std::size_t i = random ? open[rng.uniform_below(open.size())] : open[0];
    taken[i] = true;
    return &pool[i];
  };
  const std::size_t k = config.slots;
  const auto d =
      static_cast<std::size_t>(std::floor(config.discovery_share * static_cast<double>(k) + 0.5));
  for (std::size_t j = 0; j < k; ++j) {
    const bool discovery = (j + 1) * d / k > j * d / k;
    const bool random = config.strategy == ExplorationStrategy::kEpsilonGreedy &&
                        rng.bernoulli(Chance::of(config.epsilon));
    RefEntry* e = discovery ? pick(unmatched, taken_u, random) : pick(matched, taken_m, random);
    if (e == nullptr) {
      e = discovery ? pick(matched, taken_m, random) : pick(unmatched, taken_u, random);
    }
    if (e == nullptr) break;
    for (const auto& cat : e->categories) ++per_category[cat];
    RankedItem item;
    item.id = candidates[e->index].id;
    item.candidate_index = e->index;
    item.score = e->score;
    item.match = e->match;
    item.explore = e->explore;
    item.explanation = e->why;
    if (random) item.explanation = Explanation{Reason::kExploration};
    out.items.push_back(item);
  }
  return out;
}

std::string describe(const Ranking& r) {
  std::string out;
  for (const auto& item : r.items) {
    out += item.id + "(" + dump_json(item.explanation.to_json()) + ")" +
           std::to_string(item.score) + " ";
  }
  out += "| ";
  for (const auto& x : r.excluded) {
    out += x.id + ":" + std::string(exclusion_reason_name(x.reason)) + " ";
  }
  return out;
}

TEST(RankingReference, FastRankingEqualsThePlainDefinition) {
  SeededRandom world(seed_from_u64(99), 7);
  int compared = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int n_categories = 3 + static_cast<int>(world.uniform_below(30));
    const int n_tags = 1 + static_cast<int>(world.uniform_below(10));
    auto category = [&] { return "c" + std::to_string(world.uniform_below(n_categories)); };
    auto tag = [&] { return "t" + std::to_string(world.uniform_below(n_tags)); };

    ProfileConfig pc;
    Profile profile;
    const int events = static_cast<int>(world.uniform_below(60));
    for (int i = 0; i < events; ++i) {
      Event e{kNow - static_cast<std::int64_t>(world.uniform_below(20 * kDayMs)),
              static_cast<EventType>(world.uniform_below(5)),
              {category()},
              {},
              {}};
      if (world.uniform_below(2) == 0) e.tags.push_back(tag());
      ASSERT_TRUE(profile.record(std::move(e), pc).ok());
    }
    std::vector<Candidate> candidates;
    std::vector<bool> eligible;
    const int n = 1 + static_cast<int>(world.uniform_below(80));
    for (int i = 0; i < n; ++i) {
      Candidate c{"item-" + std::to_string(i), {}, {}, world.uniform_below(10) != 0};
      const int cats = static_cast<int>(world.uniform_below(4));
      for (int k = 0; k < cats; ++k) c.categories.push_back(category());  // may repeat
      if (world.uniform_below(2) == 0) c.tags.push_back(tag());
      candidates.push_back(c);
      eligible.push_back(world.uniform_below(8) != 0);
    }
    ExposureLog exposure;
    for (int i = 0; i < n; ++i) {
      if (world.uniform_below(3) != 0) continue;
      const auto impressions = static_cast<std::int64_t>(world.uniform_below(30));
      exposure.feedback["item-" + std::to_string(i)] = {
          impressions, static_cast<std::int64_t>(world.uniform_below(impressions + 1))};
      if (world.uniform_below(2) == 0) {
        exposure.shows.push_back(
            {"item-" + std::to_string(i),
             kNow - static_cast<std::int64_t>(world.uniform_below(2 * kDayMs))});
      }
    }
    exposure.shows.push_back({"not-a-candidate", kNow - kHourMs});
    RankingConfig config;
    config.slots = 1 + world.uniform_below(12);
    config.strategy = world.uniform_below(2) == 0 ? ExplorationStrategy::kThompson
                                                  : ExplorationStrategy::kEpsilonGreedy;
    config.epsilon = 0.05 + 0.9 * world.unit();
    config.tag_weight = world.uniform_below(3) == 0 ? 0.0 : world.unit();
    config.discovery_share = world.unit() * 0.6;
    config.max_per_category = 1 + static_cast<int>(world.uniform_below(3));
    config.max_per_day = 1 + static_cast<int>(world.uniform_below(3));
    config.min_gap_ms = static_cast<std::int64_t>(world.uniform_below(3)) * kHourMs;

    const AffinityTable table = profile.affinity(kNow, Context{}, pc);
    auto set = CandidateSet::compile(candidates);
    ASSERT_TRUE(set.ok());
    for (std::uint64_t s = 0; s < 5; ++s) {
      const RandomSeed seed = seed_from_u64(1000 * trial + s);
      auto fast = rank(*set, table, exposure, kNow, config, seed, eligible);
      ASSERT_TRUE(fast.ok()) << fast.status().to_string();
      const Ranking slow = reference_rank(candidates, table, exposure, config, seed, eligible);
      ASSERT_EQ(describe(*fast), describe(slow)) << "trial " << trial << " seed " << s;
      ++compared;
    }
  }
  EXPECT_EQ(compared, 300);
}

TEST(RankingReference, EligibilityMaskMustMatchTheSet) {
  auto set = CandidateSet::compile({{"a", {"x"}, {}, true}, {"b", {"y"}, {}, true}});
  ASSERT_TRUE(set.ok());
  auto r = rank(*set, AffinityTable{}, ExposureLog{}, kNow, RankingConfig{}, seed_from_u64(1),
                std::vector<bool>{true});
  EXPECT_EQ(r.status().code(), Code::kInvalidValue);
  EXPECT_EQ(r.status().path(), "/eligible");
  EXPECT_EQ(
      rank(CandidateSet{}, AffinityTable{}, ExposureLog{}, kNow, RankingConfig{}, seed_from_u64(1))
          .status()
          .path(),
      "/candidates");
}

TEST(CandidateSet, InternsAndChecksOnce) {
  auto set = CandidateSet::compile({{"b", {"shoes", "socks", "shoes"}, {"trail"}, true},
                                    {"a", {"socks"}, {}, true},
                                    {"c", {}, {"road", "trail"}, true}});
  ASSERT_TRUE(set.ok()) << set.status().to_string();
  EXPECT_EQ(set->category_ids(), (std::vector<std::string>{"shoes", "socks"}));
  EXPECT_EQ(set->tag_ids(), (std::vector<std::string>{"road", "trail"}));
  std::vector<std::uint32_t> b_categories(set->categories_of(0).begin(),
                                          set->categories_of(0).end());
  EXPECT_EQ(b_categories, (std::vector<std::uint32_t>{0, 1}));  // "shoes" once
  EXPECT_EQ(set->tags_of(1).size(), 0u);
  std::vector<std::uint32_t> c_tags(set->tags_of(2).begin(), set->tags_of(2).end());
  EXPECT_EQ(c_tags, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(set->find("a"), std::optional<std::size_t>(1));
  EXPECT_EQ(set->find("c"), std::optional<std::size_t>(2));
  EXPECT_EQ(set->find("d"), std::nullopt);

  // Errors name the first candidate at fault, in list order.
  auto err = [](std::vector<Candidate> c) { return CandidateSet::compile(std::move(c)).status(); };
  EXPECT_EQ(err({}).path(), "/candidates");
  EXPECT_EQ(
      err({{"x", {}, {}, true}, {"y", {}, {}, true}, {"x", {}, {}, true}, {"y", {}, {}, true}})
          .path(),
      "/candidates/2/id");
  EXPECT_EQ(err({{"x", {}, {}, true}, {"x", {}, {}, true}}).message(),
            "the same id as /candidates/0");
  EXPECT_EQ(err({{"z", {}, {}, true}, {"bad id", {}, {}, true}, {"z", {}, {}, true}}).path(),
            "/candidates/1/id");
  EXPECT_EQ(err({{"z", {}, {}, true}, {"z", {}, {}, true}, {"bad id", {}, {}, true}}).path(),
            "/candidates/1/id");
  EXPECT_EQ(err(std::vector<Candidate>(kMaxCandidates + 1, {"x", {}, {}, true})).code(),
            Code::kLimitExceeded);
}

}  // namespace
}  // namespace tessera::personal
