// The wasm half of the loyalty replay benchmark: the shipped core, built
// with the shipped wasm flags, plus entry points that let Node time exactly
// what BM_Replay and BM_BalanceAndTier time natively (bench/loyalty_bench.cpp)
// on exactly the same events (bench/loyalty_workload.hpp). Bench-only: this
// module is never part of build/dist.
//
//   core.prepare(1000000);  // generate and parse the events (untimed)
//   core.stage();           // copy them for one replay, free the last ledger (untimed)
//   core.replay();          // Ledger::replay: the timed part; returns the entry count
//   core.query(1000);       // balance + tier on the replayed ledger, 1000 times
#include <emscripten/bind.h>

#include <memory>

#include "../loyalty_workload.hpp"
#include "tessera/loyalty/ledger.hpp"

namespace {

using namespace tessera::loyalty;

struct Bench {
  Program program = bench::program();
  ConditionEvaluator when = bench::conditions();
  std::vector<Event> log;
  std::vector<Event> staged;
  std::unique_ptr<Ledger> ledger;
};

Bench& state() {
  static Bench b;
  return b;
}

double prepare(double n) {
  Bench& b = state();
  b.ledger.reset();
  b.staged.clear();
  b.staged.shrink_to_fit();
  b.log = bench::events(static_cast<std::int64_t>(n));
  return static_cast<double>(b.log.size());
}

void stage() {
  Bench& b = state();
  b.ledger.reset();
  b.staged = b.log;
}

double replay() {
  Bench& b = state();
  b.ledger = std::make_unique<Ledger>(Ledger::replay(b.program, std::move(b.staged), b.when));
  b.staged = {};
  return static_cast<double>(b.ledger->entries().size());
}

double rejected() { return static_cast<double>(state().ledger->rejections().size()); }

// Balance and tier `times` times at one day after the last event; returns
// a checksum so the work cannot be optimised away.
double query(int times) {
  const Ledger& l = *state().ledger;
  std::int64_t now = l.as_of() + kMsPerDay;
  std::int64_t sum = 0;
  for (int i = 0; i < times; ++i) {
    sum += l.balance(now).approved;
    sum += l.tier(now).value;
  }
  return static_cast<double>(sum);
}

std::string summary() { return bench::summary(*state().ledger); }

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_loyalty_bench) {
  emscripten::function("prepare", &prepare);
  emscripten::function("stage", &stage);
  emscripten::function("replay", &replay);
  emscripten::function("rejected", &rejected);
  emscripten::function("query", &query);
  emscripten::function("summary", &summary);
}
