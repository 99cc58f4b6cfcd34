// Property: a summary of random data equals, bit for bit, the merge of the
// summaries of any partition of that data, merged in any order; and it
// survives a JSON round trip unchanged.
//
// The random source is a local std::mt19937_64 with fixed seeds, so every
// run checks the same cases (and a failure names its seed).
#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "tessera/score/delivered_value.hpp"
#include "tessera/score/nps.hpp"
#include "tessera/score/rating.hpp"
#include "tessera/score/servqual.hpp"
#include "tessera/score/split.hpp"

namespace tessera::score {
namespace {

constexpr int kSeeds = 40;

std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
  return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
}

// Builds the summary of all `data` and of a random partition of it (each
// item goes to one of 1..8 parts; parts are merged in a shuffled order, some
// of them through JSON), then compares.
template <typename S, typename T, typename Add>
void check_partitions(std::mt19937_64& rng, const S& empty, const std::vector<T>& data, Add add,
                      int seed) {
  S whole = empty;
  for (const T& item : data) ASSERT_TRUE(add(whole, item).ok()) << "seed " << seed;

  const auto parts_count = static_cast<std::size_t>(uniform(rng, 1, 8));
  std::vector<S> parts(parts_count, empty);
  for (const T& item : data) {
    ASSERT_TRUE(add(parts[static_cast<std::size_t>(uniform(rng, 0, parts_count - 1))], item).ok());
  }
  std::shuffle(parts.begin(), parts.end(), rng);
  S merged = empty;
  for (S& part : parts) {
    if (uniform(rng, 0, 1) == 1) {  // stored and read back before merging
      auto stored = S::from_json(parse_json(dump_json(part.to_json())).value());
      ASSERT_TRUE(stored.ok()) << "seed " << seed << ": " << stored.status().to_string();
      part = *stored;
    }
    ASSERT_TRUE(merged.merge(part).ok()) << "seed " << seed;
  }
  EXPECT_TRUE(merged == whole) << "seed " << seed;
  EXPECT_EQ(dump_json(merged.to_json()), dump_json(whole.to_json())) << "seed " << seed;

  auto back = S::from_json(whole.to_json());
  ASSERT_TRUE(back.ok()) << "seed " << seed << ": " << back.status().to_string();
  EXPECT_TRUE(*back == whole) << "seed " << seed;
}

TEST(MergeProperty, Nps) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::int64_t> answers(static_cast<std::size_t>(uniform(rng, 0, 300)));
    for (auto& a : answers) a = uniform(rng, 0, 10);
    check_partitions(
        rng, NpsSummary{}, answers, [](NpsSummary& s, std::int64_t a) { return s.add_answer(a); },
        seed);
  }
}

TEST(MergeProperty, CsatOnEveryScale) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    const CsatScale scale{uniform(rng, 0, 1), uniform(rng, 2, 11)};
    auto empty = CsatSummary::create(scale);
    ASSERT_TRUE(empty.ok());
    std::vector<std::int64_t> answers(static_cast<std::size_t>(uniform(rng, 0, 300)));
    for (auto& a : answers) a = uniform(rng, scale.low, scale.low + scale.points - 1);
    check_partitions(
        rng, *empty, answers, [](CsatSummary& s, std::int64_t a) { return s.add(a); }, seed);
  }
}

TEST(MergeProperty, Ces) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    const std::int64_t points = uniform(rng, 0, 1) == 1 ? 7 : 5;
    std::vector<std::int64_t> answers(static_cast<std::size_t>(uniform(rng, 0, 300)));
    for (auto& a : answers) a = uniform(rng, 1, points);
    check_partitions(
        rng, *CesSummary::create(points), answers,
        [](CesSummary& s, std::int64_t a) { return s.add(a); }, seed);
  }
}

TEST(MergeProperty, Servqual) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<ServqualResponse> responses(static_cast<std::size_t>(uniform(rng, 0, 60)));
    for (auto& r : responses) {
      r.items.resize(static_cast<std::size_t>(uniform(rng, 1, 22)));
      for (auto& item : r.items) {
        item = {static_cast<ServqualDimension>(uniform(rng, 0, 4)), uniform(rng, 1, 7),
                uniform(rng, 1, 7)};
      }
      if (uniform(rng, 0, 2) > 0) {
        ServqualWeights w;
        std::int64_t left = 100;
        for (std::size_t d = 0; d + 1 < w.points.size(); ++d) {
          w.points[d] = uniform(rng, 0, left);
          left -= w.points[d];
        }
        w.points.back() = left;
        r.weights = w;
      }
    }
    check_partitions(
        rng, ServqualSummary{}, responses,
        [](ServqualSummary& s, const ServqualResponse& r) { return s.add(r); }, seed);
  }
}

TEST(MergeProperty, DeliveredValue) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    const DeliveredValueScale scale =
        uniform(rng, 0, 1) == 1 ? DeliveredValueScale{0, 10} : DeliveredValueScale{1, 7};
    std::vector<DeliveredValueResponse> responses(static_cast<std::size_t>(uniform(rng, 0, 200)));
    for (auto& r : responses) {
      for (auto& v : r.value) v = uniform(rng, scale.low, scale.high);
      // Low costs now and then, so zero-cost respondents occur on 0..10.
      for (auto& c : r.cost)
        c = uniform(rng, scale.low, uniform(rng, 0, 3) == 0 ? scale.low : scale.high);
    }
    check_partitions(
        rng, *DeliveredValueSummary::create(scale), responses,
        [](DeliveredValueSummary& s, const DeliveredValueResponse& r) { return s.add(r); }, seed);
  }
}

TEST(MergeProperty, SplitByVariantAndBucket) {
  for (int seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    using Answer = std::pair<std::int64_t, std::int64_t>;  // (key index, answer)
    std::vector<Answer> answers(static_cast<std::size_t>(uniform(rng, 0, 300)));
    for (auto& a : answers) a = {uniform(rng, 0, 4), uniform(rng, 1, 7)};
    const CsatSummary seven = *CsatSummary::create({1, 7});
    check_partitions(
        rng, ByVariant<CsatSummary>(seven), answers,
        [](ByVariant<CsatSummary>& s, const Answer& a) -> Status {
          TESSERA_ASSIGN_OR_RETURN(CsatSummary * part, s.part("v" + std::to_string(a.first)));
          return part->add(a.second);
        },
        seed);
    check_partitions(
        rng, ByBucket<NpsSummary>{}, answers,
        [](ByBucket<NpsSummary>& s, const Answer& a) -> Status {
          TESSERA_ASSIGN_OR_RETURN(NpsSummary * part, s.part(19000 + a.first));
          return part->add_answer(a.second);
        },
        seed);
  }
}

}  // namespace
}  // namespace tessera::score
