// Turns build/dist/tessera (web/src, the stripped loader and the wasm
// module, as scripts/build.sh copies them) into what pages load (docs/api.md,
// "Caching"):
//   tessera-core.<hash>.wasm   the core, named by its own bytes;
//   <hash>/bundle.js           web/src/bundle.js with everything it imports,
//                              one minified ES module (esbuild);
//   <hash>/tessera-core.mjs    the core's JS glue, minified, pointing at the
//                              hashed core; the folder is named by the bytes
//                              of both files;
//   loader.js                  the snippet, its BASE and CORE pointed there;
//   tessera.js, bundle.js      stable-URL stubs re-exporting the bundle, so
//                              pages using the module API and the snippet
//                              share one runtime and one core.
// Hashed files never change and may be cached for a year (the collector's
// static mounts say so); loader.js and the stubs are revalidated, so a new
// release is picked up on the next page view. A release that changes only
// JavaScript keeps the core's name, and the core is most of the bytes. The
// other unbundled modules stay for tests that import one of them alone.
//
//   node scripts/release-dist.mjs build/dist/tessera
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, transformSync } from 'esbuild';

const LOADER = 'loader.js';
const GLUE = 'tessera-core.mjs';
const WASM = 'tessera-core.wasm';
const BUNDLE = 'bundle.js';
export const HASHED_PATH = /(^|\/)([0-9a-f]{10}\/|tessera-core\.[0-9a-f]{10}\.wasm$)/;

const hash = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 10);
};

/** Rewrites the one occurrence of `pattern` in `text`, or says what is missing. */
function rewriteOnce(file, text, pattern, replacement) {
  if (!pattern.test(text)) throw new Error(`${file}: nothing matches ${pattern}`);
  return text.replace(pattern, replacement);
}

export function releaseDist(dir) {
  // The stubs replace their sources, so a dist is released once, fresh from
  // scripts/build.sh; a second run would bundle the stubs.
  const earlier = fs.readdirSync(dir).find((e) => HASHED_PATH.test(e) || HASHED_PATH.test(`${e}/`));
  if (earlier) throw new Error(`${dir} is already released (${earlier}); rebuild it with scripts/build.sh dist`);
  const wasm = fs.readFileSync(path.join(dir, WASM));
  const wasmName = `tessera-core.${hash(wasm)}.wasm`;
  fs.writeFileSync(path.join(dir, wasmName), wasm);

  const bundle = buildSync({
    entryPoints: [path.join(dir, BUNDLE)],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).outputFiles[0].text;
  // The glue finds its wasm by this literal, relative to its own URL.
  const glueSource = fs.readFileSync(path.join(dir, GLUE), 'utf8');
  const pointed = rewriteOnce(GLUE, glueSource, /(["'])tessera-core\.wasm\1/g, (_, q) => `${q}../${wasmName}${q}`);
  const glue = transformSync(pointed, { minify: true, format: 'esm', legalComments: 'none' }).code;

  const folder = hash(BUNDLE, bundle, GLUE, glue);
  fs.mkdirSync(path.join(dir, folder));
  fs.writeFileSync(path.join(dir, folder, BUNDLE), bundle);
  fs.writeFileSync(path.join(dir, folder, GLUE), glue);

  const stub = (names) => `export { ${names} } from './${folder}/${BUNDLE}';\n`;
  fs.writeFileSync(path.join(dir, 'tessera.js'), stub('Tessera, TesseraError'));
  fs.writeFileSync(path.join(dir, BUNDLE), stub('Tessera, TesseraError, startEmbed'));

  const loaderPath = path.join(dir, LOADER);
  let loader = fs.readFileSync(loaderPath, 'utf8');
  loader = rewriteOnce(LOADER, loader, /const BASE = '\.\/';/, `const BASE = './${folder}/';`);
  loader = rewriteOnce(LOADER, loader, /const CORE = 'tessera-core\.wasm';/, `const CORE = '${wasmName}';`);
  fs.writeFileSync(loaderPath, loader);
  return { folder, wasm: wasmName, bundleBytes: bundle.length, glueBytes: glue.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/release-dist.mjs <dist dir>');
    process.exit(2);
  }
  const r = releaseDist(dir);
  console.error(`release-dist: ${r.folder}/bundle.js ${r.bundleBytes} B, ${r.folder}/tessera-core.mjs ${r.glueBytes} B, ${r.wasm}`);
}
