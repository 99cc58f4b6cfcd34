// The wasm half of the loyalty engine benchmark: the same calls as
// BM_EngineApplySigned in bench/loyalty_bench.cpp (signed grants applied one
// by one, then loyalty.state), through the wasm engine in Node.
//
//   TESSERA_BENCH_DUMP=/tmp/loyalty-calls.jsonl build/release/bench/loyalty_bench \
//       --benchmark_filter=EngineApplySigned
//   node bench/loyalty-engine-wasm.mjs /tmp/loyalty-calls.jsonl
import fs from 'node:fs';
import { loadCore } from '../tests/wasm/load-core.mjs';

const [config, ...calls] = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n');
const core = await loadCore();
const handle = JSON.parse(core.createEngine(config)).value.handle;
const start = process.hrtime.bigint();
for (const c of calls) {
  const out = core.call(handle, 'loyalty.apply', c);
  if (!out.startsWith('{"ok":true')) throw new Error(out);
}
const state = JSON.parse(core.call(handle, 'loyalty.state', '{"now":0}'));
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ events: calls.length, ms: Math.round(ms), eventsPerSecond:
  Math.round((calls.length * 1000) / ms), points: state.value.points, tier: state.value.tier.tier }));
