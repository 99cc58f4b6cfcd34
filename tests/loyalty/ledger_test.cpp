// Ledger replay: earning, spending order, refunds before and after spending,
// idempotency, arrival-order independence, rejections, expiry, tiers.
#include <algorithm>
#include <random>

#include <gtest/gtest.h>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::int64_t kDay = kMsPerDay;
constexpr std::int64_t kJan1 = 1704067200000;  // 2024-01-01T00:00Z, a Monday

Program program(const char* extra = "") {
  std::string text = std::string(R"({"version": 1, "id": "shop",
    "currency": {"code": "EUR", "minorUnits": 2},
    "rules": [
      {"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1}, "pendingDays": 2,
       "exclude": {"categories": ["gift-card"]}},
      {"id": "shoes", "kind": "multiplier", "of": "base", "match": {"categories": ["shoes"]},
       "percent": 300},
      {"id": "review", "kind": "event", "event": "review", "points": 50,
       "caps": [{"period": "day", "points": 100}]}
    ],
    "expiry": {"kind": "after_days", "days": 30},
    "rewards": [{"id": "tea", "points": 100}])") +
                     extra + "}";
  auto p = parse_program(text);
  EXPECT_TRUE(p.ok()) << p.status().to_string();
  return *p;
}

Event purchase(std::string key, std::int64_t at, std::int64_t price, std::string category = "x",
               std::int64_t qty = 1) {
  Event e;
  e.kind = EventKind::kPurchase;
  e.key = key;
  e.order_id = key;
  e.at = at;
  e.currency = "EUR";
  e.lines.push_back({"sku-" + category, category, {}, qty, price});
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

Event redeem(std::string key, std::int64_t at, std::string reward = "tea") {
  Event e;
  e.kind = EventKind::kRedeem;
  e.key = key;
  e.at = at;
  e.reward = reward;
  return e;
}

Event refund(std::string key, std::int64_t at, std::string order, std::int64_t amount) {
  Event e;
  e.kind = EventKind::kRefund;
  e.key = key;
  e.at = at;
  e.order_id = order;
  e.amount_minor = amount;
  return e;
}

TEST(Ledger, EarnsWithMultiplierAndExclusionAndPending) {
  Program p = program();
  Event e = purchase("o1", kJan1, 4000, "shoes");  // 40.00 EUR of shoes
  e.lines.push_back({"gc", "gift-card", {}, 1, 5000});
  Ledger l = Ledger::replay(p, {e});
  // base: 40 points (gift card excluded); shoes x3: +80.
  Balance b = l.balance(kJan1);
  EXPECT_EQ(b.pending, 120);
  EXPECT_EQ(b.approved, 0);
  EXPECT_EQ(l.balance(kJan1 + 2 * kDay).approved, 120);
  EXPECT_EQ(l.entries().size(), 2u);
}

TEST(Ledger, SpendsSoonestExpiringFirstAndExpiresTheRest) {
  Program p = program();
  Ledger l =
      Ledger::replay(p, {purchase("a", kJan1, 10000), purchase("b", kJan1 + 10 * kDay, 10000),
                         redeem("r", kJan1 + 12 * kDay)});
  // 100 + 100 earned; the tea (100) takes lot a entirely.
  EXPECT_EQ(l.lots()[0].remaining, 0);
  EXPECT_EQ(l.lots()[1].remaining, 100);
  auto batches = l.expiring(kJan1 + 12 * kDay);
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].expires_at, kJan1 + 40 * kDay);
  Balance later = l.balance(kJan1 + 41 * kDay);
  EXPECT_EQ(later.expired, 100);
  EXPECT_EQ(later.approved, 0);
  EXPECT_EQ(l.history(kJan1 + 41 * kDay).back().kind, EntryKind::kExpire);
}

TEST(Ledger, RefundBeforeSpendingTakesPendingPoints) {
  Ledger l = Ledger::replay(program(),
                            {purchase("o", kJan1, 10000), refund("r", kJan1 + kDay, "o", 2500)});
  // ceil(100 * 2500 / 10000) = 25 reversed from the pending lot.
  Balance b = l.balance(kJan1 + kDay);
  EXPECT_EQ(b.pending, 75);
  EXPECT_EQ(b.refunded, 25);
  EXPECT_EQ(b.shortfall, 0);
}

TEST(Ledger, RefundAfterSpendingClampsAtZeroAndRecordsShortfall) {
  Ledger l = Ledger::replay(program(), {purchase("o", kJan1, 10000), redeem("r", kJan1 + 3 * kDay),
                                        purchase("o2", kJan1 + 4 * kDay, 3000),
                                        refund("f", kJan1 + 5 * kDay, "o", 10000)});
  // 100 earned, 100 spent; then 30 pending from o2. The full refund owes 100:
  // nothing left in o's lot, so 30 is clawed back from o2, 70 is shortfall.
  Balance b = l.balance(kJan1 + 5 * kDay);
  EXPECT_EQ(b.pending + b.approved, 0);
  EXPECT_EQ(b.refunded, 30);
  EXPECT_EQ(b.shortfall, 70);
  EXPECT_EQ(l.entries().back().shortfall, 70);
}

TEST(Ledger, PartialRefundsAddUpToTheWholeOrder) {
  Ledger l = Ledger::replay(program(),
                            {purchase("o", kJan1, 999), refund("r1", kJan1 + 1, "o", 333),
                             refund("r2", kJan1 + 2, "o", 333), refund("r3", kJan1 + 3, "o", 333)});
  // 9 points; reversals ceil(9*333/999)=3, then 6-3=3, then 9-6=3.
  EXPECT_EQ(l.balance(kJan1 + 3).refunded, 9);
  EXPECT_EQ(l.balance(kJan1 + 3).pending, 0);
  EXPECT_TRUE(l.rejections().empty());
}

