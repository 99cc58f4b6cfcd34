// Normal, Gamma and Beta sampling: right moments, reproducible draws.
#include "tessera/personal/exploration.hpp"

#include <cmath>
#include <cstring>
#include <utility>

#include <gtest/gtest.h>

namespace tessera::personal {
namespace {

struct Moments {
  double mean = 0;
  double variance = 0;
};

template <typename Draw>
Moments moments(int n, Draw draw) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double x = draw();
    sum += x;
    sum2 += x * x;
  }
  const double mean = sum / n;
  return {mean, sum2 / n - mean * mean};
}

TEST(Exploration, NormalHasUnitVariance) {
  SeededRandom rng(seed_from_u64(1), kStreamRanking);
  Moments m = moments(20000, [&] { return sample_standard_normal(rng); });
  EXPECT_NEAR(m.mean, 0.0, 0.03);      // sd of the mean 0.007
  EXPECT_NEAR(m.variance, 1.0, 0.05);  // sd ~0.01
}

TEST(Exploration, GammaMeanAndVarianceEqualTheShape) {
  SeededRandom rng(seed_from_u64(2), kStreamRanking);
  for (double shape : {1.0, 3.0, 50.0}) {
    Moments m = moments(20000, [&] { return sample_gamma(shape, rng); });
    EXPECT_NEAR(m.mean, shape, 5 * std::sqrt(shape / 20000)) << shape;
    EXPECT_NEAR(m.variance / shape, 1.0, 0.08) << shape;
  }
}

TEST(Exploration, BetaPosteriorMoments) {
  SeededRandom rng(seed_from_u64(3), kStreamRanking);
  // 1 click in 5 impressions: Beta(2, 5), mean 2/7, variance 10 / (49 * 8).
  Moments m = moments(20000, [&] { return thompson_sample({5, 1}, rng); });
  EXPECT_NEAR(m.mean, 2.0 / 7.0, 0.006);
  EXPECT_NEAR(m.variance, 10.0 / 392.0, 0.002);
  EXPECT_DOUBLE_EQ(posterior_mean({5, 1}), 2.0 / 7.0);
  EXPECT_DOUBLE_EQ(posterior_mean({0, 0}), 0.5);
  EXPECT_DOUBLE_EQ(posterior_mean({3, 10}), 4.0 / 5.0);  // clicks clamped to impressions
  EXPECT_DOUBLE_EQ(posterior_mean({-4, -1}), 0.5);
}

TEST(Exploration, ClosedFormBetasHaveTheRightMoments) {
  // Beta(a, b): mean a / (a + b), variance ab / ((a + b)^2 (a + b + 1)).
  SeededRandom rng(seed_from_u64(5), kStreamRanking);
  for (auto [a, b] : {std::pair{1.0, 1.0}, std::pair{1.0, 9.0}, std::pair{4.0, 1.0}}) {
    Moments m = moments(20000, [&] { return sample_beta(a, b, rng); });
    const double mean = a / (a + b);
    const double variance = a * b / ((a + b) * (a + b) * (a + b + 1));
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / 20000)) << a << "," << b;
    EXPECT_NEAR(m.variance / variance, 1.0, 0.06) << a << "," << b;
  }
  // Never shown: exactly one uniform, so ranking spends one draw per new item.
  SeededRandom x(seed_from_u64(6), kStreamRanking);
  SeededRandom y(seed_from_u64(6), kStreamRanking);
  EXPECT_EQ(thompson_sample({0, 0}, x), y.unit());
  EXPECT_EQ(x.next_u64(), y.next_u64());
}

TEST(Exploration, DrawsAreReproducibleBitForBit) {
  SeededRandom a(seed_from_u64(4), kStreamRanking);
  SeededRandom b(seed_from_u64(4), kStreamRanking);
  for (int i = 0; i < 200; ++i) {
    const double x = thompson_sample({100, 7}, a);
    const double y = thompson_sample({100, 7}, b);
    EXPECT_EQ(std::memcmp(&x, &y, sizeof x), 0);
    EXPECT_GT(x, 0.0);
    EXPECT_LT(x, 1.0);
  }
}

}  // namespace
}  // namespace tessera::personal
