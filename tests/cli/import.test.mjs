// `tessera import-surveyjs`: a SurveyJS survey in, a Tessera definition out
// (stdout or --out), renames and dropped presentation properties on stderr;
// a survey with parts Tessera cannot run exits 2 and lists each by pointer.
//
//   node --test tests/cli/     (TESSERA_TOOLS=build/release/tools to pick a build)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tessera = path.join(process.env.TESSERA_TOOLS ?? path.join(repoRoot, 'build/native/tools'),
  'tessera');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-import-'));
const scenario = (name) => JSON.parse(fs.readFileSync(
  path.join(repoRoot, 'tests/survey/surveyjs', name), 'utf8')).surveyjs;
const write = (name, value) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};

test('a SurveyJS survey becomes a Tessera definition', () => {
  const input = write('summer-survey.json', scenario('single-page.json'));
  const run = spawnSync(tessera, ['import-surveyjs', input], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const def = JSON.parse(run.stdout);
  assert.equal(def.id, 'summer-survey', 'the id defaults to the file name');
  assert.deepEqual(def.pages[0].questions.map((q) => [q.id, q.type]),
    [['Favourite_Colour', 'single'], ['why_colour', 'text'], ['mood', 'rating']]);
  assert.equal(def.pages[0].questions[1].visibleIf,
    "{Favourite_Colour} anyof ['Sky_blue', 'Forest_green']");
  assert.match(run.stderr, /renamed question "Favourite Colour" to "Favourite_Colour"/);
  assert.match(run.stderr, /renamed a choice of Favourite_Colour: "Sky blue" to "Sky_blue"/);
});

test('--id, --version and --out', () => {
  const input = write('nps.json', scenario('nps-followup.json'));
  const out = path.join(tmp, 'definition.json');
  const run = spawnSync(tessera, ['import-surveyjs', input, '--id', 'nps-2025', '--version', '4',
    '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, '');
  const def = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(def.id, 'nps-2025');
  assert.equal(def.version, 4);
  assert.equal(def.pages[0].questions[0].type, 'nps');
  assert.deepEqual(def.pages[0].jumps, [{ if: '{nps_score} >= 9', to: 'end' },
    { if: '{nps_score} <= 3', to: 'contact' }]);
});

test('unsupported widgets: exit 2, every one listed by pointer', () => {
  const input = write('claims.json', scenario('unsupported-widgets.json'));
  const run = spawnSync(tessera, ['import-surveyjs', input], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  const listed = run.stderr.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2, l.indexOf(': ')));
  assert.deepEqual(listed, ['/pages/0/elements/1/inputType', '/pages/0/elements/2',
    '/pages/0/elements/3/defaultValue', '/pages/0/elements/3/showNoneItem',
    '/pages/0/elements/4/choicesByUrl', '/pages/0/elements/5', '/pages/0/elements/6/visibleIf',
    '/pages/1/elements/0', '/triggers/0']);
  assert.match(run.stderr, /the question type "signaturepad" has no Tessera counterpart/);
});

test('bad input: not JSON, a missing file, a bad --version', () => {
  const notJson = path.join(tmp, 'broken.json');
  fs.writeFileSync(notJson, '{"pages": [');
  let run = spawnSync(tessera, ['import-surveyjs', notJson], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /invalid_json/);
  run = spawnSync(tessera, ['import-surveyjs', path.join(tmp, 'missing.json')], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  run = spawnSync(tessera, ['import-surveyjs', notJson, '--version', 'x'], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /--version/);
});
