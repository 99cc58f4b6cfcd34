// Personalization through the engine facade, in wasm (Node) — what a page
// pays: rank 1,000 candidates against a profile of 200 categories
// (personal.rank, JSON in and out), and one profile update per event
// (personal.record; and record + personal.seal, what a page does per event).
//
//   node bench/personal-engine.mjs            # needs build/wasm/web
//
// Native numbers for the same calls: build/release/bench/personal_bench
// (Google Benchmark) and bench/personal-engine-native (see docs/benchmarks.md).
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
  const out = core.call(h, m, JSON.stringify(a));
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

function measure(name, n, fn) {
  for (let i = 0; i < Math.min(20, n); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const per = (performance.now() - t0) / n;
  console.log(`${name.padEnd(52)} ${per >= 1 ? per.toFixed(2) + ' ms' : (per * 1000).toFixed(1) + ' us'}`);
}

const seed = (i) => (i % 256).toString(16).padStart(2, '0').repeat(32);
measure('personal.rank 1,000 candidates, 200 categories', 200, (i) =>
  call('personal.rank', { now: T, seed: seed(i), facts: { member: i % 2 === 0 } }));
measure('personal.record (1,000-event profile)', 2000, (i) =>
  call('personal.record', { event: { at: T + i, type: 'view', categories: [categories[i % 200]] } }));
measure('personal.record + personal.seal', 500, (i) => {
  call('personal.record', { event: { at: T + 5000 + i, type: 'view', categories: [categories[i % 200]] } });
  call('personal.seal', { key, nonce: seed(i).slice(0, 48) });
});
