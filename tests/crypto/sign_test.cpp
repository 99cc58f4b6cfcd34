// Ed25519 signing and BLAKE2b chaining (src/crypto/sign.cpp): the RFC 8032
// known answers, rejection of anything altered (message, signature, key),
// signed documents of the wrong shape or length, and the hash chain link.
#include "tessera/crypto/sign.hpp"

#include <sodium.h>

#include <gtest/gtest.h>

#include "tessera/crypto/encoding.hpp"

namespace tessera::crypto {
namespace {

template <std::size_t N>
std::array<std::uint8_t, N> hex_array(std::string_view hex) {
  auto bytes = hex_decode(hex, "");
  EXPECT_TRUE(bytes.ok()) << hex;
  EXPECT_EQ(bytes->size(), N) << hex;
  std::array<std::uint8_t, N> out{};
  std::copy(bytes->begin(), bytes->end(), out.begin());
  return out;
}

std::string hex_string(std::string_view hex) {
  auto bytes = hex_decode(hex, "");
  EXPECT_TRUE(bytes.ok()) << hex;
  return std::string(bytes->begin(), bytes->end());
}

// RFC 8032 section 7.1, tests 1-3 and "SHA(abc)": seed, public key,
// message, signature (hex).
struct Rfc8032Vector {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};

const Rfc8032Vector kRfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
    {"833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
     "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
     "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
     "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
     "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"},
};

TEST(Sign, Rfc8032KnownAnswers) {
  for (const Rfc8032Vector& v : kRfc8032) {
    SigningKeyPair keys = signing_keypair_from_seed(hex_array<32>(v.seed));
    EXPECT_EQ(hex_encode(keys.public_key.data(), 32), v.public_key);
    // libsodium's secret key is the seed followed by the public key.
    EXPECT_EQ(hex_encode(keys.secret_key.data(), 32), v.seed);
    EXPECT_EQ(hex_encode(keys.secret_key.data() + 32, 32), v.public_key);
    std::string message = hex_string(v.message);
    Signature sig = sign_detached(message, keys.secret_key);
    EXPECT_EQ(hex_encode(sig.data(), sig.size()), v.signature) << "message " << v.message;
    EXPECT_TRUE(verify_detached(message, hex_array<64>(v.signature), hex_array<32>(v.public_key)));
  }
}

TEST(Sign, AlteredMessageSignatureOrKeyIsRejected) {
  const Rfc8032Vector& v = kRfc8032[2];
  std::string message = hex_string(v.message);
  Signature sig = hex_array<64>(v.signature);
  SigningPublicKey key = hex_array<32>(v.public_key);
  ASSERT_TRUE(verify_detached(message, sig, key));

  // Every single-bit change of the message, of the signature and of the
  // key must fail (a bit in the signature's S half beyond the group order
  // included: libsodium refuses non-canonical S).
  for (std::size_t i = 0; i < message.size() * 8; ++i) {
    std::string m = message;
    m[i / 8] = static_cast<char>(m[i / 8] ^ (1 << (i % 8)));
    EXPECT_FALSE(verify_detached(m, sig, key)) << "message bit " << i;
  }
  for (std::size_t i = 0; i < sig.size() * 8; ++i) {
    Signature s = sig;
    s[i / 8] ^= static_cast<std::uint8_t>(1 << (i % 8));
    EXPECT_FALSE(verify_detached(message, s, key)) << "signature bit " << i;
  }
  for (std::size_t i = 0; i < key.size() * 8; ++i) {
    SigningPublicKey k = key;
    k[i / 8] ^= static_cast<std::uint8_t>(1 << (i % 8));
    EXPECT_FALSE(verify_detached(message, sig, k)) << "key bit " << i;
  }
  // A longer or shorter message (same prefix) fails too.
  EXPECT_FALSE(verify_detached(message + '\0', sig, key));
  EXPECT_FALSE(verify_detached(message.substr(0, 1), sig, key));
  // Another key pair's key, and the all-zero (small order) key.
  EXPECT_FALSE(verify_detached(message, sig, hex_array<32>(kRfc8032[0].public_key)));
  EXPECT_FALSE(verify_detached(message, sig, SigningPublicKey{}));
  EXPECT_FALSE(verify_detached(message, Signature{}, key));
}

TEST(Sign, FreshKeyPairsSignAndVerify) {
  SigningKeyPair a = generate_signing_keypair();
  SigningKeyPair b = generate_signing_keypair();
  EXPECT_NE(a.public_key, b.public_key);
  Signature sig = sign_detached("grant 17", a.secret_key);
  EXPECT_TRUE(verify_detached("grant 17", sig, a.public_key));
  EXPECT_FALSE(verify_detached("grant 17", sig, b.public_key));
  // Ed25519 is deterministic: the same message gives the same signature.
  EXPECT_EQ(sign_detached("grant 17", a.secret_key), sig);
}

class SignedDocument : public ::testing::Test {
 protected:
  SigningKeyPair keys = signing_keypair_from_seed(hex_array<32>(kRfc8032[1].seed));
  Json payload = Json{{"type", "purchase"}, {"key", "o-1"}, {"at", 1704067200000}, {"n", 2}};
};

TEST_F(SignedDocument, RoundTripsAndToleratesReserialisation) {
  Json doc = sign_document(payload, keys.secret_key, "k1");
  EXPECT_EQ(doc["keyId"], "k1");
  auto back = verify_document(doc, keys.public_key, "/event");
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(*back, payload);
  // The signature covers canonical bytes: other spacing and key order of
  // the same JSON verify.
  std::string sig = doc["signature"].get<std::string>();
  auto reordered = parse_json(R"({ "signature" : ")" + sig +
                              R"(", "payload": {"n": 2, "at": 1704067200000,
                                  "key": "o-1", "type": "purchase"}})");
  ASSERT_TRUE(reordered.ok());
  EXPECT_TRUE(verify_document(*reordered, keys.public_key, "/event").ok());
  // No keyId is fine too.
  EXPECT_FALSE(sign_document(payload, keys.secret_key).contains("keyId"));
}

