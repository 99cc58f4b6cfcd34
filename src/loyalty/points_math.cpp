// Checked arithmetic and exact rounding; see tessera/loyalty/points_math.hpp.
#include "tessera/loyalty/points_math.hpp"

#include <limits>

namespace tessera::loyalty {
Status arithmetic_overflow(std::string_view path) {
  return Status(Code::kOutOfRange, "arithmetic overflow: the amount is too large",
                std::string(path));
}

Result<std::int64_t> divide_rounded_wide(Wide num, Wide den, Rounding mode) {
  if (num < 0 || den <= 0) return Status(Code::kInternal, "divide_rounded: bad operands");
  Wide q = rounded_quotient<Wide>(num, den, mode);
  if (q > std::numeric_limits<std::int64_t>::max()) {
    return Status(Code::kOutOfRange, "arithmetic overflow: too many points");
  }
  return static_cast<std::int64_t>(q);
}

}  // namespace tessera::loyalty
