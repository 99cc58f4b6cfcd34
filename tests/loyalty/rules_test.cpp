// Program rules of issue 4 checked end to end through a replay: referral
// limits per local week, campaigns with start/end and days of the week in
// the program's local time, shipping and tax in or out, caps per month and
// lifetime, the three rounding modes per order and per item, the timing of
// tier downgrades (at the local evaluation instant, for each downgrade
// policy), and reward prices per tier with a per-member limit.
#include <gtest/gtest.h>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::int64_t kHour = 3'600'000;
constexpr std::int64_t kDay = kMsPerDay;
constexpr std::int64_t kJan1 = 1704067200000;  // 2024-01-01T00:00Z, a Monday

Program program(const std::string& body) {
  auto p = parse_program(R"({"version": 1, "id": "shop",
      "currency": {"code": "EUR", "minorUnits": 2}, )" +
                         body + "}");
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  return p.ok() ? *p : Program{};
}

Event purchase(std::string key, std::int64_t at, std::int64_t unit_price, std::int64_t qty = 1) {
  Event e;
  e.kind = EventKind::kPurchase;
  e.key = key;
  e.order_id = key;
  e.at = at;
  e.currency = "EUR";
  e.lines.push_back({"sku", "tea", {}, qty, unit_price});
  return e;
}

Event named(std::string key, std::int64_t at, std::string name) {
  Event e;
  e.kind = EventKind::kCustom;
  e.key = key;
  e.at = at;
  e.name = name;
  return e;
}

Event redeem(std::string key, std::int64_t at, std::string reward) {
  Event e;
  e.kind = EventKind::kRedeem;
  e.key = key;
  e.at = at;
  e.reward = reward;
  return e;
}

std::vector<std::string> rejected_keys(const Ledger& l) {
  std::vector<std::string> keys;
  for (const Rejection& r : l.rejections()) keys.push_back(r.key);
  return keys;
}

TEST(Rules, ReferralLimitIsPerLocalWeek) {
  // UTC+01:00; weeks start on Monday local time.
  Program p = program(R"("utcOffsetMinutes": 60,
      "rules": [{"id": "ref", "kind": "event", "event": "referral", "points": 100}],
      "referral": {"maxPerWeek": 2})");
  Ledger l = Ledger::replay(
      p, {named("r1", kJan1 + 10 * kHour, "referral"), named("r2", kJan1 + 2 * kDay, "referral"),
          // Sunday 22:30 UTC is Sunday 23:30 local: still the first week.
          named("r3", kJan1 + 6 * kDay + 22 * kHour + kHour / 2, "referral"),
          // Sunday 23:30 UTC is Monday 00:30 local: a new week.
          named("r4", kJan1 + 6 * kDay + 23 * kHour + kHour / 2, "referral"),
          named("r5", kJan1 + 8 * kDay, "referral"), named("r6", kJan1 + 9 * kDay, "referral"),
          // Other named events never count toward the limit.
          named("x", kJan1 + 9 * kDay + 1, "review")});
  EXPECT_EQ(rejected_keys(l), (std::vector<std::string>{"r3", "r6"}));
  const Rejection& r3 = l.rejections()[0];
  EXPECT_EQ(r3.status.code(), Code::kLimitExceeded);
  EXPECT_EQ(r3.status.path(), "/name");
  EXPECT_NE(r3.status.message().find("2 per week"), std::string::npos) << r3.status.message();
  EXPECT_EQ(l.balance(kJan1 + 10 * kDay).lifetime_earned, 400);

  // No limit configured: every referral earns.
  Program open = program(R"("rules": [{"id": "ref", "kind": "event", "event": "referral",
      "points": 100}])");
  Ledger all =
      Ledger::replay(open, {named("a", kJan1, "referral"), named("b", kJan1 + 1, "referral"),
                            named("c", kJan1 + 2, "referral")});
  EXPECT_TRUE(all.rejections().empty());
  EXPECT_EQ(all.balance(kJan1 + 2).lifetime_earned, 300);
}

