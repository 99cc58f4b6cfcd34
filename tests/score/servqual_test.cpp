// SERVQUAL dimension gaps, weighting, validation and JSON.
#include "tessera/score/servqual.hpp"

#include <gtest/gtest.h>

namespace tessera::score {
namespace {

using D = ServqualDimension;

// One item per dimension with the given (E, P) pairs, in dimension order.
ServqualResponse one_each(std::array<std::pair<int, int>, 5> ep,
                          std::optional<ServqualWeights> weights = std::nullopt) {
  ServqualResponse r;
  for (std::size_t i = 0; i < 5; ++i) {
    r.items.push_back({static_cast<D>(i), ep[i].first, ep[i].second});
  }
  r.weights = weights;
  return r;
}

TEST(Servqual, DimensionNamesRoundTrip) {
  for (int i = 0; i < 5; ++i) {
    auto d = static_cast<D>(i);
    EXPECT_EQ(*parse_servqual_dimension(servqual_dimension_name(d)), d);
  }
  auto bad = parse_servqual_dimension("price", "/items/0/dimension");
  EXPECT_EQ(bad.status().code(), Code::kInvalidValue);
  EXPECT_EQ(bad.status().path(), "/items/0/dimension");
}

TEST(Servqual, GapsPerDimensionAndOverall) {
  ServqualSummary s;
  EXPECT_FALSE(s.unweighted_gap().has_value());
  // Gaps: -1, -2, 0, +1, -3 -> unweighted -1.
  ASSERT_TRUE(s.add(one_each({{{6, 5}, {7, 5}, {4, 4}, {5, 6}, {7, 4}}})).ok());
  EXPECT_DOUBLE_EQ(*s.mean_expectation(D::kReliability), 7.0);
  EXPECT_DOUBLE_EQ(*s.mean_perception(D::kReliability), 5.0);
  EXPECT_DOUBLE_EQ(*s.gap(D::kEmpathy), -3.0);
  EXPECT_DOUBLE_EQ(*s.unweighted_gap(), -1.0);
  EXPECT_FALSE(s.weighted_gap().has_value());  // nobody gave weights
  EXPECT_FALSE(s.mean_weight(D::kTangibles).has_value());
}

TEST(Servqual, WeightedGapUsesMeanImportancePoints) {
  ServqualSummary s;
  // Same gaps as above, two respondents; weights (20,40,10,10,20) and
  // (10,30,30,10,20) average to (15,35,20,10,20).
  ASSERT_TRUE(s.add(one_each({{{6, 5}, {7, 5}, {4, 4}, {5, 6}, {7, 4}}},
                             ServqualWeights{{20, 40, 10, 10, 20}}))
                  .ok());
  ASSERT_TRUE(s.add(one_each({{{6, 5}, {7, 5}, {4, 4}, {5, 6}, {7, 4}}},
                             ServqualWeights{{10, 30, 30, 10, 20}}))
                  .ok());
  EXPECT_DOUBLE_EQ(*s.mean_weight(D::kReliability), 35.0);
  // .15*-1 + .35*-2 + .20*0 + .10*1 + .20*-3 = -1.35
  EXPECT_DOUBLE_EQ(*s.weighted_gap(), -1.35);
  EXPECT_EQ(s.weighted_respondents(), 2);
}

TEST(Servqual, MissingDimensionLeavesOverallGapsUndefined) {
  ServqualSummary s;
  ServqualResponse r;
  r.items = {{D::kReliability, 7, 5}, {D::kReliability, 6, 6}};
  ASSERT_TRUE(s.add(r).ok());
  EXPECT_DOUBLE_EQ(*s.gap(D::kReliability), -1.0);  // (11 - 13) / 2
  EXPECT_FALSE(s.gap(D::kEmpathy).has_value());
  EXPECT_FALSE(s.unweighted_gap().has_value());
}

TEST(Servqual, AddNamesTheBadFieldAndChangesNothing) {
  ServqualSummary s;
  ServqualResponse r;
  EXPECT_EQ(s.add(r).path(), "/items");
  r.items = {{D::kTangibles, 5, 5}, {D::kEmpathy, 5, 8}};
  Status st = s.add(r);
  EXPECT_EQ(st.code(), Code::kOutOfRange);
  EXPECT_EQ(st.path(), "/items/1/perception");
  r.items[1].perception = 5;
  r.items[0].expectation = 0;
  EXPECT_EQ(s.add(r).path(), "/items/0/expectation");
  r.items[0].expectation = 5;
  r.weights = ServqualWeights{{20, 20, 20, 20, 10}};
  EXPECT_EQ(s.add(r).path(), "/weights");
  r.weights = ServqualWeights{{120, -20, 0, 0, 0}};
  EXPECT_EQ(s.add(r).path(), "/weights/tangibles");
  EXPECT_EQ(s.respondents(), 0);
}

TEST(Servqual, ResponseFromJson) {
  auto r = servqual_response_from_json(parse_json(R"({"items":[
      {"dimension":"assurance","expectation":6,"perception":7}],
      "weights":{"tangibles":10,"reliability":30,"responsiveness":20,"assurance":20,
                 "empathy":20}})")
                                           .value());
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->items[0].dimension, D::kAssurance);
  EXPECT_EQ(r->weights->points[1], 30);

  auto bad = [](const char* text) {
    return servqual_response_from_json(parse_json(text).value()).status();
  };
  EXPECT_EQ(bad(R"({"items":[]})").path(), "/items");
  EXPECT_EQ(bad(R"({"items":[{"dimension":"x","expectation":6,"perception":7}]})").path(),
            "/items/0/dimension");
  EXPECT_EQ(bad(R"({"items":[{"dimension":"empathy","expectation":6,"perception":8}]})").path(),
            "/items/0/perception");
  EXPECT_EQ(bad(R"({"items":[{"dimension":"empathy","expectation":6,"perception":2}],
                    "weights":{"tangibles":100}})")
                .path(),
            "/weights/reliability");
  EXPECT_EQ(bad(R"({"items":[{"dimension":"empathy","expectation":6,"perception":2}],
                    "weights":{"tangibles":10,"reliability":10,"responsiveness":10,
                               "assurance":10,"empathy":10}})")
                .path(),
            "/weights");
  EXPECT_EQ(bad(R"({"items":[], "extra":1})").code(), Code::kUnknownField);
}

