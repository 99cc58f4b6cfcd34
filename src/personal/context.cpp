// Local time of day, weekday and UTC formatting without a time-zone database;
// see tessera/personal/context.hpp.
#include "tessera/personal/context.hpp"

#include <cstdio>

namespace tessera::personal {
namespace {

bool leap_year(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::string_view daypart_name(Daypart d) {
  switch (d) {
    case Daypart::kNight:
      return "night";
    case Daypart::kMorning:
      return "morning";
    case Daypart::kAfternoon:
      return "afternoon";
    case Daypart::kEvening:
      return "evening";
  }
  return "night";
}

std::string_view device_class_name(DeviceClass d) {
  switch (d) {
    case DeviceClass::kUnknown:
      return "unknown";
    case DeviceClass::kMobile:
      return "mobile";
    case DeviceClass::kTablet:
      return "tablet";
    case DeviceClass::kDesktop:
      return "desktop";
  }
  return "unknown";
}

Result<DeviceClass> parse_device_class(std::string_view name, const std::string& path) {
  for (DeviceClass d :
       {DeviceClass::kUnknown, DeviceClass::kMobile, DeviceClass::kTablet, DeviceClass::kDesktop}) {
    if (device_class_name(d) == name) return d;
  }
  return Status(Code::kInvalidValue, "expected one of: unknown, mobile, tablet, desktop", path);
}

std::string_view weekday_name(int weekday) {
  static constexpr std::string_view kNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  return kNames[((weekday % 7) + 7) % 7];
}

LocalTime local_time(std::int64_t at_ms, std::int32_t utc_offset_minutes) {
  // Shift into local time; clamp at the epoch so the arithmetic stays in
  // non-negative integers (times before 1970 are rejected on input anyway).
  std::int64_t local = at_ms + static_cast<std::int64_t>(utc_offset_minutes) * kMinuteMs;
  if (local < 0) local = 0;
  const std::int64_t days = local / kDayMs;
  const std::int64_t hour = (local % kDayMs) / kHourMs;
  LocalTime t;
  t.daypart = static_cast<Daypart>(hour / 6);
  t.weekday = static_cast<int>((days + 4) % 7);
  return t;
}

std::string format_utc(std::int64_t at_ms) {
  if (at_ms < 0) at_ms = 0;
  std::int64_t days = at_ms / kDayMs;
  std::int64_t second_of_day = (at_ms % kDayMs) / 1000;
  // Walk whole years, then whole months: at most ~8000 + 12 steps for the
  // accepted range, and plainly correct.
  std::int64_t year = 1970;
  for (;;) {
    const std::int64_t length = leap_year(year) ? 366 : 365;
    if (days < length) break;
    days -= length;
    ++year;
  }
  static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  for (;; ++month) {
    const int length = kMonthDays[month] + (month == 1 && leap_year(year) ? 1 : 0);
    if (days < length) break;
    days -= length;
  }
  char out[64];
  std::snprintf(
      out, sizeof out, "%04lld-%02d-%02lldT%02lld:%02lld:%02lldZ", static_cast<long long>(year),
      month + 1, static_cast<long long>(days + 1), static_cast<long long>(second_of_day / 3600),
      static_cast<long long>(second_of_day / 60 % 60), static_cast<long long>(second_of_day % 60));
  return out;
}

}  // namespace tessera::personal
