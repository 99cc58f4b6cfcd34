// How a private report leaves the device: the collector's request body, and
// a send time drawn at random so that when a report arrives says nothing
// about when the person did what it is about.
//
// The body carries the metric, its parameters and the randomized output,
// nothing else: no device id, no sequence number, no time of making. The
// encoding names the mechanism and the domain ("rr-5", "oue-64"), so a
// decoder can check it has the right parameters. A device keeps its
// reports in a persisted outbox and sends each one at its send time (or the
// next time a page of the site is open after it), all due reports together
// in random order.
//
//   DeliveryPolicy policy = *parse_delivery_policy(json, "/privacy/delivery");
//   SeededRandom rng(seed, kStreamDelivery);
//   std::int64_t send_at = draw_send_time(policy, now_ms, rng);
//   Json body = collector_body(report, "shop-1");
//   // {"v":1,"site":"shop-1","metric":"top-category","epsilon":1.0,
//   //  "encoding":"rr-5","report":3}
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tessera/common/json.hpp"
#include "tessera/common/random.hpp"
#include "tessera/privacy/report.hpp"

namespace tessera::privacy {

struct DeliveryPolicy {
  std::int64_t min_delay_ms = 10 * 60'000;     // at least 10 minutes after making
  std::int64_t max_delay_ms = 24 * 3'600'000;  // within a day
  static constexpr std::int64_t kMaxDelayMs = 7 * 24 * 3'600'000LL;  // a week
};

// {"minDelaySeconds": 600, "maxDelaySeconds": 86400}, both optional.
// Errors with JSON pointers: negative delays, min above max, above a week.
Result<DeliveryPolicy> parse_delivery_policy(const Json& value, const std::string& path);

// now_ms + a delay uniform over [min, max] in whole milliseconds.
std::int64_t draw_send_time(const DeliveryPolicy& policy, std::int64_t now_ms, SeededRandom& rng);

// "rr-5", "oue-64": mechanism and domain.
std::string encoding_name(const LdpReport& report);

// The body of POST /v1/ldp (docs/collector.md).
Json collector_body(const LdpReport& report, std::string_view site);

}  // namespace tessera::privacy
