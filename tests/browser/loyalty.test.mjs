// The demo shop's loyalty badge and points preview in headless Chromium under
// the strict CSP: the program and grants are signed with a key made by the
// harness, the core verifies them, and the badge shows the numbers the core
// computes (610 points, Silver on the way to Gold, 81 points expiring within
// 60 days, two badges); the preview says what the suggested cart earns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, axe, launch, newPage, startDemo } from './harness.mjs';

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

test('badge and points preview render the core\'s numbers, axe clean', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/');
  const points = page.locator('tessera-badge .points');
  await points.waitFor();
  await page.waitForFunction(() =>
    document.querySelector('tessera-badge').shadowRoot.querySelector('.points')?.textContent === '610');
  assert.equal(await points.textContent(), '610');
  const bar = page.locator('tessera-badge [role="progressbar"]');
  assert.equal(await bar.getAttribute('aria-valuemin'), '300');
  assert.equal(await bar.getAttribute('aria-valuemax'), '1000');
  assert.equal(await bar.getAttribute('aria-valuenow'), '610');
  assert.equal(await bar.getAttribute('aria-valuetext'), '390 points to Gold');
  assert.equal(await page.locator('tessera-badge .tier-name').textContent(), 'Silver');
  const expiring = await page.locator('tessera-badge .expiring li').allTextContents();
  assert.equal(expiring.length, 1);
  assert.match(expiring[0], /^81 points on /);
  assert.deepEqual(await page.locator('tessera-badge .badges li').allTextContents(),
    ['First order', 'Trail regular']);

  const total = page.locator('tessera-points-preview .total');
  await total.waitFor();
  assert.equal((await total.textContent()).trim(), "You'll earn 210 points");
  const toggle = page.locator('tessera-points-preview button');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await page.locator('tessera-points-preview button').getAttribute('aria-expanded'), 'true');
  const rules = await page.locator('tessera-points-preview .rules li').allTextContents();
  assert.ok(rules.some((r) => r.startsWith('trail: +18')), rules.join('\n'));

  await page.screenshot({ path: path.join(artifactsDir, 'loyalty-badge.png'), fullPage: true });
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));

  // A browser claim shows apart until the merchant confirms it, and the
  // public events API reports it as a `points` event.
  const announced = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    const instance = await Tessera.load();
    const got = new Promise((resolve) => instance.on('points', resolve));
    await Tessera.loyalty.claim({ type: 'event', key: 'survey-1', at: Date.now(), name: 'survey_completed' });
    return got;
  });
  assert.deepEqual(announced, { points: 610, previous: 610, pending: announced.pending, claimed: 50 });
  await page.waitForFunction(() =>
    document.querySelector('tessera-badge').shadowRoot.querySelector('.claimed') !== null);
  assert.equal(await page.locator('tessera-badge .claimed').textContent(), '+50 awaiting confirmation');
  assert.equal(await points.textContent(), '610');

  // Without the grants the member is back to 0 points and tier Member:
  // `points` and `tier` both say so, with what was before.
  const dropped = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    const instance = await Tessera.load();
    const seen = {};
    const both = Promise.all(['points', 'tier'].map((t) =>
      new Promise((resolve) => instance.on(t, (d) => resolve((seen[t] = d))))));
    await Tessera.loyalty.load({ events: [], useStored: false });
    await both;
    return seen;
  });
  assert.equal(dropped.points.points, 0);
  assert.equal(dropped.points.previous, 610);
  assert.deepEqual(dropped.tier, { tier: 'member', name: 'Member', previous: 'silver' });
});
