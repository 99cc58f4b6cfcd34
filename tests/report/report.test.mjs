// End to end: keygen, seal synthetic records (plus one wrong-key and one
// tampered response) into SQLite, run `tessera report` as html, csv and
// json, check the numbers against an independent computation from the
// plaintext, and render the HTML in headless Chromium with no network.
//
//   node --test tests/report/report.test.mjs      (after scripts/build.sh debug)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, artifactsDir, launch, repoRoot, toolsDir } from '../browser/harness.mjs';

const tessera = path.join(toolsDir, 'tessera');
const config = path.join(repoRoot, 'tests/report/site-config.json');

function report(key, db, ...more) {
  const r = spawnSync(tessera, ['report', '--key', key, '--db', db, '--config', config,
    '--generated', 'test run', ...more], { encoding: 'utf8' });
  // 2: some records did not open, which this data set includes on purpose.
  assert.equal(r.status, 2, r.stderr);
  return r.stdout;
}

// The report's rules, written again from docs/reports.md: one record per
// response (the final, else the partial with the most answers).
function expected(lines) {
  const best = new Map();
  for (const rec of lines) {
    const k = `${rec.surveyId}\n${rec.responseId}`;
    const prev = best.get(k);
    const size = (r) => Object.keys(r.answers).length;
    if (!prev || (prev.kind === 'partial' &&
        (rec.kind === 'final' || size(rec) >= size(prev)))) best.set(k, rec);
  }
  const out = {};
  const cells = (m) => Object.entries(m ?? {});
  for (const rec of best.values()) {
    const s = (out[rec.surveyId] ??= { responses: 0, complete: 0, nps: [0, 0, 0], csat: [],
      ces: [], follow: 0, rel: [0, 0, 0], cdv: [] });
    s.responses++;
    if (rec.kind === 'final') s.complete++;
    const a = rec.answers;
    if (a.nps !== undefined) s.nps[a.nps <= 6 ? 0 : a.nps <= 8 ? 1 : 2]++;
    if (a.csat !== undefined) s.csat.push(a.csat);
    if (a.ces !== undefined) s.ces.push(a.ces);
    const f = rec.followUp;
    if (f?.needed && f.consent && f.address) s.follow++;
    // SERVQUAL template: matrix rows pair expectation and perception.
    for (const [row, e] of cells(a.expectation_reliability)) {
      const p = a.perception_reliability?.[row];
      if (p === undefined) continue;
      s.rel[0] += Number(e);
      s.rel[1] += Number(p);
      s.rel[2]++;
    }
    if (a.cdv_value && a.cdv_cost) {
      const sum = (m) => cells(m).reduce((t, [, x]) => t + Number(x), 0);
      s.cdv.push(sum(a.cdv_value) - sum(a.cdv_cost));
    }
  }
  return out;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-3, `${what}: ${a} vs ${b}`);

