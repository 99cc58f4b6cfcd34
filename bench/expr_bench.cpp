// Parse and evaluation cost of typical survey conditions. Evaluation runs on
// every answer change of large surveys, so it must stay well under 1 us.
#include <benchmark/benchmark.h>

#include "tessera/expr/expression.hpp"

namespace {

using tessera::Json;
using tessera::expr::Expression;

const char* const kCondition = "{age} >= 18 and {country} anyof ['DE', 'AT'] and {nps} notempty";

Json answers() {
  Json v = Json::object();
  for (int i = 0; i < 500; ++i) v["q" + std::to_string(i)] = i;
  v["age"] = 31;
  v["country"] = "AT";
  v["nps"] = 9;
  return v;
}

void BM_ParseCondition(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(Expression::parse(kCondition));
}
BENCHMARK(BM_ParseCondition);

void BM_TestCondition(benchmark::State& state) {
  Expression e = *Expression::parse(kCondition);
  Json v = answers();
  for (auto _ : state) benchmark::DoNotOptimize(e.test(v));
}
BENCHMARK(BM_TestCondition);

void BM_TestSimpleEquality(benchmark::State& state) {
  Expression e = *Expression::parse("{q42} = 42");
  Json v = answers();
  for (auto _ : state) benchmark::DoNotOptimize(e.test(v));
}
BENCHMARK(BM_TestSimpleEquality);

void BM_EvaluateCalculation(benchmark::State& state) {
  Expression e = *Expression::parse("round(sum({q1}, {q2}, {q3}) / 3 * 1.5, 2)");
  Json v = answers();
  for (auto _ : state) benchmark::DoNotOptimize(e.evaluate(v));
}
BENCHMARK(BM_EvaluateCalculation);

}  // namespace
