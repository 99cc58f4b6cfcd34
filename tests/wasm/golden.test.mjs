// The wasm build runs the same golden vectors as the native GoogleTest
// (tests/engine/golden_test.cpp) and must produce the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadCore, repoRoot } from './load-core.mjs';

const core = await loadCore();

function vectorFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return vectorFiles(p);
    return e.name.endsWith('.json') && !e.name.includes('.expected') ? [p] : [];
  }).sort();
}

// Mirrors run_vector() in golden_test.cpp, line for line.
function runVector(vector) {
  const created = core.createEngine(JSON.stringify(vector.config));
  const envelope = JSON.parse(created);
  if (!envelope.ok) return created + '\n';
  const handle = envelope.value.handle;
  let out = core.call(handle, 'site.info', '{}') + '\n';
  for (const c of vector.calls) out += core.call(handle, c.method, JSON.stringify(c.args)) + '\n';
  assert.equal(core.disposeEngine(handle), true);
  return out;
}

const files = vectorFiles(path.join(repoRoot, 'tests/golden'));
test('golden vectors exist', () => assert.ok(files.length >= 5));

for (const file of files) {
  test(`wasm matches native: ${path.relative(repoRoot, file)}`, () => {
    const vector = JSON.parse(fs.readFileSync(file, 'utf8'));
    const expected = fs.readFileSync(file.replace(/\.json$/, '.expected.jsonl'), 'utf8');
    const actual = runVector(vector);
    const a = actual.split('\n');
    const e = expected.split('\n');
    for (let i = 0; i < Math.max(a.length, e.length); i++) {
      assert.equal(a[i], e[i], `line ${i + 1} of ${path.basename(file)}`);
    }
  });
}

test('bad JSON and unknown handles are error envelopes, never throws', () => {
  const bad = JSON.parse(core.createEngine('{"site": '));
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid_json');
  const none = JSON.parse(core.call(999, 'site.info', '{}'));
  assert.equal(none.error.code, 'not_found');
  assert.equal(core.disposeEngine(999), false);
});

test('hostile inputs do not crash the module', () => {
  const vector = JSON.parse(fs.readFileSync(path.join(repoRoot, 'tests/golden/survey/01-promoter.json'), 'utf8'));
  const handle = JSON.parse(core.createEngine(JSON.stringify(vector.config))).value.handle;
  const inputs = ['', 'null', '[]', '{"sessionId":1e400}', '['.repeat(10000), '"\\ud800"',
    '{"surveyId":"' + 'a'.repeat(100000) + '","startedAt":0}', '{"sessionId":-1}'];
  for (const method of ['survey.start', 'survey.answer', 'survey.complete', 'site.info', '']) {
    for (const input of inputs) {
      const out = JSON.parse(core.call(handle, method, input));
      assert.equal(typeof out.ok, 'boolean');
    }
  }
  core.disposeEngine(handle);
});
