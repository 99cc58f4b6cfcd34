// What the one snippet costs the host page: main-thread blocking time in
// headless Chromium, the same page with and without the snippet, alternating,
// RUNS times each (default 30), fresh context (empty cache) per load.
//
//   Total blocking time (TBT): the sum over long tasks (PerformanceObserver
//   `longtask`, > 50 ms) of the part above 50 ms, until the page is idle.
//   Main-thread task time: Chromium's TaskDuration (CDP Performance metrics),
//   all work on the main thread, long or not.
//
// Two configs: no survey due (the snippet fetches the config and stops: what
// every page of a site pays) and a survey due on page view (the snippet loads
// the core and shows it).
//
//   node bench/host-impact.mjs
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, repoRoot, startDemo } from '../tests/browser/harness.mjs';

const RUNS = Number(process.env.RUNS ?? 30);
const template = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));
const demo = await startDemo({ mounts: [['/bench', path.join(repoRoot, 'bench/pages')]] });
const configFile = path.join(demo.dir, 'config/site-config.json');
const publicKey = JSON.parse(fs.readFileSync(configFile, 'utf8')).publicKey;
const browser = await launch();

function useConfig(due) {
  const survey = { ...template.surveys[0] };
  if (due) survey.trigger = { events: [{ type: 'page_view' }], display: 'always' };
  else survey.trigger = { events: [{ type: 'page_view' }], urls: { all: [{ match: 'contains', value: 'never' }] } };
  fs.writeFileSync(configFile, JSON.stringify({ site: template.site, endpoint: template.endpoint, publicKey, surveys: [survey] }));
}

async function load(snippet, due) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${demo.url}/bench/host.html${snippet ? '?snippet=1' : ''}`);
  if (snippet && due) await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 30000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300); // let the last tasks finish and be reported
  const tasks = await page.evaluate(() => window.__longTasks);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await context.close();
  const taskMs = metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  return { tbt: tasks.reduce((s, t) => s + Math.max(0, t.duration - 50), 0), longTasks: tasks.length, taskMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
try {
  for (const due of [false, true]) {
    useConfig(due);
    const r = { without: [], with: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const snippet of i % 2 ? [true, false] : [false, true]) {
        r[snippet ? 'with' : 'without'].push(await load(snippet, due));
      }
    }
    rows.push({ due, r });
  }
} finally {
  await browser.close();
  await demo.stop();
}

console.log(`${RUNS} alternating loads each; load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| snippet config | TBT without, median ms | TBT with, median ms | TBT added | max TBT with | long tasks with (total) | main-thread task time added, median ms |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const { due, r } of rows) {
  const tbt = (k) => median(r[k].map((x) => x.tbt));
  const task = (k) => median(r[k].map((x) => x.taskMs));
  console.log(`| ${due ? 'survey due on page view (core loads, survey shown)' : 'no survey due (config only)'} | ` +
    `${tbt('without').toFixed(1)} | ${tbt('with').toFixed(1)} | **${(tbt('with') - tbt('without')).toFixed(1)}** | ` +
    `${Math.max(...r.with.map((x) => x.tbt)).toFixed(1)} | ${r.with.reduce((s, x) => s + x.longTasks, 0)} | ` +
    `${(task('with') - task('without')).toFixed(1)} |`);
}