test('tessera report: numbers, failures, self-contained HTML', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-report-'));
  try {
    const key = path.join(dir, 'merchant.key');
    const db = path.join(dir, 'responses.sqlite');
    const plain = path.join(dir, 'plain.jsonl');
    execFileSync(tessera, ['keygen', '--out', key]);
    const seeded = spawnSync(tessera, ['seal-test-records', '--key', key, '--db', db, '--count',
      '400', '--wrong-key', '1', '--tampered', '1', '--plain-out', plain, '--seed', '11',
      '--ldp', '3000'],
    { encoding: 'utf8' });
    assert.equal(seeded.status, 0, seeded.stderr);
    const stored = Number(/(\d+) records stored/.exec(seeded.stderr)[1]);
    const lines = fs.readFileSync(plain, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.length >= 400);

    const jsonText = report(key, db, '--format', 'json');
    const json = JSON.parse(jsonText);
    assert.equal(json.opened, lines.length);
    assert.equal(json.failedCount, stored - lines.length);
    assert.ok(json.failedCount >= 2, 'the wrong-key and the tampered response');
    for (const f of json.failed) assert.match(f.idempotencyKey, /^r-0000040[01]/);

    const want = expected(lines);
    for (const [id, w] of Object.entries(want)) {
      const got = json.surveys[id];
      assert.equal(got.responses, w.responses, `${id} responses`);
      assert.equal(got.complete, w.complete, `${id} complete`);
      assert.equal(got.partial, w.responses - w.complete, `${id} partial`);
      const n = w.nps[0] + w.nps[1] + w.nps[2];
      if (n) {
        assert.deepEqual(got.nps.nps.counts,
          { detractors: w.nps[0], passives: w.nps[1], promoters: w.nps[2] });
        close(got.nps.nps.display.score, (100 * (w.nps[2] - w.nps[0])) / n, `${id} NPS`);
      }
      assert.equal(got.followUps.length, w.follow, `${id} follow-ups`);
      if (w.csat.length) {
        close(got.csat.csat.display.mean, mean(w.csat), 'CSAT mean');
        close(got.csat.csat.display.top2BoxPct,
          (100 * w.csat.filter((x) => x >= 4).length) / w.csat.length, 'CSAT top-2-box');
        close(got.ces.ces.display.mean, mean(w.ces), 'CES mean');
      }
      if (w.rel[2]) {
        close(got.servqual.display.dimensions.reliability.gap, (w.rel[1] - w.rel[0]) / w.rel[2],
          'SERVQUAL reliability gap');
      }
      if (w.cdv.length) {
        close(got.deliveredValue.display.meanDifference, mean(w.cdv), 'delivered value');
      }
    }
    // Every shipped instrument made it into the numbers.
    assert.ok(want.gallery.follow > 0 && want.service.rel[2] > 0 && want.value.cdv.length > 0);
    assert.equal(json.surveys.service.invalidAnswers, 0);
    assert.equal(json.surveys.value.invalidAnswers, 0);

    // Private statistics: the estimates cover the true counts (a fixed seed,
    // so this is exact, not flaky) and nothing was rejected.
    const truths = [...seeded.stderr.matchAll(/^ldp-truth (.*)$/gm)].map((m) => JSON.parse(m[1]));
    assert.equal(truths.length, 2);
    for (const t of truths) {
      const got = json.privateStatistics.find((p) => p.metric === t.metric);
      assert.equal(got.reports, 3000);
      assert.equal(got.rejected, 0);
      let covered = 0;
      for (const e of got.estimates) {
        if (e.ciLow <= t.counts[e.value] && t.counts[e.value] <= e.ciHigh) covered++;
      }
      assert.ok(covered >= got.estimates.length - 1, `${t.metric}: ${covered} of ${got.estimates.length} intervals cover`);
    }
    // Deterministic: the same store gives the same bytes.
    assert.equal(report(key, db, '--format', 'json'), jsonText);
    const csv = report(key, db, '--format', 'csv');
    const row = csv.split('\n').find((l) => l.startsWith('gallery,nps,nps_score,'));
    close(Number(row.split(',')[3]), json.surveys.gallery.nps.nps.display.score, 'CSV NPS');
    assert.match(csv, new RegExp(`^,,failed,${json.failedCount}$`, 'm'));

    const html = path.join(dir, 'report.html');
    report(key, db, '--out', html);
    const text = fs.readFileSync(html, 'utf8');
    assert.doesNotMatch(text, /<script|<img|<link|@import|url\(/i);
    assert.match(text, /&lt;script&gt;/);

    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${html}`);
      await page.waitForLoadState('networkidle');
      assert.deepEqual(requests, [`file://${html}`], 'no request beyond the file itself');
      assert.ok(await page.locator('svg.chart').count() >= 8);
      assert.ok(await page.getByText('Private statistics').count() >= 1);
      assert.ok(await page.getByText('Open follow-ups').count() >= 1);
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    assert.ok(CHROMIUM_ARGS.includes('--headless'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
