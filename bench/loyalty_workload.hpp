// The loyalty benchmark workload, shared by the native benchmark
// (bench/loyalty_bench.cpp) and the wasm one (bench/wasm/loyalty_replay.cpp)
// so that both replay exactly the same events through the same program.
//
//   Program program = bench::program();
//   std::vector<Event> log = bench::events(1000000);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/loyalty/conditions.hpp"
#include "tessera/loyalty/event.hpp"
#include "tessera/loyalty/ledger.hpp"
#include "tessera/loyalty/program.hpp"

namespace tessera::loyalty::bench {

// The demo shop's program (examples/demo/loyalty/program.json) with a
// condition added, so conditions are on the measured path: spend with an
// exclusion, a x2 category multiplier, an order bonus, a conditional event
// rule, a monthly-capped event rule, 365-day expiry, three tiers on a
// rolling 12-month window with tier multipliers, a reward, two badges.
inline const char* program_text() {
  return R"({"version":1,"id":"bench","currency":{"code":"EUR","minorUnits":2},
 "rules":[{"id":"base","kind":"spend","rate":{"points":1,"perUnits":1},"exclude":{"categories":["gift-card"]}},
  {"id":"trail","kind":"multiplier","of":"base","match":{"categories":["trail"]},"percent":200},
  {"id":"big","kind":"order_bonus","points":25,"minOrderMinor":10000},
  {"id":"app","kind":"event","event":"app_order","points":5,"condition":"{event.attributes.channel} = 'app'"},
  {"id":"feedback","kind":"event","event":"survey_completed","points":50,"caps":[{"period":"month","points":50}]}],
 "expiry":{"kind":"after_days","days":365},
 "tiers":{"basis":"points","window":{"kind":"rolling_months","months":12},"downgrade":"one_level",
  "evaluate":"yearly","levels":[{"id":"member","threshold":0},{"id":"silver","threshold":300,"multiplierPercent":110},
  {"id":"gold","threshold":1000,"multiplierPercent":125}]},
 "rewards":[{"id":"socks","points":150}],
 "badges":[{"id":"first","event":"purchase","count":1},{"id":"regular","event":"purchase","count":10,"repeat":true}]})";
}

inline Json program_json() { return *parse_json(program_text(), {1u << 20, 32}); }
inline Program program() { return *parse_program_json(program_json()); }
inline ConditionEvaluator conditions() { return *compile_conditions(program(), program_json()); }

// A realistic mix, one event every 40 minutes (about 6.5 years for 100,000
// events): 70 % purchases of 1-3 lines, 5 % partial refunds of an earlier
// order, 5 % redemptions, 20 % named events. Deterministic (xorshift).
// Calls `use(json)` for each event, so a caller needs only one at a time.
template <typename Use>
void for_each_event_json(std::int64_t n, Use use) {
  std::int64_t t = 1704067200000;
  std::uint64_t x = 88172645463325252ull;
  auto next = [&] { return x ^= x << 13, x ^= x >> 7, x ^= x << 17; };
  std::int64_t orders = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    t += 2400000;
    std::uint64_t r = next() % 100;
    std::string key = "e" + std::to_string(i);
    if (r < 70 || orders == 0) {
      Json lines = Json::array();
      for (std::uint64_t l = 0; l <= next() % 3; ++l) {
        lines.push_back({{"sku", "s" + std::to_string(next() % 50)},
                         {"category", (next() % 3 == 0) ? "trail" : "apparel"},
                         {"qty", 1 + static_cast<std::int64_t>(next() % 2)},
                         {"unitPriceMinor", 500 + static_cast<std::int64_t>(next() % 9000)}});
      }
      use(Json{{"type", "purchase"},
               {"key", key},
               {"at", t},
               {"orderId", std::to_string(++orders)},
               {"currency", "EUR"},
               {"lines", lines}});
    } else if (r < 75) {
      use(Json{{"type", "refund"},
               {"key", key},
               {"at", t},
               {"orderId", std::to_string(1 + next() % orders)},
               {"amountMinor", 300}});
    } else if (r < 80) {
      use(Json{{"type", "redeem"}, {"key", key}, {"at", t}, {"reward", "socks"}});
    } else {
      use(Json{{"type", "event"},
               {"key", key},
               {"at", t},
               {"name", r < 90 ? "app_order" : "survey_completed"},
               {"attributes", {{"channel", r % 2 ? "app" : "web"}}}});
    }
  }
}

// The same events parsed (what a server holds after verifying them).
inline std::vector<Event> events(std::int64_t n) {
  std::vector<Event> out;
  out.reserve(static_cast<std::size_t>(n));
  for_each_event_json(n, [&](const Json& j) { out.push_back(*parse_event_json(j, "")); });
  return out;
}

// A digest of a replayed ledger one day after its last event, to check
// that native and wasm computed the same state.
inline std::string summary(const Ledger& l) {
  std::int64_t now = l.as_of() + kMsPerDay;
  return dump_json(Json{{"entries", l.entries().size()},
                        {"lots", l.lots().size()},
                        {"rejected", l.rejections().size()},
                        {"balance", to_json(l.balance(now))},
                        {"tier", to_json(l.tier(now))}});
}

}  // namespace tessera::loyalty::bench
