// Slot-by-slot ranking with exploration, discovery slots, frequency caps and
// diversity; the model is described in tessera/personal/ranking.hpp.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "tessera/personal/ranking.hpp"

namespace tessera::personal {
namespace {

constexpr std::size_t kMaxCandidates = 10000;

struct Exposure {
  int shows_last_day = 0;
  std::int64_t last_ms = -1;
};

struct Entry {
  std::size_t index = 0;
  double match = 0;
  double explore = 0;
  double score = 0;
  Explanation why;
  std::vector<std::string_view> categories;  // deduplicated
};

Status check_candidates(const std::vector<Candidate>& candidates) {
  if (candidates.empty()) {
    return Status(Code::kInvalidValue, "nothing to rank: the candidate list is empty",
                  "/candidates");
  }
  if (candidates.size() > kMaxCandidates) {
    return Status(Code::kLimitExceeded, "at most 10000 candidates", "/candidates");
  }
  std::map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    // Paths are built only on failure: this loop runs on every ranking.
    auto at = [i] { return pointer_join(pointer_join("/candidates", i), "id"); };
    Status valid = check_id(candidates[i].id, "");
    if (!valid.ok()) return Status(valid.code(), valid.message(), at());
    if (!seen.emplace(candidates[i].id, i).second) {
      return Status(Code::kDuplicateId,
                    "the same id as /candidates/" + std::to_string(seen[candidates[i].id]), at());
    }
  }
  return Status::Ok();
}

// The strongest match among the item's categories and (scaled) tags, with
// the evidence for the explanation.
void score_match(const Candidate& c, const AffinityTable& table, double tag_weight, Entry& e) {
  const auto days = [](std::int64_t ms) { return static_cast<int>(ms / kDayMs); };
  auto consider = [&](const std::string& id, const Affinity* a, double scale, bool via_tag) {
    if (a == nullptr || a->relative * scale <= e.match) return;
    e.match = a->relative * scale;
    e.why.reason = Reason::kAffinity;
    e.why.category = id;
    e.why.via_tag = via_tag;
    // Be truthful: "this week" only when there was activity this week.
    const bool recent = a->recent_events > 0;
    e.why.events = recent ? a->recent_events : a->events;
    e.why.window_days = days(recent ? table.evidence_window_ms() : table.retention_ms());
  };
  for (const auto& id : c.categories) consider(id, table.category(id), 1.0, false);
  if (tag_weight > 0) {
    for (const auto& id : c.tags) consider(id, table.tag(id), tag_weight, true);
  }
}

// Slot j (of k) is a discovery slot when the running quota floor((j+1)d/k)
// steps up: d slots spread evenly, the first not at the top.
bool discovery_slot(std::size_t j, std::size_t d, std::size_t k) {
  return (j + 1) * d / k > j * d / k;
}

}  // namespace

Result<Ranking> rank(const std::vector<Candidate>& candidates, const AffinityTable& affinity,
                     const ExposureLog& exposure, std::int64_t now_ms, const RankingConfig& config,
                     const RandomSeed& seed, const Eligibility& eligible) {
  TESSERA_RETURN_IF_ERROR(validate_ranking_config(config));
  TESSERA_RETURN_IF_ERROR(check_candidates(candidates));

  std::map<std::string_view, Exposure> shown;
  for (const Show& s : exposure.shows) {
    if (s.at_ms > now_ms) continue;  // a clock that went backwards: ignore the future
    Exposure& x = shown[s.item_id];
    if (s.at_ms > now_ms - kDayMs) ++x.shows_last_day;
    x.last_ms = std::max(x.last_ms, s.at_ms);
  }

  Ranking out;
  SeededRandom rng(seed, kStreamRanking);
  std::vector<Entry> matched;
  std::vector<Entry> unmatched;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (!c.eligible || (eligible && !eligible(c))) {
      out.excluded.push_back({c.id, ExclusionReason::kIneligible});
      continue;
    }
    auto x = shown.find(c.id);
    if (x != shown.end() && x->second.shows_last_day >= config.max_per_day) {
      out.excluded.push_back({c.id, ExclusionReason::kDailyCap});
      continue;
    }
    if (x != shown.end() && x->second.last_ms >= 0 &&
        now_ms - x->second.last_ms < config.min_gap_ms) {
      out.excluded.push_back({c.id, ExclusionReason::kMinGap});
      continue;
    }
    Entry e;
    e.index = i;
    score_match(c, affinity, config.tag_weight, e);
    auto fb = exposure.feedback.find(c.id);
    const ItemFeedback feedback = fb == exposure.feedback.end() ? ItemFeedback{} : fb->second;
    // One Thompson draw per surviving candidate, in candidate order, so the
    // draws do not depend on how the pools sort.
    e.explore = config.strategy == ExplorationStrategy::kThompson ? thompson_sample(feedback, rng)
                                                                  : posterior_mean(feedback);
    e.score = config.affinity_weight * e.match + config.exploration_weight * e.explore;
    for (const auto& cat : c.categories) {
      if (std::find(e.categories.begin(), e.categories.end(), cat) == e.categories.end()) {
        e.categories.push_back(cat);
      }
    }
    (e.match > 0 ? matched : unmatched).push_back(std::move(e));
  }

  auto by_score = [](const Entry& a, const Entry& b) {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  };
  std::sort(matched.begin(), matched.end(), by_score);
  std::sort(unmatched.begin(), unmatched.end(), by_score);
  std::vector<bool> taken_matched(matched.size(), false);
  std::vector<bool> taken_unmatched(unmatched.size(), false);
  std::map<std::string_view, int> per_category;

  auto feasible = [&](const Entry& e) {
    for (auto cat : e.categories) {
      auto it = per_category.find(cat);
      if (it != per_category.end() && it->second >= config.max_per_category) return false;
    }
    return true;
  };
  // Best feasible entry of a pool, or a uniform random feasible one.
  auto pick = [&](std::vector<Entry>& pool, std::vector<bool>& taken, bool random) -> Entry* {
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (taken[i] || !feasible(pool[i])) continue;
      if (!random) {
        taken[i] = true;
        return &pool[i];
      }
      open.push_back(i);
    }
    if (open.empty()) return nullptr;
    const std::size_t i = open[rng.uniform_below(open.size())];
    taken[i] = true;
    return &pool[i];
  };

  const std::size_t k = config.slots;
  const auto discovery =
      static_cast<std::size_t>(std::floor(config.discovery_share * static_cast<double>(k) + 0.5));
  for (std::size_t j = 0; j < k; ++j) {
    const bool prefer_discovery = discovery_slot(j, discovery, k);
    const bool random = config.strategy == ExplorationStrategy::kEpsilonGreedy &&
                        rng.bernoulli(Chance::of(config.epsilon));
    Entry* chosen = prefer_discovery ? pick(unmatched, taken_unmatched, random)
                                     : pick(matched, taken_matched, random);
    if (chosen == nullptr) {
      chosen = prefer_discovery ? pick(matched, taken_matched, random)
                                : pick(unmatched, taken_unmatched, random);
    }
    if (chosen == nullptr) break;  // caps and diversity leave nothing for this slot
    for (auto cat : chosen->categories) ++per_category[cat];
    RankedItem item;
    item.id = candidates[chosen->index].id;
    item.candidate_index = chosen->index;
    item.score = chosen->score;
    item.match = chosen->match;
    item.explore = chosen->explore;
    item.explanation = chosen->why;
    if (random) {
      item.explanation = Explanation{};
      item.explanation.reason = Reason::kExploration;
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace tessera::personal
