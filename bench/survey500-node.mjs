// Survey benchmarks in Node, Tessera (wasm) and SurveyJS (survey-core) side
// by side in one process:
//   1. apply one answer to the generated 500-question survey and read the new
//      page state (Tessera: survey.answer + JSON.parse of the view);
//   2. parse the definition (Tessera: createEngine; SurveyJS: new SurveyModel);
//   3. expression throughput on the differential corpus (Tessera inside wasm,
//      bench-only module; SurveyJS: ExpressionRunner).
//
//   scripts/build.sh wasm && cmake --build build/wasm --target tessera_bench_wasm
//   node bench/survey500-node.mjs            # prints a JSON summary
//   node bench/survey500-node.mjs change     # only some: change, parse, expressions
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCore, repoRoot, webBuildDir } from '../tests/wasm/load-core.mjs';
import { generateChainSurvey } from './survey500/generate.mjs';
import { runChangeBench, runParseBench, measure } from './survey500/change-bench.mjs';

process.env.TZ = 'UTC';
const { SurveyModel, ExpressionRunner } = await import('survey-core');
const core = await loadCore();
const generated = generateChainSurvey();
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const parts = process.argv.length > 2 ? process.argv.slice(2) : ['change', 'parse', 'expressions'];
const change = parts.includes('change') ? runChangeBench({ core, SurveyModel, generated }) : null;
const parse = parts.includes('parse') ? runParseBench({ core, SurveyModel, generated }) : null;

async function expressionBench() {
  const factory = path.join(webBuildDir, 'tessera-bench-core.mjs');
  if (!fs.existsSync(factory)) return { skipped: `${factory} missing (build target tessera_bench_wasm)` };
  const { default: createTesseraBench } = await import(pathToFileURL(factory).href);
  const bench = await createTesseraBench({ wasmBinary: fs.readFileSync(factory.replace(/\.mjs$/, '.wasm')) });
  const text = fs.readFileSync(path.join(repoRoot, 'tests/expr/corpus/surveyjs-corpus.json'), 'utf8');
  const corpus = JSON.parse(text);
  const n = bench.loadCorpus(text);
  // SurveyJS: runners made once (parsed), and made per evaluation.
  const runners = corpus.cases.map((c) => new ExpressionRunner(c.expression));
  const opts = { warmup: 2, minMs: 2000 };
  // survey-core warns on the console for each expression it cannot parse
  // (a few corpus cases are deliberate errors); printing is not evaluating.
  const warn = console.warn;
  console.warn = () => {};
  const perCase = (m) => (m.medianUs / n) * 1000;  // ns per expression
  const tParsed = measure(() => bench.evaluateParsed(1), opts);
  const sParsed = measure(() => { for (let i = 0; i < runners.length; i++) runners[i].runValues(corpus.cases[i].values); }, opts);
  const tBoth = measure(() => bench.parseAndEvaluate(1), opts);
  const sBoth = measure(() => { for (const c of corpus.cases) new ExpressionRunner(c.expression).runValues(c.values); }, opts);
  console.warn = warn;
  return {
    cases: n, tesseraParsedOk: bench.parsedCount(),
    evaluateNsPerExpr: { tessera: round(perCase(tParsed)), surveyjs: round(perCase(sParsed)), ratio: round(sParsed.medianUs / tParsed.medianUs, 2),
      cpuRatio: round(sParsed.cpuMedianUs / tParsed.cpuMedianUs, 2) },
    parseAndEvaluateNsPerExpr: { tessera: round(perCase(tBoth)), surveyjs: round(perCase(sBoth)), ratio: round(sBoth.medianUs / tBoth.medianUs, 2),
      cpuRatio: round(sBoth.cpuMedianUs / tBoth.cpuMedianUs, 2) },
  };
}
const expressions = parts.includes('expressions') ? await expressionBench() : null;

const summary = {
  node: process.version,
  load: fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '',
  change: change && {
    visibleQuestions: change.visible,
    tesseraWasmUs: { median: round(change.tessera.medianUs), mean: round(change.tessera.meanUs), cpu: round(change.tessera.cpuMedianUs) },
    surveyjsUs: { median: round(change.surveyjs.medianUs), mean: round(change.surveyjs.meanUs), cpu: round(change.surveyjs.cpuMedianUs) },
    ratio: round(change.ratio),
    cpuRatio: round(change.cpuRatio),
  },
  parse: parse && {
    tesseraWasmMs: round(parse.tessera.medianUs / 1000, 2),
    tesseraWasmCpuMs: round(parse.tessera.cpuMedianUs / 1000, 2),
    surveyjsModelMs: round(parse.surveyjs.medianUs / 1000, 2),
    surveyjsModelCpuMs: round(parse.surveyjs.cpuMedianUs / 1000, 2),
    ratio: round(parse.ratio, 2),
    cpuRatio: round(parse.cpuRatio, 2),
  },
  expressions,
};
console.log(JSON.stringify(summary, null, 2));
