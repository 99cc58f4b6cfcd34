// examples/spa, a single-page app with its own history-API router, in
// Chromium under the strict CSP: the survey configured for the order route
// appears there after its delay and is answered by keyboard; leaving the
// route before the delay cancels it; Back onto the route brings it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, focused } from './harness.mjs';
import { embedSuite, seen, settled, shownCount, watchEvents } from './embed-setup.mjs';

let suite;
before(async () => {
  suite = await embedSuite();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => { await suite?.close(); });

async function openSpa() {
  const ctx = await suite.browser.newContext({ viewport: { width: 900, height: 800 } });
  await watchEvents(ctx);
  const page = await ctx.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  await page.goto(`${suite.demo.url}/examples/spa/`);
  await settled(page, 300);
  return page;
}

test('the order route shows the survey after its delay; answered, delivered, sealed', async () => {
  const before = await suite.demo.records();
  const page = await openSpa();
  await page.getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await settled(page, 1300);
  assert.equal(await shownCount(page), 0, 'not on other routes');
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
  await page.getByRole('button', { name: 'Place order' }).click();
  assert.match(page.url(), /\?view=order$/);
  assert.equal(await page.locator('h1').textContent(), 'Order confirmed');
  const radio = page.locator('tessera-survey [role="radio"]').first();
  await radio.waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads,
    'no page load: the router changed the URL');
  const events = await seen(page);
  assert.ok(events.some((e) => e.type === 'pending' && e.surveyId === 'order-nps' && e.delayMs === 1000));
  await page.screenshot({ path: path.join(artifactsDir, 'spa-order-survey.png') });
  // Keyboard only: focus is already in the modal.
  await page.waitForFunction(() => document.activeElement?.tagName === 'TESSERA-PLACEMENT');
  for (let i = 0; i < 20 && (await focused(page)).role !== 'radio'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await focused(page)).text, '9');
  const completed = page.evaluate(() => new Promise((r) => window.Tessera.on('complete', r)));
  for (let i = 0; i < 5 && (await focused(page)).text !== 'Submit'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const detail = await completed;
  assert.equal(detail.surveyId, 'order-nps');
  assert.equal(detail.delivered, true);
  assert.equal(await suite.demo.records(), before + 1);
  const record = suite.demo.open().find((r) => r.idempotencyKey === detail.idempotencyKey);
  assert.deepEqual(record.answers, { nps: 9 });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('leaving the order route before the delay cancels the survey', async () => {
  const page = await openSpa();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'pending'));
  await page.getByRole('link', { name: 'Home' }).click();
  await page.waitForTimeout(1600);
  assert.equal(await shownCount(page), 0);
  const cancelled = (await seen(page)).filter((e) => e.type === 'cancelled');
  assert.deepEqual(cancelled.map((e) => [e.surveyId, e.reason]), [['order-nps', 'url']]);
  assert.match(await page.locator('#log').textContent(), /cancelled order-nps \(url\)/);
  await page.context().close();
});

test('Back onto the order route (popstate) brings a dismissed survey back; not on Forward elsewhere', async () => {
  const page = await openSpa();
  await page.getByRole('link', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  await page.keyboard.press('Escape'); // a dismissal: untilAnswered shows it again
  await page.locator('tessera-placement').waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'Catalog' }).click();
  await page.goBack();
  assert.match(page.url(), /\?view=order$/);
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  const shown = (await seen(page)).filter((e) => e.type === 'shown');
  assert.equal(shown.length, 2);
  await page.context().close();
});
