// Checked arithmetic, rounding modes and the civil calendar.
#include <gtest/gtest.h>

#include "tessera/loyalty/calendar.hpp"
#include "tessera/loyalty/points_math.hpp"

namespace tessera::loyalty {
namespace {

TEST(PointsMath, RoundingModes) {
  EXPECT_EQ(*divide_rounded(1999, 100, Rounding::kFloor), 19);
  EXPECT_EQ(*divide_rounded(1999, 100, Rounding::kCeil), 20);
  EXPECT_EQ(*divide_rounded(1999, 100, Rounding::kHalfEven), 20);
  EXPECT_EQ(*divide_rounded(250, 100, Rounding::kHalfEven), 2);  // half to even
  EXPECT_EQ(*divide_rounded(350, 100, Rounding::kHalfEven), 4);
  EXPECT_EQ(*divide_rounded(5, 3, Rounding::kHalfEven), 2);  // 1.67
  EXPECT_EQ(*divide_rounded(300, 100, Rounding::kCeil), 3);  // exact stays exact
}

TEST(PointsMath, OverflowIsAnError) {
  std::int64_t out = 0;
  EXPECT_FALSE(checked_add(INT64_MAX, 1, out, "/x").ok());
  EXPECT_EQ(checked_mul(INT64_MAX / 2, 3, out, "/y").path(), "/y");
  EXPECT_TRUE(checked_sub(5, 7, out, "").ok());
  EXPECT_EQ(out, -2);
  Wide huge = static_cast<Wide>(INT64_MAX) * 4;
  EXPECT_EQ(divide_rounded(huge, 2, Rounding::kFloor).status().code(), Code::kOutOfRange);
}

TEST(Calendar, KnownDates) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2024, 1, 1}), 19723);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(format_date(civil_from_days(19723 + 59)), "2024-02-29");
  EXPECT_EQ(format_date(civil_from_days(-1)), "1969-12-31");
  EXPECT_EQ(format_timestamp(1704067200000), "2024-01-01T00:00:00.000Z");
}

TEST(Calendar, RoundTripsEveryDayFor800Years) {
  for (std::int64_t d = -200000; d < 100000; d += 1) {
    CivilDate c = civil_from_days(d);
    ASSERT_EQ(days_from_civil(c), d);
    ASSERT_GE(c.day, 1);
    ASSERT_LE(c.day, days_in_month(c.year, c.month));
  }
}

TEST(Calendar, LocalPeriodsUseTheOffset) {
  LocalClock utc{0};
  LocalClock tokyo{540};
  std::int64_t t = 1704063600000;  // 2023-12-31T23:00Z = 2024-01-01 08:00 in Tokyo
  EXPECT_EQ(utc.date(t).year, 2023);
  EXPECT_EQ(tokyo.date(t).year, 2024);
  EXPECT_EQ(utc.weekday(t), 6);                      // Sunday
  EXPECT_EQ(tokyo.weekday(t), 0);                    // Monday
  EXPECT_EQ(tokyo.year_start(2024), 1704034800000);  // 2023-12-31T15:00Z
  EXPECT_EQ(utc.month_start(utc.month_index(t) + 1), 1704067200000);
  EXPECT_EQ(utc.week_start(utc.week_index(1704067200000)), 1704067200000);  // a Monday
}

}  // namespace
}  // namespace tessera::loyalty
