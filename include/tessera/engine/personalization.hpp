// The `personalization` section of a site config, and the engine's
// personal.* / privacy.* calls built on it (src/engine/personal_calls.cpp).
//
// A merchant lists offers (candidates) with the catalog categories and tags
// they are about, an optional eligibility condition in the expression
// language, and what a card shows. The engine ranks them against the
// on-device profile; the profile itself lives in the engine only between
// personal.open and personal.seal, and leaves it only sealed (or as the
// person's own export).
//
//   "personalization": {
//     "profile": {"halfLifeHours": 168},            // ProfileConfig, optional
//     "ranking": {"slots": 3},                      // RankingConfig, optional
//     "labels": {"running-shoes": {"en": "running shoes", "de": "Laufschuhe"}},
//     "explanations": {"affinity": {"en": "..."}},  // overrides, optional
//     "candidates": [{"id": "trail-10", "categories": ["running-shoes"],
//                     "tags": ["trail"], "eligibleIf": "{cartTotal} < 5000",
//                     "title": "10% off trail shoes", "text": "...",
//                     "url": "/p/trail", "image": "/img/trail.jpg"}],
//     "privacy": {"metrics": [{"metric": "top-category", "domain": 8,
//                              "epsilon": 1}],
//                 "budget": {"dailyEpsilon": 2, "lifetimeEpsilon": 20},
//                 "delivery": {"minDelaySeconds": 600, "maxDelaySeconds": 86400}}}
//
//   auto p = parse_personalization(json, "/personalization");  // Result<...>
//   std::vector<bool> ok = p->offers->eligibility(facts, {now_ms, offset});
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/common/text.hpp"
#include "tessera/expr/expression.hpp"
#include "tessera/personal/explanation.hpp"
#include "tessera/personal/profile.hpp"
#include "tessera/personal/ranking.hpp"
#include "tessera/privacy/budget.hpp"
#include "tessera/privacy/delivery.hpp"
#include "tessera/privacy/report.hpp"

namespace tessera::engine {

// One offer or piece of content the merchant may show.
struct Offer {
  personal::Candidate candidate;                // id, categories, tags
  std::optional<expr::Expression> eligible_if;  // compiled once, at config time
  LocalizedText title;                          // required, up to 200 code points
  LocalizedText text;                           // optional, up to 1,000
  std::string url;                              // optional link, relative or https
  std::string image;                            // optional image URL
};

// The offers a page ranks, checked and compiled once: when the config is
// loaded, by personal.setCandidates, or (the slow path, measured in
// docs/benchmarks.md) for a personal.rank that brings its own list.
struct OfferSet {
  std::vector<Offer> offers;          // 1..1000
  personal::CandidateSet candidates;  // the offers' ids, categories and tags, same order
  // Offers that share an eligibility text share its evaluation: condition k
  // (the eligibleIf of offer conditions[k]) is evaluated once per ranking,
  // and offer i uses condition_of[i] (-1: none).
  std::vector<std::size_t> conditions;
  std::vector<int> condition_of;

  // Evaluates the conditions for `facts`: one flag per offer.
  std::vector<bool> eligibility(const Json& facts, const expr::EvalContext& when) const;
};

// A candidates array (as in the config) -> an OfferSet. Errors carry JSON
// pointers below `path`: each offer's fields, duplicate ids, 1..1000 offers.
Result<std::shared_ptr<const OfferSet>> parse_offers(const Json& value, const std::string& path);

struct PersonalizationConfig {
  personal::ProfileConfig profile;
  personal::RankingConfig ranking;
  personal::CategoryLabels labels;
  personal::ExplanationTemplates templates = personal::ExplanationTemplates::defaults();
  std::shared_ptr<const OfferSet> offers;    // the config's candidates
  std::vector<privacy::MetricSpec> metrics;  // what privacy.report may measure
  privacy::BudgetPolicy budget;
  privacy::DeliveryPolicy delivery;  // when reports are sent
  std::string default_locale = "en";
};

// Errors carry JSON pointers below `path` (normally "/personalization").
Result<PersonalizationConfig> parse_personalization(const Json& value, const std::string& path);

}  // namespace tessera::engine
