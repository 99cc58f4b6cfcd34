// The measured work of the survey benchmarks, shared by Node
// (bench/survey500-node.mjs) and the Chromium page (bench/survey500/page.html):
// bring Tessera (wasm engine) and SurveyJS (survey-core's SurveyModel) to the
// same state on the generated 500-question survey, then time one answer
// change followed by reading the new page state, alternately in each engine.
// No Node or browser API is used here beyond performance.now().

const ENTROPY = '00112233445566778899aabbccddeeff';
const PUBLIC_KEY = 'qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=';

function call(core, handle, method, args) {
  const out = JSON.parse(core.call(handle, method, JSON.stringify(args)));
  if (!out.ok) throw new Error(`${method}: ${JSON.stringify(out.error)}`);
  return out.value;
}

// Times `op` in batches; returns per-operation microseconds (median and
// mean of the batch means). Batches of at least ~20 ms keep coarse browser
// timers usable; slow operations get batches of one. Warm-up runs for
// `warmupMs` (at most `warmup` operations) first.
export function measure(op, { minMs = 1500, warmup = 100, warmupMs = 300, minBatches = 5 } = {}) {
  let n = 0;
  const w0 = performance.now();
  while (n < warmup && performance.now() - w0 < warmupMs) op(n++);
  const perWarm = (performance.now() - w0) / Math.max(1, n);
  const batch = Math.max(1, Math.ceil(20 / Math.max(perWarm, 1e-3)));
  // In Node, CPU time too: on a machine shared with other jobs, wall time
  // includes waiting for a core; CPU time of this process does not.
  const cpu = typeof process !== 'undefined' && process.cpuUsage ? (prev) => process.cpuUsage(prev) : null;
  const perOp = [];
  const cpuPerOp = [];
  let total = 0;
  while (total < minMs || perOp.length < minBatches) {
    const c0 = cpu && cpu();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) op(n++);
    const dt = performance.now() - t0;
    if (cpu) {
      const c = cpu(c0);
      cpuPerOp.push((c.user + c.system) / batch);
    }
    total += dt;
    perOp.push((dt * 1000) / batch);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return {
    medianUs: median(perOp),
    meanUs: perOp.reduce((a, b) => a + b, 0) / perOp.length,
    cpuMedianUs: cpu ? median(cpuPerOp) : undefined,
    ops: n,
  };
}

// A Tessera engine with one session brought to the plan's state.
export function tesseraSession(core, definition, plan) {
  const config = { site: 'bench', endpoint: '/v1/responses', publicKey: PUBLIC_KEY, surveys: [definition] };
  const created = JSON.parse(core.createEngine(JSON.stringify(config)));
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const handle = created.value.handle;
  const started = call(core, handle, 'survey.start', { surveyId: definition.id, startedAt: 1700000000000, entropy: ENTROPY });
  const sessionId = started.sessionId;
  let page = 0;
  for (const a of plan.prefill) {
    while (page < a.page) {
      if (!call(core, handle, 'survey.next', { sessionId }).moved) throw new Error('page did not validate');
      page++;
    }
    call(core, handle, 'survey.answer', { sessionId, questionId: a.id, value: a.value });
  }
  while (page < plan.target.page) {
    call(core, handle, 'survey.next', { sessionId });
    page++;
  }
  return { handle, sessionId };
}

// One change: answer the target question, parse the view the engine returns
// (what the widget does), count the visible questions.
export function tesseraChange(core, { handle, sessionId }, plan, i) {
  const args = JSON.stringify({ sessionId, questionId: plan.target.id, value: plan.target.values[i % 2] });
  const out = JSON.parse(core.call(handle, 'survey.answer', args));
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.value.view.questions.length;
}

export function surveyjsModel(SurveyModel, json, plan) {
  const survey = new SurveyModel(json);
  // All at once: setting 250 values one by one takes SurveyJS a minute. The
  // prefill keeps every chain visible, so no answer would be cleared anyway.
  const data = {};
  for (const a of plan.prefill) data[a.id] = a.value;
  survey.data = data;
  survey.currentPageNo = plan.target.page;
  return survey;
}

// The same change in SurveyJS: set the value, then read what a renderer
// needs of the current page (visible questions with piped titles, state).
export function surveyjsChange(survey, plan, i) {
  survey.setValue(plan.target.id, plan.target.values[i % 2]);
  const page = survey.currentPage;
  const questions = page.visibleQuestions.map((q) => ({
    id: q.name, title: q.processedTitle, required: q.isRequired, enabled: !q.isReadOnly, value: q.value,
  }));
  return questions.length + (survey.isLastPage ? 0 : 0) + (page.title ? 0 : 0);
}

// Both engines brought to the same state; checks first that they show the
// same number of questions after each of the two values.
export function prepareChange({ core, SurveyModel, generated }) {
  const plan = { prefill: generated.prefill, target: generated.target };
  const tess = tesseraSession(core, generated.tessera, plan);
  const sjs = surveyjsModel(SurveyModel, generated.surveyjs, plan);
  for (let i = 0; i < 2; i++) {
    const a = tesseraChange(core, tess, plan, i);
    const b = surveyjsChange(sjs, plan, i);
    if (a !== b) throw new Error(`visible questions differ after value ${plan.target.values[i]}: Tessera ${a}, SurveyJS ${b}`);
  }
  const visible = [tesseraChange(core, tess, plan, 0), tesseraChange(core, tess, plan, 1)];
  return { core, plan, tess, sjs, visible };
}

export const timeTesseraChange = (ctx, options) => measure((i) => tesseraChange(ctx.core, ctx.tess, ctx.plan, i), options);
export const timeSurveyjsChange = (ctx, options) => measure((i) => surveyjsChange(ctx.sjs, ctx.plan, i), options);

// Both engines, side by side, in the same process.
export function runChangeBench({ core, SurveyModel, generated, options }) {
  const ctx = prepareChange({ core, SurveyModel, generated });
  const tessera = timeTesseraChange(ctx, options);
  const surveyjs = timeSurveyjsChange(ctx, options);
  core.disposeEngine(ctx.tess.handle);
  return { visible: ctx.visible, tessera, surveyjs, ratio: surveyjs.medianUs / tessera.medianUs, cpuRatio: surveyjs.cpuMedianUs / tessera.cpuMedianUs };
}

// Parse time of the definition: Tessera's engine creation (parse, checks,
// compiled logic) against SurveyJS's SurveyModel construction.
const PARSE_OPTIONS = { warmup: 3, minMs: 1500 };
export function timeTesseraParse({ core, generated, options }) {
  const config = JSON.stringify({ site: 'bench', endpoint: '/v1/responses', publicKey: PUBLIC_KEY, surveys: [generated.tessera] });
  return measure(() => {
    const created = JSON.parse(core.createEngine(config));
    core.disposeEngine(created.value.handle);
  }, { ...PARSE_OPTIONS, ...options });
}
export const timeSurveyjsParse = ({ SurveyModel, generated, options }) =>
  measure(() => new SurveyModel(generated.surveyjs), { ...PARSE_OPTIONS, ...options });

export function runParseBench(args) {
  const tessera = timeTesseraParse(args);
  const surveyjs = timeSurveyjsParse(args);
  return { tessera, surveyjs, ratio: surveyjs.medianUs / tessera.medianUs, cpuRatio: surveyjs.cpuMedianUs / tessera.cpuMedianUs };
}
