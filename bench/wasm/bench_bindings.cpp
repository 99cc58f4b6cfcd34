// Benchmark-only Embind module (tessera-bench-core, built on request by
// `cmake --build build/wasm --target tessera_bench_wasm`; pages never load
// it): runs the expression corpus inside wasm so that its throughput can be
// compared with survey-core's ExpressionRunner in the same Node process,
// without one boundary crossing per expression (the engine never crosses per
// expression either: conditions are evaluated inside the core).
//
//   const bench = await createTesseraBench({wasmBinary});
//   bench.loadCorpus(corpusJsonText);   // number of cases, -1 on bad input
//   bench.parseAndEvaluate(rounds);     // parse + evaluate every case
//   bench.evaluateParsed(rounds);       // evaluate cases parsed once
#include <emscripten/bind.h>

#include <string>
#include <vector>

#include "tessera/common/json.hpp"
#include "tessera/expr/expression.hpp"

namespace {

using tessera::Json;
using tessera::expr::EvalContext;
using tessera::expr::Expression;

struct Case {
  std::string text;
  Json values;
};

std::vector<Case>& cases() {
  static std::vector<Case> all;
  return all;
}
std::vector<Expression>& parsed() {
  static std::vector<Expression> all;
  return all;
}
std::vector<const Json*>& parsed_values() {
  static std::vector<const Json*> all;
  return all;
}
EvalContext context;

int load_corpus(const std::string& text) {
  auto corpus = tessera::parse_json(text, {8u << 20, 64});
  if (!corpus.ok() || !corpus->is_object() || !corpus->contains("cases")) return -1;
  cases().clear();
  parsed().clear();
  parsed_values().clear();
  context.now_ms = corpus->value("now_ms", std::int64_t{0});
  for (const Json& c : (*corpus)["cases"]) {
    cases().push_back({c.value("expression", std::string()), c.value("values", Json::object())});
  }
  for (const Case& c : cases()) {
    auto e = Expression::parse(c.text);
    if (!e.ok()) continue;
    parsed().push_back(*e);
    parsed_values().push_back(&c.values);
  }
  return static_cast<int>(cases().size());
}

// Returns how many results were truthy, so the work cannot be optimised away
// and both engines can be seen to agree roughly.
double parse_and_evaluate(int rounds) {
  double truthy = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const Case& c : cases()) {
      auto e = Expression::parse(c.text);
      if (e.ok() && e->test(c.values, context)) ++truthy;
    }
  }
  return truthy;
}

double evaluate_parsed(int rounds) {
  double truthy = 0;
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t i = 0; i < parsed().size(); ++i) {
      if (!parsed()[i].evaluate(*parsed_values()[i], context).is_null()) ++truthy;
    }
  }
  return truthy;
}

int parsed_count() { return static_cast<int>(parsed().size()); }

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_bench) {
  emscripten::function("loadCorpus", &load_corpus);
  emscripten::function("parseAndEvaluate", &parse_and_evaluate);
  emscripten::function("evaluateParsed", &evaluate_parsed);
  emscripten::function("parsedCount", &parsed_count);
}
