// Internal: reads a JSON number (integer or not) within a range, with the
// field's JSON pointer on failure. FieldReader covers integers only.
#pragma once

#include <string>
#include <string_view>

#include "tessera/common/json.hpp"

namespace tessera::personal::internal {

// `min_exclusive` makes the lower bound open: (min, max].
inline Result<double> optional_number(const FieldReader& reader, std::string_view key,
                                      double fallback, double min, double max,
                                      bool min_exclusive = false) {
  const Json* v = reader.find(key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) {
    return Status(Code::kInvalidType, "expected a number", reader.path_of(key));
  }
  const double x = v->get<double>();
  const bool above = min_exclusive ? x > min : x >= min;
  if (!above || !(x <= max)) {
    return Status(Code::kOutOfRange,
                  std::string("expected a number ") + (min_exclusive ? "above " : "from ") +
                      std::to_string(min) + (min_exclusive ? " and at most " : " to ") +
                      std::to_string(max),
                  reader.path_of(key));
  }
  return x;
}

}  // namespace tessera::personal::internal
