// Base64 (standard alphabet, padded) and hex codecs for keys and sealed
// records. Decoders are strict: whitespace or a wrong alphabet is an error,
// reported at `path`.
//
//   std::string b64 = base64_encode(bytes);
//   Result<Bytes> back = base64_decode(b64, "/publicKey");
#pragma once

#include <string>
#include <string_view>

#include "tessera/common/status.hpp"
#include "tessera/crypto/seal.hpp"

namespace tessera::crypto {

std::string base64_encode(const std::uint8_t* data, std::size_t size);
inline std::string base64_encode(const Bytes& bytes) {
  return base64_encode(bytes.data(), bytes.size());
}
Result<Bytes> base64_decode(std::string_view text, const std::string& path);

std::string hex_encode(const std::uint8_t* data, std::size_t size);
Result<Bytes> hex_decode(std::string_view text, const std::string& path);

// Decodes base64 that must hold exactly N bytes (a key, say).
template <std::size_t N>
Result<std::array<std::uint8_t, N>> base64_decode_fixed(std::string_view text,
                                                        const std::string& path) {
  TESSERA_ASSIGN_OR_RETURN(Bytes bytes, base64_decode(text, path));
  if (bytes.size() != N) {
    return Status(Code::kInvalidValue,
                  "expected base64 of exactly " + std::to_string(N) + " bytes, got " +
                      std::to_string(bytes.size()),
                  path);
  }
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

}  // namespace tessera::crypto
