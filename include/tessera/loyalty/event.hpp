// Ledger events: what happened to a member, parsed once from JSON into plain
// structs so that replay never touches JSON. Every event carries an
// idempotency `key` (a repeated key changes nothing) and a timestamp `at`
// (UTC epoch ms); the ledger applies events in (at, key) order.
//
//   Result<Event> e = parse_event(R"({"type": "purchase", "key": "o-17",
//       "at": 1704103200000, "orderId": "17", "currency": "EUR",
//       "lines": [{"sku": "TEA-1", "category": "tea", "qty": 2,
//                  "unitPriceMinor": 1250}]})", "/events/0");
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/common/json.hpp"

namespace tessera::loyalty {

enum class EventKind {
  kPurchase,  // an order: earns through spend, multiplier and order_bonus rules
  kRefund,    // a return of a whole or partial order: reverses its points
  kRedeem,    // a reward bought with points
  kAdjust,    // a manual correction of +/- points with a reason
  kCustom,    // a named event: signup, birthday, review, referral, ...
};

struct OrderLine {
  std::string sku;
  std::string category;
  std::vector<std::string> tags;
  std::int64_t qty = 1;               // 1..10^6
  std::int64_t unit_price_minor = 0;  // 0..10^12 (refund lines: unused)
};

struct Event {
  EventKind kind = EventKind::kCustom;
  std::string key;
  std::int64_t at = 0;
  // Hash of the event's canonical JSON: when two events share a key, the
  // one with the smaller (at, fingerprint) wins, whatever the arrival order.
  std::uint64_t fingerprint = 0;

  // kPurchase, kRefund
  std::string order_id;
  std::string currency;  // kPurchase; a refund inherits its order's
  std::vector<OrderLine> lines;
  std::int64_t shipping_minor = 0;
  std::int64_t tax_minor = 0;
  std::int64_t amount_minor = -1;  // kRefund by amount; -1 when refunding lines

  std::string reward;       // kRedeem
  std::int64_t points = 0;  // kAdjust, non-zero
  std::string reason;       // kAdjust
  std::string name;         // kCustom
  Json attributes;          // kCustom, optional object passed to conditions
};

std::string_view event_kind_name(EventKind kind);

// Parses one event object; errors point below `path`.
Result<Event> parse_event_json(const Json& value, const std::string& path);
Result<Event> parse_event(std::string_view text, const std::string& path = "");
// Parses a JSON array of events. One bad event refuses the whole batch:
// callers that want per-event rejection parse one by one.
Result<std::vector<Event>> parse_events(std::string_view text);

// The event's JSON form (what parse_event_json reads back).
Json event_to_json(const Event& event);

}  // namespace tessera::loyalty
