// NPS classification boundaries, summaries, the 95% interval and JSON.
#include "tessera/score/nps.hpp"

#include <gtest/gtest.h>

#include "tessera/score/summary.hpp"

namespace tessera::score {
namespace {

NpsSummary from_answers(std::initializer_list<int> answers) {
  NpsSummary s;
  for (int a : answers) EXPECT_TRUE(s.add_answer(a).ok());
  return s;
}

TEST(Nps, ClassifiesEveryPointOfTheScale) {
  const char* expected[] = {"detractor", "detractor", "detractor", "detractor",
                            "detractor", "detractor", "detractor", "passive",
                            "passive",   "promoter",  "promoter"};
  for (int s = 0; s <= 10; ++s) {
    auto c = classify_nps(s);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(nps_class_name(*c), expected[s]) << "score " << s;
  }
  EXPECT_EQ(classify_nps(-1).status().code(), Code::kOutOfRange);
  EXPECT_EQ(classify_nps(11).status().code(), Code::kOutOfRange);
}

TEST(Nps, SummaryCountsAnswersOnlyAndMerges) {
  NpsSummary a;
  EXPECT_EQ(a.score(), 0.0);
  for (int s : {10, 9, 8, 3}) a.add(*classify_nps(s));
  EXPECT_EQ(a.n(), 4);
  EXPECT_DOUBLE_EQ(a.score(), 25.0);  // (2 - 1) / 4
  NpsSummary b;
  b.add(*classify_nps(0));
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.n(), 5);
  EXPECT_DOUBLE_EQ(a.score(), 0.0);  // (2 - 2) / 5
}

TEST(Nps, AddAnswerRefusesNonAnswersAndLeavesTheSummaryAlone) {
  NpsSummary s = from_answers({9});
  EXPECT_EQ(s.add_answer(11).code(), Code::kOutOfRange);
  EXPECT_EQ(s.add_answer(-1).code(), Code::kOutOfRange);
  EXPECT_EQ(s.n(), 1);
}

TEST(Nps, SharesArePercentOfAnswers) {
  NpsSummary s = from_answers({10, 10, 10, 10, 10, 8, 7, 7, 2, 0});
  EXPECT_DOUBLE_EQ(s.promoters_pct(), 50.0);
  EXPECT_DOUBLE_EQ(s.passives_pct(), 30.0);
  EXPECT_DOUBLE_EQ(s.detractors_pct(), 20.0);
  EXPECT_DOUBLE_EQ(s.score(), 30.0);
}

TEST(Nps, ConfidenceIntervalFollowsTheDifferenceStandardError) {
  // P=5, passives 3, D=2 of 10: p=.5, d=.2, var=(.7 - .09)/10 = .061,
  // half width 1.96 * sqrt(.061) = .4840843; 30 +- 48.40843.
  NpsSummary s = from_answers({10, 10, 10, 10, 10, 8, 7, 7, 2, 0});
  auto ci = s.confidence_interval_95();
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->low, -18.4084290, 1e-6);
  EXPECT_NEAR(ci->high, 78.4084290, 1e-6);
  EXPECT_EQ(round_display(ci->low), -18.4084);
}

TEST(Nps, ConfidenceIntervalIsClampedAndAbsentWithoutAnswers) {
  EXPECT_FALSE(NpsSummary{}.confidence_interval_95().has_value());
  // 9 promoters, 1 detractor: 80 +- 37.19 would pass 100.
  NpsSummary s = from_answers({9, 9, 9, 9, 9, 9, 9, 9, 9, 0});
  auto ci = s.confidence_interval_95();
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->low, 42.8116147, 1e-6);
  EXPECT_EQ(ci->high, 100.0);
  // Unanimous: zero variance, a zero-width interval (a Wald limitation).
  auto all = from_answers({0, 1}).confidence_interval_95();
  EXPECT_EQ(all->low, -100.0);
  EXPECT_EQ(all->high, -100.0);
}

TEST(Nps, JsonKeepsExactCountsAndRoundedDisplay) {
  NpsSummary s = from_answers({10, 9, 8, 3});
  EXPECT_EQ(dump_json(s.to_json()),
            R"({"counts":{"detractors":1,"passives":1,"promoters":2},"display":{"ci95":)"
            R"({"high":100.0,"low":-56.2573},"detractorsPct":25.0,"passivesPct":25.0,)"
            R"("promotersPct":50.0,"score":25.0},"kind":"nps","n":4,"v":1})");
  auto back = NpsSummary::from_json(s.to_json());
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, s);
}

TEST(Nps, EmptySummaryShowsNullsNotZeros) {
  Json j = NpsSummary{}.to_json();
  EXPECT_TRUE(j["display"]["score"].is_null());
  EXPECT_TRUE(j["display"]["ci95"].is_null());
  EXPECT_TRUE(j["display"]["promotersPct"].is_null());
}

TEST(Nps, FromJsonNamesTheBadField) {
  Json good = from_answers({9, 0}).to_json();
  struct Case {
    const char* pointer;
    Json value;
    Code code;
    const char* path;
  };
  const Case cases[] = {
      {"/kind", "csat", Code::kInvalidValue, "/kind"},
      {"/v", 2, Code::kOutOfRange, "/v"},
      {"/n", 3, Code::kInvalidValue, "/n"},
      {"/counts/promoters", -1, Code::kOutOfRange, "/counts/promoters"},
      {"/counts/passives", 1.5, Code::kInvalidType, "/counts/passives"},
      {"/counts/extra", 1, Code::kUnknownField, "/counts/extra"},
      {"/counts", "x", Code::kInvalidType, "/counts"},
  };
  for (const Case& c : cases) {
    Json bad = good;
    bad[Json::json_pointer(c.pointer)] = c.value;
    auto r = NpsSummary::from_json(bad);
    ASSERT_FALSE(r.ok()) << c.pointer;
    EXPECT_EQ(r.status().code(), c.code) << c.pointer << ": " << r.status().to_string();
    EXPECT_EQ(r.status().path(), c.path) << c.pointer;
  }
  Json missing = good;
  missing["counts"].erase("detractors");
  EXPECT_EQ(NpsSummary::from_json(missing).status().path(), "/counts/detractors");
  EXPECT_EQ(NpsSummary::from_json(Json::array(), "/x").status().path(), "/x");
  // Paths nest below a caller-given prefix.
  Json nested = good;
  nested["counts"]["promoters"] = "9";
  EXPECT_EQ(NpsSummary::from_json(nested, "/parts/2/summary").status().path(),
            "/parts/2/summary/counts/promoters");
}

TEST(Nps, MergeStopsAtTheExactIntegerLimit) {
  NpsSummary big;
  big.promoters = kMaxCount;
  NpsSummary one = from_answers({0});
  EXPECT_EQ(big.merge(one).code(), Code::kLimitExceeded);
  EXPECT_EQ(big.detractors, 0);
  EXPECT_EQ(big.add_answer(5).code(), Code::kLimitExceeded);
}

}  // namespace
}  // namespace tessera::score
