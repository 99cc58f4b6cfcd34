// Argument readers shared by the engine's personal.* calls
// (personal_calls.cpp, personal_rank.cpp). Internal to src/engine.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/personal/context.hpp"
#include "tessera/personal/ranking.hpp"

namespace tessera::engine::personal_args {

inline Result<FieldReader> open_args(const Json& args) {
  TESSERA_RETURN_IF_ERROR(expect_object(args, ""));
  return FieldReader(args, "");
}

// N bytes given as 2N hex digits in `key`.
template <std::size_t N>
Result<std::array<std::uint8_t, N>> read_hex(const FieldReader& r, std::string_view key) {
  const std::string at = r.path_of(key);
  TESSERA_ASSIGN_OR_RETURN(std::string hex, r.required_string(key, 2 * N));
  TESSERA_ASSIGN_OR_RETURN(crypto::Bytes bytes, crypto::hex_decode(hex, at));
  if (bytes.size() != N) {
    return Status(Code::kInvalidValue, "expected " + std::to_string(2 * N) + " hex digits", at);
  }
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

// {"utcOffsetMinutes": 60, "device": "mobile", "page": "product"} at "/context".
Result<personal::Context> parse_context(const FieldReader& r);

// {"feedback": {"<id>": {"impressions": n, "clicks": n}}, "shows": [{"id", "at"}]}
// at "/exposure".
Result<personal::ExposureLog> parse_exposure(const FieldReader& r);

}  // namespace tessera::engine::personal_args
