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

// out = a + b, a - b, a * b; kOutOfRange naming `path` on overflow.
Status checked_add(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path);
Status checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path);
Status checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path);

// round(num / den) for num >= 0, den > 0 computed exactly in 128 bits.
// kOutOfRange when the result does not fit int64.
Result<std::int64_t> divide_rounded(Wide num, Wide den, Rounding mode);

// 10^n for n in 0..18.
std::int64_t pow10(int n);

}  // namespace tessera::loyalty
