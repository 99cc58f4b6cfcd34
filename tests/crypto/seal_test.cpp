// Sealed boxes: our ladder-built seal opens with libsodium's
// crypto_box_seal_open, and libsodium's own seal opens with ours.
#include "tessera/crypto/seal.hpp"

#include <sodium.h>

#include <gtest/gtest.h>

#include "tessera/crypto/encoding.hpp"

namespace tessera::crypto {
namespace {

class Seal : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GE(sodium_init(), 0); }
  static EphemeralSecret random_ephemeral() {
    EphemeralSecret e;
    randombytes_buf(e.data(), e.size());
    return e;
  }
};

TEST_F(Seal, RoundTrip) {
  KeyPair merchant = generate_keypair();
  std::string record = R"({"answers":{"nps":9},"surveyId":"s"})";
  auto sealed = seal(record, merchant.public_key, random_ephemeral());
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), record.size() + kSealOverhead);
  auto opened = open_sealed(*sealed, merchant);
  ASSERT_TRUE(opened.ok()) << opened.status().to_string();
  EXPECT_EQ(*opened, record);
}

TEST_F(Seal, OpensWithLibsodiumDirectly) {
  KeyPair merchant = generate_keypair();
  auto sealed = seal("hello", merchant.public_key, random_ephemeral());
  ASSERT_TRUE(sealed.ok());
  unsigned char out[5];
  ASSERT_EQ(crypto_box_seal_open(out, sealed->data(), sealed->size(), merchant.public_key.data(),
                                 merchant.secret_key.data()),
            0);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(out), 5), "hello");
}

TEST_F(Seal, OpensLibsodiumSeals) {
  KeyPair merchant = generate_keypair();
  Bytes sealed(crypto_box_SEALBYTES + 3);
  const unsigned char msg[] = {'a', 'b', 'c'};
  ASSERT_EQ(crypto_box_seal(sealed.data(), msg, 3, merchant.public_key.data()), 0);
  EXPECT_EQ(*open_sealed(sealed, merchant), "abc");
}

TEST_F(Seal, DeterministicGivenTheEphemeralSecret) {
  KeyPair merchant = generate_keypair();
  EphemeralSecret e = random_ephemeral();
  EXPECT_EQ(*seal("x", merchant.public_key, e), *seal("x", merchant.public_key, e));
  EXPECT_NE(*seal("x", merchant.public_key, e),
            *seal("x", merchant.public_key, random_ephemeral()));
}

TEST_F(Seal, WrongKeyOrTamperingFails) {
  KeyPair merchant = generate_keypair();
  KeyPair other = generate_keypair();
  auto sealed = *seal("secret answers", merchant.public_key, random_ephemeral());
  EXPECT_EQ(open_sealed(sealed, other).status().code(), Code::kCryptoError);
  for (std::size_t i : {std::size_t{0}, std::size_t{40}, sealed.size() - 1}) {
    Bytes tampered = sealed;
    tampered[i] ^= 0x01;
    EXPECT_EQ(open_sealed(tampered, merchant).status().code(), Code::kCryptoError) << i;
  }
  EXPECT_EQ(open_sealed(Bytes(10), merchant).status().code(), Code::kCryptoError);
}

TEST_F(Seal, RefusesADegeneratePublicKey) {
  PublicKey zero{};
  EXPECT_EQ(seal("x", zero, random_ephemeral()).status().code(), Code::kCryptoError);
}

TEST_F(Seal, PublicKeyOfMatchesKeygen) {
  KeyPair merchant = generate_keypair();
  EXPECT_EQ(public_key_of(merchant.secret_key), merchant.public_key);
}

TEST(Encoding, Base64AndHexAreStrict) {
  Bytes data = {0, 1, 2, 250, 255};
  std::string b64 = base64_encode(data);
  EXPECT_EQ(b64, "AAEC+v8=");
  EXPECT_EQ(*base64_decode(b64, ""), data);
  EXPECT_EQ(base64_decode("AAEC+v8", "/k").status().path(), "/k");
  EXPECT_FALSE(base64_decode("AAEC +v8=", "").ok());
  EXPECT_FALSE(base64_decode("AAEC-v8=", "").ok()) << "url-safe alphabet is refused";
  EXPECT_EQ(hex_encode(data.data(), data.size()), "000102faff");
  EXPECT_EQ(*hex_decode("000102faff", ""), data);
  EXPECT_FALSE(hex_decode("0g", "").ok());
  EXPECT_FALSE(hex_decode("000", "").ok());
  EXPECT_EQ(base64_decode_fixed<32>("AAEC+v8=", "/pk").status().code(), Code::kInvalidValue);
}

}  // namespace
}  // namespace tessera::crypto
