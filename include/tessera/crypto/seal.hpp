// Sealed boxes: an answer encrypted in the browser to the merchant's public
// key, readable only with the merchant's secret key. A collector that stores
// the blob cannot read it.
//
// The format is libsodium's crypto_box_seal (X25519 + XSalsa20-Poly1305,
// ephemeral key || box, nonce = BLAKE2b-192(ephemeral pk || recipient pk)),
// so any libsodium binding can open it. We build it from smaller parts
// because crypto_box_seal's own ephemeral key generation pulls in the
// Ed25519 base-point table (about 30 KB gzip of wasm): the ephemeral public
// key is computed with the X25519 Montgomery ladder instead, and the
// ephemeral secret comes from the caller (crypto.getRandomValues in the
// browser), which also makes sealing testable with fixed vectors.
//
//   KeyPair merchant = generate_keypair();              // native only
//   Bytes box = *seal(record_json, merchant.public_key, ephemeral32);
//   std::string plain = *open_sealed(box, merchant);    // native only
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/status.hpp"

namespace tessera::crypto {

using Bytes = std::vector<std::uint8_t>;
using PublicKey = std::array<std::uint8_t, 32>;
using SecretKey = std::array<std::uint8_t, 32>;
using EphemeralSecret = std::array<std::uint8_t, 32>;

// Bytes a sealed box adds to its plaintext: 32 (ephemeral key) + 16 (MAC).
constexpr std::size_t kSealOverhead = 48;

struct KeyPair {
  PublicKey public_key{};
  SecretKey secret_key{};
};

// Seals `plaintext` to `recipient`. `ephemeral` must be 32 fresh random
// bytes, never reused. kCryptoError if the recipient key is degenerate.
Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient,
                   const EphemeralSecret& ephemeral);

// Opens a sealed box. kCryptoError if it was not sealed to this key pair or
// was altered.
Result<std::string> open_sealed(const Bytes& sealed, const KeyPair& keys);

// A fresh X25519 key pair from libsodium's CSPRNG (merchant tools only).
KeyPair generate_keypair();

// The public key belonging to a secret key.
PublicKey public_key_of(const SecretKey& secret);

}  // namespace tessera::crypto
