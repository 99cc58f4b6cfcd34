// Customer delivered value per respondent and aggregated.
#include "tessera/score/delivered_value.hpp"

#include <gtest/gtest.h>

namespace tessera::score {
namespace {

TEST(DeliveredValue, OneRespondent) {
  DeliveredValueResponse r{{6, 5, 5, 4}, {3, 2, 2, 1}};
  auto dv = evaluate_delivered_value(r, {});
  ASSERT_TRUE(dv.ok());
  EXPECT_EQ(dv->total_value, 20);
  EXPECT_EQ(dv->total_cost, 8);
  EXPECT_EQ(dv->difference, 12);
  EXPECT_DOUBLE_EQ(*dv->ratio, 2.5);
}

TEST(DeliveredValue, RatingsOutsideTheScaleNameTheirComponent) {
  DeliveredValueResponse r{{6, 5, 5, 4}, {3, 2, 9, 1}};
  auto dv = evaluate_delivered_value(r, {1, 7});
  EXPECT_EQ(dv.status().code(), Code::kOutOfRange);
  EXPECT_EQ(dv.status().path(), "/cost/energy");
  r.cost[2] = 2;
  r.value[3] = 0;
  EXPECT_EQ(evaluate_delivered_value(r, {1, 7}).status().path(), "/value/image");
  EXPECT_TRUE(evaluate_delivered_value(r, {0, 10}).ok());
  EXPECT_EQ(evaluate_delivered_value(r, {3, 2}).status().code(), Code::kOutOfRange);
  EXPECT_EQ(DeliveredValueSummary::create({0, 11}).status().code(), Code::kOutOfRange);
}

TEST(DeliveredValue, ThreeAggregatesDiffer) {
  DeliveredValueSummary s;
  // (value 28, cost 4): ratio 7; (value 8, cost 28): ratio 2/7.
  ASSERT_TRUE(s.add({{7, 7, 7, 7}, {1, 1, 1, 1}}).ok());
  ASSERT_TRUE(s.add({{2, 2, 2, 2}, {7, 7, 7, 7}}).ok());
  EXPECT_EQ(s.n(), 2);
  EXPECT_DOUBLE_EQ(*s.mean_difference(), 2.0);        // (24 + -20) / 2
  EXPECT_DOUBLE_EQ(*s.ratio_of_sums(), 36.0 / 32.0);  // 1.125
  EXPECT_DOUBLE_EQ(*s.mean_of_ratios(), (7.0 + 2.0 / 7.0) / 2.0);
  EXPECT_DOUBLE_EQ(*s.mean_value(ValueComponent::kImage), 4.5);
  EXPECT_DOUBLE_EQ(*s.mean_cost(CostComponent::kPsychic), 4.0);
  EXPECT_DOUBLE_EQ(*s.mean_total_value(), 18.0);
  EXPECT_DOUBLE_EQ(*s.mean_total_cost(), 16.0);
}

TEST(DeliveredValue, ZeroCostIsLeftOutOfTheMeanOfRatiosOnly) {
  auto s = *DeliveredValueSummary::create({0, 10});
  ASSERT_TRUE(s.add({{5, 5, 5, 5}, {0, 0, 0, 0}}).ok());
  EXPECT_FALSE(s.ratio_of_sums().has_value());
  EXPECT_FALSE(s.mean_of_ratios().has_value());
  EXPECT_DOUBLE_EQ(*s.mean_difference(), 20.0);
  ASSERT_TRUE(s.add({{5, 5, 5, 5}, {1, 1, 1, 1}}).ok());
  EXPECT_EQ(s.zero_cost_respondents(), 1);
  EXPECT_DOUBLE_EQ(*s.mean_of_ratios(), 5.0);
  EXPECT_DOUBLE_EQ(*s.ratio_of_sums(), 10.0);
}

TEST(DeliveredValue, MergeNeedsTheSameScale) {
  DeliveredValueSummary a;
  auto b = *DeliveredValueSummary::create({0, 10});
  ASSERT_TRUE(b.add({{1, 1, 1, 1}, {1, 1, 1, 1}}).ok());
  EXPECT_EQ(a.merge(b).code(), Code::kFailedPrecondition);
  EXPECT_EQ(a.n(), 0);
}

TEST(DeliveredValue, ResponseFromJson) {
  auto r = delivered_value_response_from_json(
      parse_json(R"({"value":{"product":6,"service":5,"personnel":5,"image":4},
                     "cost":{"monetary":3,"time":2,"energy":2,"psychic":1}})")
          .value(),
      {});
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->value[0], 6);
  EXPECT_EQ(r->cost[3], 1);
  auto bad = delivered_value_response_from_json(
      parse_json(R"({"value":{"product":6,"service":5,"personnel":5,"image":4},
                     "cost":{"monetary":3,"time":2,"energy":8,"psychic":1}})")
          .value(),
      {}, "/responses/4");
  EXPECT_EQ(bad.status().path(), "/responses/4/cost/energy");
}

TEST(DeliveredValue, JsonRoundTripAndConsistency) {
  DeliveredValueSummary s;
  ASSERT_TRUE(s.add({{7, 7, 7, 7}, {1, 1, 1, 1}}).ok());
  ASSERT_TRUE(s.add({{2, 2, 2, 2}, {7, 7, 7, 7}}).ok());
  ASSERT_TRUE(s.add({{7, 7, 7, 7}, {1, 1, 1, 1}}).ok());
  Json j = s.to_json();
  EXPECT_EQ(dump_json(j["totals"]), "[[8,28,1],[28,4,2]]");
  EXPECT_EQ(j["display"]["ratioOfSums"], 1.7778);  // 64 / 36 = 1.77777...
  auto back = DeliveredValueSummary::from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, s);

  Json bad = j;
  bad["totals"][0][2] = 2;  // now 4 respondents, n says 3
  EXPECT_EQ(DeliveredValueSummary::from_json(bad).status().path(), "/totals");
  bad = j;
  bad["totals"] = Json::array({Json::array({28, 4, 2}), Json::array({8, 28, 1})});
  EXPECT_EQ(DeliveredValueSummary::from_json(bad).status().path(), "/totals/1");
  bad = j;
  bad["totals"][0][0] = 3;  // below 4 * low
  EXPECT_EQ(DeliveredValueSummary::from_json(bad).status().path(), "/totals/0/0");
  bad = j;
  bad["costSums"]["time"] = 100;
  EXPECT_EQ(DeliveredValueSummary::from_json(bad).status().path(), "/costSums/time");
}

}  // namespace
}  // namespace tessera::score
