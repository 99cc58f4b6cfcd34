// Load test: two collector processes sharing one PostgreSQL on 127.0.0.1.
// Bounded: stops after --seconds (default 20) or --requests (default 50000),
// whichever comes first. Reports sustained requests/s, p50/p99 latency, and
// then checks the table: every acknowledged record present exactly once.
//
//   node bench/collector-load.mjs [--seconds 20] [--requests 50000]
//       [--connections 16] [--db-connections 4] [--duplicates 0.05]
//
// Uses build/release/tools/tessera-collector when built (the Debug build
// runs under ASan and measures the sanitizer), else TESSERA_TOOLS or
// build/native/tools. A share of requests (--duplicates) resends a key
// already acknowledged, to the other collector: those must answer 200 and
// store nothing. Everything started here is stopped at the end.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { startCluster, startCollector, psql, delivery, repoRoot } from '../tests/collector/pg-harness.mjs';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const seconds = Math.min(flag('seconds', 20), 120);
const maxRequests = Math.min(flag('requests', 50000), 500000);
const connections = Math.min(flag('connections', 16), 64);
const duplicateShare = flag('duplicates', 0.05);
const dbConnections = Math.min(flag('db-connections', 4), 32);  // per collector

const release = path.join(repoRoot, 'build/release/tools/tessera-collector');
const binary = !process.env.TESSERA_TOOLS && fs.existsSync(release) ? release : undefined;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// One POST on a kept-alive socket; resolves with the status code.
function send(agent, target, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: target.port, path: '/v1/responses',
      method: 'POST', agent, timeout: 10000,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
    (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

const cluster = await startCluster();
const collectors = [];
try {
  // One HTTP worker per client connection, so that no connection queues.
  const threads = Math.max(8, Math.ceil(connections / 2));
  const args = ['--db', cluster.url, '--rate', '0', '--threads', String(threads),
    '--db-connections', String(dbConnections)];
  collectors.push(...await Promise.all([startCollector(args, { binary }),
    startCollector(args, { binary })]));
  const targets = collectors.map((c) => ({ port: Number(new URL(c.url).port) }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.ceil(connections / 2) });

  const acked = [];        // keys answered 201, in order
  const ackedSet = new Set();
  const latencies = [];    // ms, every completed request
  const counts = { created: 0, duplicate: 0, other: 0, errors: 0 };
  let started = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;

  async function worker(id) {
    for (let n = 0; started < maxRequests && performance.now() < deadline; n++) {
      started++;
      const resend = acked.length > 0 && Math.random() < duplicateShare;
      const key = resend ? acked[Math.floor(Math.random() * acked.length)] : randomUUID();
      const target = targets[(id + n) % targets.length];
      const body = JSON.stringify(delivery(key, { sealedBytes: 256 }));
      const t = performance.now();
      try {
        const status = await send(agent, target, body);
        latencies.push(performance.now() - t);
        if (status === 201) {
          counts.created++;
          acked.push(key);
          ackedSet.add(key);
        } else if (status === 200 && resend) {
          counts.duplicate++;
        } else {
          counts.other++;
        }
      } catch {
        counts.errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();

  latencies.sort((x, y) => x - y);
  const [rows, distinct] = (await psql(cluster.url,
    "SELECT count(*) || ' ' || count(DISTINCT idempotency_key) FROM responses")).split(' ').map(Number);
  const stored = new Set((await psql(cluster.url, 'SELECT idempotency_key FROM responses'))
    .split('\n').filter(Boolean));
  const missing = [...ackedSet].filter((k) => !stored.has(k)).length;

  const result = {
    seconds: Number(elapsed.toFixed(2)),
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    maxMs: Number(latencies[latencies.length - 1].toFixed(2)),
    ...counts,
    acknowledged: ackedSet.size, rows, distinct, missing,
    connections, dbConnectionsPerCollector: dbConnections, binary: binary ? 'build/release' : 'build/native (Debug, ASan)',
  };
  console.log(JSON.stringify(result, null, 2));
  const ok = missing === 0 && rows === distinct && rows === ackedSet.size && counts.other === 0 &&
    counts.errors === 0;
  console.log(ok ? 'count check: every acknowledged record present exactly once'
    : 'count check FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await Promise.all(collectors.map((c) => c.stop()));
  await cluster.stop();
}
