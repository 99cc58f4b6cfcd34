// The collector's intake checks (deliveries and LDP reports) and its SQLite
// store, on a real file.
#include <filesystem>

#include <gtest/gtest.h>

#include "store/intake.hpp"
#include "store/merchant_key.hpp"
#include "store/response_store.hpp"
#include "tessera/crypto/encoding.hpp"

namespace tessera::store {
namespace {

std::string body(const std::string& key, const std::string& sealed) {
  return R"({"v":1,"site":"shop","surveyId":"nps","idempotencyKey":")" + key +
         R"(","kind":"final","sealed":")" + sealed + R"("})";
}

const std::string kKey = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
const std::string kSealed = crypto::base64_encode(crypto::Bytes(64, 7));

TEST(Intake, AcceptsAWellFormedDelivery) {
  auto r = parse_delivery(body(kKey, kSealed), 42);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->site, "shop");
  EXPECT_EQ(r->idempotency_key, kKey);
  EXPECT_EQ(r->received_at_ms, 42);
}

TEST(Intake, RefusesWithAPointer) {
  EXPECT_EQ(parse_delivery("{", 0).status().code(), Code::kInvalidJson);
  EXPECT_EQ(parse_delivery(body("not-a-uuid", kSealed), 0).status().path(), "/idempotencyKey");
  EXPECT_EQ(parse_delivery(body(kKey, "%%%"), 0).status().path(), "/sealed");
  EXPECT_EQ(
      parse_delivery(body(kKey, crypto::base64_encode(crypto::Bytes(10, 1))), 0).status().path(),
      "/sealed");
  std::string extra = body(kKey, kSealed);
  extra.insert(1, R"("answers":{"nps":9},)");
  EXPECT_EQ(parse_delivery(extra, 0).status().code(), Code::kUnknownField)
      << "plaintext answers are never accepted beside the sealed blob";
  std::string huge = body(kKey, std::string(kMaxSealedBase64 + 4, 'A'));
  EXPECT_EQ(parse_delivery(huge, 0).status().code(), Code::kLimitExceeded);
}

std::string ldp(const std::string& fields) {
  return R"({"v":1,"site":"shop","metric":"nps-bucket","epsilon":1.5,"encoding":"grr",)" + fields +
         "}";
}

TEST(LdpIntake, AcceptsOpaqueReportsAndKeepsOnlyTheHour) {
  auto r = parse_ldp_report(ldp(R"("report":[0,1,0])"), 3600000 * 5 + 1234);
  ASSERT_TRUE(r.ok()) << r.status().to_string();
  EXPECT_EQ(r->metric, "nps-bucket");
  EXPECT_DOUBLE_EQ(r->epsilon, 1.5);
  EXPECT_EQ(r->report_json, "[0,1,0]");
  EXPECT_EQ(r->received_hour_ms, 3600000 * 5);
  EXPECT_TRUE(parse_ldp_report(ldp(R"("report":7)"), 0).ok());
  EXPECT_TRUE(parse_ldp_report(ldp(R"("report":"AQID")"), 0).ok());
}

TEST(LdpIntake, RefusesWithAPointer) {
  EXPECT_EQ(parse_ldp_report(ldp(R"("report":{"user":"u1"})"), 0).status().path(), "/report");
  EXPECT_EQ(parse_ldp_report(ldp(R"("report":[1,2.5])"), 0).status().path(), "/report/1");
  EXPECT_EQ(parse_ldp_report(ldp(R"("report":[])"), 0).status().path(), "/report");
  EXPECT_EQ(parse_ldp_report(ldp(R"("report":1,"ip":"1.2.3.4")"), 0).status().code(),
            Code::kUnknownField);
  std::string no_epsilon = R"({"v":1,"site":"s","metric":"m","encoding":"grr","report":1})";
  EXPECT_EQ(parse_ldp_report(no_epsilon, 0).status().path(), "/epsilon");
  for (const char* eps : {"0", "-1", "10.5", "\"1\""}) {
    std::string body = R"({"v":1,"site":"s","metric":"m","encoding":"grr","report":1,"epsilon":)" +
                       std::string(eps) + "}";
    EXPECT_EQ(parse_ldp_report(body, 0).status().path(), "/epsilon") << eps;
  }
  std::string huge = ldp(R"("report":")" + std::string(kMaxLdpBody, 'A') + "\"");
  EXPECT_EQ(parse_ldp_report(huge, 0).status().code(), Code::kLimitExceeded);
}

TEST(ResponseStore, StoresOnceAndSurvivesReopen) {
  auto path = std::filesystem::temp_directory_path() /
              ("tessera-store-" +
               std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".sqlite");
  std::filesystem::remove(path);
  {
    auto store = ResponseStore::open(path.string());
    ASSERT_TRUE(store.ok()) << store.status().to_string();
    StoredResponse r = *parse_delivery(body(kKey, kSealed), 1);
    EXPECT_EQ(*(*store)->insert(r), InsertOutcome::kInserted);
    EXPECT_EQ(*(*store)->insert(r), InsertOutcome::kDuplicate);
    EXPECT_EQ(*(*store)->count(), 1);
  }
  auto reopened = ResponseStore::open(path.string());
  ASSERT_TRUE(reopened.ok());
  int seen = 0;
  ASSERT_TRUE((*reopened)
                  ->for_each([&](const StoredResponse& r) {
                    ++seen;
                    EXPECT_EQ(r.sealed, kSealed);
                  })
                  .ok());
  EXPECT_EQ(seen, 1);
  EXPECT_EQ((*reopened)->backend(), "sqlite");
  LdpReport report{"shop", "m", 1.0, "grr", "1", 0};
  ASSERT_TRUE((*reopened)->insert_report(report).ok());
  ASSERT_TRUE((*reopened)->insert_report(report).ok());
  EXPECT_EQ(*(*reopened)->count_reports(), 2);
  EXPECT_TRUE((*reopened)->ping().ok());
  reopened = Status(Code::kInternal, "closed");  // closes the file before removing it
  std::filesystem::remove(path);
}

TEST(MerchantKey, RoundTripsAndDetectsMismatch) {
  crypto::KeyPair keys = crypto::generate_keypair();
  auto back = parse_key_file(format_key_file(keys));
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->secret_key, keys.secret_key);
  crypto::KeyPair other = crypto::generate_keypair();
  keys.public_key = other.public_key;
  EXPECT_EQ(parse_key_file(format_key_file(keys)).status().code(), Code::kCryptoError);
}

}  // namespace
}  // namespace tessera::store
