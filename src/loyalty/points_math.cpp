// Checked arithmetic and exact rounding; see tessera/loyalty/points_math.hpp.
#include "tessera/loyalty/points_math.hpp"

#include <limits>

namespace tessera::loyalty {
namespace {

Status overflow(const std::string& path) {
  return Status(Code::kOutOfRange, "arithmetic overflow: the amount is too large", path);
}

}  // namespace

Status checked_add(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path) {
  if (__builtin_add_overflow(a, b, &out)) return overflow(path);
  return Status::Ok();
}

Status checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path) {
  if (__builtin_sub_overflow(a, b, &out)) return overflow(path);
  return Status::Ok();
}

Status checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out, const std::string& path) {
  if (__builtin_mul_overflow(a, b, &out)) return overflow(path);
  return Status::Ok();
}

Result<std::int64_t> divide_rounded(Wide num, Wide den, Rounding mode) {
  if (num < 0 || den <= 0) return Status(Code::kInternal, "divide_rounded: bad operands");
  Wide q = num / den;
  Wide r = num % den;
  switch (mode) {
    case Rounding::kFloor:
      break;
    case Rounding::kCeil:
      if (r != 0) ++q;
      break;
    case Rounding::kHalfEven: {
      // Compare 2r with den rather than r with den/2 so odd denominators
      // stay exact.
      Wide twice = 2 * r;
      if (twice > den || (twice == den && (q % 2) != 0)) ++q;
      break;
    }
  }
  if (q > std::numeric_limits<std::int64_t>::max()) {
    return Status(Code::kOutOfRange, "arithmetic overflow: too many points");
  }
  return static_cast<std::int64_t>(q);
}

std::int64_t pow10(int n) {
  std::int64_t v = 1;
  for (int i = 0; i < n && i < 18; ++i) v *= 10;
  return v;
}

}  // namespace tessera::loyalty
