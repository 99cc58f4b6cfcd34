// Civil-date arithmetic; see tessera/loyalty/calendar.hpp.
//
// days_from_civil counts whole years with the Gregorian leap rule and adds
// the days of the months before; civil_from_days estimates the year from the
// mean Gregorian year (146097 days per 400 years) and corrects the estimate,
// which is off by at most one.
#include "tessera/loyalty/calendar.hpp"

#include <cstdio>

namespace tessera::loyalty {
namespace {

// Leap days in years [1, year] (year >= 0 in practice; floor_div keeps the
// formula right for earlier years too).
std::int64_t leap_days_through(std::int64_t year) {
  return floor_div(year, 4) - floor_div(year, 100) + floor_div(year, 400);
}

// Days in the months before `month` of a common year.
constexpr int kDaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

}  // namespace

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool is_leap_year(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(std::int64_t year, int month) {
  static constexpr int kLengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kLengths[month - 1];
}

std::int64_t days_from_civil(const CivilDate& date) {
  std::int64_t y = date.year;
  std::int64_t days = 365 * (y - 1970) + (leap_days_through(y - 1) - leap_days_through(1969));
  days += kDaysBefore[date.month - 1];
  if (date.month > 2 && is_leap_year(y)) ++days;
  return days + (date.day - 1);
}

CivilDate civil_from_days(std::int64_t days) {
  CivilDate out;
  std::int64_t year = 1970 + floor_div(days * 400, 146097);
  // The estimate can land one year late or early near a year boundary.
  while (days_from_civil({year, 1, 1}) > days) --year;
  while (days_from_civil({year + 1, 1, 1}) <= days) ++year;
  std::int64_t day_of_year = days - days_from_civil({year, 1, 1});
  int month = 1;
  while (month < 12 && day_of_year >= days_in_month(year, month)) {
    day_of_year -= days_in_month(year, month);
    ++month;
  }
  out.year = year;
  out.month = month;
  out.day = static_cast<int>(day_of_year) + 1;
  return out;
}

std::string format_date(const CivilDate& date) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(date.year), date.month,
                date.day);
  return buf;
}

std::string format_timestamp(std::int64_t utc_ms) {
  if (utc_ms == kNever) return "never";
  std::int64_t day = floor_div(utc_ms, kMsPerDay);
  std::int64_t ms = utc_ms - day * kMsPerDay;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ",
                format_date(civil_from_days(day)).c_str(), static_cast<int>(ms / 3'600'000),
                static_cast<int>(ms / 60'000 % 60), static_cast<int>(ms / 1000 % 60),
                static_cast<int>(ms % 1000));
  return buf;
}

int LocalClock::weekday(std::int64_t utc_ms) const {
  // Day 0 (1970-01-01) was a Thursday, index 3 with Monday = 0.
  return static_cast<int>(day_index(utc_ms) + 3 - 7 * floor_div(day_index(utc_ms) + 3, 7));
}

std::int64_t LocalClock::week_index(std::int64_t utc_ms) const {
  return floor_div(day_index(utc_ms) + 3, 7);
}

std::int64_t LocalClock::month_index(std::int64_t utc_ms) const {
  CivilDate d = date(utc_ms);
  return d.year * 12 + (d.month - 1);
}

std::int64_t LocalClock::day_start(std::int64_t day) const {
  return day * kMsPerDay - offset_minutes * kMsPerMinute;
}

std::int64_t LocalClock::week_start(std::int64_t week) const { return day_start(week * 7 - 3); }

std::int64_t LocalClock::month_start(std::int64_t month_index) const {
  CivilDate d{floor_div(month_index, 12),
              static_cast<int>(month_index - 12 * floor_div(month_index, 12)) + 1, 1};
  return day_start(days_from_civil(d));
}

std::int64_t LocalClock::year_start(std::int64_t year) const {
  return day_start(days_from_civil({year, 1, 1}));
}

}  // namespace tessera::loyalty
