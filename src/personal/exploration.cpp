// Deterministic normal, Gamma and Beta sampling for Thompson sampling; see
// tessera/personal/exploration.hpp for the methods and their sources.
#include "tessera/personal/exploration.hpp"

#include <algorithm>
#include <cmath>

#include "tessera/common/portable_math.hpp"

namespace tessera::personal {
namespace {

struct Counts {
  double successes;
  double failures;
};

Counts counts_of(const ItemFeedback& f) {
  const std::int64_t shown = std::max<std::int64_t>(0, f.impressions);
  const std::int64_t clicked = std::clamp<std::int64_t>(f.clicks, 0, shown);
  return {static_cast<double>(clicked), static_cast<double>(shown - clicked)};
}

}  // namespace

double sample_standard_normal(SeededRandom& rng) {
  // Polar method: a uniform point in the unit disc, radius transformed.
  for (;;) {
    const double u = 2.0 * rng.unit() - 1.0;
    const double v = 2.0 * rng.unit() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * portable_log(s) / s);
  }
}

double sample_gamma(double shape, SeededRandom& rng) {
  const double d = std::max(shape, 1.0) - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0;
    double v = 0;
    do {
      x = sample_standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.open_unit();
    // The cheap squeeze accepts ~98% of draws without a logarithm.
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (portable_log(u) < 0.5 * x2 + d * (1.0 - v + portable_log(v))) return d * v;
  }
}

double sample_beta(double a, double b, SeededRandom& rng) {
  // Ranking draws one sample per candidate, and most candidates were never
  // clicked (a = 1) or never shown (a = b = 1): those Betas have a closed-form
  // inverse CDF, one uniform instead of two Gamma draws.
  //   Beta(1, 1) = U;  Beta(1, b) = 1 - U^(1/b);  Beta(a, 1) = U^(1/a).
  if (a == 1.0 && b == 1.0) return rng.unit();
  if (a == 1.0) return 1.0 - portable_exp(portable_log(rng.open_unit()) / b);
  if (b == 1.0) return portable_exp(portable_log(rng.open_unit()) / a);
  const double x = sample_gamma(a, rng);
  const double y = sample_gamma(b, rng);
  return x / (x + y);
}

double thompson_sample(const ItemFeedback& feedback, SeededRandom& rng) {
  const Counts c = counts_of(feedback);
  return sample_beta(c.successes + 1.0, c.failures + 1.0, rng);
}

double posterior_mean(const ItemFeedback& feedback) {
  const Counts c = counts_of(feedback);
  return (c.successes + 1.0) / (c.successes + c.failures + 2.0);
}

}  // namespace tessera::personal
