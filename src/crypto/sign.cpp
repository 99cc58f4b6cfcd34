// Ed25519 signing and BLAKE2b chaining; see tessera/crypto/sign.hpp.
#include "tessera/crypto/sign.hpp"

#include <sodium.h>

#include "tessera/crypto/encoding.hpp"

namespace tessera::crypto {
namespace {

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 &&
                  crypto_sign_BYTES == 64 && crypto_sign_SEEDBYTES == 32,
              "libsodium Ed25519 sizes changed");

const auto* as_bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Signing, verifying and hashing need no sodium_init(): it only sets up the
// random source (which in wasm aborts without one) and CPU dispatch. Key
// generation does need randomness; it is native-only and initialises first.
void ensure_random() {
  int initialised = sodium_init();
  (void)initialised;
}

}  // namespace

SigningKeyPair generate_signing_keypair() {
  ensure_random();
  SigningKeyPair keys;
  crypto_sign_keypair(keys.public_key.data(), keys.secret_key.data());
  return keys;
}

SigningKeyPair signing_keypair_from_seed(const std::array<std::uint8_t, 32>& seed) {
  SigningKeyPair keys;
  crypto_sign_seed_keypair(keys.public_key.data(), keys.secret_key.data(), seed.data());
  return keys;
}

Signature sign_detached(std::string_view message, const SigningSecretKey& secret) {
  Signature sig{};
  crypto_sign_detached(sig.data(), nullptr, as_bytes(message), message.size(), secret.data());
  return sig;
}

bool verify_detached(std::string_view message, const Signature& signature,
                     const SigningPublicKey& key) {
  return crypto_sign_verify_detached(signature.data(), as_bytes(message), message.size(),
                                     key.data()) == 0;
}

Json sign_document(const Json& payload, const SigningSecretKey& secret, const std::string& key_id) {
  Signature sig = sign_detached(dump_json(payload), secret);
  Json doc = {{"payload", payload}, {"signature", base64_encode(sig.data(), sig.size())}};
  if (!key_id.empty()) doc["keyId"] = key_id;
  return doc;
}

Result<Json> verify_document(const Json& doc, const SigningPublicKey& key,
                             const std::string& path) {
  if (!doc.is_object() || !doc.contains("payload")) {
    return Status(Code::kCryptoError,
                  "expected a signed document {payload, signature}: the merchant must sign it",
                  path);
  }
  FieldReader r(doc, path);
  TESSERA_RETURN_IF_ERROR(r.reject_unknown({"payload", "signature", "keyId"}));
  if (!r.has("signature")) {
    return Status(Code::kCryptoError, "unsigned document: the merchant must sign it",
                  r.path_of("signature"));
  }
  TESSERA_ASSIGN_OR_RETURN(std::string sig_text, r.required_string("signature", 128));
  TESSERA_ASSIGN_OR_RETURN(std::string key_id, r.optional_string("keyId", "", 64));
  (void)key_id;  // names the key for key rotation; one key per site for now
  auto sig = base64_decode_fixed<64>(sig_text, r.path_of("signature"));
  if (!sig.ok()) return Status(Code::kCryptoError, sig.status().message(), sig.status().path());
  if (!verify_detached(dump_json(doc["payload"]), *sig, key)) {
    return Status(Code::kCryptoError,
                  "signature does not match: the document was altered or signed with another key",
                  r.path_of("signature"));
  }
  return doc["payload"];
}

Hash chain_hash(const Hash& previous, std::string_view bytes) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  crypto_generichash_update(&state, previous.data(), previous.size());
  crypto_generichash_update(&state, as_bytes(bytes), bytes.size());
  Hash out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

}  // namespace tessera::crypto
