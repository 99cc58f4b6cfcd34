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
  await page.waitForFunction(() => window.benchResult !== undefined, null, { timeout: 600000 });
  const result = await page.evaluate(() => window.benchResult);
  if (result.error) throw new Error(result.error);
  const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  console.log(JSON.stringify({
    browser: result.userAgent.match(/Chrome\/[\d.]+/)?.[0],
    load: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    change: {
      visibleQuestions: result.change.visible,
      tesseraWasmUs: { median: round(result.change.tessera.medianUs), mean: round(result.change.tessera.meanUs) },
      surveyjsUs: { median: round(result.change.surveyjs.medianUs), mean: round(result.change.surveyjs.meanUs) },
      ratio: round(result.change.ratio),
    },
    parse: {
      tesseraWasmMs: round(result.parse.tessera.medianUs / 1000, 2),
      surveyjsModelMs: round(result.parse.surveyjs.medianUs / 1000, 2),
      ratio: round(result.parse.ratio, 2),
    },
  }, null, 2));
} finally {
  await browser.close();
  server.close();
}
