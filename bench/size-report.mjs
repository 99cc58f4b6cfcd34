// Bytes a page actually loads: opens the demo shop in headless Chromium,
// records every response, and prints each file's gzip size (zlib level 9,
// what a static host serving pre-compressed files sends) and the total.
//
//   node bench/size-report.mjs            # uses build/release tools if built
//   TESSERA_TOOLS=build/native/tools node bench/size-report.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, newPage, repoRoot, startDemo } from '../tests/browser/harness.mjs';

if (!process.env.TESSERA_TOOLS && fs.existsSync(path.join(repoRoot, 'build/release/tools/tessera'))) {
  process.env.TESSERA_TOOLS = path.join(repoRoot, 'build/release/tools');
}

const demo = await startDemo();
const browser = await launch();
try {
  const page = await newPage(browser);
  const files = [];
  page.on('response', async (res) => {
    if (res.request().method() !== 'GET' || res.status() !== 200) return;
    try {
      const body = await res.body();
      files.push({ url: new URL(res.url()).pathname, raw: body.length,
                   gzip: zlib.gzipSync(body, { level: 9 }).length });
    } catch { /* redirects and aborted requests have no body */ }
  });
  await page.goto(demo.url + '/');
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  await page.waitForLoadState('networkidle');
  files.sort((a, b) => a.url.localeCompare(b.url));
  const widget = files.filter((f) => f.url.startsWith('/tessera/') || f.url.startsWith('/config/'));
  const host = files.filter((f) => !widget.includes(f));
  const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
  const rows = (list) => list.map((f) => `| ${f.url} | ${f.raw} | ${f.gzip} |`).join('\n');
  console.log('| file | bytes | gzip bytes |\n|---|---:|---:|');
  console.log(rows(widget));
  console.log(`| **widget total** (${widget.length} files) | ${sum(widget, 'raw')} | **${sum(widget, 'gzip')}** |`);
  console.log(rows(host));
  console.log(`| **page total** (${files.length} files) | ${sum(files, 'raw')} | ${sum(files, 'gzip')} |`);
} finally {
  await browser.close();
  await demo.stop();
}
