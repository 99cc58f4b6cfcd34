// Loyalty replay and queries, native and wasm-in-Node side by side in one
// run, on the same workload (bench/loyalty_workload.hpp): replay of
// 1,000,000 parsed events, and balance + tier on a 100,000-event ledger.
// Native runs before and after the wasm part so that a change in the
// machine's load shows up as a spread rather than a skewed ratio; the best
// of each side is compared, CPU time with CPU time (the machine is shared,
// so wall time mostly measures the wait for a core) and wall with wall.
// The final states must match exactly.
//
// Memory: the wasm module keeps its linear memory between replays, so its
// later replays write into pages already mapped; glibc hands the native
// replay's large vectors back to the kernel after each replay, so every
// native replay faults its memory in afresh. The native side therefore
// also runs with glibc told to keep freed memory (GLIBC_TUNABLES below):
// the like-for-like comparison with wasm.
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
const reps = Math.max(2, repsArg > 0 ? Number(process.argv[repsArg + 1]) : 3); // the first replay grows memory
const EVENTS = 1_000_000; // BM_Replay's argument
const QUERY_EVENTS = 100_000; // BM_BalanceAndTier's argument

const KEEP_MEMORY = 'glibc.malloc.mmap_threshold=4294967295:glibc.malloc.trim_threshold=4294967295';

function runNative(keepMemory = false) {
  const summaryFile = path.join(os.tmpdir(), `loyalty-native-summary-${process.pid}.json`);
  const env = { ...process.env, TESSERA_BENCH_SUMMARY: summaryFile };
  if (keepMemory) env.GLIBC_TUNABLES = KEEP_MEMORY;
  const out = spawnSync(nativeBin, ['--benchmark_filter=BM_Replay|BM_BalanceAndTier',
    `--benchmark_repetitions=1`, '--benchmark_format=json'], {
    env,
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
    replayMs: replay.best_cpu_ms, // the replay's CPU time, best of the iterations
    replayFirstMs: replay.first_cpu_ms,
    replayWallMs: replay.best_wall_ms,
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
    replayWallMs: runs.map((r) => r.wallMs),
    replayCpuMs: runs.map((r) => r.cpuMs),
    queryMicros: (q.wallMs * 1000) / times,
    queryCpuMicros: (q.cpuMs * 1000) / times,
    summary,
  };
}

const load = [os.loadavg()[0]];
const core = await loadWasm();
const nativeBefore = [runNative(), runNative(true)];
const wasm = runWasm(core);
const nativeAfter = [runNative(), runNative(true)];
load.push(os.loadavg()[0]);

for (const n of [...nativeBefore, ...nativeAfter]) {
  if (n.summary !== wasm.summary) {
    throw new Error(`native and wasm disagree:\n${n.summary}\n${wasm.summary}`);
  }
}
const round = (x, d = 0) => Number(x.toFixed(d));
const best = (xs) => Math.min(...xs);
const eps = (ms) => round((EVENTS * 1000) / ms);
// Per native variant (0: default, 1: memory kept): [before, after].
const nat = (v, field) => [nativeBefore[v][field], nativeAfter[v][field]];
const wasmCpu = best(wasm.replayCpuMs.slice(1)); // later replays: memory already grown
const wasmWall = best(wasm.replayWallMs.slice(1));
const nativeQuery = best([...nativeBefore, ...nativeAfter].map((n) => n.queryCpuMicros));
console.log(JSON.stringify({
  machine: `${os.cpus().length} x ${os.cpus()[0].model}, load average ${load.map((l) => l.toFixed(1)).join(' -> ')}`,
  replay: {
    events: EVENTS,
    nativeCpuMs: nat(0, 'replayMs').map((x) => round(x, 1)),
    nativeFirstCpuMs: nat(0, 'replayFirstMs').map((x) => round(x, 1)),
    nativeWallMs: nat(0, 'replayWallMs').map((x) => round(x, 1)),
    nativeKeptMemoryCpuMs: nat(1, 'replayMs').map((x) => round(x, 1)),
    nativeKeptMemoryFirstCpuMs: nat(1, 'replayFirstMs').map((x) => round(x, 1)),
    nativeKeptMemoryWallMs: nat(1, 'replayWallMs').map((x) => round(x, 1)),
    wasmCpuMs: wasm.replayCpuMs.map((x) => round(x, 1)),
    wasmWallMs: wasm.replayWallMs.map((x) => round(x, 1)),
    eventsPerSecondCpu: {
      native: eps(best(nat(0, 'replayMs'))),
      nativeKeptMemory: eps(best(nat(1, 'replayMs'))),
      wasm: eps(wasmCpu),
      wasmFirstReplay: eps(wasm.replayCpuMs[0]),
    },
    wasmOverNativeCpu: round(wasmCpu / best(nat(0, 'replayMs')), 2),
    wasmOverNativeKeptMemoryCpu: round(wasmCpu / best(nat(1, 'replayMs')), 2),
    wasmOverNativeKeptMemoryWall: round(wasmWall / best(nat(1, 'replayWallMs')), 2),
    wasmFirstOverNativeFirstCpu: round(wasm.replayCpuMs[0] / best(nat(0, 'replayFirstMs')), 2),
  },
  balanceAndTier: {
    ledgerEvents: QUERY_EVENTS,
    nativeCpuMicros: [...nativeBefore, ...nativeAfter].map((n) => round(n.queryCpuMicros, 2)),
    wasmMicros: round(wasm.queryMicros, 2),
    wasmCpuMicros: round(wasm.queryCpuMicros, 2),
    wasmOverNativeCpu: round(wasm.queryCpuMicros / nativeQuery, 1),
  },
  sameState: true,
  state: JSON.parse(wasm.summary),
}, null, 1));
