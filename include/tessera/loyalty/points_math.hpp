// Checked integer arithmetic for points and money, and rounding of exact
// quotients. Points and minor currency units are int64 everywhere; an
// overflow is a Status (kOutOfRange), never undefined behaviour, so a
// hostile order of 10^18 cents cannot corrupt a ledger.
//
//   int64_t total = 0;
//   TESSERA_RETURN_IF_ERROR(checked_add(total, line, total, "/lines/0"));
//   // 1999 cents at 1 point per 1.00: 1999 / 100 -> 19 (floor), 20 (ceil)
//   Result<int64_t> p = divide_rounded(1999, 100, Rounding::kHalfEven);  // 20
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/common/status.hpp"

namespace tessera::loyalty {

// 128-bit intermediate for products such as amount * rate * percent, which
// can exceed int64 before the division brings them back. GCC and Clang
// support it natively and on wasm32; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Wide;

// How a fractional number of points becomes whole points.
enum class Rounding {
  kFloor,     // toward zero (all quantities are non-negative)
  kHalfEven,  // to nearest; exact halves to the even neighbour (no drift)
  kCeil,      // away from zero
};

// The overflow error naming `path` (out of line: the rare path).
Status arithmetic_overflow(std::string_view path);

// out = a + b, a - b, a * b; kOutOfRange naming `path` on overflow. Inline:
// replay calls these several times per event, and the path text is only
// made into a string when there is an error to report.
inline Status checked_add(std::int64_t a, std::int64_t b, std::int64_t& out,
                          std::string_view path) {
  if (__builtin_add_overflow(a, b, &out)) return arithmetic_overflow(path);
  return Status::Ok();
}
inline Status checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out,
                          std::string_view path) {
  if (__builtin_sub_overflow(a, b, &out)) return arithmetic_overflow(path);
  return Status::Ok();
}
// Both factors within +/-2^31 cannot overflow: the usual qty x price takes
// that branch, the full check (a 128-bit library call on wasm32) only
// larger ones.
inline bool small_factors(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kSmall = 2147483647;
  return a >= -kSmall && a <= kSmall && b >= -kSmall && b <= kSmall;
}
inline Status checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out,
                          std::string_view path) {
  if (small_factors(a, b)) {
    out = a * b;
    return Status::Ok();
  }
  if (__builtin_mul_overflow(a, b, &out)) return arithmetic_overflow(path);
  return Status::Ok();
}

// round(num / den) for num >= 0, den > 0 computed exactly in 128 bits.
// kOutOfRange when the result does not fit int64.
Result<std::int64_t> divide_rounded_wide(Wide num, Wide den, Rounding mode);

// round(n / d) for 0 <= n, 0 < d, in the operands' own width (int64_t or
// Wide): the one rounding rule of the program's rounding modes.
template <typename Int>
Int rounded_quotient(Int n, Int d, Rounding mode) {
  Int q = n / d;
  Int r = n % d;
  switch (mode) {
    case Rounding::kFloor:
      break;
    case Rounding::kCeil:
      if (r != 0) ++q;
      break;
    case Rounding::kHalfEven:
      // 2r vs d rather than r vs d/2, so odd denominators stay exact;
      // r < d, so compare r with d - r instead of doubling (no overflow).
      if (r > d - r || (r == d - r && (q % 2) != 0)) ++q;
      break;
  }
  return q;  // q <= n, and ceil only adds 1 when r != 0 (so q < n)
}

// round(n / d) for 0 <= n, 0 < d in 64 bits.
inline std::int64_t divide_rounded64(std::int64_t n, std::int64_t d, Rounding mode) {
  return rounded_quotient<std::int64_t>(n, d, mode);
}

// The same for 128-bit operands; those that fit 64 bits (nearly all) skip
// the 128-bit division, a slow library call on 64-bit and wasm targets.
inline Result<std::int64_t> divide_rounded(Wide num, Wide den, Rounding mode) {
  if (num < 0 || den <= 0 || num > INT64_MAX || den > INT64_MAX) {
    return divide_rounded_wide(num, den, mode);
  }
  return divide_rounded64(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den), mode);
}

// 10^n for n in 0..18.
inline std::int64_t pow10(int n) {
  static constexpr std::int64_t kPowers[19] = {1,
                                               10,
                                               100,
                                               1000,
                                               10000,
                                               100000,
                                               1000000,
                                               10000000,
                                               100000000,
                                               1000000000,
                                               10000000000,
                                               100000000000,
                                               1000000000000,
                                               10000000000000,
                                               100000000000000,
                                               1000000000000000,
                                               10000000000000000,
                                               100000000000000000,
                                               1000000000000000000};
  return kPowers[n < 0 ? 0 : n > 18 ? 18 : n];
}

}  // namespace tessera::loyalty
