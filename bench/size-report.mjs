// Bytes a page actually loads: opens pages in headless Chromium, records
// every response, and prints each file's gzip size (zlib level 9, what a
// static host serving pre-compressed files sends) and the totals.
//
//   node bench/size-report.mjs            # uses build/release tools if built
//   TESSERA_TOOLS=build/native/tools node bench/size-report.mjs
//
// Pages: the demo shop's thank-you page (a <tessera-survey> placed by the
// page), the one-snippet example (examples/minimal) with no survey due (only
// the loader and the config load) and with a triggered survey shown, and,
// side by side, the same NPS survey on a page of its own with Tessera and
// with SurveyJS (survey-core + survey-js-ui + its CSS, from bench/surveyjs:
// `npm ci --prefix bench/surveyjs` first; skipped when not installed).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, newPage, repoRoot, startDemo } from '../tests/browser/harness.mjs';

if (!process.env.TESSERA_TOOLS && fs.existsSync(path.join(repoRoot, 'build/release/tools/tessera'))) {
  process.env.TESSERA_TOOLS = path.join(repoRoot, 'build/release/tools');
}

const gzip = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const loader = fs.readFileSync(path.join(repoRoot, 'build/dist/tessera/loader.js'));
console.log(`loader alone (build/dist/tessera/loader.js): ${loader.length} bytes, **${gzip(loader)} gzip**\n`);

const surveyjs = path.join(repoRoot, 'bench/surveyjs/node_modules');
const benchMounts = [['/bench', path.join(repoRoot, 'bench/pages')], ['/surveyjs', surveyjs]];
const demo = await startDemo({ mounts: benchMounts });
const configFile = path.join(demo.dir, 'config/site-config.json');
const plain = fs.readFileSync(configFile, 'utf8');
const browser = await launch();

async function measure(title, url, ready, server = demo) {
  const page = await newPage(browser);
  const files = [];
  page.on('response', async (res) => {
    if (res.request().method() !== 'GET' || res.status() !== 200) return;
    try {
      const body = await res.body();
      files.push({ url: new URL(res.url()).pathname, raw: body.length, gzip: gzip(body) });
    } catch { /* redirects and aborted requests have no body */ }
  });
  await page.goto(server.url + url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  await page.context().close();
  files.sort((a, b) => a.url.localeCompare(b.url));
  const widget = files.filter((f) => ['/tessera/', '/config/', '/surveyjs/'].some((p) => f.url.startsWith(p)));
  const host = files.filter((f) => !widget.includes(f));
  const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
  const rows = (list) => list.map((f) => `| ${f.url} | ${f.raw} | ${f.gzip} |`).join('\n');
  console.log(`### ${title}\n\n| file | bytes | gzip bytes |\n|---|---:|---:|`);
  if (widget.length) console.log(rows(widget));
  console.log(`| **widget total** (${widget.length} files) | ${sum(widget, 'raw')} | **${sum(widget, 'gzip')}** |`);
  if (host.length) console.log(rows(host));
  console.log(`| **page total** (${files.length} files) | ${sum(files, 'raw')} | ${sum(files, 'gzip')} |\n`);
}

try {
  await measure('Demo shop thank-you page (NPS survey placed by the page)', '/thank-you.html',
    (page) => page.locator('tessera-survey [role="radio"]').first().waitFor());
  await measure('One snippet, no survey due (config without triggers)',
    '/examples/minimal/index.html?page=home', (page) => page.waitForTimeout(1000));
  const config = JSON.parse(plain);
  config.surveys = [{ ...config.surveys[0],
    trigger: { events: [{ type: 'page_view' }], display: 'always', placement: 'center' } }];
  fs.writeFileSync(configFile, JSON.stringify(config));
  await measure('One snippet, triggered survey shown (modal)', '/examples/minimal/index.html?page=pricing',
    (page) => page.locator('tessera-survey [role="radio"]').first().waitFor());
  if (fs.existsSync(path.join(surveyjs, 'survey-js-ui'))) {
    // Side by side: only the NPS survey in the config, as on the SurveyJS page.
    config.surveys = [JSON.parse(plain).surveys[0]];
    delete config.loyalty;
    delete config.personal;
    fs.writeFileSync(configFile, JSON.stringify({ site: config.site, endpoint: config.endpoint,
      publicKey: config.publicKey, surveys: config.surveys }));
    await measure('Same NPS survey, Tessera (bench/pages/tessera-nps.html)', '/bench/tessera-nps.html',
      (page) => page.locator('tessera-survey [role="radio"]').first().waitFor());
    // SurveyJS injects styles at run time, which the strict CSP would block:
    // its page is served without the CSP.
    const open = await startDemo({ csp: false, mounts: benchMounts });
    try {
      await measure('Same NPS survey, SurveyJS 2.5 (bench/pages/surveyjs-nps.html)', '/bench/surveyjs-nps.html',
        (page) => page.locator('#survey .sd-rating__item').first().waitFor(), open);
    } finally {
      await open.stop();
    }
  } else {
    console.log('(SurveyJS not installed: `npm ci --prefix bench/surveyjs` adds the side-by-side tables)');
  }
} finally {
  await browser.close();
  await demo.stop();
}
