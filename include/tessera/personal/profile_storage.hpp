// Keeping the profile at rest, showing it to its owner and erasing it.
//
// The profile is stored as compact JSON sealed with libsodium's
// crypto_secretbox_easy (XSalsa20-Poly1305). The 32-byte key and the 24-byte
// nonce come from the caller (the web layer keeps a non-extractable key and
// draws a fresh nonce from crypto.getRandomValues for every save): the core
// has no RNG of its own. Any change to a sealed blob makes open_profile fail
// with kCryptoError; the caller then discards the blob and starts a new
// profile. Never reuse a nonce with the same key.
//
//   Bytes blob = seal_profile(profile, key, fresh_nonce);
//   Result<Profile> back = open_profile(blob, key);
//   if (!back.ok()) profile.clear();          // tampered or corrupt: rebuild
//   Json panel = export_profile(*back, now_ms, config);  // "Your data"
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/crypto/seal.hpp"
#include "tessera/personal/profile.hpp"

namespace tessera::personal {

using StorageKey = std::array<std::uint8_t, 32>;
using StorageNonce = std::array<std::uint8_t, 24>;

// Sealed layout: 1 byte format version (1) || 24-byte nonce || ciphertext
// with its 16-byte Poly1305 tag.
constexpr std::size_t kSealedProfileOverhead = 1 + 24 + 16;

// {"v":1,"events":[event_to_json(e), ...]}: keys sorted, so the same profile
// gives the same bytes everywhere.
std::string serialize_profile(const Profile& profile);
// The inverse, with JSON-pointer errors. At most 10,000 events. Caps and
// retention of a ProfileConfig are applied at the next record() or expire().
Result<Profile> parse_profile(std::string_view text);

crypto::Bytes seal_profile(const Profile& profile, const StorageKey& key,
                           const StorageNonce& nonce);
// kCryptoError for a wrong key, a truncated blob or any altered byte.
Result<Profile> open_profile(const crypto::Bytes& sealed, const StorageKey& key);

// What the person sees under "Your data": settings, interests by strength
// (0-100, relative to the strongest), and every stored event with readable
// times and context. Computed at now_ms without context weighting.
Json export_profile(const Profile& profile, std::int64_t now_ms, const ProfileConfig& config);

}  // namespace tessera::personal
