// Referral codes; see tessera/loyalty/referral.hpp.
#include "tessera/loyalty/referral.hpp"

#include <sodium.h>

namespace tessera::loyalty {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Domain separation: the same merchant key may serve other purposes.
constexpr char kContext[] = "tessera.loyalty.referral.v1:";

char normalize(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'I' || c == 'L') return '1';
  if (c == 'O') return '0';
  return c;
}

}  // namespace

Result<std::string> referral_code(std::string_view member_id, const ReferralKey& key, int length) {
  if (member_id.empty() || member_id.size() > 200) {
    return Status(Code::kInvalidValue, "member id must be 1-200 bytes");
  }
  if (length < 6 || length > 16) {
    return Status(Code::kInvalidValue, "referral codes are 6 to 16 characters");
  }
  std::string input = kContext;
  input.append(member_id);
  // 10 bytes = 80 bits = 16 base32 characters, the longest code.
  std::uint8_t digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size(), key.data(), key.size());
  std::string code;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < sizeof digest && static_cast<int>(code.size()) < length; ++i) {
    acc = (acc << 8) | digest[i];
    bits += 8;
    while (bits >= 5 && static_cast<int>(code.size()) < length) {
      bits -= 5;
      code += kAlphabet[(acc >> bits) & 31u];
    }
  }
  return code;
}

bool check_referral_code(std::string_view member_id, std::string_view code,
                         const ReferralKey& key) {
  auto expected = referral_code(member_id, key, static_cast<int>(code.size()));
  if (!expected.ok()) return false;
  std::string given;
  for (char c : code) given += normalize(c);
  return given.size() == expected->size() &&
         sodium_memcmp(given.data(), expected->data(), given.size()) == 0;
}

}  // namespace tessera::loyalty
