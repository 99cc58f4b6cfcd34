// Content-hashed names for everything the snippet loads (docs/api.md,
// "Caching"). In build/dist/tessera it writes
//   tessera-core.<hash>.wasm   the core, named by its own bytes, and
//   <hash>/...                 the JS modules and the wasm glue, in a folder
//                              named by the bytes of all of them,
// and points the loader at them. Hashed files never change, so they can be
// cached for a year (the collector's static mounts say so); only loader.js,
// the snippet's stable URL, is revalidated. The wasm keeps its name across
// releases that change only JS, which is where the bytes are. One folder
// hash rather than one per module keeps the loader within its 2 KB: it
// carries a single hash instead of thirty, and the modules' own relative
// imports stay as written. The unhashed files stay too, for pages that
// import the module API directly (/tessera/tessera.js).
//
//   node scripts/hash-dist.mjs build/dist/tessera
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LOADER = 'loader.js';
const GLUE = 'tessera-core.mjs';
const WASM = 'tessera-core.wasm';
export const HASHED_PATH = /(^|\/)([0-9a-f]{10}\/|tessera-core\.[0-9a-f]{10}\.wasm$)/;

const hash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 10);

/** The unhashed modules, dist-relative, sorted. */
function modules(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (HASHED_PATH.test(`${rel}${e.isDirectory() ? '/' : ''}`)) continue;
    if (e.isDirectory()) out.push(...modules(full, base));
    else if (/\.m?js$/.test(e.name) && rel !== LOADER) out.push(rel);
  }
  return out.sort();
}

export function hashDist(dir) {
  // Earlier hashed outputs go first, so the dist holds one version.
  for (const e of fs.readdirSync(dir)) {
    if (HASHED_PATH.test(e) || HASHED_PATH.test(`${e}/`)) fs.rmSync(path.join(dir, e), { recursive: true });
  }
  const wasm = fs.readFileSync(path.join(dir, WASM));
  const wasmName = `tessera-core.${hash(wasm)}.wasm`;
  fs.writeFileSync(path.join(dir, wasmName), wasm);

  // The glue finds its wasm by this literal, relative to its own URL.
  const glue = fs.readFileSync(path.join(dir, GLUE), 'utf8');
  const literal = /(["'])tessera-core\.wasm\1/g;
  if (!literal.test(glue)) throw new Error(`${GLUE}: no "${WASM}" literal to rewrite`);
  const files = new Map(modules(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
  files.set(GLUE, Buffer.from(glue.replace(literal, (_, q) => `${q}../${wasmName}${q}`)));

  const h = crypto.createHash('sha256');
  for (const [f, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`${f}\0`).update(bytes).update('\0');
  const folder = h.digest('hex').slice(0, 10);
  for (const [f, bytes] of files) {
    const out = path.join(dir, folder, f);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, bytes);
  }

  // The loader resolves every module it loads against BASE.
  const loaderPath = path.join(dir, LOADER);
  const loader = fs.readFileSync(loaderPath, 'utf8');
  const base = /const BASE = '\.\/';/;
  if (!base.test(loader)) throw new Error(`${LOADER}: no "const BASE = './';" to rewrite`);
  fs.writeFileSync(loaderPath, loader.replace(base, `const BASE = './${folder}/';`));
  return { folder, wasm: wasmName, modules: files.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/hash-dist.mjs <dist dir>');
    process.exit(2);
  }
  const { folder, wasm, modules: n } = hashDist(dir);
  console.error(`hash-dist: ${n} modules in ${folder}/, core ${wasm}`);
}
