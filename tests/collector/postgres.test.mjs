// Two collector processes on one REAL PostgreSQL server (a throw-away
// cluster from scripts/pg-test-cluster.sh), over HTTP on 127.0.0.1:
// idempotency across processes, 503 while the database is down and recovery
// when it is back, 400/413/429/403 and CORS. Every loop is bounded in count
// and time; everything started here is stopped in after().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startCluster, startCollector, psql, delivery, post, repoRoot } from './pg-harness.mjs';
import { deliver } from '../../web/src/transport.js';

const SHOP = 'https://shop.example';
let cluster;
let a;
let b;
let strict;  // a third collector with a tight rate limit

before(async () => {
  cluster = await startCluster();
  const common = ['--db', cluster.url, '--allow-origin', SHOP];
  [a, b, strict] = await Promise.all([
    startCollector([...common, '--rate', '0']),
    startCollector([...common, '--rate', '0']),
    startCollector([...common, '--rate', '1/s', '--burst', '3']),
  ]);
}, { timeout: 120000 });

after(async () => {
  await Promise.all([a?.stop(), b?.stop(), strict?.stop()]);
  await cluster?.stop();
});

const rowsFor = async (key) =>
  Number(await psql(cluster.url, `SELECT count(*) FROM responses WHERE idempotency_key = '${key}'`));

test('the same key sent to both collectors, many times at once, is stored once', { timeout: 30000 },
  async () => {
    const key = randomUUID();
    const sends = [];
    for (let i = 0; i < 10; i++) sends.push(post(i % 2 ? a.url : b.url, '/v1/responses', delivery(key)));
    const statuses = (await Promise.all(sends)).map((r) => r.status).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    assert.equal(await rowsFor(key), 1);

    const keys = Array.from({ length: 40 }, () => randomUUID());
    const results = await Promise.all(keys.map((k, i) =>
      post(i % 2 ? a.url : b.url, '/v1/responses', delivery(k))));
    assert.ok(results.every((r) => r.status === 201));
    const stored = await psql(cluster.url,
      `SELECT count(*) || ' ' || count(DISTINCT idempotency_key) FROM responses
       WHERE idempotency_key IN (${keys.map((k) => `'${k}'`).join(',')})`);
    assert.equal(stored, '40 40');
  });

test('health checks the database on each collector', async () => {
  for (const c of [a, b]) {
    const res = await fetch(`${c.url}/healthz`);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.ok, true);
    assert.equal(body.db, 'postgresql');
  }
});

test('database down: 503 and nothing acknowledged; back up: the retrying client lands once',
  { timeout: 90000 }, async () => {
    const key = randomUUID();
    await cluster.down();
    try {
      const refused = await post(a.url, '/v1/responses', delivery(key));
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal((await refused.json()).error.code, 'unavailable');
      assert.equal((await fetch(`${b.url}/healthz`)).status, 503);
      assert.equal((await post(b.url, '/v1/ldp', { v: 1, site: 's', metric: 'm', epsilon: 1,
        encoding: 'grr', report: 2 })).status, 503);
    } catch (e) {
      await cluster.up();
      throw e;
    }
    // An outbox-style client: alternate collectors, retry every 200 ms until
    // acknowledged (at most 300 tries, 60 s), while the database restarts.
    const seen = [];
    const client = (async () => {
      for (let attempt = 0; attempt < 300; attempt++) {
        const res = await post(attempt % 2 ? a.url : b.url, '/v1/responses', delivery(key));
        seen.push(res.status);
        if (res.ok) return res.status;
        await new Promise((r) => setTimeout(r, 200));
      }
      return 0;
    })();
    await new Promise((r) => setTimeout(r, 1000));
    await cluster.up();
    const landed = await client;
    assert.equal(landed, 201, `statuses seen: ${seen.join(',')}`);
    assert.ok(seen.includes(503), 'the client saw the outage');
    assert.equal(await rowsFor(key), 1);
    for (const c of [a, b]) assert.equal((await fetch(`${c.url}/healthz`)).status, 200);
    // A resend after the outage is a duplicate, on either collector.
    assert.equal((await post(a.url, '/v1/responses', delivery(key))).status, 200);
    assert.equal((await post(b.url, '/v1/responses', delivery(key))).status, 200);
  });

