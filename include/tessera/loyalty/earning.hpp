// What an event earns under a program, rule by rule. A pure function of the
// program, the event and the member's situation (tier, room left under each
// rule's caps); the ledger calls it during replay and preview() calls it for
// a cart, so "what would I earn" and "what did I earn" can never disagree.
//
//   std::vector<RuleEarning> out;
//   EarnInput in;
//   in.at = cart.at;
//   in.explain = true;
//   TESSERA_RETURN_IF_ERROR(compute_earning(program, cart, in, out));
//   for (auto& r : out) std::cout << r.why << ": " << r.points << "\n";
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/loyalty/conditions.hpp"
#include "tessera/loyalty/event.hpp"
#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty {

enum class Verdict {
  kApplied,          // earned its full amount
  kCapped,           // earned, but less because of a cap (maybe 0)
  kOutsideSchedule,  // campaign not live at this time / weekday
  kConditionFalse,   // the rule's condition did not hold
  kBelowMinimum,     // order total under minOrderMinor
  kTierNotHeld,      // multiplier for tiers the member does not hold
  kNothingEligible,  // every line excluded, or the base rule did not apply
};

std::string_view verdict_name(Verdict v);

struct RuleEarning {
  int rule = -1;                    // index into Program::rules
  std::int64_t points = 0;          // after caps
  std::int64_t uncapped = 0;        // before caps
  std::int64_t eligible_minor = 0;  // money the rule counted (order rules)
  Verdict verdict = Verdict::kApplied;
  std::string why;  // human explanation, filled only when EarnInput::explain
};

// Money of one purchase: sum of qty * unit price, and that plus shipping and
// tax. Overflow is an error.
struct OrderTotals {
  std::int64_t subtotal = 0;
  std::int64_t total = 0;
};
Result<OrderTotals> order_totals(const Event& purchase);

struct EarnInput {
  std::int64_t at = 0;
  int tier = 0;  // member's tier index (0 when the program has no tiers)
  // Points each rule may still earn in the current cap periods, by rule
  // index; nullptr means no cap is in play.
  const std::vector<std::int64_t>* cap_room = nullptr;
  const ConditionEvaluator* conditions = nullptr;  // nullptr: conditions hold
  const MemberFacts* member = nullptr;             // "member" part of the condition context
  const OrderTotals* totals = nullptr;             // the purchase's, when already worked out
  bool explain = false;
};

// Fills `out` with one RuleEarning per rule that concerns this event kind
// (purchases: spend, multiplier, order_bonus; named events: event rules for
// that name), in priority order. Other event kinds earn nothing.
// Errors: unknown currency, arithmetic overflow.
Status compute_earning(const Program& program, const Event& event, const EarnInput& input,
                       std::vector<RuleEarning>& out);

}  // namespace tessera::loyalty
