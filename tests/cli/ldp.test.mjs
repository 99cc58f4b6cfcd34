// Private statistics end to end, outside the browser: reports made by the
// wasm core (privacy.report, one fresh budget per simulated device) are
// posted to a real collector (POST /v1/ldp, SQLite), and `tessera report`
// turns the stored rows back into frequency estimates whose 95% intervals
// hold the true counts (privateStatistics in its JSON). A row that does not
// fit the metric is counted as rejected, not decoded.
//
//   node --test tests/cli/ldp.test.mjs   (needs build/native/tools and build/wasm/web)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCore, repoRoot } from '../wasm/load-core.mjs';

const tools = process.env.TESSERA_TOOLS ?? path.join(repoRoot, 'build/native/tools');
const DEVICES = 2000;
const T = 1795000000000;

const config = {
  site: 'shop', endpoint: '/v1/responses',
  publicKey: 'qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=', surveys: [],
  personalization: {
    candidates: [{ id: 'a', categories: ['x'], title: 'A' }],
    privacy: {
      metrics: [{ metric: 'size', mechanism: 'rr', domain: 4, epsilon: 2 },
        { metric: 'favourite', mechanism: 'oue', domain: 12, epsilon: 1 }],
      budget: { dailyEpsilon: 5, lifetimeEpsilon: 10 },
    },
  },
};
// True distributions: value v of each metric held by this many devices.
const truth = { size: [1000, 600, 300, 100], favourite: [400, 400, 200, 200, 200, 200, 100, 100, 100, 100, 0, 0] };

function valueOf(counts, device) {
  let acc = 0;
  for (let v = 0; v < counts.length; v++) {
    acc += counts[v];
    if (device < acc) return v;
  }
  throw new Error('device out of range');
}

async function startCollector(db) {
  const proc = spawn(path.join(tools, 'tessera-collector'),
    ['--db', db, '--host', '127.0.0.1', '--port', '0', '--rate', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return { url, stop: () => new Promise((r) => { proc.once('exit', r); proc.kill('SIGTERM'); }) };
}

test('reports from the wasm core, through the collector, decoded by tessera report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-ldp-'));
  const db = path.join(dir, 'responses.sqlite');
  const configFile = path.join(dir, 'site-config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const core = await loadCore();
  const created = JSON.parse(core.createEngine(JSON.stringify(config)));
  assert.ok(created.ok, JSON.stringify(created));
  const call = (method, args) => {
    const out = JSON.parse(core.call(created.value.handle, method, JSON.stringify(args)));
    assert.ok(out.ok, JSON.stringify(out));
    return out.value;
  };
  const collector = await startCollector(db);
  try {
    const post = async (body) => {
      const res = await fetch(`${collector.url}/v1/ldp`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      assert.equal(res.status, 201, await res.text());
    };
    for (let device = 0; device < DEVICES; device++) {
      let budget = null;
      for (const [m, metric] of ['size', 'favourite'].entries()) {
        const seed = (2 * device + m + 1).toString(16).padStart(64, '0');
        const made = call('privacy.report', { metric, value: valueOf(truth[metric], device), now: T, seed, budget });
        budget = made.budget;
        assert.deepEqual(Object.keys(made.body).sort(), ['encoding', 'epsilon', 'metric', 'report', 'site', 'v']);
        await post(made.body);
      }
    }
    const key = path.join(dir, 'merchant.key');
    assert.equal(spawnSync(path.join(tools, 'tessera'), ['keygen', '--out', key]).status, 0);
    const run = () => {
      const out = spawnSync(path.join(tools, 'tessera'),
        ['report', '--key', key, '--db', db, '--config', configFile, '--format', 'json'], { encoding: 'utf8' });
      assert.equal(out.status, 0, out.stderr);
      return JSON.parse(out.stdout).privateStatistics;
    };
    const lines = run();
    assert.deepEqual(lines.map((l) => l.metric).sort(), ['favourite', 'size']);
    let outside = 0;
    let total = 0;
    for (const line of lines) {
      assert.equal(line.reports, DEVICES);
      assert.equal(line.rejected, 0);
      for (const raw of line.estimates) {
        const e = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
        const want = truth[line.metric][e.value];
        total++;
        if (want < e.ciLow || want > e.ciHigh) outside++;
        // Far outside would mean a biased decoder, not bad luck.
        assert.ok(Math.abs(e.count - want) < 2.5 * (e.ciHigh - e.ciLow), JSON.stringify({ e, want }));
      }
    }
    assert.ok(outside <= 3, `${outside} of ${total} 95% intervals miss the truth`);

    // A row with another domain (an old config, or forged): refused by the
    // decoder and counted, beside the good ones.
    await post({ v: 1, site: 'shop', metric: 'size', epsilon: 2, encoding: 'rr-5', report: 4 });
    const other = run().find((l) => l.encoding === 'rr-5');
    assert.equal(other.rejected, 1);
    assert.equal(other.reports, 0);
    assert.match(other.note, /another domain/);
  } finally {
    await collector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