test('LDP reports are stored without identifier or address; malformed ones get 400',
  async () => {
    const before = Number(await psql(cluster.url, 'SELECT count(*) FROM ldp_reports'));
    const report = { v: 1, site: 'demo-shop', metric: 'nps-bucket', epsilon: 1.5, encoding: 'grr',
      report: [0, 1, 0, 0] };
    const ok = await post(a.url, '/v1/ldp', report);
    assert.equal(ok.status, 201);
    assert.equal(Number(await psql(cluster.url, 'SELECT count(*) FROM ldp_reports')), before + 1);
    const columns = await psql(cluster.url, `SELECT string_agg(column_name, ',' ORDER BY column_name)
      FROM information_schema.columns WHERE table_name = 'ldp_reports'`);
    assert.equal(columns, 'encoding,epsilon,metric,received_hour_ms,report,site');
    const hour = Number(await psql(cluster.url, 'SELECT max(received_hour_ms) FROM ldp_reports'));
    assert.equal(hour % 3600000, 0, 'only the hour of arrival is kept');

    const cases = [
      [{ ...report, epsilon: 0 }, 'out_of_range', '/epsilon'],
      [{ ...report, epsilon: 'high' }, 'invalid_type', '/epsilon'],
      [{ ...report, report: { userId: 'u1' } }, 'invalid_type', '/report'],
      [{ ...report, report: [0, 'x'] }, 'invalid_type', '/report/1'],
      [{ ...report, userId: 'u1' }, 'unknown_field', '/userId'],
      [{ ...report, metric: 'a b' }, 'invalid_value', '/metric'],
      ['[', 'invalid_json', ''],
    ];
    for (const [body, code, pointer] of cases) {
      const res = await post(b.url, '/v1/ldp', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const { error } = await res.json();
      assert.equal(error.code, code, JSON.stringify(body));
      assert.equal(error.path, pointer, JSON.stringify(body));
    }
  });

test('oversized bodies get 413 on both routes', async () => {
  const big = await post(a.url, '/v1/responses', delivery(randomUUID(), { sealedBytes: 150000 }));
  assert.equal(big.status, 413);
  assert.equal((await big.json()).error.code, 'limit_exceeded');
  const bigReport = await post(a.url, '/v1/ldp', { v: 1, site: 's', metric: 'm', epsilon: 1,
    encoding: 'unary', report: new Array(9000).fill(1) });
  assert.equal(bigReport.status, 413);
});

test('CORS: preflight and posts for configured origins only', async () => {
  const preflight = (origin) => fetch(`${a.url}/v1/responses`, { method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,idempotency-key' } });
  const allowed = await preflight(SHOP);
  assert.equal(allowed.status, 204);
  assert.equal(allowed.headers.get('access-control-allow-origin'), SHOP);
  assert.match(allowed.headers.get('access-control-allow-methods'), /POST/);
  assert.match(allowed.headers.get('access-control-allow-headers'), /Idempotency-Key/);
  const foreign = await preflight('https://evil.example');
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);

  const key = randomUUID();
  const refused = await post(a.url, '/v1/responses', delivery(key), { Origin: 'https://evil.example' });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, 'origin_not_allowed');
  assert.equal(await rowsFor(key), 0);
  const fromShop = await post(a.url, '/v1/responses', delivery(key), { Origin: SHOP });
  assert.equal(fromShop.status, 201);
  assert.equal(fromShop.headers.get('access-control-allow-origin'), SHOP);
  assert.equal(fromShop.headers.get('vary'), 'Origin');
});

test('over the rate: 429 with Retry-After, and the browser outbox retries until it lands',
  { timeout: 30000 }, async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await post(strict.url, '/v1/responses', delivery(randomUUID()));
      statuses.push(res.status);
      if (res.status === 429) {
        assert.ok(Number(res.headers.get('retry-after')) >= 1);
        assert.equal((await res.json()).error.code, 'rate_limited');
      }
    }
    assert.deepEqual(statuses.slice(0, 3), [201, 201, 201]);
    assert.ok(statuses.slice(3).includes(429), statuses.join(','));
    // web/src/transport.js, as the widget uses it: 429 is retryable.
    const key = randomUUID();
    const seen = [];
    const fetchImpl = async (...args) => {
      const res = await fetch(...args);
      seen.push(res.status);
      return res;
    };
    const sleep = () => new Promise((r) => setTimeout(r, 1100));
    const out = await deliver(`${strict.url}/v1/responses`, delivery(key), { fetchImpl, sleep });
    assert.equal(out.status, 201, seen.join(','));
    assert.equal(await rowsFor(key), 1);
  });

test('the PostgreSQL store GoogleTests run against this server', { timeout: 120000 }, async (t) => {
  const binary = path.join(repoRoot, 'build/native/tests/tessera_tool_tests');
  if (!fs.existsSync(binary)) {
    t.skip('build/native/tests/tessera_tool_tests is not built');
    return;
  }
  await psql(cluster.url, 'CREATE DATABASE gtest');
  const url = cluster.url.replace(/\/tessera$/, '/gtest');
  const r = spawnSync(binary, ['--gtest_filter=PostgresStore*'], {
    env: { ...process.env, TESSERA_PG_URL: url }, encoding: 'utf8', timeout: 110000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /SKIPPED/, 'no test skipped with the URL set');
  assert.match(r.stdout, /PASSED/);
});