TEST(Ledger, RejectsInvalidEventsOneByOne) {
  Event wrong_currency = purchase("c", kJan1, 100);
  wrong_currency.currency = "USD";
  Event negative = purchase("n", kJan1, 100);
  negative.lines[0].qty = -1;
  Ledger l = Ledger::replay(
      program(), {wrong_currency, negative, redeem("r", kJan1 + 1), redeem("u", kJan1 + 2, "nope"),
                  refund("x", kJan1 + 3, "missing", 5), purchase("ok", kJan1 + 4, 500)});
  ASSERT_EQ(l.rejections().size(), 5u);
  EXPECT_EQ(l.rejections()[0].status.path(), "/currency");
  EXPECT_EQ(l.rejections()[2].status.code(), Code::kFailedPrecondition);  // insufficient
  EXPECT_EQ(l.rejections()[3].status.code(), Code::kNotFound);
  EXPECT_EQ(l.balance(kJan1 + 4).pending, 5);
}

TEST(Ledger, RepeatedKeysChangeNothing) {
  Event a = purchase("o", kJan1, 1000);
  Ledger once = Ledger::replay(program(), {a});
  Ledger twice = Ledger::replay(program(), {a, a});
  EXPECT_EQ(dump_json(to_json(once, kJan1)["balance"]),
            dump_json(to_json(twice, kJan1)["balance"]));
  EXPECT_EQ(twice.rejections().size(), 1u);
}

TEST(Ledger, CapsLimitEventRulesPerDay) {
  Ledger l = Ledger::replay(program(),
                            {named("a", kJan1, "review"), named("b", kJan1 + 1, "review"),
                             named("c", kJan1 + 2, "review"), named("d", kJan1 + kDay, "review")});
  // 50 + 50, then the daily cap of 100 leaves 0; the next day 50 again.
  EXPECT_EQ(l.balance(kJan1 + kDay).lifetime_earned, 150);
}

TEST(Ledger, PreviewExplainsRuleByRule) {
  Ledger l = Ledger::replay(program(), {});
  auto p = l.preview(purchase("cart", 0, 2550, "shoes"), kJan1);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total, 25 + 51);  // floor(25.5) + floor(25.5 * 2)
  ASSERT_EQ(p->rules.size(), 2u);
  EXPECT_NE(p->rules[1].why.find("300%"), std::string::npos);
}

TEST(Ledger, LateEventsAndAnyArrivalOrderGiveTheSameState) {
  Program p = program(R"(, "tiers": {"basis": "points", "downgrade": "one_level",
      "evaluate": "monthly", "window": {"kind": "rolling_months", "months": 1},
      "levels": [{"id": "m", "threshold": 0}, {"id": "g", "threshold": 150}]},
      "badges": [{"id": "b", "event": "purchase", "streak": {"period": "week", "length": 2},
                  "repeat": true}])");
  std::vector<Event> events;
  std::mt19937 gen(7);
  for (int i = 0; i < 60; ++i) {
    std::int64_t at = kJan1 + static_cast<std::int64_t>(gen() % (90 * kDay));
    std::string k = "e" + std::to_string(i);
    switch (gen() % 5) {
      case 0:
      case 1:
        events.push_back(purchase(k, at, 1000 + gen() % 9000, gen() % 2 ? "shoes" : "x"));
        break;
      case 2:
        events.push_back(redeem(k, at));
        break;
      case 3:
        events.push_back(refund(k, at, "e" + std::to_string(gen() % 60), 500));
        break;
      default:
        events.push_back(named(k, at, "review"));
    }
  }
  events.push_back(events[3]);  // a duplicate
  std::int64_t now = kJan1 + 200 * kDay;
  std::string expected = dump_json(to_json(Ledger::replay(p, events), now));
  for (int round = 0; round < 20; ++round) {
    std::shuffle(events.begin(), events.end(), gen);
    EXPECT_EQ(dump_json(to_json(Ledger::replay(p, events), now)), expected);
    // Incremental arrival in random chunks, with late events.
    Ledger inc = Ledger::replay(p, {});
    for (std::size_t i = 0; i < events.size(); i += 7) {
      inc.add(
          std::vector<Event>(events.begin() + i, events.begin() + std::min(events.size(), i + 7)));
    }
    EXPECT_EQ(dump_json(to_json(inc, now)), expected);
  }
  // Conservation: what is left equals what came in minus what went out.
  Ledger l = Ledger::replay(p, events);
  Balance b = l.balance(now);
  EXPECT_EQ(b.pending + b.approved,
            b.lifetime_earned + b.adjusted - b.spent - b.expired - b.refunded);
}

TEST(Ledger, TierUpgradesAtOnceAndDowngradesAtEvaluation) {
  Program p = program(R"(, "tiers": {"basis": "points", "downgrade": "one_level",
      "evaluate": "monthly", "window": {"kind": "rolling_months", "months": 1},
      "levels": [{"id": "m", "threshold": 0}, {"id": "g", "threshold": 150,
                  "retainThreshold": 100}]})");
  Ledger l = Ledger::replay(p, {purchase("a", kJan1 + 5 * kDay, 20000)});
  TierProgress t = l.tier(kJan1 + 5 * kDay);
  EXPECT_EQ(t.tier, "g");
  EXPECT_EQ(t.next_evaluation, kJan1 + 31 * kDay);  // 2024-02-01
  EXPECT_EQ(t.to_keep, 0);  // the purchase is still inside the window on Feb 1
  // On Mar 1 the window (Feb 1 - Mar 1) holds nothing: one level down.
  EXPECT_EQ(l.tier(kJan1 + 61 * kDay).tier, "m");
}

}  // namespace
}  // namespace tessera::loyalty
