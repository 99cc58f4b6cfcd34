// The 500-question survey benchmark, native half (the wasm and SurveyJS halves
// are bench/survey500-node.mjs and bench/survey500-browser.mjs): parse time of
// the definition, one answer change plus the new view model (through the
// engine's call(), as the wasm module runs it, and through Session with
// incremental vs full re-evaluation), and expression throughput on the
// differential corpus.
//
//   node bench/survey500/generate.mjs build/bench
//   build/release/bench/survey_bench      # reads build/bench/survey500.*.json
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tessera/engine/engine.hpp"
#include "tessera/expr/expression.hpp"
#include "tessera/survey/session.hpp"

namespace {

using tessera::dump_json;
using tessera::Json;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string data_path(const std::string& name) {
  const char* dir = std::getenv("TESSERA_SURVEY500_DIR");
  return std::string(dir != nullptr ? dir : TESSERA_SOURCE_DIR "/build/bench") + "/" + name;
}

struct Survey500 {
  std::string definition;  // Tessera JSON text
  Json plan;               // {prefill: [{page, id, value}], target: {id, page, values}}
  bool ok = false;
};

const Survey500& survey500() {
  static const Survey500 s = [] {
    Survey500 out;
    out.definition = read_file(data_path("survey500.tessera.json"));
    auto plan = tessera::parse_json(read_file(data_path("survey500.plan.json")));
    out.ok = !out.definition.empty() && plan.ok();
    if (plan.ok()) out.plan = *plan;
    return out;
  }();
  return s;
}

std::string site_config() {
  return R"({"site":"bench","endpoint":"/v1/responses",)"
         R"("publicKey":"qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=","surveys":[)" +
         survey500().definition + "]}";
}

void BM_Survey500Parse(benchmark::State& state) {
  if (!survey500().ok) return state.SkipWithError("run node bench/survey500/generate.mjs first");
  for (auto _ : state) {
    auto def = tessera::survey::parse_survey_text(survey500().definition, {});
    auto logic = tessera::survey::SurveyLogic::compile(*def);
    benchmark::DoNotOptimize(logic);
  }
}
BENCHMARK(BM_Survey500Parse)->Unit(benchmark::kMillisecond);

void BM_Survey500EngineCreate(benchmark::State& state) {
  if (!survey500().ok) return state.SkipWithError("run node bench/survey500/generate.mjs first");
  std::string config = site_config();
  for (auto _ : state) benchmark::DoNotOptimize(tessera::engine::Engine::create(config));
}
BENCHMARK(BM_Survey500EngineCreate)->Unit(benchmark::kMillisecond);

// The exact work of one wasm survey.answer call: JSON args in, the envelope
// with the new view out.
void BM_Survey500AnswerThroughEngine(benchmark::State& state) {
  if (!survey500().ok) return state.SkipWithError("run node bench/survey500/generate.mjs first");
  auto engine = tessera::engine::Engine::create(site_config());
  const Json& plan = survey500().plan;
  Json started =
      tessera::parse_json(
          engine->call(
              "survey.start",
              R"({"surveyId":"chain500","startedAt":1700000000000,"entropy":"00112233445566778899aabbccddeeff"})"))
          .value();
  Json session = started["value"]["sessionId"];
  std::int64_t page = 0;
  for (const Json& a : plan["prefill"]) {
    for (; page < a["page"].get<std::int64_t>(); ++page) {
      engine->call("survey.next", dump_json(Json{{"sessionId", session}}));
    }
    engine->call(
        "survey.answer",
        dump_json(Json{{"sessionId", session}, {"questionId", a["id"]}, {"value", a["value"]}}));
  }
  for (; page < plan["target"]["page"].get<std::int64_t>(); ++page) {
    engine->call("survey.next", dump_json(Json{{"sessionId", session}}));
  }
  std::string args[2];
  for (int i = 0; i < 2; ++i) {
    args[i] = dump_json(Json{{"sessionId", session},
                             {"questionId", plan["target"]["id"]},
                             {"value", plan["target"]["values"][static_cast<std::size_t>(i)]}});
  }
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string out = engine->call("survey.answer", args[i++ % 2]);
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["view_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Survey500AnswerThroughEngine)->Unit(benchmark::kMicrosecond);

// The session alone (answer + view model + its JSON text), incremental
// (arg 0) or re-evaluating everything on each change (arg 1).
void BM_Survey500AnswerSession(benchmark::State& state) {
  if (!survey500().ok) return state.SkipWithError("run node bench/survey500/generate.mjs first");
  using namespace tessera::survey;
  auto def = std::make_shared<const SurveyDefinition>(*parse_survey_text(survey500().definition));
  auto logic = *SurveyLogic::compile(*def);
  Session s = *Session::start(def, logic, {"en", 1700000000000, 1, "id", ""});
  s.set_full_reevaluation(state.range(0) == 1);
  const Json& plan = survey500().plan;
  std::int64_t page = 0;
  for (const Json& a : plan["prefill"]) {
    for (; page < a["page"].get<std::int64_t>(); ++page) (void)s.next();
    (void)s.answer(a["id"].get<std::string>(), a["value"]);
  }
  for (; page < plan["target"]["page"].get<std::int64_t>(); ++page) (void)s.next();
  const std::string target = plan["target"]["id"];
  std::size_t i = 0;
  for (auto _ : state) {
    (void)s.answer(target, plan["target"]["values"][i++ % 2]);
    benchmark::DoNotOptimize(tessera::dump_json(s.view_model()));
  }
}
BENCHMARK(BM_Survey500AnswerSession)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

struct Corpus {
  std::vector<std::pair<std::string, Json>> cases;
  tessera::expr::EvalContext context;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus out;
    auto doc = tessera::parse_json(
        read_file(TESSERA_SOURCE_DIR "/tests/expr/corpus/surveyjs-corpus.json"), {8u << 20, 64});
    if (!doc.ok()) return out;
    out.context.now_ms = (*doc)["now_ms"].get<std::int64_t>();
    for (const Json& k : (*doc)["cases"]) out.cases.emplace_back(k["expression"], k["values"]);
    return out;
  }();
  return c;
}

// Per iteration: every corpus case parsed and evaluated.
void BM_ExprCorpusParseEvaluate(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& [text, values] : corpus().cases) {
      auto e = tessera::expr::Expression::parse(text);
      if (e.ok()) benchmark::DoNotOptimize(e->evaluate(values, corpus().context));
    }
  }
  state.counters["cases"] = static_cast<double>(corpus().cases.size());
}
BENCHMARK(BM_ExprCorpusParseEvaluate)->Unit(benchmark::kMillisecond);

// Per iteration: every corpus case evaluated, parsed beforehand.
void BM_ExprCorpusEvaluate(benchmark::State& state) {
  std::vector<std::pair<tessera::expr::Expression, const Json*>> parsed;
  for (const auto& [text, values] : corpus().cases) {
    auto e = tessera::expr::Expression::parse(text);
    if (e.ok()) parsed.emplace_back(*e, &values);
  }
  for (auto _ : state) {
    for (const auto& [e, values] : parsed)
      benchmark::DoNotOptimize(e.evaluate(*values, corpus().context));
  }
  state.counters["cases"] = static_cast<double>(parsed.size());
}
BENCHMARK(BM_ExprCorpusEvaluate)->Unit(benchmark::kMillisecond);

}  // namespace
