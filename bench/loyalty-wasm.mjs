// Loyalty replay and queries, native and wasm-in-Node side by side in one
// run, on the same workload (bench/loyalty_workload.hpp): replay of
// 1,000,000 parsed events, and balance + tier on a 100,000-event ledger.
// Native runs before and after the wasm part so that a change in the
// machine's load shows up as a spread rather than a skewed ratio; the best
// of each side is compared. The final states must match exactly.
//
//   scripts/build.sh release       # with -DTESSERA_BUILD_BENCH=ON, see docs/benchmarks.md
//   scripts/build.sh wasm-bench
//   node bench/loyalty-wasm.mjs [--reps 3]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nativeBin = process.env.TESSERA_NATIVE_BENCH ?? path.join(root, 'build/release/bench/loyalty_bench');
const wasmDir = process.env.TESSERA_WASM_BENCH ?? path.join(root, 'build/wasm-bench/bench');
const repsArg = process.argv.indexOf('--reps');
const reps = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 3;
const EVENTS = 1_000_000; // BM_Replay's argument
const QUERY_EVENTS = 100_000; // BM_BalanceAndTier's argument

function runNative() {
  const summaryFile = path.join(os.tmpdir(), `loyalty-native-summary-${process.pid}.json`);
  const out = spawnSync(nativeBin, ['--benchmark_filter=BM_Replay|BM_BalanceAndTier',
    `--benchmark_repetitions=1`, '--benchmark_format=json'], {
    env: { ...process.env, TESSERA_BENCH_SUMMARY: summaryFile },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (out.status !== 0) throw new Error(`${nativeBin} failed: ${out.stderr}`);
  const report = JSON.parse(out.stdout);
  const replay = report.benchmarks.find((b) => b.name.startsWith('BM_Replay/'));
  const query = report.benchmarks.find((b) => b.name.startsWith('BM_BalanceAndTier/'));
  const summary = fs.readFileSync(summaryFile, 'utf8').trim();
  fs.rmSync(summaryFile);
  return {
    replayMs: replay.real_time, // manual time: the replay itself, per iteration
    eventsPerSecond: replay['events/s'],
    queryMicros: query.real_time,
    queryCpuMicros: query.cpu_time,
    summary,
  };
}

async function loadWasm() {
  const factory = path.join(wasmDir, 'tessera-loyalty-bench.mjs');
  if (!fs.existsSync(factory)) throw new Error(`${factory} missing: run scripts/build.sh wasm-bench`);
  const { default: create } = await import(pathToFileURL(factory).href);
  return create({ wasmBinary: fs.readFileSync(path.join(wasmDir, 'tessera-loyalty-bench.wasm')) });
}

function timed(fn) {
  const cpu = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

function runWasm(core) {
  core.prepare(EVENTS);
  const runs = [];
  for (let i = 0; i < reps; i++) {
    core.stage();
    runs.push(timed(() => core.replay()));
  }
  const summary = core.summary();
  core.prepare(QUERY_EVENTS);
  core.stage();
  core.replay();
  core.query(100); // warm-up
  const times = 2000;
  const q = timed(() => core.query(times));
  return {
    replayMs: Math.min(...runs.map((r) => r.wallMs)),
    replayCpuMs: Math.min(...runs.map((r) => r.cpuMs)),
    queryMicros: (q.wallMs * 1000) / times,
    queryCpuMicros: (q.cpuMs * 1000) / times,
    summary,
  };
}

const load = [os.loadavg()[0]];
const core = await loadWasm();
const nativeBefore = runNative();
const wasm = runWasm(core);
const nativeAfter = runNative();
load.push(os.loadavg()[0]);

if (nativeBefore.summary !== wasm.summary || nativeAfter.summary !== wasm.summary) {
  throw new Error(`native and wasm disagree:\n${nativeBefore.summary}\n${wasm.summary}`);
}
const nativeMs = Math.min(nativeBefore.replayMs, nativeAfter.replayMs);
const nativeQuery = Math.min(nativeBefore.queryMicros, nativeAfter.queryMicros);
const round = (x, d = 0) => Number(x.toFixed(d));
console.log(JSON.stringify({
  machine: `${os.cpus().length} x ${os.cpus()[0].model}, load average ${load.map((l) => l.toFixed(1)).join(' -> ')}`,
  replay: {
    events: EVENTS,
    nativeMs: [round(nativeBefore.replayMs, 1), round(nativeAfter.replayMs, 1)],
    nativeEventsPerSecond: round((EVENTS * 1000) / nativeMs),
    wasmMs: round(wasm.replayMs, 1),
    wasmCpuMs: round(wasm.replayCpuMs, 1),
    wasmEventsPerSecond: round((EVENTS * 1000) / wasm.replayMs),
    wasmOverNative: round(wasm.replayMs / nativeMs, 2),
  },
  balanceAndTier: {
    ledgerEvents: QUERY_EVENTS,
    nativeMicros: [round(nativeBefore.queryMicros, 2), round(nativeAfter.queryMicros, 2)],
    nativeCpuMicros: [round(nativeBefore.queryCpuMicros, 2), round(nativeAfter.queryCpuMicros, 2)],
    wasmMicros: round(wasm.queryMicros, 2),
    wasmCpuMicros: round(wasm.queryCpuMicros, 2),
    wasmOverNative: round(wasm.queryMicros / nativeQuery, 2),
  },
  sameState: true,
  state: JSON.parse(wasm.summary),
}, null, 1));