TEST(Rules, CampaignRunsBetweenStartAndEndOnLocalWeekdays) {
  // UTC-05:00. The campaign doubles spend points on local Saturdays and
  // Sundays from 2024-01-05T00:00Z until 2024-01-15T00:00Z (exclusive).
  Program p = program(R"("utcOffsetMinutes": -300, "rules": [
      {"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}},
      {"id": "weekend", "kind": "spend", "rate": {"points": 1, "perUnits": 1},
       "schedule": {"start": 1704412800000, "end": 1705276800000, "days": ["sat", "sun"]}}])");
  std::vector<Event> events = {
      purchase("before", kJan1 - 12 * kHour, 1000),               // Sun Dec 31, before the start
      purchase("fri-night", kJan1 + 5 * kDay + 3 * kHour, 1000),  // Sat 03:00Z = Fri 22:00 local
      purchase("sat", kJan1 + 5 * kDay + 12 * kHour, 1000),       // Saturday local
      purchase("sun-late", kJan1 + 7 * kDay + 4 * kHour, 1000),   // Mon 04:00Z = Sun 23:00 local
      purchase("after", kJan1 + 19 * kDay + 12 * kHour, 1000),    // Saturday after the end
  };
  Ledger l = Ledger::replay(p, events);
  EXPECT_EQ(l.balance(kJan1 + 20 * kDay).lifetime_earned, 10 + 10 + 20 + 20 + 10);
  // The preview explains why the campaign did not apply.
  Event cart = purchase("cart", 0, 1000);
  auto preview = l.preview(cart, kJan1 + 20 * kDay);
  ASSERT_TRUE(preview.ok());
  ASSERT_EQ(preview->rules.size(), 2u);
  EXPECT_EQ(preview->rules[1].verdict, Verdict::kOutsideSchedule);
  EXPECT_EQ(preview->total, 10);
}

TEST(Rules, ShippingAndTaxCountOnlyWhenIncluded) {
  auto earned = [](const char* include) {
    Program p = program(std::string(R"("rules": [{"id": "base", "kind": "spend",
        "rate": {"points": 1, "perUnits": 1})") +
                        include + "}]");
    Event e = purchase("o", kJan1, 1000);
    e.shipping_minor = 500;
    e.tax_minor = 200;
    Ledger l = Ledger::replay(p, {e});
    return l.balance(kJan1).lifetime_earned;
  };
  EXPECT_EQ(earned(""), 10);
  EXPECT_EQ(earned(R"(, "includeShipping": true)"), 15);
  EXPECT_EQ(earned(R"(, "includeTax": true)"), 12);
  EXPECT_EQ(earned(R"(, "includeShipping": true, "includeTax": true)"), 17);
}

TEST(Rules, CapsPerMonthAndLifetime) {
  Program p = program(R"("rules": [{"id": "review", "kind": "event", "event": "review",
      "points": 40, "caps": [{"period": "month", "points": 60},
                             {"period": "lifetime", "points": 100}]}])");
  Ledger l = Ledger::replay(
      p, {named("a", kJan1 + kDay, "review"), named("b", kJan1 + 2 * kDay, "review"),
          named("c", kJan1 + 3 * kDay, "review"), named("d", kJan1 + 31 * kDay, "review"),
          named("e", kJan1 + 32 * kDay, "review")});
  // January: 40, then 20 (month cap 60), then 0. February: the month cap
  // resets, but only 40 remain under the lifetime cap, then nothing.
  std::vector<std::int64_t> earned;
  for (const Entry& e : l.entries()) earned.push_back(e.points);
  EXPECT_EQ(earned, (std::vector<std::int64_t>{40, 20, 40}));
  EXPECT_EQ(l.balance(kJan1 + 40 * kDay).lifetime_earned, 100);
  EXPECT_TRUE(l.rejections().empty());  // capped events are accepted, just earn nothing
  auto preview = l.preview(named("", 0, "review"), kJan1 + 40 * kDay);
  ASSERT_TRUE(preview.ok());
  EXPECT_EQ(preview->rules[0].verdict, Verdict::kCapped);
  EXPECT_EQ(preview->rules[0].uncapped, 40);
  EXPECT_EQ(preview->total, 0);
}

