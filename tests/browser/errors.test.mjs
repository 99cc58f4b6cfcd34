// What a person sees when the merchant's config is wrong or hostile: a
// broken survey is never shown, the error event names the JSON pointer, and
// markup in texts is shown as text.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, repoRoot, startDemo } from './harness.mjs';

const template = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));

function variant(mutate) {
  const copy = structuredClone(template);
  mutate(copy);
  return JSON.stringify(copy);
}

let browser;
const demos = [];
after(async () => {
  await browser?.close();
  for (const d of demos) await d.stop();
});

async function visit(configTemplate) {
  const demo = await startDemo({ configTemplate });
  demos.push(demo);
  browser ??= await launch();
  const page = await newPage(browser);
  const errors = [];
  await page.exposeFunction('reportError', (d) => errors.push(d));
  await page.addInitScript(() => {
    document.addEventListener('error', (e) => {
      if (e.target?.tagName === 'TESSERA-SURVEY') window.reportError(e.detail);
    }, true);
  });
  await page.goto(demo.url + '/thank-you.html');
  return { page, errors };
}

test('an unknown question type hides the survey and reports where', async () => {
  const { page, errors } = await visit(variant((c) => {
    c.surveys[0].pages[0].questions[0].type = 'slider';
  }));
  await page.waitForFunction(() => document.querySelector('tessera-survey').hidden);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, 'invalid_value');
  assert.equal(errors[0].path, '/surveys/0/pages/0/questions/0/type');
  assert.match(await page.locator('#survey-status').textContent(), /unavailable \(invalid_value\)/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a duplicate question id is refused with its pointer', async () => {
  const { page, errors } = await visit(variant((c) => {
    c.surveys[0].pages[0].questions[1].id = 'nps';
  }));
  await page.waitForFunction(() => document.querySelector('tessera-survey').hidden);
  assert.equal(errors[0].code, 'duplicate_id');
  assert.equal(errors[0].path, '/surveys/0/pages/0/questions/1/id');
  await page.close();
});

test('malformed JSON config is reported, nothing crashes', async () => {
  const { page, errors } = await visit('{"site": "demo-shop", "surveys": [');
  await page.waitForFunction(() => document.querySelector('tessera-survey').hidden);
  assert.equal(errors[0].code, 'invalid_json');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('markup in titles is shown as text, never parsed', async () => {
  const { page } = await visit(variant((c) => {
    c.surveys[0].title = '<img src=x onerror="window.pwned=1">Hi';
    c.surveys[0].pages[0].questions[0].title = '<script>window.pwned=2</script><b>bold?</b>';
  }));
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  const h2 = await page.locator('tessera-survey h2').textContent();
  assert.equal(h2, '<img src=x onerror="window.pwned=1">Hi');
  assert.equal(await page.locator('tessera-survey img, tessera-survey script, tessera-survey b').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await page.close();
});