TEST(Servqual, JsonRoundTripAndInvariants) {
  ServqualSummary s;
  ASSERT_TRUE(s.add(one_each({{{6, 5}, {7, 5}, {4, 4}, {5, 6}, {7, 4}}},
                             ServqualWeights{{20, 40, 10, 10, 20}}))
                  .ok());
  Json j = s.to_json();
  EXPECT_EQ(j["display"]["weightedGap"], -1.5);  // .2*-1 + .4*-2 + .1*1 + .2*-3
  EXPECT_EQ(j["display"]["dimensions"]["empathy"]["gap"], -3.0);
  auto back = ServqualSummary::from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, s);

  Json bad = j;
  bad["dimensions"]["empathy"]["perceptionSum"] = 8;  // one item cannot sum to 8
  EXPECT_EQ(ServqualSummary::from_json(bad).status().path(), "/dimensions/empathy/perceptionSum");
  bad = j;
  bad["dimensions"]["empathy"]["weightSum"] = 25;  // weights now add up to 105
  EXPECT_EQ(ServqualSummary::from_json(bad).status().path(), "/dimensions");
  bad = j;
  bad["weightedRespondents"] = 2;  // more than respondents
  EXPECT_EQ(ServqualSummary::from_json(bad).status().path(), "/weightedRespondents");
  bad = j;
  bad["dimensions"].erase("assurance");
  EXPECT_EQ(ServqualSummary::from_json(bad).status().path(), "/dimensions/assurance");
}

}  // namespace
}  // namespace tessera::score
