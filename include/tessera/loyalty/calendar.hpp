// Civil dates and local periods for loyalty rules, without the C library's
// time zone machinery (localtime/gmtime read the host's zone database and
// differ between native and wasm). A program states one fixed UTC offset in
// minutes; "local day", "week" (Monday first), "month" and "year" are
// computed from epoch milliseconds plus that offset, identically everywhere.
//
//   LocalClock clock{60};                         // UTC+01:00
//   CivilDate d = clock.date(1704067200000);      // 2024-01-01 (01:00 local)
//   int64_t next = clock.month_start(clock.month_index(t) + 1);  // UTC ms
#pragma once

#include <cstdint>
#include <string>

namespace tessera::loyalty {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
// Timestamps accepted anywhere: 1970-01-01 to 9999-12-31 (UTC).
constexpr std::int64_t kMinTimestamp = 0;
constexpr std::int64_t kMaxTimestamp = 253'402'300'799'999;
// "Never" for expiry and evaluation times; later than any valid timestamp.
constexpr std::int64_t kNever = INT64_MAX;

struct CivilDate {
  std::int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// Floor division (rounds toward negative infinity), b > 0.
std::int64_t floor_div(std::int64_t a, std::int64_t b);

// Days since 1970-01-01 of a proleptic Gregorian date, and back.
std::int64_t days_from_civil(const CivilDate& date);
CivilDate civil_from_days(std::int64_t days);
bool is_leap_year(std::int64_t year);
int days_in_month(std::int64_t year, int month);

// "2024-03-01" (for JSON output of dates).
std::string format_date(const CivilDate& date);
// "2024-03-01T00:00:00.000Z" of a UTC timestamp.
std::string format_timestamp(std::int64_t utc_ms);

// Local calendar at a fixed offset. All results in UTC epoch ms are the
// first instant of the local period.
struct LocalClock {
  int offset_minutes = 0;  // -1440..1440

  std::int64_t local_ms(std::int64_t utc_ms) const {
    return utc_ms + offset_minutes * kMsPerMinute;
  }
  std::int64_t day_index(std::int64_t utc_ms) const {
    return floor_div(local_ms(utc_ms), kMsPerDay);
  }
  // 0 = Monday .. 6 = Sunday. 1970-01-01 was a Thursday.
  int weekday(std::int64_t utc_ms) const;
  // Weeks counted from the Monday 1969-12-29.
  std::int64_t week_index(std::int64_t utc_ms) const;
  // year * 12 + (month - 1).
  std::int64_t month_index(std::int64_t utc_ms) const;
  CivilDate date(std::int64_t utc_ms) const { return civil_from_days(day_index(utc_ms)); }

  std::int64_t day_start(std::int64_t day) const;
  std::int64_t week_start(std::int64_t week) const;
  std::int64_t month_start(std::int64_t month_index) const;
  std::int64_t year_start(std::int64_t year) const;
};

}  // namespace tessera::loyalty
