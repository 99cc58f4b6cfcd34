// Referral codes: short, typeable codes derived from a member id with the
// merchant's secret key (keyed BLAKE2b), so the merchant's server can check
// a code without storing it and nobody else can mint codes for a member.
// Alphabet: Crockford base32 without I, L, O, U (no look-alikes); checking
// accepts lower case and maps I/L to 1 and O to 0.
//
//   ReferralKey key = ...;  // 32 secret bytes, kept server-side
//   std::string code = *referral_code("member-42", key, 8);  // e.g. "7K3M9QXD"
//   bool ok = check_referral_code("member-42", "7k3m9qxd", key);
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/common/status.hpp"

namespace tessera::loyalty {

using ReferralKey = std::array<std::uint8_t, 32>;

// kInvalidValue for an empty member id or a length outside 6..16.
Result<std::string> referral_code(std::string_view member_id, const ReferralKey& key, int length);
// True when `code` (any case, I/L/O accepted) is this member's code.
bool check_referral_code(std::string_view member_id, std::string_view code, const ReferralKey& key);

}  // namespace tessera::loyalty
