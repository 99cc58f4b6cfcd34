// Summaries split by A/B variant and by time bucket.
#include "tessera/score/split.hpp"

#include <gtest/gtest.h>

#include "tessera/score/nps.hpp"
#include "tessera/score/rating.hpp"

namespace tessera::score {
namespace {

TEST(Split, ByVariantKeepsOnePartPerVariant) {
  ByVariant<NpsSummary> ab;
  for (auto [variant, answer] : std::vector<std::pair<std::string, int>>{
           {"a", 10}, {"b", 3}, {"a", 9}, {"b", 9}, {"a", 0}}) {
    auto part = ab.part(variant);
    ASSERT_TRUE(part.ok());
    ASSERT_TRUE((*part)->add_answer(answer).ok());
  }
  ASSERT_EQ(ab.parts().size(), 2u);
  EXPECT_DOUBLE_EQ(ab.find("a")->score(), 100.0 / 3.0);
  EXPECT_DOUBLE_EQ(ab.find("b")->score(), 0.0);
  EXPECT_EQ(ab.find("c"), nullptr);
  auto total = ab.total();
  ASSERT_TRUE(total.ok());
  EXPECT_EQ(total->n(), 5);
  EXPECT_EQ(total->promoters, 3);
}

TEST(Split, RefusesKeysThatAreNotIds) {
  ByVariant<NpsSummary> ab;
  EXPECT_EQ(ab.part("").status().code(), Code::kInvalidValue);
  EXPECT_EQ(ab.part("a b").status().code(), Code::kInvalidValue);
  ByBucket<NpsSummary> days;
  EXPECT_EQ(days.part(kMaxCount + 1).status().code(), Code::kOutOfRange);
  EXPECT_TRUE(days.part(-3).ok());  // days before the epoch are fine
}

TEST(Split, ByBucketFollowsAScoreOverTime) {
  ByBucket<NpsSummary> by_day;
  ASSERT_TRUE((*by_day.part(19877))->add_answer(9).ok());
  ASSERT_TRUE((*by_day.part(19876))->add_answer(0).ok());
  ASSERT_TRUE((*by_day.part(19877))->add_answer(10).ok());
  Json j = by_day.to_json();
  EXPECT_EQ(j["by"], "bucket");
  EXPECT_EQ(j["parts"][0]["key"], 19876);  // ascending
  EXPECT_EQ(j["parts"][1]["summary"]["display"]["score"], 100.0);
  auto back = ByBucket<NpsSummary>::from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, by_day);
}

TEST(Split, PartsTakeTheScaleOfTheEmptySummary) {
  ByVariant<CsatSummary> ab(*CsatSummary::create({1, 7}));
  auto a = ab.part("a");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE((*a)->add(7).ok());
  ByVariant<CsatSummary> five;
  ASSERT_TRUE((*five.part("a"))->add(5).ok());
  EXPECT_EQ(ab.merge(five).code(), Code::kFailedPrecondition);
  EXPECT_EQ(ab.find("a")->n(), 1);  // unchanged
}

TEST(Split, MergeAddsMatchingPartsAndKeepsTheRest) {
  ByVariant<NpsSummary> x;
  ByVariant<NpsSummary> y;
  ASSERT_TRUE((*x.part("a"))->add_answer(9).ok());
  ASSERT_TRUE((*y.part("a"))->add_answer(1).ok());
  ASSERT_TRUE((*y.part("b"))->add_answer(7).ok());
  ASSERT_TRUE(x.merge(y).ok());
  EXPECT_EQ(x.find("a")->n(), 2);
  EXPECT_EQ(x.find("b")->passives, 1);
}

TEST(Split, FromJsonNamesTheBadField) {
  ByVariant<CsatSummary> ab;
  ASSERT_TRUE((*ab.part("a"))->add(4).ok());
  ASSERT_TRUE((*ab.part("b"))->add(2).ok());
  const Json good = ab.to_json();
  auto path_of = [](const Json& j) { return ByVariant<CsatSummary>::from_json(j).status().path(); };

  Json bad = good;
  bad["by"] = "bucket";
  EXPECT_EQ(path_of(bad), "/by");
  EXPECT_EQ(ByBucket<CsatSummary>::from_json(good).status().path(), "/by");
  bad = good;
  bad["parts"][1]["key"] = "a";
  EXPECT_EQ(path_of(bad), "/parts/1/key");  // repeated key
  bad = good;
  bad["parts"][0]["key"] = 7;
  EXPECT_EQ(path_of(bad), "/parts/0/key");
  bad = good;
  bad["parts"][1]["summary"]["counts"][9] = 1;
  EXPECT_EQ(path_of(bad), "/parts/1/summary/counts");
  bad = good;
  bad["parts"][1]["summary"] = CsatSummary(*CsatSummary::create({1, 7})).to_json();
  EXPECT_EQ(path_of(bad), "/parts/1/summary");  // a 1..7 part in a 1..5 split
  bad = good;
  bad["empty"] = good["parts"][0]["summary"];
  EXPECT_EQ(path_of(bad), "/empty");  // the empty summary has an answer
  bad = good;
  bad.erase("empty");
  EXPECT_EQ(path_of(bad), "/empty");
}

}  // namespace
}  // namespace tessera::score
