// Rule conditions (src/loyalty/conditions.cpp): each kind of variable a
// condition can read (event type, name, time, attributes, lines, member
// tier/earned/purchases, rule id), today()/weekday() at the event's local
// time, the frame evaluation agreeing with the reference document
// evaluation, refusals with the JSON pointer of the bad text, and
// conditions deciding what a replay earns.
#include "tessera/loyalty/conditions.hpp"

#include <gtest/gtest.h>

#include "tessera/loyalty/ledger.hpp"

namespace tessera::loyalty {
namespace {

constexpr std::int64_t kJan1 = 1704067200000;  // 2024-01-01T00:00Z, a Monday

// A program whose event rule "e" carries `condition`.
struct Compiled {
  Json doc;
  Program program;
  ConditionEvaluator when;
  const EarningRule& rule() const { return program.rules[program.rule_index("e")]; }
};

Compiled compile(const std::string& condition, int utc_offset = 0) {
  Compiled c;
  c.doc = Json{{"version", 1},
               {"id", "p"},
               {"currency", {{"code", "EUR"}, {"minorUnits", 2}}},
               {"utcOffsetMinutes", utc_offset},
               {"rules",
                {{{"id", "base"}, {"kind", "spend"}, {"rate", {{"points", 1}, {"perUnits", 1}}}},
                 {{"id", "e"},
                  {"kind", "event"},
                  {"event", "review"},
                  {"points", 10},
                  {"condition", condition}}}}};
  auto program = parse_program_json(c.doc);
  EXPECT_TRUE(program.ok()) << program.status().to_string();
  c.program = *program;
  auto when = compile_conditions(c.program, c.doc);
  EXPECT_TRUE(when.ok()) << when.status().to_string();
  c.when = *when;
  return c;
}

Event review(std::int64_t at = kJan1, Json attributes = nullptr) {
  Event e;
  e.kind = EventKind::kCustom;
  e.key = "r-1";
  e.at = at;
  e.name = "review";
  e.attributes = std::move(attributes);
  return e;
}

Event purchase() {
  Event e;
  e.kind = EventKind::kPurchase;
  e.key = "o-1";
  e.order_id = "1";
  e.at = kJan1;
  e.currency = "EUR";
  e.lines.push_back({"TEA-1", "tea", {"organic"}, 2, 1250});
  return e;
}

// Evaluates both ways and insists they agree.
bool holds(const Compiled& c, const Event& e, const MemberFacts& m = {}) {
  bool fast = c.when.holds(c.rule(), e, m);
  bool reference = c.when.holds_on_document(c.rule(), e, m);
  EXPECT_EQ(fast, reference) << "frame and document disagree on " << c.rule().condition;
  return fast;
}

TEST(Conditions, EventTypeNameKeyAndTime) {
  EXPECT_TRUE(holds(compile("{event.type} = 'event'"), review()));
  EXPECT_FALSE(holds(compile("{event.type} = 'purchase'"), review()));
  EXPECT_TRUE(holds(compile("{event.type} = 'purchase'"), purchase()));
  EXPECT_TRUE(holds(compile("{event.name} = 'review'"), review()));
  EXPECT_TRUE(holds(compile("{event.name} empty"), purchase()));  // purchases have no name
  EXPECT_TRUE(holds(compile("{event.key} = 'r-1'"), review()));
  EXPECT_TRUE(holds(compile("{event.at} = 1704067200000"), review()));
  EXPECT_FALSE(holds(compile("{event.at} > 1704067200000"), review()));
  EXPECT_TRUE(holds(compile("{event.orderId} = '1'"), purchase()));
  EXPECT_TRUE(holds(compile("{event.currency} = 'EUR'"), purchase()));
}

TEST(Conditions, EventAttributes) {
  Compiled app = compile("{event.attributes.channel} = 'app'");
  EXPECT_TRUE(holds(app, review(kJan1, {{"channel", "app"}})));
  EXPECT_FALSE(holds(app, review(kJan1, {{"channel", "web"}})));
  EXPECT_FALSE(holds(app, review(kJan1)));  // no attributes at all
  EXPECT_FALSE(holds(app, purchase()));     // purchases carry none
  Compiled nested = compile("{event.attributes.stars[1]} >= 4 and {event.attributes.who.age} > 17");
  EXPECT_TRUE(holds(nested, review(kJan1, {{"stars", {3, 5}}, {"who", {{"age", 30}}}})));
  EXPECT_FALSE(holds(nested, review(kJan1, {{"stars", {5}}, {"who", {{"age", 30}}}})));
  EXPECT_FALSE(holds(nested, review(kJan1, {{"stars", {3, 5}}, {"who", "adult"}})));
  // Numeric text reads as a number, as everywhere in the language.
  EXPECT_TRUE(holds(compile("{event.attributes.rating} > 3"), review(kJan1, {{"rating", "4"}})));
  Compiled whole = compile("{event.attributes} notempty");
  EXPECT_TRUE(holds(whole, review(kJan1, {{"x", 1}})));
  EXPECT_FALSE(holds(whole, review(kJan1)));
}

TEST(Conditions, EventLinesAndWholeEvent) {
  EXPECT_TRUE(holds(compile("{event.lines[0].sku} = 'TEA-1'"), purchase()));
  EXPECT_TRUE(
      holds(compile("{event.lines[0].qty} * {event.lines[0].unitPriceMinor} = 2500"), purchase()));
  EXPECT_TRUE(holds(compile("{event.lines[0].tags} contains 'organic'"), purchase()));
  EXPECT_TRUE(holds(compile("count({event.lines}) = 1"), purchase()));
  EXPECT_FALSE(holds(compile("{event.lines[1].sku} notempty"), purchase()));
  EXPECT_TRUE(
      holds(compile("length({event}) = 6"), purchase()));  // type key at orderId currency lines
  EXPECT_FALSE(holds(compile("{event[0]} notempty"), purchase()));
}

TEST(Conditions, MemberFactsAndRule) {
  MemberFacts gold{"gold", 1200, 7};
  EXPECT_TRUE(holds(compile("{member.tier} = 'gold'"), review(), gold));
  EXPECT_FALSE(holds(compile("{member.tier} = 'gold'"), review(), MemberFacts{"silver", 0, 0}));
  EXPECT_TRUE(holds(compile("{member.tier} empty"), review(), MemberFacts{}));
  EXPECT_TRUE(holds(compile("{member.lifetimeEarned} >= 1000"), review(), gold));
  EXPECT_FALSE(holds(compile("{member.purchases} < 7"), review(), gold));
  EXPECT_TRUE(holds(compile("length({member}) = 3"), review(), gold));
  EXPECT_FALSE(holds(compile("{member.unknown} notempty"), review(), gold));
  EXPECT_TRUE(holds(compile("{rule} = 'e'"), review()));
  EXPECT_FALSE(holds(compile("{rule.id} notempty"), review()));
  // Roots the context does not have are missing, not errors.
  EXPECT_TRUE(holds(compile("{order.total} empty and {q1} empty"), review()));
}

TEST(Conditions, DatesAreTheEventsLocalTime) {
  // 2024-01-06 23:30 UTC is a Saturday in UTC and Sunday 00:30 at UTC+1.
  std::int64_t sat = kJan1 + 5 * kMsPerDay + 23 * 3600000 + 30 * 60000;
  EXPECT_TRUE(holds(compile("weekday() = 6"), review(sat)));      // 0 = Sunday
  EXPECT_TRUE(holds(compile("weekday() = 0", 60), review(sat)));  // UTC+01:00
  EXPECT_TRUE(holds(compile("today() = '2024-01-07'", 60), review(sat)));
  EXPECT_TRUE(
      holds(compile("age({event.attributes.born}) = 30"), review(kJan1, {{"born", "1993-06-15"}})));
}

TEST(Conditions, EmptyAndForeignConditions) {
  ConditionEvaluator none;
  EXPECT_FALSE(static_cast<bool>(none));
  Compiled c = compile("{member.purchases} > 0");
  EarningRule unconditional = c.program.rules[c.program.rule_index("base")];
  EXPECT_TRUE(none.holds(c.rule(), review(), {}));  // no evaluator: everything holds
  EXPECT_TRUE(c.when.holds(unconditional, purchase(), {}));
  EarningRule foreign = c.rule();
  foreign.condition = "{member.purchases} >= 0";  // text this program never compiled
  EXPECT_FALSE(c.when.holds(foreign, review(), {}));
  // A program without conditions compiles to an empty evaluator.
  Json doc = c.doc;
  doc["rules"][1].erase("condition");
  auto program = parse_program_json(doc);
  ASSERT_TRUE(program.ok());
  auto when = compile_conditions(*program, doc);
  ASSERT_TRUE(when.ok());
  EXPECT_FALSE(static_cast<bool>(*when));
}

TEST(Conditions, BadConditionsAreRefusedWithTheirPointer) {
  struct Case {
    const char* condition;
    Code code;
    const char* message_part;
  };
  const Case cases[] = {
      {"{event.name} = ", Code::kInvalidValue, "character"},
      {"({member.tier} = 'gold'", Code::kInvalidValue, "')'"},
      {"nosuch({rule})", Code::kInvalidValue, "unknown function 'nosuch'"},
      {"{a..b} = 1", Code::kInvalidValue, "malformed variable path"},
      {"today(1, 2, 3)", Code::kInvalidValue, "argument"},
  };
  for (const Case& k : cases) {
    Compiled c = compile("{rule} = 'e'");
    c.doc["rules"][1]["condition"] = k.condition;
    auto program = parse_program_json(c.doc);
    ASSERT_TRUE(program.ok()) << k.condition;  // the program parser stores the text
    Status st = compile_conditions(*program, c.doc, "/loyalty/program/payload").status();
    EXPECT_EQ(st.code(), k.code) << k.condition << ": " << st.to_string();
    EXPECT_EQ(st.path(), "/loyalty/program/payload/rules/1/condition") << k.condition;
    EXPECT_NE(st.message().find(k.message_part), std::string::npos) << st.message();
  }
  // Too long: the expression limit, at the same pointer (no base here).
  Compiled c = compile("{rule} = 'e'");
  c.doc["rules"][1]["condition"] = std::string(5000, '1');
  auto program = parse_program_json(c.doc);
  if (program.ok()) {
    Status st = compile_conditions(*program, c.doc).status();
    EXPECT_EQ(st.code(), Code::kLimitExceeded);
    EXPECT_EQ(st.path(), "/rules/1/condition");
  } else {
    EXPECT_EQ(program.status().path(), "/rules/1/condition");
  }
}

TEST(Conditions, DecideWhatAReplayEarns) {
  // Reviews earn only from the app, and only once the member has bought.
  Compiled c = compile("{event.attributes.channel} = 'app' and {member.purchases} >= 1");
  std::vector<Event> events;
  events.push_back(review(kJan1, {{"channel", "app"}}));  // no purchase yet: 0
  Event p = purchase();
  p.at = kJan1 + 1000;
  events.push_back(p);
  Event web = review(kJan1 + 2000, {{"channel", "web"}});
  web.key = "r-2";
  events.push_back(web);  // wrong channel: 0
  Event app = review(kJan1 + 3000, {{"channel", "app"}});
  app.key = "r-3";
  events.push_back(app);  // 10
  Ledger ledger = Ledger::replay(c.program, events, c.when);
  // 25.00 EUR at 1 point per EUR = 25, plus one conditional review.
  EXPECT_EQ(ledger.balance(kJan1 + 3000).approved, 25 + 10);
  Ledger unconditional = Ledger::replay(c.program, events);  // no evaluator: all hold
  EXPECT_EQ(unconditional.balance(kJan1 + 3000).approved, 25 + 30);
}

}  // namespace
}  // namespace tessera::loyalty
