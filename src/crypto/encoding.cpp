// Strict base64 and hex codecs on top of libsodium's constant-time ones;
// see tessera/crypto/encoding.hpp.
#include "tessera/crypto/encoding.hpp"

#include <sodium.h>

namespace tessera::crypto {

std::string base64_encode(const std::uint8_t* data, std::size_t size) {
  const std::size_t len = sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL);
  std::string out(len, '\0');
  sodium_bin2base64(out.data(), len, data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(len - 1);  // drop the terminating NUL
  return out;
}

Result<Bytes> base64_decode(std::string_view text, const std::string& path) {
  Bytes out(text.size() / 4 * 3 + 3);
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Status(Code::kInvalidValue, "expected standard padded base64", path);
  }
  out.resize(written);
  return out;
}

std::string hex_encode(const std::uint8_t* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.resize(size * 2);
  return out;
}

Result<Bytes> hex_decode(std::string_view text, const std::string& path) {
  // sodium_hex2bin's buffers are declared non-null; an empty vector has none.
  if (text.empty()) return Bytes{};
  Bytes out(text.size() / 2);
  std::size_t written = 0;
  const char* end = nullptr;
  if (text.size() % 2 != 0 ||
      sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &written, &end) !=
          0 ||
      end != text.data() + text.size()) {
    return Status(Code::kInvalidValue, "expected an even number of hex digits", path);
  }
  out.resize(written);
  return out;
}

}  // namespace tessera::crypto
