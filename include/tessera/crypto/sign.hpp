// Ed25519 signatures and BLAKE2b hashes: how a merchant vouches for what it
// grants (a loyalty program, a purchase, a refund) and how a stored ledger
// shows it was not edited. A signed document is plain JSON:
//
//   {"payload": {...}, "signature": "<base64, 64 bytes>", "keyId": "k1"}
//
// where the signature covers the canonical bytes of the payload
// (tessera::dump_json: sorted keys, no spaces), so any re-serialisation of
// the same JSON verifies.
//
//   SigningKeyPair merchant = generate_signing_keypair();      // native only
//   Json doc = sign_document(program_json, merchant.secret_key, "k1");
//   Result<Json> payload = verify_document(doc, merchant.public_key, "/program");
//   Hash h = chain_hash(previous_hash, dump_json(entry));
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/crypto/seal.hpp"

namespace tessera::crypto {

using SigningPublicKey = std::array<std::uint8_t, 32>;
// libsodium's form: the 32-byte seed followed by the public key.
using SigningSecretKey = std::array<std::uint8_t, 64>;
using Signature = std::array<std::uint8_t, 64>;
using Hash = std::array<std::uint8_t, 32>;  // BLAKE2b-256

struct SigningKeyPair {
  SigningPublicKey public_key{};
  SigningSecretKey secret_key{};
};

// A fresh Ed25519 key pair from libsodium's CSPRNG (merchant tools only).
SigningKeyPair generate_signing_keypair();
// The key pair belonging to a 32-byte seed (deterministic; tests).
SigningKeyPair signing_keypair_from_seed(const std::array<std::uint8_t, 32>& seed);

Signature sign_detached(std::string_view message, const SigningSecretKey& secret);
bool verify_detached(std::string_view message, const Signature& signature,
                     const SigningPublicKey& key);

// {"payload": payload, "signature": base64} (+ "keyId" when non-empty).
Json sign_document(const Json& payload, const SigningSecretKey& secret,
                   const std::string& key_id = "");

// The payload of a signed document, or kCryptoError at `path`/signature when
// the signature does not match (altered payload, another key), and a shape
// error (at the field) when `doc` is not a signed document at all.
Result<Json> verify_document(const Json& doc, const SigningPublicKey& key, const std::string& path);

// BLAKE2b-256 of previous || bytes: one link of a hash chain.
Hash chain_hash(const Hash& previous, std::string_view bytes);

}  // namespace tessera::crypto
