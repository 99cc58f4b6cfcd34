import { loadCore } from '../tests/wasm/load-core.mjs';
import { generateChainSurvey } from './survey500/generate.mjs';
import { tesseraSession } from './survey500/change-bench.mjs';
const core = await loadCore();
const g = generateChainSurvey();
const time = (label, f, n = 100) => { for (let i = 0; i < 10; i++) f(); const t0 = performance.now(); for (let i = 0; i < n; i++) f(); console.log(label, ((performance.now() - t0) / n).toFixed(3), 'ms'); };
for (const k of [0, 50, 250]) {
  const plan = { prefill: g.prefill.slice(0, k), target: { ...g.target, page: Math.floor(k / 50) } };
  const s = tesseraSession(core, g.tessera, plan);
  time(`snapshot with ${k} answers`, () => core.call(s.handle, 'survey.snapshot', JSON.stringify({ sessionId: s.sessionId })));
  time(`site.info`, () => core.call(s.handle, 'site.info', '{}'));
}
// A small survey for comparison
const small = { ...g.tessera, pages: [g.tessera.pages[0]], calculatedValues: [g.tessera.calculatedValues[0]] };
const plan = { prefill: g.prefill.slice(0, 40), target: { ...g.target, page: 0 } };
const s = tesseraSession(core, small, plan);
time('snapshot small survey 40 answers', () => core.call(s.handle, 'survey.snapshot', JSON.stringify({ sessionId: s.sessionId })));
time('answer small survey', () => core.call(s.handle, 'survey.answer', JSON.stringify({ sessionId: s.sessionId, questionId: 'q41', value: 3 })));
