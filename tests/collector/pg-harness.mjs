// Shared by the PostgreSQL collector tests and bench/collector-load.mjs: a
// throw-away PostgreSQL cluster (scripts/pg-test-cluster.sh), collector
// processes on 127.0.0.1 with random ports, and psql for counting rows.
// Everything started here is stopped by the returned stop() functions.
import { spawn, execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = process.env.TESSERA_TOOLS ?? path.join(repoRoot, 'build/native/tools');
const clusterScript = path.join(repoRoot, 'scripts/pg-test-cluster.sh');
const run = promisify(execFile);

/** Starts a cluster; resolves with {url, dir, down(), up(), stop()}. */
export async function startCluster() {
  const { stdout } = await run(clusterScript, ['start'], { timeout: 90000 });
  const url = stdout.match(/^PG_URL=(.*)$/m)?.[1];
  const dir = stdout.match(/^PG_DIR=(.*)$/m)?.[1];
  if (!url || !dir) throw new Error(`pg-test-cluster.sh start printed: ${stdout}`);
  return {
    url, dir,
    down: () => run(clusterScript, ['down', dir], { timeout: 60000 }),
    up: () => run(clusterScript, ['up', dir], { timeout: 60000 }),
    stop: () => run(clusterScript, ['stop', dir], { timeout: 60000 }),
  };
}

/** One value (first column of the first row) of a query. */
export async function psql(url, sql) {
  const { stdout } = await run('psql', [url, '-Atqc', sql],
    { timeout: 30000, maxBuffer: 256 * 1024 * 1024 });
  return stdout.trim();
}

/** Starts tessera-collector with `args`; resolves with {url, proc, stop()}. */
export async function startCollector(args, { binary } = {}) {
  const exe = binary ?? path.join(toolsDir, 'tessera-collector');
  const proc = spawn(exe, ['--host', '127.0.0.1', '--port', '0', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('collector did not start in 10 s')), 10000);
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code}: ${stderr}`));
    });
  });
  return {
    url, proc,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A well-formed delivery body; `sealed` is opaque bytes of a plausible size. */
export function delivery(key, { site = 'demo-shop', sealedBytes = 120 } = {}) {
  return { v: 1, site, surveyId: 'post-purchase', idempotencyKey: key, kind: 'final',
    sealed: Buffer.alloc(sealedBytes, 7).toString('base64') };
}

/** POSTs JSON (or raw text) to a collector. */
export function post(base, route, body, headers = {}) {
  return fetch(`${base}${route}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