TEST_F(SignedDocument, AlteredPayloadOrOtherKeyIsACryptoErrorAtTheSignature) {
  Json doc = sign_document(payload, keys.secret_key);
  Json altered = doc;
  altered["payload"]["n"] = 3;
  auto st = verify_document(altered, keys.public_key, "/events/4").status();
  EXPECT_EQ(st.code(), Code::kCryptoError);
  EXPECT_EQ(st.path(), "/events/4/signature");
  EXPECT_NE(st.message().find("altered"), std::string::npos) << st.message();

  Json extra = doc;
  extra["payload"]["bonus"] = 1000;
  EXPECT_EQ(verify_document(extra, keys.public_key, "").status().code(), Code::kCryptoError);

  SigningKeyPair other = signing_keypair_from_seed(hex_array<32>(kRfc8032[0].seed));
  st = verify_document(doc, other.public_key, "/program").status();
  EXPECT_EQ(st.code(), Code::kCryptoError);
  EXPECT_EQ(st.path(), "/program/signature");
}

TEST_F(SignedDocument, WrongShapesAndLengthsAreRefusedWithAPointer) {
  Json doc = sign_document(payload, keys.secret_key);
  auto code_path = [&](const Json& d) {
    Status st = verify_document(d, keys.public_key, "/e").status();
    return std::string(code_name(st.code())) + " " + st.path();
  };
  EXPECT_EQ(code_path(payload), "crypto_error /e");  // not signed at all
  EXPECT_EQ(code_path(Json::array()), "crypto_error /e");
  EXPECT_EQ(code_path(Json{{"payload", payload}}), "crypto_error /e/signature");

  Json unknown = doc;
  unknown["note"] = "x";
  EXPECT_EQ(code_path(unknown).rfind("unknown_field /e/note", 0), 0u) << code_path(unknown);

  Json not_string = doc;
  not_string["signature"] = 12;
  EXPECT_EQ(code_path(not_string), "invalid_type /e/signature");

  Json not_base64 = doc;
  not_base64["signature"] = "not base64!";
  EXPECT_EQ(code_path(not_base64), "crypto_error /e/signature");

  // 63 and 65 bytes: the length is checked before any verification.
  Signature sig = sign_detached(dump_json(payload), keys.secret_key);
  for (std::size_t n : {std::size_t{0}, std::size_t{32}, std::size_t{63}, std::size_t{65}}) {
    std::vector<std::uint8_t> bytes(sig.begin(), sig.end());
    bytes.resize(n, 0);
    Json wrong = doc;
    wrong["signature"] = base64_encode(bytes.data(), bytes.size());
    Status st = verify_document(wrong, keys.public_key, "/e").status();
    EXPECT_EQ(st.code(), Code::kCryptoError) << n;
    EXPECT_EQ(st.path(), "/e/signature") << n;
    if (n > 0) {
      EXPECT_NE(st.message().find("exactly 64 bytes, got " + std::to_string(n)), std::string::npos)
          << st.message();
    }
  }
  Json long_text = doc;
  long_text["signature"] = std::string(200, 'A');
  EXPECT_EQ(code_path(long_text).rfind("limit_exceeded /e/signature", 0), 0u)
      << code_path(long_text);
}

TEST(ChainHash, IsBlake2b256OfPreviousThenBytes) {
  Hash previous{};
  for (std::size_t i = 0; i < previous.size(); ++i) previous[i] = static_cast<std::uint8_t>(i);
  std::string bytes = R"({"doc":{},"kind":"grant"})";
  std::string joined(previous.begin(), previous.end());
  joined += bytes;
  Hash expected{};
  crypto_generichash(expected.data(), expected.size(),
                     reinterpret_cast<const unsigned char*>(joined.data()), joined.size(), nullptr,
                     0);
  EXPECT_EQ(chain_hash(previous, bytes), expected);
  // Any change of the link or the bytes changes the hash.
  Hash other = previous;
  other[31] ^= 1;
  EXPECT_NE(chain_hash(other, bytes), expected);
  EXPECT_NE(chain_hash(previous, bytes + " "), expected);
}

}  // namespace
}  // namespace tessera::crypto
