// Loyalty replay and queries at scale. A member with years of history can
// hold many events; the merchant's server replays whole ledgers to check
// claims, so replay throughput and query cost are tracked here.
//
//   cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DTESSERA_BUILD_BENCH=ON
//   cmake --build build/release -j2 --target loyalty_bench
//   build/release/bench/loyalty_bench
// bench/loyalty-wasm.mjs runs this binary and the wasm build of the same
// replay (bench/wasm/loyalty_replay.cpp) side by side and prints the ratio.
//
// What BM_Replay measures: Ledger::replay(program, events, conditions) from
// events already parsed into structs (as a server holds them after
// verifying each grant's signature once, at intake) to the final state.
// Signature checks and JSON parsing are outside the timed region; so are
// copying the input (the ledger takes the vector by value) and freeing the
// ledger afterwards. The time reported is the replay's CPU time (the
// machine is shared); first_cpu_ms, best_cpu_ms and
// best_wall_ms are counters.
#include <benchmark/benchmark.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>

#include "loyalty_workload.hpp"
#include "tessera/crypto/encoding.hpp"
#include "tessera/crypto/sign.hpp"
#include "tessera/engine/engine.hpp"
#include "tessera/loyalty/conditions.hpp"
#include "tessera/loyalty/ledger.hpp"

namespace {

using tessera::Json;
using namespace tessera::loyalty;

// CPU seconds of this process. The machine these numbers come from is
// shared, and under load wall time mostly measures the wait for a core.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void BM_Replay(benchmark::State& state) {
  Program program = bench::program();
  ConditionEvaluator when = bench::conditions();
  std::vector<Event> log = bench::events(state.range(0));
  double first_cpu_ms = -1;
  double best_cpu_ms = 1e300;
  double best_wall_ms = 1e300;
  for (auto _ : state) {
    std::vector<Event> input = log;  // untimed: replay consumes its input
    double cpu_start = cpu_seconds();
    auto start = std::chrono::steady_clock::now();
    auto ledger = std::make_unique<Ledger>(Ledger::replay(program, std::move(input), when));
    auto stop = std::chrono::steady_clock::now();
    double cpu = cpu_seconds() - cpu_start;
    benchmark::DoNotOptimize(ledger->entries().size());
    // The reported time is the replay's CPU time (mean of the iterations);
    // the first, best CPU and best wall times alongside, in ms.
    state.SetIterationTime(cpu);
    double wall_ms = std::chrono::duration<double, std::milli>(stop - start).count();
    if (first_cpu_ms < 0) first_cpu_ms = cpu * 1e3;
    best_cpu_ms = std::min(best_cpu_ms, cpu * 1e3);
    best_wall_ms = std::min(best_wall_ms, wall_ms);
    state.counters["entries"] = static_cast<double>(ledger->entries().size());
    state.counters["rejected"] = static_cast<double>(ledger->rejections().size());
    // TESSERA_BENCH_SUMMARY=file: the final state's digest, which
    // bench/loyalty-wasm.mjs compares with the wasm replay's.
    if (const char* file = std::getenv("TESSERA_BENCH_SUMMARY")) {
      std::ofstream(file, std::ios::binary) << bench::summary(*ledger) << "\n";
    }
  }
  state.counters["first_cpu_ms"] = first_cpu_ms;
  state.counters["best_cpu_ms"] = best_cpu_ms;
  state.counters["best_wall_ms"] = best_wall_ms;
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(state.range(0)),
                                                  benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Replay)->Arg(1000000)->Iterations(3)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_BalanceAndTier(benchmark::State& state) {
  Ledger ledger =
      Ledger::replay(bench::program(), bench::events(state.range(0)), bench::conditions());
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
  Json doc = bench::program_json();
  Json config = {{"site", "bench"},
                 {"endpoint", "/x"},
                 {"publicKey", "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko="},
                 {"surveys", Json::array()},
                 {"loyalty",
                  {{"program", tessera::crypto::sign_document(doc, keys.secret_key)},
                   {"signingKey", tessera::crypto::base64_encode(keys.public_key.data(), 32)}}}};
  std::vector<std::string> calls;
  bench::for_each_event_json(state.range(0), [&](const Json& e) {
    calls.push_back(
        tessera::dump_json(Json{{"event", tessera::crypto::sign_document(e, keys.secret_key)}}));
  });
  // TESSERA_BENCH_DUMP=file writes the config and the calls, so that
  // bench/loyalty-engine-wasm.mjs makes exactly the same calls to the wasm engine.
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
