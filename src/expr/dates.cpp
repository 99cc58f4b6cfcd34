// Date functions on a fixed-offset wall clock; see operations.hpp and the
// "Dates" section of docs/expressions.md.
//
// A date is held as "wall milliseconds": milliseconds since 1970-01-01T00:00
// on the local wall clock, where local = UTC + EvalContext::utc_offset_minutes.
// With one fixed offset there are no DST gaps, so calendar arithmetic is
// exact and the same on every platform.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "operations.hpp"

namespace tessera::expr {
namespace {

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr std::int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr std::int64_t kMsPerDay = 24 * kMsPerHour;
// JavaScript's Date range: +-100,000,000 days around the epoch.
constexpr std::int64_t kMaxMs = 8640000000000000;

struct Civil {
  std::int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, computed over
// 400-year eras (146097 days each) that start on March 1st, so that the
// leap day is the last day of an era year.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {year_of_era + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

int days_in_month(std::int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

std::int64_t offset_ms(const EvalContext& c) {
  const int minutes = std::max(-1440, std::min(1440, c.utc_offset_minutes));
  return minutes * kMsPerMinute;
}

// Reads `count` digits at s[i]; advances i.
bool digits(std::string_view s, std::size_t& i, int count, int& out) {
  out = 0;
  for (int k = 0; k < count; ++k, ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]], optionally Z or +-HH:MM.
std::optional<std::int64_t> parse_iso(std::string_view s, const EvalContext& c) {
  std::size_t i = 0;
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  if (!digits(s, i, 4, y) || i >= s.size() || s[i++] != '-' || !digits(s, i, 2, mo) ||
      i >= s.size() || s[i++] != '-' || !digits(s, i, 2, d)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    if (!digits(s, i, 2, h) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, mi)) {
      return std::nullopt;
    }
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!digits(s, i, 2, sec)) return std::nullopt;
      if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100;
        std::size_t start = i;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, scale /= 10)
          ms += (s[i] - '0') * scale;
        if (i == start) return std::nullopt;
      }
    }
    if (h > 24 || mi > 59 || sec > 59 || (h == 24 && (mi | sec | ms) != 0)) return std::nullopt;
  }
  std::int64_t wall = days_from_civil(y, mo, d) * kMsPerDay + h * kMsPerHour + mi * kMsPerMinute +
                      sec * kMsPerSecond + ms;
  if (i == s.size()) return wall;  // no zone: already wall-clock time
  std::int64_t zone = 0;
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    const int sign = s[i++] == '-' ? -1 : 1;
    int zh, zm;
    if (!digits(s, i, 2, zh) || i >= s.size() || s[i++] != ':' || !digits(s, i, 2, zm)) {
      return std::nullopt;
    }
    zone = sign * (zh * kMsPerHour + zm * kMsPerMinute);
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return wall - zone + offset_ms(c);
}

// A date argument: ISO text or epoch milliseconds. nullopt if neither.
std::optional<std::int64_t> wall_ms(const Value& v, const EvalContext& c) {
  std::optional<std::int64_t> out;
  if (v.kind() == Kind::kNumber) {
    if (std::fabs(v.as_number()) <= static_cast<double>(kMaxMs)) {
      out = static_cast<std::int64_t>(std::trunc(v.as_number())) + offset_ms(c);
    }
  } else if (v.kind() == Kind::kString) {
    out = parse_iso(v.as_string(), c);
  }
  if (out && (*out > kMaxMs || *out < -kMaxMs)) return std::nullopt;
  return out;
}

std::int64_t today_wall(const EvalContext& c) {
  const std::int64_t now = std::max(-kMaxMs, std::min(kMaxMs, c.now_ms)) + offset_ms(c);
  return floor_div(now, kMsPerDay) * kMsPerDay;
}

void append_padded(std::string& out, std::int64_t n, int width) {
  std::string digits_text = std::to_string(n);
  if (static_cast<int>(digits_text.size()) < width) {
    out.append(static_cast<std::size_t>(width) - digits_text.size(), '0');
  }
  out += digits_text;
}

// "YYYY-MM-DD" at midnight, else "YYYY-MM-DDTHH:MM:SS.sssZ" (or +HH:MM):
// ISO text compares correctly as text, and midnight dates stay plain dates.
Value format_wall(std::int64_t wall, const EvalContext& c) {
  const std::int64_t day = floor_div(wall, kMsPerDay);
  Civil civil = civil_from_days(day);
  if (civil.year < 0 || civil.year > 9999) return Value::null();
  std::string out;
  append_padded(out, civil.year, 4);
  out += '-';
  append_padded(out, civil.month, 2);
  out += '-';
  append_padded(out, civil.day, 2);
  std::int64_t time = wall - day * kMsPerDay;
  if (time == 0) return Value::string(std::move(out));
  out += 'T';
  append_padded(out, time / kMsPerHour, 2);
  out += ':';
  append_padded(out, time / kMsPerMinute % 60, 2);
  out += ':';
  append_padded(out, time / kMsPerSecond % 60, 2);
  out += '.';
  append_padded(out, time % kMsPerSecond, 3);
  const std::int64_t offset = offset_ms(c) / kMsPerMinute;
  if (offset == 0) {
    out += 'Z';
  } else {
    out += offset < 0 ? '-' : '+';
    append_padded(out, std::abs(offset) / 60, 2);
    out += ':';
    append_padded(out, std::abs(offset) % 60, 2);
  }
  return Value::string(std::move(out));
}

