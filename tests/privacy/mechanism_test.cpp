// The privacy claim, tested statistically in the manner of google/
// differential-privacy's stochastic tester: for neighbouring inputs a and b,
// sample the encoder many times and check that every output's empirical
// probability satisfies P[o | a] <= e^eps P[o | b] within sampling error.
// Deliberately leaky encoders run through the same check and must fail it,
// so the check is known to be able to fail.
#include "tessera/privacy/mechanism.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tessera/common/portable_math.hpp"

namespace tessera::privacy {
namespace {

// Maps an input value to an output index in [0, outputs), using the rng.
using Sampler = std::function<std::uint32_t(std::uint32_t value, SeededRandom& rng)>;

struct Audit {
  bool holds = true;
  double worst_excess_sigmas = -1e9;  // how far past e^eps, in standard errors
  std::string worst;
};

// Histograms of `samples` outputs for inputs a and b, then for every output
// o and both directions: excess = P^[o|a] - e^eps P^[o|b], and its standard
// error sd = sqrt(P^a(1-P^a)/n + e^2eps P^b(1-P^b)/n). The claim is refuted
// when excess > z sd. z = 4.5 makes a false alarm across a few dozen
// comparisons about 1 in 10,000 for an encoder exactly at the bound (OUE and
// RR are: their worst output attains e^eps exactly).
Audit audit(const Sampler& sample, std::uint32_t outputs, std::uint32_t a, std::uint32_t b,
            double epsilon, int samples, std::uint64_t seed, double z = 4.5) {
  std::vector<double> pa(outputs, 0), pb(outputs, 0);
  SeededRandom rng(seed_from_u64(seed), kStreamPrivacy);
  for (int i = 0; i < samples; ++i) pa[sample(a, rng)] += 1.0 / samples;
  for (int i = 0; i < samples; ++i) pb[sample(b, rng)] += 1.0 / samples;
  const double bound = std::exp(epsilon);
  Audit result;
  for (std::uint32_t o = 0; o < outputs; ++o) {
    for (int dir = 0; dir < 2; ++dir) {
      const double x = dir == 0 ? pa[o] : pb[o];
      const double y = dir == 0 ? pb[o] : pa[o];
      const double excess = x - bound * y;
      const double sd = std::sqrt((x * (1 - x) + bound * bound * y * (1 - y)) / samples);
      const double sigmas = sd > 0 ? excess / sd : (excess > 0 ? 1e9 : 0);
      if (sigmas > result.worst_excess_sigmas) {
        result.worst_excess_sigmas = sigmas;
        result.worst = "output " + std::to_string(o) + (dir == 0 ? " a/b" : " b/a");
      }
      if (excess > z * sd) result.holds = false;
    }
  }
  return result;
}

// Whole OUE bit patterns as output indices (small domains only).
std::uint32_t pattern_index(const PackedBits& bits, std::uint32_t d) {
  std::uint32_t index = 0;
  for (std::uint32_t i = 0; i < d; ++i) index |= (bit_at(bits, i) ? 1u : 0u) << i;
  return index;
}

// Leaky: forgets the (d - 1) in p = e^eps / (e^eps + d - 1), so it keeps the
// true value far too often. Its real epsilon is log(e^eps (d - 1)).
Sampler leaky_randomized_response(std::uint32_t d, double epsilon) {
  const double e = std::exp(epsilon);
  const Chance keep = Chance::of(e / (e + 1));
  return [=](std::uint32_t v, SeededRandom& rng) {
    if (rng.bernoulli(keep)) return v;
    const auto other = static_cast<std::uint32_t>(rng.uniform_below(d - 1));
    return other < v ? other : other + 1;
  };
}

// Leaky: computes q with epsilon in the wrong unit (1.5x), a plausible
// off-by-a-factor bug. Its real epsilon is 1.5 eps.
Sampler leaky_unary_encoding(std::uint32_t d, double epsilon) {
  const Chance other = Chance::of(1 / (std::exp(1.5 * epsilon) + 1));
  return [=](std::uint32_t v, SeededRandom& rng) {
    std::uint32_t index = 0;
    for (std::uint32_t i = 0; i < d; ++i) {
      if (rng.bernoulli(i == v ? Chance::of(0.5) : other)) index |= 1u << i;
    }
    return index;
  };
}

TEST(RandomizedResponse, SatisfiesEpsilonForEveryPairOfInputs) {
  constexpr std::uint32_t d = 4;
  const Epsilon eps = Epsilon::from_millis(1000);
  auto rr = *RandomizedResponse::create(d, eps);
  Sampler s = [&](std::uint32_t v, SeededRandom& rng) { return rr.encode(v, rng); };
  for (std::uint32_t a = 0; a < d; ++a) {
    for (std::uint32_t b = a + 1; b < d; ++b) {
      Audit r = audit(s, d, a, b, eps.value(), 40000, 100 + a * d + b);
      std::printf("rr %u vs %u: worst %.2f sigma\n", a, b, r.worst_excess_sigmas);
      EXPECT_TRUE(r.holds) << a << " vs " << b << ": " << r.worst << " at " << r.worst_excess_sigmas
                           << " sigma";
    }
  }
}

TEST(RandomizedResponse, TheSameCheckCatchesALeakyEncoder) {
  constexpr std::uint32_t d = 4;
  Audit r = audit(leaky_randomized_response(d, 1.0), d, 0, 1, 1.0, 40000, 7);
  EXPECT_FALSE(r.holds);
  std::printf("leaky rr: %s at %.1f sigma\n", r.worst.c_str(), r.worst_excess_sigmas);
  EXPECT_GT(r.worst_excess_sigmas, 20);  // not a borderline call
}

TEST(OptimizedUnaryEncoding, WholePatternsSatisfyEpsilon) {
  constexpr std::uint32_t d = 4;  // 16 possible reports
  for (std::int64_t millis : {500, 1000, 2000}) {
    const Epsilon eps = Epsilon::from_millis(millis);
    auto oue = *OptimizedUnaryEncoding::create(d, eps);
    Sampler s = [&](std::uint32_t v, SeededRandom& rng) {
      return pattern_index(oue.encode(v, rng), d);
    };
    Audit r = audit(s, 1u << d, 0, 3, eps.value(), 50000, static_cast<std::uint64_t>(millis));
    std::printf("oue eps %.1f: worst %.2f sigma\n", eps.value(), r.worst_excess_sigmas);
    EXPECT_TRUE(r.holds) << "eps " << eps.value() << ": " << r.worst << " at "
                         << r.worst_excess_sigmas << " sigma";
  }
}

TEST(OptimizedUnaryEncoding, TheSameCheckCatchesALeakyEncoder) {
  constexpr std::uint32_t d = 4;
  Audit r = audit(leaky_unary_encoding(d, 1.0), 1u << d, 0, 3, 1.0, 50000, 11);
  EXPECT_FALSE(r.holds);
  std::printf("leaky oue: %s at %.1f sigma\n", r.worst.c_str(), r.worst_excess_sigmas);
  EXPECT_GT(r.worst_excess_sigmas, 10);
}

TEST(OptimizedUnaryEncoding, BitRatesMatchTheDefinition) {
  constexpr std::uint32_t d = 16;
  auto oue = *OptimizedUnaryEncoding::create(d, Epsilon::from_millis(1000));
  SeededRandom rng(seed_from_u64(5), kStreamPrivacy);
  std::vector<int> ones(d, 0);
  constexpr int kN = 20000;
  for (int i = 0; i < kN; ++i) {
    PackedBits bits = oue.encode(3, rng);
    ASSERT_EQ(bits.size(), 2u);
    for (std::uint32_t j = 0; j < d; ++j) ones[j] += bit_at(bits, j);
  }
  const double q = 1 / (std::exp(1.0) + 1);
  for (std::uint32_t j = 0; j < d; ++j) {
    const double expected = j == 3 ? 0.5 : q;
    EXPECT_NEAR(ones[j] / double(kN), expected, 4.5 * std::sqrt(expected / kN)) << j;
  }
}

TEST(Mechanism, ParametersAreChecked) {
  EXPECT_EQ(RandomizedResponse::create(1, Epsilon::from_millis(1000)).status().code(),
            Code::kOutOfRange);
  EXPECT_EQ(OptimizedUnaryEncoding::create(8, Epsilon::from_millis(0)).status().path(), "/epsilon");
  EXPECT_EQ(OptimizedUnaryEncoding::create(70000, Epsilon::from_millis(1000)).status().path(),
            "/domain");
}

TEST(Mechanism, RecommendationFollowsWangEtAl) {
  // RR wins while d - 2 < 3 e^eps: at eps = 1 that is d < 10.15.
  EXPECT_EQ(recommend_mechanism(10, Epsilon::from_millis(1000)), Mechanism::kRandomizedResponse);
  EXPECT_EQ(recommend_mechanism(11, Epsilon::from_millis(1000)), Mechanism::kOptimizedUnary);
  EXPECT_EQ(recommend_mechanism(64, Epsilon::from_millis(4000)), Mechanism::kRandomizedResponse);
}

TEST(Mechanism, ProbabilitiesUsePortableExp) {
  const auto pq =
      support_probabilities(Mechanism::kRandomizedResponse, 5, Epsilon::from_millis(1000));
  const double e = portable_exp(1.0);
  EXPECT_EQ(pq.p, e / (e + 4));
  EXPECT_NEAR(pq.p / pq.q, std::exp(1.0), 1e-12);
}

}  // namespace
}  // namespace tessera::privacy
