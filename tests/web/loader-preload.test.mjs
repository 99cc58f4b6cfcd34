// The loader's preload list (GRAPH in web/src/loader.js) is exactly the
// static import graph of web/src/embed/triggers.js: a module added to the
// embed layer without being listed would load late (one level after
// another), a listed one that is gone would be fetched for nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src');

function graph(entry) {
  const seen = new Set();
  const walk = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const text = fs.readFileSync(path.join(src, rel), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm)) {
      walk(path.posix.normalize(path.posix.join(path.posix.dirname(rel), m[1] ?? m[2])));
    }
  };
  walk(entry);
  return seen;
}

test('GRAPH in loader.js lists every module embed/triggers.js imports, and nothing else', () => {
  const loader = fs.readFileSync(path.join(src, 'loader.js'), 'utf8');
  const literal = loader.match(/const GRAPH = ((?:'[^']*'\s*\+?\s*)+);/);
  assert.ok(literal, 'GRAPH found');
  const listed = [...literal[1].matchAll(/'([^']*)'/g)].map((m) => m[1]).join('').split(' ').map((m) => `${m}.js`);
  assert.deepEqual([...listed].sort(), [...graph('embed/triggers.js')].sort());
  assert.equal(new Set(listed).size, listed.length, 'no duplicates');
});

test('the shipped loader (comments stripped, as scripts/build.sh does) is at most 2 KB gzip', async () => {
  const { stripComments } = await import('../../scripts/strip-comments.mjs');
  const zlib = await import('node:zlib');
  const shipped = stripComments(fs.readFileSync(path.join(src, 'loader.js'), 'utf8'));
  const size = zlib.gzipSync(shipped, { level: 9 }).length;
  assert.ok(size <= 2048, `loader.js is ${size} bytes gzip`);
  assert.ok(shipped.includes('const GRAPH ='), 'code is kept');
});
