// Loyalty replay and queries at scale. A member with years of history can
// hold many events; the merchant's server replays whole ledgers to check
// claims, so replay throughput and query cost are tracked here.
//
//   cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTESSERA_BUILD_BENCH=ON
//   cmake --build build/release -j2 --target loyalty_bench
//   build/release/bench/loyalty_bench
// The wasm side of the comparison is bench/loyalty-wasm.mjs (same engine calls).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>

#include "tessera/crypto/encoding.hpp"
#include "tessera/crypto/sign.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/conditions.hpp"
#include "tessera/loyalty/ledger.hpp"

namespace {

using tessera::Json;
using namespace tessera::loyalty;

// The demo shop's program (examples/demo/loyalty/program.json) with a
// condition added, so conditions are on the measured path.
const char* const kProgram = R"({"version":1,"id":"bench","currency":{"code":"EUR","minorUnits":2},
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

// A realistic mix every 40 minutes: 70 % purchases (1-3 lines), 5 % refunds
// of an earlier order, 5 % redemptions, 20 % named events.
std::vector<Json> event_json(std::int64_t n) {
  std::vector<Json> out;
  out.reserve(static_cast<std::size_t>(n));
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
      out.push_back({{"type", "purchase"},
                     {"key", key},
                     {"at", t},
                     {"orderId", std::to_string(++orders)},
                     {"currency", "EUR"},
                     {"lines", lines}});
    } else if (r < 75) {
      out.push_back({{"type", "refund"},
                     {"key", key},
                     {"at", t},
                     {"orderId", std::to_string(1 + next() % orders)},
                     {"amountMinor", 300}});
    } else if (r < 80) {
      out.push_back({{"type", "redeem"}, {"key", key}, {"at", t}, {"reward", "socks"}});
    } else {
      out.push_back({{"type", "event"},
                     {"key", key},
                     {"at", t},
                     {"name", r < 90 ? "app_order" : "survey_completed"},
                     {"attributes", {{"channel", r % 2 ? "app" : "web"}}}});
    }
  }
  return out;
}

std::vector<Event> events(std::int64_t n) {
  std::vector<Event> out;
  for (const Json& j : event_json(n)) out.push_back(*parse_event_json(j, ""));
  return out;
}

void BM_Replay(benchmark::State& state) {
  Json doc = *tessera::parse_json(kProgram, {1u << 20, 32});
  Program program = *parse_program_json(doc);
  ConditionEvaluator when = *compile_conditions(program, doc);
  std::vector<Event> log = events(state.range(0));
  for (auto _ : state) {
    Ledger ledger = Ledger::replay(program, log, when);
    benchmark::DoNotOptimize(ledger.entries().size());
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Replay)->Arg(1000000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_BalanceAndTier(benchmark::State& state) {
  Json doc = *tessera::parse_json(kProgram, {1u << 20, 32});
  Program program = *parse_program_json(doc);
  Ledger ledger =
      Ledger::replay(program, events(state.range(0)), *compile_conditions(program, doc));
  std::int64_t now = ledger.as_of() + 86400000;
  state.counters["entries"] = static_cast<double>(ledger.entries().size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(ledger.balance(now));
    benchmark::DoNotOptimize(ledger.tier(now));
  }
}
BENCHMARK(BM_BalanceAndTier)->Arg(100000)->Unit(benchmark::kMicrosecond);

// The same engine calls the wasm script makes: signed grants applied one by
// one (Ed25519 verify + incremental replay), then one loyalty.state.
void BM_EngineApplySigned(benchmark::State& state) {
  auto keys = tessera::crypto::signing_keypair_from_seed({});
  Json doc = *tessera::parse_json(kProgram, {1u << 20, 32});
  Json config = {{"site", "bench"},
                 {"endpoint", "/x"},
                 {"publicKey", "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko="},
                 {"surveys", Json::array()},
                 {"loyalty",
                  {{"program", tessera::crypto::sign_document(doc, keys.secret_key)},
                   {"signingKey", tessera::crypto::base64_encode(keys.public_key.data(), 32)}}}};
  std::vector<std::string> calls;
  for (const Json& e : event_json(state.range(0))) {
    calls.push_back(
        tessera::dump_json(Json{{"event", tessera::crypto::sign_document(e, keys.secret_key)}}));
  }
  // TESSERA_BENCH_DUMP=file writes the config and the calls, so that
  // bench/loyalty-wasm.mjs makes exactly the same calls to the wasm engine.
  if (const char* dump = std::getenv("TESSERA_BENCH_DUMP")) {
    std::ofstream out(dump, std::ios::binary);
    out << tessera::dump_json(config) << "\n";
    for (const auto& c : calls) out << c << "\n";
  }
  for (auto _ : state) {
    auto engine = tessera::engine::Engine::create(tessera::dump_json(config));
    for (const auto& c : calls) benchmark::DoNotOptimize(engine->call("loyalty.apply", c));
    benchmark::DoNotOptimize(engine->call("loyalty.state", R"({"now":0})"));
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EngineApplySigned)->Arg(20000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
