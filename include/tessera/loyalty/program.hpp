// A loyalty program: how members earn points, when points expire, how tiers
// are won and lost, what rewards cost and which badges exist. Parsed from
// versioned JSON (docs/loyalty.md); every refusal names the JSON pointer of
// the bad field.
//
//   Result<Program> p = parse_program(R"({"version": 1, "id": "shop",
//       "currency": {"code": "EUR", "minorUnits": 2},
//       "rules": [{"id": "base", "kind": "spend",
//                  "rate": {"points": 1, "perUnits": 1}}]})");
//   // !p.ok(): p.status().path() == "/rules/0/rate/points" etc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/loyalty/points_math.hpp"

namespace tessera::loyalty {

struct Currency {
  std::string code;     // ISO 4217 style, 3 upper-case letters
  int minor_units = 2;  // 0..6: digits after the decimal point
};

// Lines an order rule looks at. Exclusion: a line is out if ANY list
// matches it. Match (multipliers): a line is in if EVERY non-empty list
// matches it.
struct LineFilter {
  std::vector<std::string> skus;
  std::vector<std::string> categories;
  std::vector<std::string> tags;
  bool empty() const { return skus.empty() && categories.empty() && tags.empty(); }
};

// When a rule is live: [start, end) in UTC ms, on the local weekdays set in
// `weekdays` (bit 0 = Monday .. bit 6 = Sunday). A rule with a schedule is
// a campaign.
struct Schedule {
  std::int64_t start = 0;
  std::int64_t end = INT64_MAX;
  std::uint8_t weekdays = 0x7f;
};

enum class CapPeriod { kDay, kWeek, kMonth, kLifetime };

// At most `points` from one rule per local period.
struct Cap {
  CapPeriod period = CapPeriod::kLifetime;
  std::int64_t points = 0;
};

enum class RuleKind {
  kSpend,       // points per currency unit spent
  kMultiplier,  // extra points on part of a spend rule's base
  kOrderBonus,  // fixed points per qualifying order
  kEvent,       // fixed points per named event (signup, review, ...)
};

struct EarningRule {
  std::string id;
  RuleKind kind = RuleKind::kSpend;
  std::int64_t priority = 0;  // lower applies first; ties keep file order
  std::string label;          // shown in explanations; defaults to id

  // kSpend: `rate_points` per `rate_per_units` major currency units.
  std::int64_t rate_points = 0;
  std::int64_t rate_per_units = 1;
  bool per_item = false;  // round each unit separately instead of the order total
  LineFilter exclude;
  bool include_shipping = false;
  bool include_tax = false;
  std::int64_t min_order_minor = 0;  // also used by kOrderBonus

  // kMultiplier: `percent` (> 100) of the base rule's points on matching
  // lines; only the part above 100 % is this rule's own.
  std::string of;     // id of a kSpend rule
  int of_index = -1;  // index of that rule in Program::rules
  LineFilter match;
  std::vector<std::string> tiers;  // member must hold one of these (empty: any)
  std::int64_t percent = 100;

  // kEvent / kOrderBonus: fixed points.
  std::string event;  // event name for kEvent
  std::int64_t points = 0;

  bool has_schedule = false;
  Schedule schedule;
  std::vector<Cap> caps;
  std::int64_t pending_days = 0;  // points wait this long before they can be spent
  std::string condition;          // expression text; compiled by compile_conditions()
};

enum class ExpiryKind {
  kNever,
  kAfterDays,   // `days` after the points were earned
  kEndOfMonth,  // end of the local month, `count` months after earning
  kEndOfYear,   // end of the local year, `count` years after earning
  kInactivity,  // the whole balance, `days` after the last activity
};

struct ExpiryPolicy {
  ExpiryKind kind = ExpiryKind::kNever;
  std::int64_t days = 0;
  std::int64_t count = 0;
};

enum class TierBasis { kPoints, kSpend, kPurchases, kScore };
enum class TierWindow { kRollingMonths, kCalendarYear, kLifetime };
enum class Downgrade { kNever, kOneLevel, kReevaluate };
enum class EvaluationCadence { kMonthly, kYearly };

struct Tier {
  std::string id;
  std::string name;
  std::int64_t threshold = 0;             // basis value to reach this tier
  std::int64_t retain_threshold = 0;      // basis value to keep it at evaluation
  std::int64_t multiplier_percent = 100;  // >100 adds a bonus on every spend rule
};

struct TierPolicy {
  bool enabled = false;
  TierBasis basis = TierBasis::kPoints;
  // kScore: score = points*w_points + spend_major*w_spend + purchases*w_purchases.
  std::int64_t weight_points = 0;
  std::int64_t weight_spend = 0;
  std::int64_t weight_purchases = 0;
  TierWindow window = TierWindow::kLifetime;
  std::int64_t window_months = 12;
  Downgrade downgrade = Downgrade::kNever;
  EvaluationCadence evaluate_every = EvaluationCadence::kYearly;
  std::vector<Tier> tiers;  // ascending thresholds; tiers[0].threshold == 0
};

struct Reward {
  std::string id;
  std::string name;
  std::int64_t price = 0;                 // points
  std::vector<std::int64_t> tier_prices;  // by tier index; -1 = use `price`
  std::int64_t limit_per_member = 0;      // 0 = unlimited
};

enum class BadgeKind { kCount, kStreak };
enum class StreakPeriod { kDay, kWeek, kMonth };

struct Badge {
  std::string id;
  std::string name;
  std::string event;  // "purchase" or an event name
  BadgeKind kind = BadgeKind::kCount;
  std::int64_t target = 1;  // events (kCount) or consecutive periods (kStreak)
  StreakPeriod period = StreakPeriod::kWeek;
  bool repeat = false;  // awarded again every `target`; otherwise once
};

struct ReferralPolicy {
  std::int64_t max_per_week = 0;  // accepted "referral" events per local week; 0 = unlimited
  int code_length = 8;            // characters of a referral code, 6..16
};

struct Program {
  std::int64_t version = 1;
  std::string id;
  Currency currency;
  Rounding rounding = Rounding::kFloor;
  int utc_offset_minutes = 0;
  std::vector<EarningRule> rules;  // sorted by (priority, file order)
  ExpiryPolicy expiry;
  TierPolicy tiers;
  std::vector<Reward> rewards;
  std::vector<Badge> badges;
  ReferralPolicy referral;

  int rule_index(std::string_view id) const;
  int tier_index(std::string_view id) const;
  int reward_index(std::string_view id) const;
};

// Parses and checks a program. Errors carry a JSON pointer.
Result<Program> parse_program(std::string_view text);
Result<Program> parse_program_json(const Json& doc);

std::string_view rounding_name(Rounding r);
std::string_view rule_kind_name(RuleKind k);

}  // namespace tessera::loyalty
