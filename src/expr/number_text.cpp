// Number <-> text without printf, strtod or locales; see number_text.hpp.
#include "number_text.hpp"

#include <cmath>
#include <cstdint>

#include "tessera/common/json.hpp"

namespace tessera::expr {
namespace {

// |x| = 0.digits * 10^point, digits without leading or trailing zeros.
struct Decimal {
  bool negative = false;
  std::string digits;
  int point = 0;
};

// Precondition: x finite and not zero. nlohmann_json prints the shortest
// digits that round-trip (Grisu2) in its own layout ("1e-07", "100.0");
// only the digits and exponent are taken from it.
Decimal shortest_decimal(double x) {
  std::string s = dump_json(Json(x));
  Decimal d;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    d.negative = true;
    ++i;
  }
  int int_digits = 0;
  bool in_fraction = false;
  for (; i < s.size() && s[i] != 'e' && s[i] != 'E'; ++i) {
    if (s[i] == '.') {
      in_fraction = true;
    } else {
      d.digits += s[i];
      if (!in_fraction) ++int_digits;
    }
  }
  int exponent = 0;
  if (i < s.size()) {
    ++i;
    bool neg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    for (; i < s.size(); ++i) exponent = exponent * 10 + (s[i] - '0');
    if (neg) exponent = -exponent;
  }
  d.point = int_digits + exponent;
  std::size_t lead = 0;
  while (lead < d.digits.size() && d.digits[lead] == '0') ++lead;
  d.digits.erase(0, lead);
  d.point -= static_cast<int>(lead);
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

const double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

std::string js_number_text(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  if (x == 0) return "0";  // also -0, as in JavaScript
  Decimal d = shortest_decimal(x);
  const int k = static_cast<int>(d.digits.size());
  const int n = d.point;
  std::string out = d.negative ? "-" : "";
  if (k <= n && n <= 21) {
    out += d.digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += d.digits.substr(0, static_cast<std::size_t>(n));
    out += '.';
    out += d.digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-n), '0');
    out += d.digits;
  } else {
    const int e = n - 1;
    out += d.digits[0];
    if (k > 1) {
      out += '.';
      out += d.digits.substr(1);
    }
    out += e >= 0 ? "e+" : "e-";
    out += std::to_string(e >= 0 ? e : -e);
  }
  return out;
}

int decimal_places(double x) {
  if (!std::isfinite(x) || std::floor(x) == x) return 0;
  std::string text = js_number_text(x);
  std::size_t dot = text.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

double round_decimal(double x, int places) {
  if (!std::isfinite(x) || x == 0) return x;
  Decimal d = shortest_decimal(x);
  const int keep = d.point + places;
  if (keep >= static_cast<int>(d.digits.size())) return x;
  if (keep < 0) return 0;
  std::string kept = d.digits.substr(0, static_cast<std::size_t>(keep));
  int point = d.point;
  if (d.digits[static_cast<std::size_t>(keep)] >= '5') {
    int i = keep - 1;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9')
      kept[static_cast<std::size_t>(i--)] = '0';
    if (i >= 0) {
      ++kept[static_cast<std::size_t>(i)];
    } else {
      kept.insert(kept.begin(), '1');
      ++point;
    }
  }
  if (kept.empty()) return 0;
  std::string text = d.negative ? "-0." : "0.";
  text += kept;
  text += 'e';
  text += std::to_string(point);
  return parse_decimal(text).value_or(x);
}

std::optional<double> parse_decimal(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int point = 0;  // value = 0.digits * 10^point once leading zeros are gone
  bool seen_digit = false;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (digits.empty() && c == '0') {
        if (in_fraction) --point;
        continue;
      }
      digits += c;
      if (!in_fraction) ++point;
    } else {
      break;
    }
  }
  if (!seen_digit) return std::nullopt;
  if (i < text.size()) {
    if (text[i] != 'e' && text[i] != 'E') return std::nullopt;
    ++i;
    bool neg = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) neg = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    int exponent = 0;
    for (; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
    }
    point += neg ? -exponent : exponent;
  }
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  if (digits.empty()) return negative ? -0.0 : 0.0;
  // Fast path, exact: up to 15 digits are an exact integer m, 10^e for
  // |e| <= 22 is exact, so one multiplication or division rounds once.
  const int scale = point - static_cast<int>(digits.size());
  if (digits.size() <= 15 && scale >= -22 && scale <= 22) {
    std::int64_t m = 0;
    for (char c : digits) m = m * 10 + (c - '0');
    double v = static_cast<double>(m);
    v = scale >= 0 ? v * kPowersOfTen[scale] : v / kPowersOfTen[-scale];
    return negative ? -v : v;
  }
  if (point > 400) return negative ? -HUGE_VAL : HUGE_VAL;
  if (point < -400) return negative ? -0.0 : 0.0;
  // nlohmann_json's number parser is correctly rounded on glibc and musl and
  // neutral to the C locale's decimal point.
  std::string canonical = negative ? "-0." : "0.";
  canonical += digits;
  canonical += 'e';
  canonical += std::to_string(point);
  Json parsed = Json::parse(canonical, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_number()) return std::nullopt;
  return parsed.get<double>();
}

}  // namespace tessera::expr
