// scripts/release-dist.mjs: one minified bundle and content-hashed names
// for what the snippet loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { releaseDist } from '../../scripts/release-dist.mjs';

function fakeDist(files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
  const all = {
    'loader.js': "const BASE = './';\nconst CORE = 'tessera-core.wasm';\nimport(`${BASE}bundle.js`);\n",
    'bundle.js': "export { Tessera, TesseraError } from './tessera.js';\nexport { startEmbed } from './embed/x.js';\n",
    'tessera.js': "import { helper } from './core.js';\nexport const Tessera = { answer: helper() };\nexport class TesseraError extends Error {}\n",
    'core.js': 'export function helper() {\n  // a comment the bundle drops\n  return 42;\n}\n',
    'embed/x.js': "import { Tessera } from '../tessera.js';\nexport function startEmbed() {\n  return Tessera.answer + 1;\n}\n",
    'tessera-core.mjs': 'var wasmFile = new URL("tessera-core.wasm", import.meta.url);\nexport default wasmFile;\n',
    'tessera-core.wasm': 'WASM-1',
    ...files,
  };
  for (const [f, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}
const read = (dir, f) => fs.readFileSync(path.join(dir, f), 'utf8');

test('one bundle and the glue in a hashed folder, a hashed core, the loader and stubs pointing there', async () => {
  const dir = fakeDist();
  const { folder, wasm } = releaseDist(dir);
  assert.match(folder, /^[0-9a-f]{10}$/);
  assert.match(wasm, /^tessera-core\.[0-9a-f]{10}\.wasm$/);
  assert.deepEqual(fs.readdirSync(path.join(dir, folder)).sort(), ['bundle.js', 'tessera-core.mjs']);
  const bundle = read(dir, `${folder}/bundle.js`);
  assert.ok(!bundle.includes('a comment the bundle drops'), 'minified');
  assert.ok(!/\bimport\b/.test(bundle), 'everything it imports is inside');
  assert.match(read(dir, `${folder}/tessera-core.mjs`), new RegExp(`"\\.\\./${wasm.replace(/\./g, '\\.')}"`));
  assert.equal(read(dir, wasm), 'WASM-1');
  assert.deepEqual(read(dir, 'loader.js').split('\n').slice(0, 2), [`const BASE = './${folder}/';`, `const CORE = '${wasm}';`]);
  assert.equal(read(dir, 'tessera.js'), `export { Tessera, TesseraError } from './${folder}/bundle.js';\n`);
  assert.equal(read(dir, 'core.js').includes('a comment the bundle drops'), true, 'other modules stay as written');
  // The bundle runs, and the stub and the bundle give the same instance.
  const viaStub = await import(pathToFileURL(path.join(dir, 'tessera.js')).href);
  const viaBundle = await import(pathToFileURL(path.join(dir, folder, 'bundle.js')).href);
  assert.equal(viaStub.Tessera, viaBundle.Tessera);
  assert.equal(viaBundle.startEmbed(), 43);
});

test('names follow content: a JS change renames the folder only, a core change renames both', () => {
  const a = releaseDist(fakeDist());
  const b = releaseDist(fakeDist({ 'core.js': 'export function helper() {\n  return 7;\n}\n' }));
  const c = releaseDist(fakeDist({ 'tessera-core.wasm': 'WASM-2' }));
  const d = releaseDist(fakeDist({ 'core.js': 'export function helper() {\n  // reworded comment\n  return 42;\n}\n' }));
  assert.notEqual(a.folder, b.folder);
  assert.equal(a.wasm, b.wasm, 'the core keeps its name when only JS changed');
  assert.notEqual(a.wasm, c.wasm);
  assert.notEqual(a.folder, c.folder, 'the glue names the core, so the folder follows it');
  assert.equal(a.folder, d.folder, 'a comment is not content: the minified bytes are the same');
  assert.deepEqual(releaseDist(fakeDist()), a, 'same bytes, same names');
});

test('a dist released already is refused, not bundled from its own stubs', () => {
  const dir = fakeDist();
  releaseDist(dir);
  assert.throws(() => releaseDist(dir), /already released/);
});

test('a loader without BASE or CORE, or a glue without the wasm literal, is refused', () => {
  assert.throws(() => releaseDist(fakeDist({ 'loader.js': 'nothing\n' })), /BASE/);
  assert.throws(() => releaseDist(fakeDist({ 'loader.js': "const BASE = './';\n" })), /CORE/);
  assert.throws(() => releaseDist(fakeDist({ 'tessera-core.mjs': 'nothing\n' })), /tessera-core/);
});
