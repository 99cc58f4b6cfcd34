// Slot-by-slot ranking with exploration, discovery slots, frequency caps and
// diversity; the model is described in tessera/personal/ranking.hpp.
//
// Speed: a page ranks on every view, in wasm, so the per-call work avoids
// strings. Candidates come compiled (CandidateSet: category and tag ids
// interned to slots), affinity is looked up once per slot, entries are small
// structs, and a pool is a heap that is only popped as far as the slots
// need. The first epsilon-greedy random pick sorts the rest of its pool,
// because a uniform pick among the feasible entries is defined over their
// ranked order. Results are the same as sorting every pool up front.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "tessera/personal/ranking.hpp"

namespace tessera::personal {
namespace {

struct Exposure {
  int shows_last_day = 0;
  std::int64_t last_ms = -1;
};

// One eligible candidate, scored. Small and trivially copyable: pools are
// heaps of these.
struct Entry {
  std::uint32_t index = 0;
  std::int32_t best = -1;  // category or tag slot of the strongest match; -1: none
  bool via_tag = false;
  double match = 0;
  double explore = 0;
  double score = 0;
};

// Higher score first; equal scores in candidate order. Function objects
// rather than functions, so the heap and sort code can inline them.
struct Better {
  bool operator()(const Entry& a, const Entry& b) const {
    return a.score != b.score ? a.score > b.score : a.index < b.index;
  }
};
struct HeapLess {
  bool operator()(const Entry& a, const Entry& b) const { return Better()(b, a); }
};

// For every slot of `ids` (sorted), the table's affinity or null: one merge
// of two sorted lists instead of a lookup per candidate.
std::vector<const Affinity*> resolve(const std::vector<std::string>& ids,
                                     const AffinityTable::Map& table) {
  std::vector<const Affinity*> out(ids.size(), nullptr);
  auto t = table.begin();
  for (std::size_t slot = 0; slot < ids.size() && t != table.end(); ++slot) {
    while (t != table.end() && t->first < ids[slot]) ++t;
    if (t != table.end() && t->first == ids[slot]) out[slot] = &t->second;
  }
  return out;
}

// Entries of one kind (matching the profile, or not) waiting for a slot.
class Pool {
 public:
  explicit Pool(std::vector<Entry> entries) : entries_(std::move(entries)) {
    std::make_heap(entries_.begin(), entries_.end(), HeapLess());
  }

  // The best entry that `feasible` accepts, or a uniform random one of them.
  // Feasibility only ever narrows (categories fill up), so an entry refused
  // once is dropped for good.
  template <typename Feasible>
  const Entry* pick(const Feasible& feasible, bool random, SeededRandom& rng) {
    if (random && !sorted_) {
      std::sort(entries_.begin(), entries_.end(), Better());
      taken_.assign(entries_.size(), false);
      sorted_ = true;
    }
    if (!sorted_) {
      while (!entries_.empty()) {
        std::pop_heap(entries_.begin(), entries_.end(), HeapLess());
        chosen_ = entries_.back();
        entries_.pop_back();
        if (feasible(chosen_)) return &chosen_;
      }
      return nullptr;
    }
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (taken_[i] || !feasible(entries_[i])) continue;
      if (!random) {
        taken_[i] = true;
        return &entries_[i];
      }
      open.push_back(i);
    }
    if (open.empty()) return nullptr;
    const std::size_t i = open[rng.uniform_below(open.size())];
    taken_[i] = true;
    return &entries_[i];
  }

 private:
  std::vector<Entry> entries_;  // a heap until the first random pick, then sorted
  std::vector<bool> taken_;     // sorted mode only
  bool sorted_ = false;
  Entry chosen_;
};

// Slot j (of k) is a discovery slot when the running quota floor((j+1)d/k)
// steps up: d slots spread evenly, the first not at the top.
bool discovery_slot(std::size_t j, std::size_t d, std::size_t k) {
  return (j + 1) * d / k > j * d / k;
}

}  // namespace

