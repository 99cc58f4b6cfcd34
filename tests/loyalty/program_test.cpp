// Program parsing: a full valid program, and refusals with JSON pointers.
#include <gtest/gtest.h>

#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty {
namespace {

Json base_program() {
  return Json::parse(R"({
    "version": 1, "id": "shop", "currency": {"code": "EUR", "minorUnits": 2},
    "rounding": "half_even", "utcOffsetMinutes": 60,
    "rules": [
      {"id": "base", "kind": "spend", "rate": {"points": 1, "perUnits": 1},
       "exclude": {"categories": ["gift-card"]}, "pendingDays": 14},
      {"id": "shoes", "kind": "multiplier", "of": "base", "match": {"categories": ["shoes"]},
       "percent": 200, "priority": 5},
      {"id": "review", "kind": "event", "event": "review", "points": 50,
       "caps": [{"period": "month", "points": 150}], "condition": "event.attributes.stars >= 1"}
    ],
    "expiry": {"kind": "after_days", "days": 365},
    "tiers": {"basis": "points", "window": {"kind": "rolling_months", "months": 12},
              "downgrade": "one_level", "evaluate": "yearly",
              "levels": [{"id": "member", "threshold": 0},
                         {"id": "gold", "threshold": 1000, "retainThreshold": 800,
                          "multiplierPercent": 150}]},
    "rewards": [{"id": "tea", "points": 500, "tierPoints": {"gold": 400}, "limitPerMember": 2}],
    "badges": [{"id": "critic", "event": "review", "count": 3},
               {"id": "regular", "event": "purchase", "streak": {"period": "week", "length": 4}}],
    "referral": {"maxPerWeek": 3}
  })");
}

TEST(Program, ParsesAFullProgram) {
  auto p = parse_program_json(base_program());
  ASSERT_TRUE(p.ok()) << p.status().to_string();
  EXPECT_EQ(p->rounding, Rounding::kHalfEven);
  // Tier multiplier became a rule: tier.gold.base.
  ASSERT_EQ(p->rules.size(), 4u);
  int t = p->rule_index("tier.gold.base");
  ASSERT_GE(t, 0);
  EXPECT_EQ(p->rules[t].percent, 150);
  EXPECT_EQ(p->rules[t].pending_days, 14);
  EXPECT_EQ(p->rules[p->rule_index("review")].condition, "event.attributes.stars >= 1");
  // Priority order: base(0), review(0), tier bonus(0), shoes(5).
  EXPECT_EQ(p->rules.back().id, "shoes");
  EXPECT_EQ(p->rules[p->rule_index("shoes")].of_index, p->rule_index("base"));
  EXPECT_EQ(p->rewards[0].tier_prices[1], 400);
  EXPECT_EQ(p->badges[1].kind, BadgeKind::kStreak);
}

struct Bad {
  const char* pointer;  // JSON pointer to change
  Json value;
  const char* path;  // expected error path
};

TEST(Program, RefusesInvalidFieldsWithTheirPointer) {
  std::vector<Bad> cases = {
      {"/rules/0/kind", "bogus", "/rules/0/kind"},
      {"/rules/0/rate/points", -1, "/rules/0/rate/points"},
      {"/rules/0/rate/points", 1e12, "/rules/0/rate/points"},
      {"/rules/0/pendingDays", 100000, "/rules/0/pendingDays"},
      {"/rules/1/percent", 100, "/rules/1/percent"},
      {"/rules/1/of", "review", "/rules/1/of"},
      {"/rules/2/caps/0/period", "fortnight", "/rules/2/caps/0/period"},
      {"/currency/code", "euro", "/currency/code"},
      {"/currency/minorUnits", 9, "/currency/minorUnits"},
      {"/rounding", "banker", "/rounding"},
      {"/expiry/kind", "sometimes", "/expiry/kind"},
      {"/expiry/days", 0, "/expiry/days"},
      {"/tiers/levels/1/threshold", 0, "/tiers/levels/1/threshold"},
      {"/tiers/levels/0/threshold", 5, "/tiers/levels/0/threshold"},
      {"/tiers/levels/1/retainThreshold", 2000, "/tiers/levels/1/retainThreshold"},
      {"/tiers/basis", "balance", "/tiers/basis"},
      {"/rewards/0/tierPoints/platinum", 10, "/rewards/0/tierPoints/platinum"},
      {"/rewards/0/points", 0, "/rewards/0/points"},
      {"/badges/0/count", 0, "/badges/0/count"},
      {"/version", 2, "/version"},
      {"/utcOffsetMinutes", 5000, "/utcOffsetMinutes"},
      {"/rules/0/typo", true, "/rules/0/typo"},
  };
  for (const Bad& c : cases) {
    Json doc = base_program();
    doc[Json::json_pointer(c.pointer)] = c.value;
    auto p = parse_program_json(doc);
    ASSERT_FALSE(p.ok()) << c.pointer;
    EXPECT_EQ(p.status().path(), c.path) << c.pointer << ": " << p.status().to_string();
  }
}

TEST(Program, RefusesDuplicateIdsAndMisorderedTiers) {
  Json doc = base_program();
  doc["rules"][1]["id"] = "base";
  EXPECT_EQ(parse_program_json(doc).status().code(), Code::kDuplicateId);
  doc = base_program();
  std::swap(doc["tiers"]["levels"][0], doc["tiers"]["levels"][1]);
  EXPECT_EQ(parse_program_json(doc).status().path(), "/tiers/levels/0/threshold");
  EXPECT_EQ(parse_program("{not json").status().code(), Code::kInvalidJson);
}

}  // namespace
}  // namespace tessera::loyalty
