// Budget accounting (daily and lifetime caps, refusals spend nothing, clock
// games), metric specs and the report wire format (no identifier).
#include "tessera/privacy/budget.hpp"

#include <gtest/gtest.h>

#include "tessera/privacy/report.hpp"

namespace tessera::privacy {
namespace {

constexpr std::int64_t kDay = PrivacyBudget::kDayMillis;
constexpr std::int64_t kNoon = 20000 * kDay + kDay / 2;

TEST(PrivacyBudget, DailyCapRefusesAndRenewsNextDay) {
  BudgetPolicy policy{2000, 5000};
  PrivacyBudget b;
  const Epsilon one = Epsilon::from_millis(1000);
  EXPECT_TRUE(b.charge(one, kNoon, policy).ok());
  EXPECT_TRUE(b.charge(one, kNoon + 1, policy).ok());
  Status refused = b.charge(one, kNoon + 2, policy);
  EXPECT_EQ(refused.code(), Code::kLimitExceeded);
  EXPECT_NE(refused.message().find("daily"), std::string::npos) << refused.message();
  EXPECT_EQ(b.spent_today_millis(kNoon), 2000);  // the refusal spent nothing
  EXPECT_TRUE(b.charge(one, kNoon + kDay, policy).ok());
  EXPECT_EQ(b.spent_today_millis(kNoon + kDay), 1000);
  EXPECT_EQ(b.spent_lifetime_millis(), 3000);
}

TEST(PrivacyBudget, LifetimeCapBoundsTheTotal) {
  BudgetPolicy policy{2000, 5000};
  PrivacyBudget b;
  int accepted = 0;
  for (int day = 0; day < 30; ++day) {
    for (int i = 0; i < 3; ++i)
      accepted += b.charge(Epsilon::from_millis(1000), kNoon + day * kDay, policy).ok();
  }
  EXPECT_EQ(accepted, 5);
  EXPECT_EQ(b.spent_lifetime_millis(), 5000);
  Status s = b.charge(Epsilon::from_millis(1), kNoon + 40 * kDay, policy);
  EXPECT_NE(s.message().find("lifetime"), std::string::npos);
}

TEST(PrivacyBudget, TurningTheClockBackBuysNothing) {
  BudgetPolicy policy{1000, 10000};
  PrivacyBudget b;
  ASSERT_TRUE(b.charge(Epsilon::from_millis(1000), kNoon, policy).ok());
  EXPECT_FALSE(b.allows(Epsilon::from_millis(1), kNoon - 3 * kDay, policy));
  EXPECT_EQ(b.charge(Epsilon::from_millis(500), kNoon - kDay, policy).code(), Code::kLimitExceeded);
}

TEST(PrivacyBudget, JsonRoundTripAndErrors) {
  BudgetPolicy policy;
  PrivacyBudget b;
  ASSERT_TRUE(b.charge(Epsilon::from_millis(750), kNoon, policy).ok());
  Json j = b.to_json();
  EXPECT_EQ(dump_json(j), R"({"day":20000,"lifetimeMillis":750,"todayMillis":750})");
  auto back = PrivacyBudget::from_json(j);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->spent_today_millis(kNoon), 750);
  j["todayMillis"] = -1;
  EXPECT_EQ(PrivacyBudget::from_json(j).status().path(), "/todayMillis");
  j = b.to_json();
  j["todayMillis"] = 900;  // more today than ever: inconsistent
  EXPECT_EQ(PrivacyBudget::from_json(j).status().code(), Code::kInvalidValue);
  EXPECT_EQ(PrivacyBudget::from_json(Json::object()).status().path(), "/day");
}

TEST(BudgetPolicy, ParsesAndRejectsAbsurdCaps) {
  auto p = parse_budget_policy(Json{{"dailyEpsilon", 1.5}, {"lifetimeEpsilon", 30}}, "/budget");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->daily_cap_millis, 1500);
  EXPECT_EQ(parse_budget_policy(Json{{"dailyEpsilon", -1}}, "/budget").status().path(),
            "/budget/dailyEpsilon");
  EXPECT_EQ(parse_budget_policy(Json{{"dailyEpsilon", 5}, {"lifetimeEpsilon", 2}}, "/budget")
                .status()
                .code(),
            Code::kInvalidValue);
}

TEST(Report, PrivatizeChargesThenEncodes) {
  auto spec = parse_metric_spec(
      Json{{"metric", "fav-category"}, {"mechanism", "oue"}, {"domain", 20}, {"epsilon", 1}}, "");
  ASSERT_TRUE(spec.ok()) << spec.status().to_string();
  BudgetPolicy policy{1500, 10000};
  PrivacyBudget budget;
  SeededRandom rng(seed_from_u64(1), kStreamPrivacy);
  auto r = privatize(*spec, 3, budget, kNoon, policy, rng);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->bits.size(), 3u);
  EXPECT_EQ(budget.spent_today_millis(kNoon), 1000);
  EXPECT_EQ(privatize(*spec, 3, budget, kNoon, policy, rng).status().code(), Code::kLimitExceeded);
  EXPECT_EQ(privatize(*spec, 20, budget, kNoon + kDay, policy, rng).status().code(),
            Code::kOutOfRange);
  EXPECT_EQ(budget.spent_lifetime_millis(), 1000);  // neither failure spent anything
}

TEST(Report, WireFormatCarriesNoIdentifierAndIsValidated) {
  LdpReport r{"fav-category", Mechanism::kOptimizedUnary, 12, Epsilon::from_millis(1000), 0,
              {0x05, 0x08}};
  const Json j = r.to_json();
  EXPECT_EQ(
      dump_json(j),
      R"({"bits":"BQg=","domain":12,"epsilonMillis":1000,"mechanism":"oue","metric":"fav-category"})");
  auto back = LdpReport::from_json(j);
  ASSERT_TRUE(back.ok()) << back.status().to_string();
  EXPECT_EQ(back->bits, r.bits);
  Json padded = j;
  padded["bits"] = "BRg=";  // bit 12 set: beyond a 12-value domain
  EXPECT_EQ(LdpReport::from_json(padded).status().path(), "/bits");
  Json with_id = j;
  with_id["deviceId"] = "abc";
  EXPECT_EQ(LdpReport::from_json(with_id).status().code(), Code::kUnknownField);
  LdpReport rr{"size", Mechanism::kRandomizedResponse, 5, Epsilon::from_millis(500), 4, {}};
  EXPECT_EQ(LdpReport::from_json(rr.to_json())->value, 4u);
  Json out_of_domain = rr.to_json();
  out_of_domain["value"] = 5;
  EXPECT_EQ(LdpReport::from_json(out_of_domain).status().path(), "/value");
}

TEST(Report, MetricSpecErrorsHavePointers) {
  EXPECT_EQ(parse_metric_spec(Json{{"metric", "m"}, {"domain", 1}}, "/metrics/0").status().path(),
            "/metrics/0/domain");
  EXPECT_EQ(parse_metric_spec(Json{{"metric", "m"}, {"domain", 4}, {"epsilon", 0}}, "/metrics/0")
                .status()
                .path(),
            "/metrics/0/epsilon");
  EXPECT_EQ(parse_metric_spec(Json{{"metric", "m"}, {"domain", 4}, {"mechanism", "olh"}}, "")
                .status()
                .path(),
            "/mechanism");
  auto automatic = parse_metric_spec(Json{{"metric", "m"}, {"domain", 200}}, "");
  EXPECT_EQ(automatic->mechanism, Mechanism::kOptimizedUnary);
}

}  // namespace
}  // namespace tessera::privacy
