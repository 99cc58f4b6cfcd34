// The demo shop in headless Chromium under its strict CSP: a person answers
// the NPS survey by keyboard alone, the collector stores one sealed record,
// and the merchant's key opens it to the same answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, axe, focused, launch, newPage, startDemo, tabTo } from './harness.mjs';

let demo;
let browser;
before(async () => {
  demo = await startDemo();
  browser = await launch();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

async function openShop() {
  const page = await newPage(browser);
  await page.goto(demo.url + '/thank-you.html');
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  return page;
}

function radios(page) {
  return page.locator('tessera-survey [role="radio"]').evaluateAll((els) =>
    els.map((e) => ({ checked: e.getAttribute('aria-checked'), tabindex: e.tabIndex })));
}

test('answer by keyboard alone, stored sealed, opened by the merchant', async () => {
  const page = await openShop();
  await page.screenshot({ path: path.join(artifactsDir, 'survey-initial.png'), fullPage: true });

  const first = await tabTo(page, { role: 'radio' });
  assert.ok(first, 'Tab reaches the NPS scale');
  assert.equal(first.label, '0, Not at all likely', 'the end label is part of the name');
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  const now = await focused(page);
  assert.equal(now.text, '9');
  assert.equal(now.checked, 'true', 'arrow keys move and check');
  const state = await radios(page);
  assert.deepEqual(state.filter((r) => r.tabindex === 0).length, 1, 'one tab stop in the group');
  assert.equal(state[9].tabindex, 0);

  assert.ok(await tabTo(page, { tag: 'TEXTAREA' }, { maxPresses: 1 }), 'Tab leaves the group');
  await page.keyboard.type('Great fit, fast delivery');
  const submit = await tabTo(page, { tag: 'BUTTON' }, { maxPresses: 1 });
  assert.equal(submit.text, 'Submit');
  await page.screenshot({ path: path.join(artifactsDir, 'survey-answered.png'), fullPage: true });

  const completed = page.evaluate(() => new Promise((resolve) =>
    document.querySelector('tessera-survey').addEventListener('complete', (e) => resolve(e.detail))));
  await page.keyboard.press('Enter');
  const detail = await completed;
  assert.equal(detail.delivered, true);
  assert.deepEqual(detail.answers, { nps: 9, reason: 'Great fit, fast delivery' });
  await page.locator('tessera-survey .thanks').waitFor();
  assert.match(await page.locator('#survey-status').textContent(), /sent, sealed/);
  await page.screenshot({ path: path.join(artifactsDir, 'survey-thanks.png'), fullPage: true });

  assert.equal(await demo.records(), 1);
  const [record] = demo.open();
  assert.deepEqual(record.answers, { nps: 9, reason: 'Great fit, fast delivery' });
  assert.deepEqual(record.npsClass, { nps: 'promoter' });
  assert.equal(record.surveyId, 'post-purchase');
  assert.equal(record.idempotencyKey, detail.idempotencyKey);
  assert.ok(record.completedAt >= record.startedAt);
  assert.deepEqual(page.problems, [], 'no CSP violation or page error');
  await page.close();
});

test('the stored blob is sealed: no answer text reaches the collector in the clear', async () => {
  const sqlite = fs.readFileSync(demo.db);
  assert.equal(sqlite.includes('Great fit'), false);
  const wal = demo.db + '-wal';
  if (fs.existsSync(wal)) assert.equal(fs.readFileSync(wal).includes('Great fit'), false);
});

test('submitting without the required score shows the error and moves focus to it', async () => {
  const page = await openShop();
  const before = await demo.records();
  assert.ok(await tabTo(page, { text: 'Submit' }));
  await page.keyboard.press('Enter');
  const error = page.locator('tessera-survey .error').first();
  await error.waitFor();
  assert.equal(await error.textContent(), 'This question needs an answer.');
  assert.equal(await page.locator('tessera-survey [role="radiogroup"]').getAttribute('aria-invalid'), 'true');
  const f = await focused(page);
  assert.equal(f.role, 'radio', 'focus moves to the question that needs an answer');
  await page.keyboard.press('End');
  assert.equal((await focused(page)).text, '10');
  assert.equal(await error.textContent(), '', 'answering clears the error');
  assert.equal(await demo.records(), before, 'nothing was sent');
  await page.close();
});

test('Home, End, Shift+Tab and back: the group keeps one tab stop on the checked value', async () => {
  const page = await openShop();
  await tabTo(page, { role: 'radio' });
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).text, '9');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).text, '10', 'arrows wrap around');
  await page.keyboard.press('Shift+Tab');
  assert.notEqual((await focused(page)).role, 'radio');
  await page.keyboard.press('Tab');
  const f = await focused(page);
  assert.equal(f.text, '10');
  assert.equal(f.checked, 'true');
  await page.close();
});

test('axe-core finds no violations before, during and after answering', async () => {
  const page = await openShop();
  assert.deepEqual(await axe(page), [], 'initial');
  await tabTo(page, { text: 'Submit' });
  await page.keyboard.press('Enter');
  await page.locator('tessera-survey .error').first().waitFor();
  assert.deepEqual(await axe(page), [], 'with a validation error');
  await page.locator('tessera-survey [role="radio"]').nth(3).click();
  await page.locator('tessera-survey button[type="submit"]').click();
  await page.locator('tessera-survey .thanks').waitFor();
  assert.deepEqual(await axe(page), [], 'thank-you state');
  await page.close();
});

test('usable at 320 px wide: the scale fits without horizontal scrolling', async () => {
  const page = await newPage(browser, { viewport: { width: 320, height: 700 } });
  await page.goto(demo.url + '/thank-you.html');
  await page.locator('tessera-survey [role="radio"]').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(overflow, false);
  await page.screenshot({ path: path.join(artifactsDir, 'survey-320px.png'), fullPage: true });
  await page.close();
});
