// The situation an event happens in: time of day, weekday, device class and
// page type. The profile stores it with each event and ranking compares it
// with the current situation (people browse differently on a phone at night
// than on a desktop at lunch).
//
// Time is an argument (epoch milliseconds, UTC) plus a fixed UTC offset in
// minutes chosen by the caller; there is no time-zone database in the core.
//
//   Context now{/*utc_offset_minutes=*/60, DeviceClass::kMobile, "product"};
//   LocalTime t = local_time(now_ms, now.utc_offset_minutes);
//   t.daypart == Daypart::kEvening;  t.weekday == 2 (Tuesday)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/common/status.hpp"

namespace tessera::personal {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kHourMs = 60 * kMinuteMs;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// Timestamps are accepted from 1970 up to the end of year 9999.
constexpr std::int64_t kMaxTimestampMs = 253'402'300'799'999;

enum class Daypart { kNight, kMorning, kAfternoon, kEvening };  // 0-5, 6-11, 12-17, 18-23 h
enum class DeviceClass { kUnknown, kMobile, kTablet, kDesktop };

std::string_view daypart_name(Daypart d);           // "night", "morning", ...
std::string_view device_class_name(DeviceClass d);  // "unknown", "mobile", ...
Result<DeviceClass> parse_device_class(std::string_view name, const std::string& path);
std::string_view weekday_name(int weekday);  // 0 = "sun" .. 6 = "sat"

struct Context {
  std::int32_t utc_offset_minutes = 0;  // -840 .. 840
  DeviceClass device = DeviceClass::kUnknown;
  std::string page_type;  // the merchant's page kind ("product", "cart"); "" if unknown
};

struct LocalTime {
  Daypart daypart = Daypart::kNight;
  int weekday = 4;  // 0 = Sunday; 1970-01-01 was a Thursday
  bool weekend() const { return weekday == 0 || weekday == 6; }
};

// Precondition: 0 <= at_ms <= kMaxTimestampMs, |offset| <= 840.
LocalTime local_time(std::int64_t at_ms, std::int32_t utc_offset_minutes);

// "2024-05-01T10:00:00Z" (UTC, second precision) for the "Your data" export.
std::string format_utc(std::int64_t at_ms);

}  // namespace tessera::personal
