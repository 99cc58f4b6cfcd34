// CSAT and CES summaries on their rating distributions.
#include "tessera/score/rating.hpp"

#include <gtest/gtest.h>

namespace tessera::score {
namespace {

TEST(RatingDistribution, RefusesScalesOutsideTwoToElevenPoints) {
  EXPECT_TRUE(RatingDistribution::create(1, 2).ok());
  EXPECT_TRUE(RatingDistribution::create(0, 10).ok());
  EXPECT_EQ(RatingDistribution::create(1, 1).status().code(), Code::kOutOfRange);
  EXPECT_EQ(RatingDistribution::create(0, 11).status().code(), Code::kOutOfRange);
  EXPECT_EQ(RatingDistribution::create(5, 1).status().code(), Code::kOutOfRange);
}

TEST(RatingDistribution, CountsSumsAndMeans) {
  auto d = *RatingDistribution::create(1, 5);
  EXPECT_FALSE(d.mean().has_value());
  for (int a : {5, 4, 4, 1}) ASSERT_TRUE(d.add(a).ok());
  EXPECT_EQ(d.n(), 4);
  EXPECT_EQ(d.sum(), 14);
  EXPECT_DOUBLE_EQ(*d.mean(), 3.5);
  EXPECT_EQ(d.count_between(4, 9), 3);
  EXPECT_EQ(d.counts(), (std::vector<std::int64_t>{1, 0, 0, 2, 1}));
  EXPECT_EQ(d.add(6).code(), Code::kOutOfRange);
  EXPECT_EQ(d.add(0).code(), Code::kOutOfRange);
  EXPECT_EQ(d.n(), 4);
}

TEST(Csat, DefaultsToOneToFiveWithTopTwoBox) {
  CsatSummary s;
  EXPECT_EQ(s.distribution().low(), 1);
  EXPECT_EQ(s.distribution().high(), 5);
  EXPECT_FALSE(s.top2_box_pct().has_value());
  for (int a : {5, 4, 3, 2, 5}) ASSERT_TRUE(s.add(a).ok());
  EXPECT_EQ(s.top2_box_count(), 3);
  EXPECT_DOUBLE_EQ(*s.top2_box_pct(), 60.0);
  EXPECT_DOUBLE_EQ(*s.mean(), 19.0 / 5.0);
}

TEST(Csat, ConfigurableScales) {
  auto s = CsatSummary::create({0, 11});
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(s->add(0).ok());
  ASSERT_TRUE(s->add(9).ok());
  ASSERT_TRUE(s->add(10).ok());
  EXPECT_EQ(s->top2_box_count(), 2);  // 9 and 10
  EXPECT_EQ(s->add(11).code(), Code::kOutOfRange);
  EXPECT_EQ(CsatSummary::create({1, 1}).status().code(), Code::kOutOfRange);
  EXPECT_EQ(CsatSummary::create({1, 12}).status().code(), Code::kOutOfRange);
  EXPECT_EQ(CsatSummary::create({2, 5}).status().code(), Code::kOutOfRange);
  // Two points: the top two boxes are every answer.
  auto two = *CsatSummary::create({1, 2});
  ASSERT_TRUE(two.add(1).ok());
  EXPECT_DOUBLE_EQ(*two.top2_box_pct(), 100.0);
}

TEST(Csat, MergeNeedsTheSameScale) {
  CsatSummary five;
  auto seven = *CsatSummary::create({1, 7});
  ASSERT_TRUE(seven.add(7).ok());
  EXPECT_EQ(five.merge(seven).code(), Code::kFailedPrecondition);
  EXPECT_EQ(five.n(), 0);
  CsatSummary other;
  ASSERT_TRUE(other.add(2).ok());
  ASSERT_TRUE(five.merge(other).ok());
  EXPECT_EQ(five.n(), 1);
}

TEST(Csat, JsonRoundTrip) {
  CsatSummary s;
  for (int a : {5, 4, 4, 1}) ASSERT_TRUE(s.add(a).ok());
  EXPECT_EQ(dump_json(s.to_json()),
            R"({"counts":[1,0,0,2,1],"display":{"distributionPct":[25.0,0.0,0.0,50.0,25.0],)"
            R"("mean":3.5,"top2BoxPct":75.0},"high":5,"kind":"csat","low":1,"n":4,"v":1})");
  auto back = CsatSummary::from_json(s.to_json());
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, s);
}

TEST(Csat, FromJsonNamesTheBadField) {
  CsatSummary s;
  ASSERT_TRUE(s.add(3).ok());
  Json j = s.to_json();
  Json bad = j;
  bad["counts"] = Json::array({1, 2});
  EXPECT_EQ(CsatSummary::from_json(bad).status().path(), "/counts");
  bad = j;
  bad["counts"][2] = -3;
  EXPECT_EQ(CsatSummary::from_json(bad).status().path(), "/counts/2");
  bad = j;
  bad["n"] = 2;
  EXPECT_EQ(CsatSummary::from_json(bad).status().code(), Code::kInvalidValue);
  bad = j;
  bad["high"] = 40;
  EXPECT_EQ(CsatSummary::from_json(bad).status().path(), "/high");
  bad = j;
  bad["kind"] = "ces";
  EXPECT_EQ(CsatSummary::from_json(bad).status().path(), "/kind");
  bad = j;
  bad["lo"] = 1;
  EXPECT_EQ(CsatSummary::from_json(bad).status().code(), Code::kUnknownField);
}

TEST(Ces, EasyIsEveryPointAboveTheMidpoint) {
  CesSummary seven;
  EXPECT_EQ(seven.distribution().high(), 7);
  EXPECT_EQ(seven.easy_from(), 5);
  for (int a : {7, 6, 5, 4, 1}) ASSERT_TRUE(seven.add(a).ok());
  EXPECT_EQ(seven.easy_count(), 3);
  EXPECT_DOUBLE_EQ(*seven.easy_pct(), 60.0);
  EXPECT_DOUBLE_EQ(*seven.mean(), 23.0 / 5.0);

  auto five = *CesSummary::create(5);
  EXPECT_EQ(five.easy_from(), 4);
  for (int a : {5, 4, 3}) ASSERT_TRUE(five.add(a).ok());
  EXPECT_EQ(five.easy_count(), 2);
  EXPECT_EQ(five.add(6).code(), Code::kOutOfRange);
  EXPECT_EQ(CesSummary::create(6).status().code(), Code::kOutOfRange);
  EXPECT_EQ(five.merge(seven).code(), Code::kFailedPrecondition);
}

TEST(Ces, JsonRoundTrip) {
  auto s = *CesSummary::create(5);
  for (int a : {5, 2}) ASSERT_TRUE(s.add(a).ok());
  Json j = s.to_json();
  EXPECT_EQ(j["display"]["easyFrom"], 4);
  EXPECT_EQ(j["display"]["easyPct"], 50.0);
  auto back = CesSummary::from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, s);
  // A CSAT-shaped scale is not a CES scale.
  j["low"] = 0;
  j["high"] = 4;
  EXPECT_EQ(CesSummary::from_json(j).status().code(), Code::kOutOfRange);
}

}  // namespace
}  // namespace tessera::score
