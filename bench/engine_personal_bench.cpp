// The engine's personal.* calls natively, mirroring bench/personal-engine.mjs
// (the same site config, profile and calls in wasm), so docs/benchmarks.md
// can state the wasm / native ratio of what a page actually pays: JSON in,
// ranking, JSON out.
//
//   build/release/bench/engine_personal_bench [--benchmark_min_time=0.5]
#include <benchmark/benchmark.h>

#include <string>

#include "tessera/engine/engine.hpp"

namespace tessera::engine {
namespace {

constexpr std::int64_t kT = 1700000000000;

std::string hex_byte_seed(int i) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string byte{kHex[(i >> 4) & 15], kHex[i & 15]};
  std::string out;
  for (int k = 0; k < 32; ++k) out += byte;
  return out;
}

Json candidate_list() {
  Json candidates = Json::array();
  for (int i = 0; i < 1000; ++i) {
    Json c = {{"id", "offer-" + std::to_string(i)},
              {"categories", {"cat-" + std::to_string(i % 200)}},
              {"tags", {"tag-" + std::to_string(i % 50)}},
              {"title", "Offer " + std::to_string(i)},
              {"text", "Something worth a look."},
              {"url", "/p/" + std::to_string(i)}};
    if (i % 10 == 0) c["eligibleIf"] = "{member} = true";
    candidates.push_back(std::move(c));
  }
  return candidates;
}

Engine make_engine() {
  Json config = {
      {"site", "bench"},
      {"endpoint", "/v1/responses"},
      {"publicKey", "qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko="},
      {"surveys", Json::array()},
      {"personalization", {{"ranking", {{"slots", 10}}}, {"candidates", candidate_list()}}}};
  Engine engine = std::move(Engine::create(dump_json(config))).value();
  engine.call("personal.open", R"({"sealed":null,"key":")" + hex_byte_seed(0x11) + "\"}");
  for (int i = 0; i < 1000; ++i) {
    Json event = {{"at", kT - static_cast<std::int64_t>(1000 - i) * 1700000},
                  {"type", i % 7 ? "view" : "click"},
                  {"categories", {"cat-" + std::to_string((i * 37) % 200)}},
                  {"tags", {"tag-" + std::to_string(i % 50)}}};
    engine.call("personal.record", dump_json(Json{{"event", event}}));
  }
  return engine;
}

std::string rank_args(int i, const std::string& candidates_json = "") {
  std::string out = "{\"now\":" + std::to_string(kT) + ",\"seed\":\"" + hex_byte_seed(i % 256) +
                    "\",\"facts\":{\"member\":" + (i % 2 == 0 ? "true" : "false") + "}";
  if (!candidates_json.empty()) out += ",\"candidates\":" + candidates_json;
  return out + "}";
}

// Candidates preloaded (the site config's list): what a page does.
void BM_EngineRank1000(benchmark::State& state) {
  Engine engine = make_engine();
  int i = 0;
  for (auto _ : state) {
    const std::string out = engine.call("personal.rank", rank_args(i++));
    if (out.rfind("{\"ok\":true", 0) != 0) state.SkipWithError(out.c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_EngineRank1000)->Unit(benchmark::kMicrosecond);

// The same list given as JSON on every call: parsed and compiled each time.
void BM_EngineRank1000GivenEachCall(benchmark::State& state) {
  Engine engine = make_engine();
  const std::string list = dump_json(candidate_list());
  int i = 0;
  for (auto _ : state) {
    const std::string out = engine.call("personal.rank", rank_args(i++, list));
    if (out.rfind("{\"ok\":true", 0) != 0) state.SkipWithError(out.c_str());
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_EngineRank1000GivenEachCall)->Unit(benchmark::kMicrosecond);

void BM_EngineRecord(benchmark::State& state) {
  Engine engine = make_engine();
  std::int64_t i = 0;
  for (auto _ : state) {
    Json event = {
        {"at", kT + i}, {"type", "view"}, {"categories", {"cat-" + std::to_string(i % 200)}}};
    benchmark::DoNotOptimize(engine.call("personal.record", dump_json(Json{{"event", event}})));
    ++i;
  }
}
BENCHMARK(BM_EngineRecord)->Unit(benchmark::kMicrosecond);

void BM_EngineSeal1000Events(benchmark::State& state) {
  Engine engine = make_engine();
  int i = 0;
  for (auto _ : state) {
    const std::string args = "{\"key\":\"" + hex_byte_seed(0x11) + "\",\"nonce\":\"" +
                             hex_byte_seed(i++ % 256).substr(0, 48) + "\"}";
    benchmark::DoNotOptimize(engine.call("personal.seal", args));
  }
}
BENCHMARK(BM_EngineSeal1000Events)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tessera::engine
