// Time from navigation to an interactive survey in headless Chromium,
// Tessera against SurveyJS, the same NPS survey, same machine, same run:
// RUNS alternating pairs (default 30), each a first visit in a fresh browser
// context (empty HTTP cache), then a repeat view (reload in that context).
// The pages (bench/pages) record the moment the first NPS choice is in the
// document (probe.js); the survey is then clicked to prove it responds.
// Both are served gzip-compressed by one small static server
// (bench/static-server.mjs), as a CDN would serve them.
//
//   scripts/build.sh release wasm dist   # tools, wasm module, build/dist
//   npm ci --prefix bench/surveyjs       # SurveyJS from npm (lockfile there)
//   node bench/time-to-survey.mjs        # RUNS=30 by default
//
// Prints a Markdown table: median, p25, p75 in ms, and Tessera / SurveyJS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, launch, repoRoot } from '../tests/browser/harness.mjs';
import { serveStatic } from './static-server.mjs';

const surveyjs = path.join(repoRoot, 'bench/surveyjs/node_modules');
if (!fs.existsSync(path.join(surveyjs, 'survey-js-ui'))) {
  console.error('bench: run `npm ci --prefix bench/surveyjs` first');
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 30);

// Only the NPS survey in the config, as on the SurveyJS page.
const template = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
const publicKey = cli('keygen', '--out', path.join(dir, 'merchant.key')).trim();
fs.writeFileSync(path.join(dir, 'site-config.json'), JSON.stringify({ site: template.site,
  endpoint: template.endpoint, publicKey, surveys: [template.surveys[0]] }));
const server = await serveStatic([['/tessera', path.join(repoRoot, 'build/dist/tessera')], ['/config', dir],
  ['/bench', path.join(repoRoot, 'bench/pages')], ['/surveyjs', surveyjs]]);
const demo = { url: server.url, stop: async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
} };
const browser = await launch();

const PAGES = {
  Tessera: { url: '/bench/tessera-nps.html', choice: 'tessera-survey [role="radio"]' },
  SurveyJS: { url: '/bench/surveyjs-nps.html', choice: '#survey .sd-rating__item' },
};

async function visit(page, { url, choice }, reload) {
  if (reload) await page.reload();
  else await page.goto(demo.url + url);
  await page.waitForFunction(() => window.__interactiveAt !== undefined, null, { timeout: 30000 });
  const at = await page.evaluate(() => window.__interactiveAt);
  // It responds: the eighth choice takes a click.
  await page.locator(choice).nth(8).click({ timeout: 10000 });
  return at;
}

const results = { Tessera: { first: [], repeat: [] }, SurveyJS: { first: [], repeat: [] } };
try {
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 === 0 ? ['Tessera', 'SurveyJS'] : ['SurveyJS', 'Tessera'];
    for (const name of order) {
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
      const page = await context.newPage();
      results[name].first.push(await visit(page, PAGES[name], false));
      results[name].repeat.push(await visit(page, PAGES[name], true));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await demo.stop();
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};
const f = (x) => x.toFixed(1);
console.log(`${RUNS} alternating runs per page and view; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| view | Tessera median (p25–p75) ms | SurveyJS median (p25–p75) ms | Tessera / SurveyJS |');
console.log('|---|---:|---:|---:|');
for (const view of ['first', 'repeat']) {
  const t = results.Tessera[view];
  const s = results.SurveyJS[view];
  console.log(`| ${view === 'first' ? 'first visit (empty cache)' : 'repeat view (reload)'} | ` +
    `${f(quantile(t, 0.5))} (${f(quantile(t, 0.25))}–${f(quantile(t, 0.75))}) | ` +
    `${f(quantile(s, 0.5))} (${f(quantile(s, 0.25))}–${f(quantile(s, 0.75))}) | ` +
    `**${(quantile(t, 0.5) / quantile(s, 0.5)).toFixed(2)}** |`);
}
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(results));