std::string unit_of(const Value* args, std::size_t count, std::size_t index, const char* fallback) {
  if (count <= index || !truthy(args[index])) return fallback;
  return to_text(args[index]);
}

// Whole months from `from` to `to` (negative when `to` is earlier), the
// day of month deciding whether the last month is complete.
std::int64_t months_between(std::int64_t from, std::int64_t to) {
  Civil a = civil_from_days(floor_div(from, kMsPerDay));
  Civil b = civil_from_days(floor_div(to, kMsPerDay));
  std::int64_t months = (b.year - a.year) * 12 + b.month - a.month;
  return b.day < a.day ? months - 1 : months;
}

Value date_difference(std::int64_t from, std::int64_t to, const std::string& unit) {
  if (unit == "days") {
    const std::int64_t days = floor_div(to, kMsPerDay) - floor_div(from, kMsPerDay);
    return Value::number(static_cast<double>(days < 0 ? -days : days));
  }
  const std::int64_t span = to > from ? to - from : from - to;
  auto ceil_div = [span](std::int64_t unit_ms) {
    return Value::number(static_cast<double>((span + unit_ms - 1) / unit_ms));
  };
  if (unit == "hours") return ceil_div(kMsPerHour);
  if (unit == "minutes") return ceil_div(kMsPerMinute);
  if (unit == "seconds") return ceil_div(kMsPerSecond);
  const std::int64_t months = months_between(from, to);
  return Value::number(static_cast<double>(unit == "months" ? months : months / 12));
}

// Calendar addition as JavaScript's setMonth/setFullYear: the day of month
// is kept and overflows into the next month (Jan 31 + 1 month = Mar 2 or 3).
std::int64_t add_months(std::int64_t wall, std::int64_t months) {
  const std::int64_t day = floor_div(wall, kMsPerDay);
  const std::int64_t time = wall - day * kMsPerDay;
  Civil c = civil_from_days(day);
  const std::int64_t total = c.year * 12 + (c.month - 1) + months;
  const std::int64_t year = floor_div(total, 12);
  const int month = static_cast<int>(total - year * 12) + 1;
  return (days_from_civil(year, month, 1) + c.day - 1) * kMsPerDay + time;
}

Value date_add(const Value* args, std::size_t count, const EvalContext& c) {
  std::optional<std::int64_t> wall = wall_ms(args[0], c);
  std::optional<double> amount = number_argument(args[1]);
  if (!wall || !amount || std::fabs(*amount) > 1e9) return Value::null();
  const std::int64_t n = static_cast<std::int64_t>(std::trunc(*amount));
  const std::string unit = unit_of(args, count, 2, "days");
  std::int64_t out = *wall;
  if (unit == "days") out += n * kMsPerDay;
  if (unit == "months") out = add_months(out, n);
  if (unit == "years") out = add_months(out, n * 12);
  if (unit == "hours") out += n * kMsPerHour;
  if (unit == "minutes") out += n * kMsPerMinute;
  if (unit == "seconds") out += n * kMsPerSecond;
  if (out > kMaxMs || out < -kMaxMs) return Value::null();
  return format_wall(out, c);
}

}  // namespace

Value call_date_function(Function f, const Value* args, std::size_t count,
                         const EvalContext& context) {
  switch (f) {
    case Function::kToday: {
      std::int64_t day = today_wall(context);
      if (count > 0) {
        std::optional<double> shift = number_argument(args[0]);
        if (shift && std::fabs(*shift) <= 1e8) day += static_cast<std::int64_t>(*shift) * kMsPerDay;
      }
      return format_wall(day, context);
    }
    case Function::kAge: {
      if (!truthy(args[0])) return Value::null();
      std::optional<std::int64_t> born = wall_ms(args[0], context);
      if (!born) return Value::null();
      const std::int64_t now = context.now_ms + offset_ms(context);
      return date_difference(*born, now, unit_of(args, count, 1, "years"));
    }
    case Function::kDateDiff: {
      if (!truthy(args[0]) || !truthy(args[1])) return Value::null();
      std::optional<std::int64_t> from = wall_ms(args[0], context);
      std::optional<std::int64_t> to = wall_ms(args[1], context);
      if (!from || !to) return Value::null();
      return date_difference(*from, *to, unit_of(args, count, 2, "days"));
    }
    case Function::kDateAdd:
      return date_add(args, count, context);
    default: {  // year, month, day, weekday: of a date, or of today
      std::optional<std::int64_t> wall = today_wall(context);
      if (count > 0 && truthy(args[0])) wall = wall_ms(args[0], context);
      if (!wall) return Value::null();
      const std::int64_t day = floor_div(*wall, kMsPerDay);
      Civil c = civil_from_days(day);
      if (f == Function::kYear) return Value::number(static_cast<double>(c.year));
      if (f == Function::kMonth) return Value::number(c.month);
      if (f == Function::kDay) return Value::number(c.day);
      return Value::number(static_cast<double>(((day % 7) + 11) % 7));  // 1970-01-01 was a Thursday
    }
  }
}

}  // namespace tessera::expr
