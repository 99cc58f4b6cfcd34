// Survey benchmark in headless Chromium: the same measurements as
// bench/survey500-node.mjs (one answer change + new page state; definition
// parse), Tessera wasm and survey-core's SurveyModel side by side in one page
// served from 127.0.0.1 by a small static server started here.
//
//   scripts/build.sh wasm
//   node bench/survey500-browser.mjs        # prints a JSON summary
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../tests/wasm/load-core.mjs';
import { CHROMIUM_ARGS } from '../tests/browser/harness.mjs';

// Only these folders are served; everything else is 404.
const SERVED = ['bench/survey500/', 'build/wasm/web/', 'node_modules/survey-core/fesm/'];
const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };

const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '');
  const file = path.join(repoRoot, rel);
  if (rel.includes('..') || !SERVED.some((p) => rel.startsWith(p)) || !fs.existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/bench/survey500/page.html`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForFunction(() => window.bench !== undefined, null, { timeout: 120000 });
  // The renderer's main-thread CPU time (CDP Performance.getMetrics
  // ThreadTime) around each step: on a shared machine wall time includes
  // waiting for a core, CPU time does not.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const threadTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value;
  async function step(name) {
    const t0 = await threadTime();
    const result = await page.evaluate((n) => window.bench[n](), name);
    const cpu = await threadTime() - t0;
    if (result.ops) result.cpuPerOpUs = (cpu * 1e6) / result.ops;
    return result;
  }
  const { visible } = await page.evaluate(() => window.bench.prepare());
  const tc = await step('tesseraChange');
  const sc = await step('surveyjsChange');
  const tp = await step('tesseraParse');
  const sp = await step('surveyjsParse');
  const userAgent = await page.evaluate(() => window.bench.userAgent);
  const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  console.log(JSON.stringify({
    browser: userAgent.match(/Chrome\/[\d.]+/)?.[0],
    load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    change: {
      visibleQuestions: visible,
      tesseraWasmUs: { median: round(tc.medianUs), mean: round(tc.meanUs), cpu: round(tc.cpuPerOpUs) },
      surveyjsUs: { median: round(sc.medianUs), mean: round(sc.meanUs), cpu: round(sc.cpuPerOpUs) },
      ratio: round(sc.medianUs / tc.medianUs),
      cpuRatio: round(sc.cpuPerOpUs / tc.cpuPerOpUs),
    },
    parse: {
      tesseraWasmMs: round(tp.medianUs / 1000, 2),
      tesseraWasmCpuMs: round(tp.cpuPerOpUs / 1000, 2),
      surveyjsModelMs: round(sp.medianUs / 1000, 2),
      surveyjsModelCpuMs: round(sp.cpuPerOpUs / 1000, 2),
      ratio: round(sp.medianUs / tp.medianUs, 2),
      cpuRatio: round(sp.cpuPerOpUs / tp.cpuPerOpUs, 2),
    },
  }, null, 2));
} finally {
  await browser.close();
  server.close();
}
