// Answers of ledger queries, as plain structs with deterministic JSON.
// Points are int64; times are UTC epoch ms (JSON adds ISO dates for people).
//
//   Balance b = ledger.balance(now);
//   Json j = to_json(b);  // {"approved":120,"expired":0,"lifetimeEarned":150,...}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/loyalty/calendar.hpp"
#include "tessera/loyalty/earning.hpp"

namespace tessera::loyalty {

enum class EntryKind { kEarn, kRedeem, kRefund, kExpire, kAdjust };
std::string_view entry_kind_name(EntryKind k);

// One points movement. `points` is signed: what it did to the balance.
struct Entry {
  EntryKind kind = EntryKind::kEarn;
  std::int64_t at = 0;
  std::int64_t points = 0;
  int event = -1;                  // source: index into Ledger::events() (-1: the policy itself)
  int lot = -1;                    // kEarn: lot created; kExpire: lot that expired
  int rule = -1;                   // kEarn by a rule
  int reward = -1;                 // kRedeem
  std::int64_t shortfall = 0;      // kRefund: points owed but no longer there
  std::int64_t forgiven = 0;       // kRefund: points of the order that had expired
  std::int64_t pending_until = 0;  // kEarn
  std::int64_t expires_at = 0;     // kEarn
};

// Running totals, never decreasing.
struct Totals {
  std::int64_t earned = 0;        // by rules
  std::int64_t adjusted_in = 0;   // positive adjustments
  std::int64_t adjusted_out = 0;  // negative adjustments
  std::int64_t spent = 0;         // redemptions
  std::int64_t expired = 0;
  std::int64_t refunded = 0;   // reversed by refunds (incl. clawback)
  std::int64_t shortfall = 0;  // refund reversals that found no points left
};

struct Balance {
  std::int64_t pending = 0;   // earned, not yet spendable
  std::int64_t approved = 0;  // spendable now
  std::int64_t spent = 0;
  std::int64_t expired = 0;
  std::int64_t lifetime_earned = 0;  // by rules, before refunds
  std::int64_t refunded = 0;
  std::int64_t adjusted = 0;  // net adjustments
  std::int64_t shortfall = 0;
};

struct ExpiringBatch {
  std::int64_t expires_at = 0;
  std::int64_t points = 0;  // lots expiring at the same instant are summed
};

struct TierProgress {
  bool enabled = false;
  std::string tier;  // id
  std::string name;
  std::int64_t since = 0;
  std::string basis;         // points, spend, purchases, score
  std::int64_t value = 0;    // basis value in the window ending now
  std::string next_tier;     // empty at the top
  std::int64_t to_next = 0;  // basis still needed for the next tier
  std::int64_t to_keep = 0;  // needed before next_evaluation to keep the tier
  std::int64_t next_evaluation = kNever;
};

struct BadgeAward {
  int badge = -1;
  std::int64_t at = 0;
};

struct BadgeStatus {
  std::string id;
  std::string name;
  std::int64_t awards = 0;
  std::int64_t first_award = kNever;
  std::int64_t last_award = kNever;
  std::int64_t progress = 0;  // toward the next award (count or streak length)
  std::int64_t target = 0;
};

struct Preview {
  std::int64_t total = 0;
  std::vector<RuleEarning> rules;
};

Json to_json(const Balance& b);
Json to_json(const ExpiringBatch& b);
Json to_json(const TierProgress& t);
Json to_json(const BadgeStatus& b);
Json to_json(const Preview& p, const Program& program);

}  // namespace tessera::loyalty