TEST(Rules, RoundingModesPerOrderAndPerItem) {
  // 3 x 2.50 EUR = 7.50 and 1 x 6.50 EUR, at 1 point per EUR, per order and
  // per item: floor 7+6 and 6+6; half-even 8+6 (7.5 -> 8, 6.5 -> 6, 2.5 -> 2)
  // and 6+6; ceil 8+7 and 9+7.
  struct Case {
    const char* mode;
    std::int64_t per_order;
    std::int64_t per_item;
  };
  for (const Case& c : {Case{"floor", 13, 12}, Case{"half_even", 14, 12}, Case{"ceil", 15, 16}}) {
    Program p = program(std::string(R"("rounding": ")") + c.mode + R"(", "rules": [
        {"id": "order", "kind": "spend", "rate": {"points": 1, "perUnits": 1}},
        {"id": "item", "kind": "spend", "rate": {"points": 1, "perUnits": 1}, "per": "item"}])");
    Ledger l = Ledger::replay(p, {purchase("a", kJan1, 250, 3), purchase("b", kJan1 + 1, 650)});
    std::int64_t order = 0;
    std::int64_t item = 0;
    for (const Entry& e : l.entries()) (p.rules[e.rule].id == "order" ? order : item) += e.points;
    EXPECT_EQ(order, c.per_order) << c.mode;
    EXPECT_EQ(item, c.per_item) << c.mode;
  }
}

TEST(Rules, DowngradesHappenAtTheLocalEvaluationInstant) {
  // UTC+02:00, monthly evaluations, a one-month rolling window. A purchase
  // on Jan 10 reaches gold; on Feb 1 (local) the window still holds it; on
  // Mar 1 (local) it is empty, and each policy acts at that very instant.
  const std::int64_t mar1_local = kJan1 + 60 * kDay - 2 * kHour;  // 2024-02-29T22:00Z
  auto tiers_at = [&](const char* downgrade) {
    Program p = program(std::string(R"("utcOffsetMinutes": 120,
        "rules": [{"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}}],
        "tiers": {"basis": "points", "downgrade": ")") +
                        downgrade + R"(", "evaluate": "monthly",
          "window": {"kind": "rolling_months", "months": 1},
          "levels": [{"id": "member", "threshold": 0},
                     {"id": "silver", "threshold": 100, "retainThreshold": 100},
                     {"id": "gold", "threshold": 200, "retainThreshold": 200}]})");
    Ledger l = Ledger::replay(p, {purchase("o", kJan1 + 9 * kDay, 25000)});
    TierProgress before = l.tier(mar1_local - 1);
    // Without downgrades there is nothing to evaluate.
    EXPECT_EQ(before.next_evaluation, std::string(downgrade) == "never" ? kNever : mar1_local)
        << downgrade;
    return std::vector<std::string>{l.tier(kJan1 + 9 * kDay).tier, before.tier,
                                    l.tier(mar1_local).tier, l.tier(mar1_local + 31 * kDay).tier};
  };
  using Tiers = std::vector<std::string>;
  EXPECT_EQ(tiers_at("one_level"), (Tiers{"gold", "gold", "silver", "member"}));
  EXPECT_EQ(tiers_at("reevaluate"), (Tiers{"gold", "gold", "member", "member"}));
  EXPECT_EQ(tiers_at("never"), (Tiers{"gold", "gold", "gold", "gold"}));
}

TEST(Rules, RewardPricePerTierAndLimitPerMember) {
  Program p = program(R"("rules": [{"id": "base", "kind": "spend",
        "rate": {"points": 1, "perUnits": 1}}],
      "tiers": {"basis": "points", "window": {"kind": "lifetime"},
        "levels": [{"id": "member", "threshold": 0}, {"id": "gold", "threshold": 100}]},
      "rewards": [{"id": "tea", "points": 100, "tierPoints": {"gold": 50}, "limitPerMember": 2}])");
  // 60 points as a member: the tea costs 100, too much.
  Ledger l = Ledger::replay(p, {purchase("a", kJan1, 6000), redeem("r0", kJan1 + 1, "tea"),
                                // 60 more points: gold, where the tea costs 50.
                                purchase("b", kJan1 + 2, 6000), redeem("r1", kJan1 + 3, "tea"),
                                redeem("r2", kJan1 + 4, "tea"), redeem("r3", kJan1 + 5, "tea")});
  EXPECT_EQ(rejected_keys(l), (std::vector<std::string>{"r0", "r3"}));
  EXPECT_NE(l.rejections()[0].status.message().find("costs 100"), std::string::npos);
  EXPECT_NE(l.rejections()[1].status.message().find("limit of 2 per member"), std::string::npos);
  EXPECT_EQ(l.rejections()[1].status.path(), "/reward");
  Balance b = l.balance(kJan1 + 5);
  EXPECT_EQ(b.spent, 100);
  EXPECT_EQ(b.approved, 20);
}

}  // namespace
}  // namespace tessera::loyalty
