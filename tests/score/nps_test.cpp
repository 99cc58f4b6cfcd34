// NPS classification boundaries and summaries.
#include "tessera/score/nps.hpp"

#include <gtest/gtest.h>

namespace tessera::score {
namespace {

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
  a.merge(b);
  EXPECT_EQ(a.n(), 5);
  EXPECT_DOUBLE_EQ(a.score(), 0.0);  // (2 - 2) / 5
}

}  // namespace
}  // namespace tessera::score
