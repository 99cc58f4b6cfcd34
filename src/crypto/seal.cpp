// Sealed boxes in libsodium's crypto_box_seal format, built from the X25519
// ladder so that the wasm build avoids the Ed25519 base-point table; see
// tessera/crypto/seal.hpp.
#include "tessera/crypto/seal.hpp"

#include <sodium.h>

namespace tessera::crypto {
namespace {

// The X25519 base point u = 9 (RFC 7748).
constexpr std::array<std::uint8_t, 32> kBasePoint = {9};

// libsodium's sealed-box nonce: BLAKE2b-192(ephemeral pk || recipient pk).
void seal_nonce(std::uint8_t nonce[crypto_box_NONCEBYTES], const PublicKey& ephemeral_pk,
                const PublicKey& recipient) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, crypto_box_NONCEBYTES);
  crypto_generichash_update(&st, ephemeral_pk.data(), ephemeral_pk.size());
  crypto_generichash_update(&st, recipient.data(), recipient.size());
  crypto_generichash_final(&st, nonce, crypto_box_NONCEBYTES);
}

}  // namespace

Result<Bytes> seal(std::string_view plaintext, const PublicKey& recipient,
                   const EphemeralSecret& ephemeral) {
  PublicKey ephemeral_pk{};
  // crypto_scalarmult clamps the scalar exactly as crypto_box_keypair does,
  // so (ephemeral, ephemeral_pk) is an ordinary crypto_box key pair.
  if (crypto_scalarmult(ephemeral_pk.data(), ephemeral.data(), kBasePoint.data()) != 0) {
    return Status(Code::kCryptoError, "could not derive the ephemeral public key");
  }
  std::uint8_t nonce[crypto_box_NONCEBYTES];
  seal_nonce(nonce, ephemeral_pk, recipient);

  Bytes out(kSealOverhead + plaintext.size());
  std::copy(ephemeral_pk.begin(), ephemeral_pk.end(), out.begin());
  const auto* message = reinterpret_cast<const unsigned char*>(plaintext.data());
  if (crypto_box_easy(out.data() + crypto_box_PUBLICKEYBYTES, message, plaintext.size(), nonce,
                      recipient.data(), ephemeral.data()) != 0) {
    // crypto_box refuses public keys of small order (all-zero shared secret).
    return Status(Code::kCryptoError, "the recipient public key is not a valid X25519 key",
                  "/publicKey");
  }
  sodium_memzero(nonce, sizeof nonce);
  return out;
}

Result<std::string> open_sealed(const Bytes& sealed, const KeyPair& keys) {
  if (sealed.size() < kSealOverhead) {
    return Status(Code::kCryptoError, "sealed record is shorter than its 48-byte overhead");
  }
  std::string plain(sealed.size() - kSealOverhead, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()), sealed.data(),
                           sealed.size(), keys.public_key.data(), keys.secret_key.data()) != 0) {
    return Status(Code::kCryptoError,
                  "sealed record does not open with this key (wrong key, or altered)");
  }
  return plain;
}

KeyPair generate_keypair() {
  KeyPair kp;
  crypto_box_keypair(kp.public_key.data(), kp.secret_key.data());
  return kp;
}

PublicKey public_key_of(const SecretKey& secret) {
  PublicKey pk{};
  crypto_scalarmult_base(pk.data(), secret.data());
  return pk;
}

}  // namespace tessera::crypto
