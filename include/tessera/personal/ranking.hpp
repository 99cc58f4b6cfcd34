// Ranking offers and content on the device: affinity from the profile plus
// exploration, under frequency caps, a discovery share and a diversity rule.
//
// score = affinity_weight x match + exploration_weight x explore, where
//   match   = the strongest relative affinity among the item's categories, or
//             tag_weight x that of its tags if larger (0 when nothing matches);
//   explore = a Thompson draw from Beta(clicks + 1, impressions - clicks + 1),
//             or, for epsilon-greedy, the posterior mean (clicks+1)/(n+2).
// Slots are filled one at a time. round(discovery_share x slots) of them,
// spread evenly down the list, prefer items with no match (discovery, as
// Brave News keeps 10-25% of slots for it); the others prefer matching items.
// With epsilon-greedy, each slot is a uniform random pick with probability
// epsilon (Brave Ads explores with 0.25). An item is left out when it is
// ineligible, was shown max_per_day times in the last 24 h, or less than
// min_gap ago; and no category may hold more than max_per_category slots.
// The seed makes the result exact: same inputs and seed, same list.
//
//   RankingConfig config = *parse_ranking_config(json, "/ranking");
//   Result<Ranking> r = rank(candidates, profile.affinity(now_ms, ctx, pc), exposure,
//                            now_ms, config, seed);
//   for (const RankedItem& item : r->items) show(item.id, item.explanation);
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tessera/common/random.hpp"
#include "tessera/personal/candidate_set.hpp"
#include "tessera/personal/explanation.hpp"
#include "tessera/personal/exploration.hpp"
#include "tessera/personal/profile.hpp"

namespace tessera::personal {

// {"id": "offer-1", "categories": [..], "tags": [..], "eligible": true}
Result<std::vector<Candidate>> parse_candidates(const Json& value, const std::string& path);

struct Show {
  std::string item_id;
  std::int64_t at_ms = 0;
};

// What the device remembers about showing items: click feedback for
// exploration and recent shows for frequency caps.
struct ExposureLog {
  std::map<std::string, ItemFeedback, std::less<>> feedback;
  std::vector<Show> shows;
};

enum class ExplorationStrategy { kThompson, kEpsilonGreedy };

struct RankingConfig {
  std::size_t slots = 5;  // 1..100
  ExplorationStrategy strategy = ExplorationStrategy::kThompson;
  double epsilon = 0.1;                      // (0, 1]; epsilon-greedy only
  double affinity_weight = 1.0;              // >= 0
  double exploration_weight = 0.5;           // >= 0; not both weights 0
  double tag_weight = 0.5;                   // [0, 1]
  double discovery_share = 0.2;              // [0, 1]
  int max_per_day = 3;                       // per item, rolling 24 h; >= 1
  std::int64_t min_gap_ms = 30 * kMinuteMs;  // between two shows of one item
  int max_per_category = 2;                  // per returned list; >= 1
};

// {"slots": 5, "strategy": "thompson" | "epsilon_greedy", "epsilon": 0.1,
//  "affinityWeight": 1, "explorationWeight": 0.5, "tagWeight": 0.5,
//  "discoveryShare": 0.2, "frequencyCap": {"maxPerDay": 3, "minGapMinutes": 30},
//  "diversity": {"maxPerCategory": 2}}, every field optional. Absurd values
// (epsilon outside (0, 1], caps that would exclude everything, both weights
// zero) are errors with JSON pointers.
Result<RankingConfig> parse_ranking_config(const Json& value, const std::string& path);
// The same checks for a config built in code; paths as in the JSON form.
Status validate_ranking_config(const RankingConfig& config);

enum class ExclusionReason { kIneligible, kDailyCap, kMinGap };
std::string_view exclusion_reason_name(ExclusionReason reason);  // "ineligible", ...

struct Exclusion {
  std::string id;
  ExclusionReason reason;
  std::size_t candidate_index = 0;
};

struct RankedItem {
  std::string id;
  std::size_t candidate_index = 0;
  double score = 0;
  double match = 0;    // affinity part, [0, 1]
  double explore = 0;  // exploration part, [0, 1]
  Explanation explanation;
};

struct Ranking {
  std::vector<RankedItem> items;    // best first; fewer than slots when caps bite
  std::vector<Exclusion> excluded;  // in candidate order
  // {"items":[{"id","score","explanation":{..}}],"excluded":[{"id","reason"}]}
  Json to_json() const;
};

using Eligibility = std::function<bool(const Candidate&)>;

// Ranks a compiled set; `eligible`, when not empty, has one entry per
// candidate and is asked in addition to Candidate::eligible. Cost: one pass
// over the candidates with array lookups, one exploration draw per eligible
// candidate, and a heap from which only as many items are taken as the
// slots need; explanations are built for returned items only. Errors:
// validate_ranking_config's, kInvalidValue for an empty set, and
// kInvalidValue at "/eligible" when the mask's size is wrong. Every
// candidate excluded is not an error: the ranking is empty and `excluded`
// says why.
Result<Ranking> rank(const CandidateSet& candidates, const AffinityTable& affinity,
                     const ExposureLog& exposure, std::int64_t now_ms, const RankingConfig& config,
                     const RandomSeed& seed, const std::vector<bool>& eligible = {});

// The same for a plain list, compiled on the spot (CandidateSet::compile's
// errors). `eligible`, when given, is asked in addition to Candidate::eligible.
Result<Ranking> rank(const std::vector<Candidate>& candidates, const AffinityTable& affinity,
                     const ExposureLog& exposure, std::int64_t now_ms, const RankingConfig& config,
                     const RandomSeed& seed, const Eligibility& eligible = nullptr);

}  // namespace tessera::personal
