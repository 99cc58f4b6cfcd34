// scripts/hash-dist.mjs: content-hashed names for what the snippet loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashDist } from '../../scripts/hash-dist.mjs';

function fakeDist(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-dist-'));
  const all = {
    'loader.js': "const BASE = './';\nimport(`${BASE}core.js`);\n",
    'core.js': "import './embed/x.js';\n",
    'embed/x.js': 'export const x = 1;\n',
    'tessera-core.mjs': 'var f=new URL("tessera-core.wasm",import.meta.url);\n',
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

test('modules go into one hashed folder, the core gets a hashed name, the loader points at both', () => {
  const dir = fakeDist();
  const { folder, wasm, modules } = hashDist(dir);
  assert.match(folder, /^[0-9a-f]{10}$/);
  assert.match(wasm, /^tessera-core\.[0-9a-f]{10}\.wasm$/);
  assert.equal(modules, 3);
  assert.equal(read(dir, `${folder}/core.js`), "import './embed/x.js';\n");
  assert.equal(read(dir, `${folder}/embed/x.js`), 'export const x = 1;\n');
  assert.equal(read(dir, `${folder}/tessera-core.mjs`), `var f=new URL("../${wasm}",import.meta.url);\n`);
  assert.equal(read(dir, wasm), 'WASM-1');
  assert.equal(read(dir, 'loader.js').split('\n')[0], `const BASE = './${folder}/';`);
  assert.equal(read(dir, 'core.js'), "import './embed/x.js';\n", 'unhashed files stay as they were');
  assert.ok(!fs.existsSync(path.join(dir, folder, 'loader.js')), 'the loader is not copied');
});

test('names follow content: a JS change renames the folder only, a core change renames both', () => {
  const a = hashDist(fakeDist());
  const b = hashDist(fakeDist({ 'embed/x.js': 'export const x = 2;\n' }));
  const c = hashDist(fakeDist({ 'tessera-core.wasm': 'WASM-2' }));
  assert.notEqual(a.folder, b.folder);
  assert.equal(a.wasm, b.wasm, 'the wasm keeps its name when only JS changed');
  assert.notEqual(a.wasm, c.wasm);
  assert.notEqual(a.folder, c.folder, 'the glue names the wasm, so the folder follows it');
  assert.deepEqual(hashDist(fakeDist()), a, 'same bytes, same names');
});

test('running again replaces the previous release instead of adding to it', () => {
  const dir = fakeDist();
  const first = hashDist(dir);
  fs.writeFileSync(path.join(dir, 'core.js'), "import './embed/x.js';\nexport const y = 2;\n");
  fs.writeFileSync(path.join(dir, 'loader.js'), "const BASE = './';\n");
  const second = hashDist(dir);
  assert.notEqual(first.folder, second.folder);
  const entries = fs.readdirSync(dir).filter((e) => /^[0-9a-f]{10}$/.test(e) || /\.[0-9a-f]{10}\.wasm$/.test(e));
  assert.deepEqual(entries.sort(), [second.folder, second.wasm].sort());
});

test('a loader without BASE or a glue without the wasm literal is refused', () => {
  assert.throws(() => hashDist(fakeDist({ 'loader.js': 'nothing\n' })), /BASE/);
  assert.throws(() => hashDist(fakeDist({ 'tessera-core.mjs': 'nothing\n' })), /tessera-core\.wasm/);
});
