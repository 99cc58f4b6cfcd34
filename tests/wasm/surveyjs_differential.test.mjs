// SurveyJS import, differential: every scenario in tests/survey/surveyjs/
// runs through survey-core's Model (the npm devDependency: SurveyJS itself)
// and through the wasm engine after survey.importSurveyJS, step by step. The
// scenario's expectations must hold for both, so they record what SurveyJS
// does and Tessera must do the same. The native half is
// tests/survey/surveyjs_test.cpp.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model } from 'survey-core';
import { loadCore } from './load-core.mjs';
import { scenarios, SurveyJsDriver, TesseraDriver, runSteps } from '../survey/surveyjs/harness.mjs';

const core = await loadCore();
const SEAL_KEY = 'qBffQBqVcpKqYP/N9rRZMvCWok1DPbMiB3VO3jFFlko=';

function engineFor(surveyjs) {
  const config = { site: 'sjs', endpoint: '/v1/responses', publicKey: SEAL_KEY,
                   surveys: [{ id: 'imported', surveyjs }] };
  const created = JSON.parse(core.createEngine(JSON.stringify(config)));
  if (!created.ok) return { error: created.error };
  const handle = created.value.handle;
  const call = (method, args) => {
    const out = JSON.parse(core.call(handle, method, JSON.stringify(args)));
    if (!out.ok) throw new Error(`${method}: ${out.error.code} at ${out.error.path}: ${out.error.message}`);
    return out.value;
  };
  return { call, dispose: () => core.disposeEngine(handle) };
}

const all = scenarios();
test('the scenario corpus is there', () => assert.ok(all.length >= 8));

for (const s of all) {
  if (s.expectError) {
    test(`refused with one error listing every part: ${s.file}`, () => {
      // SurveyJS itself loads the survey: the widgets exist there.
      const survey = new Model(s.surveyjs);
      assert.ok(survey.getAllQuestions().length > 0);
      const { error } = engineFor(s.surveyjs);
      assert.equal(error.code, s.expectError.code);
      assert.equal(error.path, `/surveys/0/surveyjs${s.expectError.path}`);
      const listed = error.message.split('\n').filter((l) => l.startsWith('- '))
        .map((l) => l.slice(2, l.indexOf(': ')));
      assert.deepEqual(listed.sort(), s.expectError.paths.map((p) => `/surveys/0/surveyjs${p}`).sort());
    });
    continue;
  }
  test(`SurveyJS does what the scenario says: ${s.file}`, () => {
    runSteps(new SurveyJsDriver(Model, s.surveyjs), s, (actual, expected, label) =>
      assert.deepEqual(actual, expected, `SurveyJS, ${label}`));
  });
  test(`Tessera (wasm) does the same: ${s.file}`, () => {
    const engine = engineFor(s.surveyjs);
    assert.equal(engine.error, undefined, JSON.stringify(engine.error));
    const imported = engine.call('survey.importSurveyJS', { surveyjs: s.surveyjs, id: 'imported' });
    runSteps(new TesseraDriver(engine.call, imported, 'imported'), s, (actual, expected, label) =>
      assert.deepEqual(actual, expected, `Tessera, ${label}`));
    engine.dispose();
  });
}
