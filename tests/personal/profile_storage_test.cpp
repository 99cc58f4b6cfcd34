// Sealed profile storage: round trip, tamper detection, export and erasure.
#include "tessera/personal/profile_storage.hpp"

#include <sodium.h>

#include <gtest/gtest.h>

namespace tessera::personal {
namespace {

constexpr std::int64_t kT0 = 1717430400000;  // Mon 2024-06-03 16:00 UTC

class ProfileStorage : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    key.fill(7);
    nonce.fill(9);
    Context phone{120, DeviceClass::kMobile, "product"};
    ASSERT_TRUE(
        profile.record({kT0, EventType::kView, {"running-shoes"}, {"trail"}, phone}, config).ok());
    ASSERT_TRUE(
        profile.record({kT0 + kHourMs, EventType::kPurchase, {"jackets"}, {}, {}}, config).ok());
    ASSERT_TRUE(
        profile.record({kT0 + 2 * kHourMs, EventType::kView, {"running-shoes"}, {}, {}}, config)
            .ok());
  }
  ProfileConfig config;
  Profile profile;
  StorageKey key{};
  StorageNonce nonce{};
};

TEST_F(ProfileStorage, SealOpenRoundTrip) {
  const crypto::Bytes blob = seal_profile(profile, key, nonce);
  const std::string plain = serialize_profile(profile);
  EXPECT_EQ(blob.size(), plain.size() + kSealedProfileOverhead);
  auto back = open_profile(blob, key);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(serialize_profile(*back), plain);
  EXPECT_EQ(back->category_count(), 2u);
  // Deterministic given key and nonce; a new nonce changes every byte after it.
  EXPECT_EQ(seal_profile(profile, key, nonce), blob);
  StorageNonce other = nonce;
  other[0] ^= 1;
  EXPECT_NE(seal_profile(profile, key, other), blob);
}

TEST_F(ProfileStorage, AnyAlteredByteIsACryptoError) {
  const crypto::Bytes blob = seal_profile(profile, key, nonce);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    crypto::Bytes bad = blob;
    bad[i] ^= 0x20;
    EXPECT_EQ(open_profile(bad, key).status().code(), Code::kCryptoError) << "byte " << i;
  }
  crypto::Bytes truncated(blob.begin(), blob.end() - 1);
  EXPECT_EQ(open_profile(truncated, key).status().code(), Code::kCryptoError);
  EXPECT_EQ(open_profile(crypto::Bytes(10, 0), key).status().code(), Code::kCryptoError);
  StorageKey wrong = key;
  wrong[31] ^= 1;
  EXPECT_EQ(open_profile(blob, wrong).status().code(), Code::kCryptoError);
}

TEST_F(ProfileStorage, AuthenticButInvalidContentIsAlsoACryptoError) {
  // Sealed with the right key but not a profile (a future format, say).
  const std::string junk = R"({"v":2,"events":[]})";
  crypto::Bytes blob(kSealedProfileOverhead + junk.size());
  blob[0] = 1;
  std::copy(nonce.begin(), nonce.end(), blob.begin() + 1);
  crypto_secretbox_easy(blob.data() + 25, reinterpret_cast<const unsigned char*>(junk.data()),
                        junk.size(), nonce.data(), key.data());
  auto r = open_profile(blob, key);
  EXPECT_EQ(r.status().code(), Code::kCryptoError);
  EXPECT_NE(r.status().message().find("/v"), std::string::npos) << r.status().message();
}

TEST_F(ProfileStorage, ParseErrorsHavePointers) {
  EXPECT_EQ(parse_profile(R"({"v":1,"events":[{"at":1,"type":"view"}]})").status().path(),
            "/events/0/categories");
  EXPECT_EQ(parse_profile(R"({"v":1})").status().path(), "/events");
  EXPECT_EQ(parse_profile("{").status().code(), Code::kInvalidJson);
}

TEST_F(ProfileStorage, ExportIsReadable) {
  const Json out = export_profile(profile, kT0 + 3 * kHourMs, config);
  EXPECT_EQ(out["generatedAt"], "2024-06-03T19:00:00Z");
  EXPECT_EQ(out["settings"]["retentionDays"], 28);
  EXPECT_EQ(out["settings"]["halfLifeHours"], 168.0);
  ASSERT_EQ(out["categories"].size(), 2u);
  EXPECT_EQ(out["categories"][0]["category"], "jackets");  // purchase (6) beats 2 views
  EXPECT_EQ(out["categories"][0]["strength"], 100);
  EXPECT_EQ(out["categories"][1]["recentEvents"], 2);
  EXPECT_EQ(out["categories"][1]["lastSeen"], "2024-06-03T18:00:00Z");
  ASSERT_EQ(out["events"].size(), 3u);
  const Json& first = out["events"][0];
  EXPECT_EQ(first["at"], "2024-06-03T16:00:00Z");
  EXPECT_EQ(first["daypart"], "evening");  // 18:00 at UTC+2
  EXPECT_EQ(first["weekday"], "mon");
  EXPECT_EQ(first["device"], "mobile");
  profile.clear();
  EXPECT_TRUE(export_profile(profile, kT0, config)["events"].empty());
}

TEST(Context, LocalTimeAndFormatting) {
  EXPECT_EQ(format_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_utc(1709210096000), "2024-02-29T12:34:56Z");
  EXPECT_EQ(format_utc(951782400000), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_utc(kMaxTimestampMs), "9999-12-31T23:59:59Z");
  LocalTime t = local_time(kT0, 0);
  EXPECT_EQ(t.weekday, 1);
  EXPECT_EQ(t.daypart, Daypart::kAfternoon);
  t = local_time(kT0, 9 * 60);  // Tuesday 01:00 in Tokyo
  EXPECT_EQ(t.weekday, 2);
  EXPECT_EQ(t.daypart, Daypart::kNight);
  EXPECT_FALSE(t.weekend());
}

}  // namespace
}  // namespace tessera::personal
