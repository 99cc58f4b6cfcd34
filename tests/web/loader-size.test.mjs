// The snippet stays within its budget (2 KB gzip) as shipped: comments
// stripped as scripts/build.sh does, and with the release's hashed names
// written in (scripts/release-dist.mjs) when a dist has been built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { stripComments } from '../../scripts/strip-comments.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('the shipped loader is at most 2 KB gzip', () => {
  const stripped = stripComments(fs.readFileSync(path.join(root, 'web/src/loader.js'), 'utf8'));
  // The release writes a 10-hex folder and core name over BASE and CORE.
  const released = stripped.replace("const BASE = './';", "const BASE = './0123456789/';")
    .replace("const CORE = 'tessera-core.wasm';", "const CORE = 'tessera-core.0123456789.wasm';");
  assert.notEqual(released, stripped, 'BASE and CORE are there to be rewritten');
  const size = zlib.gzipSync(released, { level: 9 }).length;
  assert.ok(size <= 2048, `loader.js is ${size} bytes gzip`);
  const dist = path.join(root, 'build/dist/tessera/loader.js');
  if (fs.existsSync(dist)) {
    const built = zlib.gzipSync(fs.readFileSync(dist), { level: 9 }).length;
    assert.ok(built <= 2048, `build/dist/tessera/loader.js is ${built} bytes gzip`);
  }
});

test('the loader imports the bundle and nothing else of ours', () => {
  const loader = fs.readFileSync(path.join(root, 'web/src/loader.js'), 'utf8');
  const imports = [...loader.matchAll(/\bimport\s*\(([^)]*)\)/g)].map((m) => m[1]);
  assert.deepEqual(imports, ['`${BASE}bundle.js`']);
});
