// `tessera report` on a REAL PostgreSQL store (a throw-away cluster from
// scripts/pg-test-cluster.sh): the same synthetic records and private
// statistics, written once into PostgreSQL and once into SQLite, give the
// same report byte for byte, wrong-key and altered records listed in both.
// A report sent over HTTP to a collector on that database is decoded too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCluster, startCollector, post, repoRoot, toolsDir } from './pg-harness.mjs';

const tessera = path.join(toolsDir, 'tessera');
const config = path.join(repoRoot, 'tests/report/site-config.json');
let cluster;
let dir;

before(async () => {
  cluster = await startCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-pg-report-'));
}, { timeout: 120000 });

after(async () => {
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function seal(key, db) {
  const r = spawnSync(tessera, ['seal-test-records', '--key', key, '--db', db, '--count', '150',
    '--wrong-key', '1', '--tampered', '1', '--ldp', '300', '--seed', '5'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr;
}

function report(key, db, format) {
  const r = spawnSync(tessera, ['report', '--key', key, '--db', db, '--config', config,
    '--generated', 'pg test', '--format', format], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 2, r.stderr);  // 2: the wrong-key and altered records
  return r.stdout;
}

test('a PostgreSQL store reports exactly what the same records in SQLite report',
  { timeout: 120000 }, async () => {
    const key = path.join(dir, 'merchant.key');
    execFileSync(tessera, ['keygen', '--out', key]);
    const sqlite = path.join(dir, 'responses.sqlite');
    const truthPg = seal(key, cluster.url);
    const truthSqlite = seal(key, sqlite);
    assert.equal(truthPg.match(/^ldp-truth .*$/gm).join('\n'),
      truthSqlite.match(/^ldp-truth .*$/gm).join('\n'));

    const fromPg = report(key, cluster.url, 'json');
    assert.equal(fromPg, report(key, sqlite, 'json'));
    assert.equal(report(key, cluster.url, 'csv'), report(key, sqlite, 'csv'));
    assert.equal(report(key, cluster.url, 'html'), report(key, sqlite, 'html'));

    const json = JSON.parse(fromPg);
    assert.ok(json.failedCount >= 2);
    assert.ok(json.surveys.gallery.followUps.length > 0);
    assert.ok(json.surveys.service.servqual.display.dimensions.reliability.gap < 0);
    assert.ok(json.surveys.value.deliveredValue.display.meanDifference !== null);
    assert.deepEqual(json.privateStatistics.map((p) => [p.metric, p.reports, p.rejected]),
      [['favourite-category', 300, 0], ['interests', 300, 0]]);
  });

test('an LDP report posted to a collector on PostgreSQL shows up in the report',
  { timeout: 60000 }, async () => {
    const key = path.join(dir, 'merchant.key');
    const collector = await startCollector(['--db', cluster.url, '--rate', '0']);
    try {
      const res = await post(collector.url, '/v1/ldp',
        { v: 1, site: 'demo-shop', metric: 'favourite-category', epsilon: 1, encoding: 'rr', report: 4 });
      assert.equal(res.status, 201);
      // Out of the metric's domain (5 values): stored by the collector, which
      // cannot know the domain, and rejected by the report, which can.
      const bad = await post(collector.url, '/v1/ldp',
        { v: 1, site: 'demo-shop', metric: 'favourite-category', epsilon: 1, encoding: 'rr', report: 9 });
      assert.equal(bad.status, 201);
    } finally {
      await collector.stop();
    }
    const json = JSON.parse(report(key, cluster.url, 'json'));
    const fav = json.privateStatistics.find((p) => p.metric === 'favourite-category');
    assert.equal(fav.reports, 301);
    assert.equal(fav.rejected, 1);
    assert.match(fav.note, /value|range|domain/i);
  });