Result<Ranking> rank(const CandidateSet& candidates, const AffinityTable& affinity,
                     const ExposureLog& exposure, std::int64_t now_ms, const RankingConfig& config,
                     const RandomSeed& seed, const std::vector<bool>& eligible) {
  TESSERA_RETURN_IF_ERROR(validate_ranking_config(config));
  if (candidates.empty()) {
    return Status(Code::kInvalidValue, "nothing to rank: the candidate list is empty",
                  "/candidates");
  }
  const std::size_t n = candidates.size();
  if (!eligible.empty() && eligible.size() != n) {
    return Status(Code::kInvalidValue, "expected one eligibility flag per candidate", "/eligible");
  }

  std::vector<Exposure> shown;
  if (!exposure.shows.empty()) {
    shown.resize(n);
    for (const Show& s : exposure.shows) {
      if (s.at_ms > now_ms) continue;  // a clock that went backwards: ignore the future
      const std::optional<std::size_t> i = candidates.find(s.item_id);
      if (!i) continue;
      Exposure& x = shown[*i];
      if (s.at_ms > now_ms - kDayMs) ++x.shows_last_day;
      x.last_ms = std::max(x.last_ms, s.at_ms);
    }
  }
  std::vector<const ItemFeedback*> feedback;
  if (!exposure.feedback.empty()) {
    feedback.assign(n, nullptr);
    for (const auto& [id, f] : exposure.feedback) {
      if (const std::optional<std::size_t> i = candidates.find(id)) feedback[*i] = &f;
    }
  }
  const std::vector<const Affinity*> category_affinity =
      resolve(candidates.category_ids(), affinity.categories());
  const std::vector<const Affinity*> tag_affinity =
      config.tag_weight > 0 ? resolve(candidates.tag_ids(), affinity.tags())
                            : std::vector<const Affinity*>();

  Ranking out;
  SeededRandom rng(seed, kStreamRanking);
  std::vector<Entry> matched;
  std::vector<Entry> unmatched;
  matched.reserve(n);
  unmatched.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Candidate& c = candidates[i];
    if (!c.eligible || (!eligible.empty() && !eligible[i])) {
      out.excluded.push_back({c.id, ExclusionReason::kIneligible, i});
      continue;
    }
    if (!shown.empty() && shown[i].shows_last_day >= config.max_per_day) {
      out.excluded.push_back({c.id, ExclusionReason::kDailyCap, i});
      continue;
    }
    if (!shown.empty() && shown[i].last_ms >= 0 && now_ms - shown[i].last_ms < config.min_gap_ms) {
      out.excluded.push_back({c.id, ExclusionReason::kMinGap, i});
      continue;
    }
    Entry e;
    e.index = static_cast<std::uint32_t>(i);
    // The strongest match among the categories, then the (scaled) tags;
    // the first of equal matches wins.
    for (std::uint32_t slot : candidates.categories_of(i)) {
      const Affinity* a = category_affinity[slot];
      if (a != nullptr && a->relative > e.match) {
        e.match = a->relative;
        e.best = static_cast<std::int32_t>(slot);
      }
    }
    if (config.tag_weight > 0) {
      for (std::uint32_t slot : candidates.tags_of(i)) {
        const Affinity* a = tag_affinity[slot];
        if (a != nullptr && a->relative * config.tag_weight > e.match) {
          e.match = a->relative * config.tag_weight;
          e.best = static_cast<std::int32_t>(slot);
          e.via_tag = true;
        }
      }
    }
    // One exploration draw per surviving candidate, in candidate order, so
    // the draws do not depend on how the pools are ordered.
    const ItemFeedback none;
    const ItemFeedback& fb = !feedback.empty() && feedback[i] ? *feedback[i] : none;
    e.explore = config.strategy == ExplorationStrategy::kThompson ? thompson_sample(fb, rng)
                                                                  : posterior_mean(fb);
    e.score = config.affinity_weight * e.match + config.exploration_weight * e.explore;
    (e.match > 0 ? matched : unmatched).push_back(e);
  }

  Pool matched_pool(std::move(matched));
  Pool unmatched_pool(std::move(unmatched));
  // Items per category slot in the list so far (diversity).
  std::vector<int> per_category(candidates.category_ids().size(), 0);
  auto feasible = [&](const Entry& e) {
    for (std::uint32_t slot : candidates.categories_of(e.index)) {
      if (per_category[slot] >= config.max_per_category) return false;
    }
    return true;
  };
  const auto days = [](std::int64_t ms) { return static_cast<int>(ms / kDayMs); };

  const std::size_t k = config.slots;
  const auto discovery =
      static_cast<std::size_t>(std::floor(config.discovery_share * static_cast<double>(k) + 0.5));
  for (std::size_t j = 0; j < k; ++j) {
    const bool prefer_discovery = discovery_slot(j, discovery, k);
    const bool random = config.strategy == ExplorationStrategy::kEpsilonGreedy &&
                        rng.bernoulli(Chance::of(config.epsilon));
    Pool& first = prefer_discovery ? unmatched_pool : matched_pool;
    Pool& second = prefer_discovery ? matched_pool : unmatched_pool;
    const Entry* chosen = first.pick(feasible, random, rng);
    if (chosen == nullptr) chosen = second.pick(feasible, random, rng);
    if (chosen == nullptr) break;  // caps and diversity leave nothing for this slot
    for (std::uint32_t slot : candidates.categories_of(chosen->index)) ++per_category[slot];

    RankedItem item;
    item.id = candidates[chosen->index].id;
    item.candidate_index = chosen->index;
    item.score = chosen->score;
    item.match = chosen->match;
    item.explore = chosen->explore;
    if (random) {
      item.explanation.reason = Reason::kExploration;
    } else if (chosen->best >= 0) {
      const auto slot = static_cast<std::size_t>(chosen->best);
      const Affinity& a = chosen->via_tag ? *tag_affinity[slot] : *category_affinity[slot];
      Explanation& why = item.explanation;
      why.reason = Reason::kAffinity;
      why.category = chosen->via_tag ? candidates.tag_ids()[slot] : candidates.category_ids()[slot];
      why.via_tag = chosen->via_tag;
      // Be truthful: "this week" only when there was activity this week.
      const bool recent = a.recent_events > 0;
      why.events = recent ? a.recent_events : a.events;
      why.window_days = days(recent ? affinity.evidence_window_ms() : affinity.retention_ms());
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

Result<Ranking> rank(const std::vector<Candidate>& candidates, const AffinityTable& affinity,
                     const ExposureLog& exposure, std::int64_t now_ms, const RankingConfig& config,
                     const RandomSeed& seed, const Eligibility& eligible) {
  TESSERA_RETURN_IF_ERROR(validate_ranking_config(config));
  TESSERA_ASSIGN_OR_RETURN(CandidateSet set, CandidateSet::compile(candidates));
  std::vector<bool> mask;
  if (eligible) {
    mask.reserve(candidates.size());
    for (const Candidate& c : candidates) mask.push_back(eligible(c));
  }
  return rank(set, affinity, exposure, now_ms, config, seed, mask);
}

}  // namespace tessera::personal
