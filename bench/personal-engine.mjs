// Personalization through the engine facade, in wasm (Node) — what a page
// pays: rank 1,000 candidates against a profile of 200 categories
// (personal.rank, JSON in and out), with the candidates preloaded (the
// config's list, or personal.setCandidates once) and with the candidates
// given on each call; one profile update per event (personal.record); and
// sealing the whole profile (personal.seal), which the web layer does once
// per burst of events.
//
//   node bench/personal-engine.mjs [--json]     # needs build/wasm/web
//
// Native numbers for the same calls: build/release/bench/engine_personal_bench
// (same config, profile and calls; see docs/benchmarks.md).
import { performance } from 'node:perf_hooks';
import { loadCore } from '../tests/wasm/load-core.mjs';

const core = await loadCore();
const T = 1700000000000;
const categories = Array.from({ length: 200 }, (_, i) => `cat-${i}`);
const candidates = Array.from({ length: 1000 }, (_, i) => ({
  id: `offer-${i}`, categories: [categories[i % 200]], tags: [`tag-${i % 50}`],
  title: `Offer ${i}`, text: 'Something worth a look.', url: `/p/${i}`,
  ...(i % 10 === 0 ? { eligibleIf: '{member} = true' } : {}),
}));
const config = {
  site: 'bench', endpoint: '/v1/responses', publicKey: 'qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=',
  surveys: [], personalization: { ranking: { slots: 10 }, candidates },
};
const envelope = JSON.parse(core.createEngine(JSON.stringify(config)));
if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
const h = envelope.value.handle;
const call = (m, a) => {
  const out = core.call(h, m, typeof a === 'string' ? a : JSON.stringify(a));
  if (!out.startsWith('{"ok":true')) throw new Error(out);
  return out;
};
const key = '11'.repeat(32);
call('personal.open', { sealed: null, key });
// 1,000 events over 200 categories in the last 20 days: the profile's caps.
for (let i = 0; i < 1000; i++) {
  call('personal.record', { event: { at: T - (1000 - i) * 1700000, type: i % 7 ? 'view' : 'click',
    categories: [categories[(i * 37) % 200]], tags: [`tag-${i % 50}`] } });
}

// Per call: CPU time of this process (process.cpuUsage, user + system) and
// the best wall time of 5 rounds. On a shared machine CPU time is the
// figure to compare: wall time also counts waiting for a core.
const results = {};
function measure(name, n, fn) {
  for (let i = 0; i < Math.min(20, n); i++) fn(i);
  let wall = Infinity;
  let cpu = Infinity;
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    wall = Math.min(wall, (performance.now() - t0) / n);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000 / n);
  }
  results[name] = { cpuUs: cpu * 1000, wallUs: wall * 1000 };
  const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} us`);
  if (!process.argv.includes('--json')) {
    console.log(`${name.padEnd(54)} cpu ${fmt(cpu).padStart(9)}   wall ${fmt(wall).padStart(9)}`);
  }
}

const seed = (i) => (i % 256).toString(16).padStart(2, '0').repeat(32);
measure('rank, candidates preloaded (config)', 500, (i) =>
  call('personal.rank', { now: T, seed: seed(i), facts: { member: i % 2 === 0 } }));
call('personal.setCandidates', { candidates });
measure('rank, candidates preloaded (personal.setCandidates)', 500, (i) =>
  call('personal.rank', { now: T, seed: seed(i), facts: { member: i % 2 === 0 } }));
call('personal.setCandidates', { candidates: null });
// The page's JSON text for its list is made once; the engine parses and
// compiles it on every call.
const listJson = JSON.stringify(candidates);
measure('rank, candidates given each call', 50, (i) =>
  call('personal.rank', `{"now":${T},"seed":"${seed(i)}","facts":{"member":${i % 2 === 0}},"candidates":${listJson}}`));
let clock = T;  // events arrive in time order, as on a page
measure('record one event (1,000-event profile)', 2000, (i) =>
  call('personal.record', { event: { at: ++clock, type: 'view', categories: [categories[i % 200]] } }));
measure('seal the 1,000-event profile', 50, (i) =>
  call('personal.seal', { key, nonce: seed(i).slice(0, 48) }));
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
