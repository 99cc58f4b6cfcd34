// Exploration for ranking: how much to trust an item's click history, and
// samples that let items with little history get shown and learn.
//
// Thompson sampling keeps a Beta(clicks + 1, impressions - clicks + 1)
// posterior of each item's click rate (a uniform prior) and ranks by one
// draw from it: an item with few impressions has a wide posterior and
// sometimes draws high, so it gets shown; a proven item draws near its rate.
// Beta is drawn by inverting its CDF when a or b is 1 (one uniform: the
// common case of items never clicked or never shown), else as
// G_a / (G_a + G_b) from two Gamma variables, and Gamma by
// Marsaglia and Tsang 2000 ("A Simple Method for Generating Gamma Variables",
// ACM TOMS 26(3)), whose normal input comes from Marsaglia's polar method.
// All of it uses portable_log and IEEE sqrt (correctly rounded), so a seed
// gives the same samples in native code and in wasm.
//
//   SeededRandom rng(seed, kStreamRanking);
//   double ctr_draw = thompson_sample(ItemFeedback{/*impressions=*/40, /*clicks=*/3}, rng);
#pragma once

#include <cstdint>

#include "tessera/common/random.hpp"

namespace tessera::personal {

struct ItemFeedback {
  std::int64_t impressions = 0;  // times shown
  std::int64_t clicks = 0;       // times clicked; clamped to [0, impressions]
};

// Standard normal N(0, 1).
double sample_standard_normal(SeededRandom& rng);
// Gamma(shape, 1) for shape >= 1 (the only shapes a Beta posterior with a
// uniform prior needs). Smaller shapes are treated as 1.
double sample_gamma(double shape, SeededRandom& rng);
// Beta(a, b) for a, b >= 1; exact inverse CDF when a or b is 1.
double sample_beta(double a, double b, SeededRandom& rng);

// One draw from the item's click-rate posterior.
double thompson_sample(const ItemFeedback& feedback, SeededRandom& rng);
// The posterior mean (clicks + 1) / (impressions + 2): Laplace's rule of
// succession, the exploitation score of epsilon-greedy.
double posterior_mean(const ItemFeedback& feedback);

}  // namespace tessera::personal
