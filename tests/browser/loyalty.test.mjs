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

// The elements' text comes from the core's loyalty.strings: German left to
// right, Arabic right to left (dir and lang on the card), numbers and dates
// formatted for the locale, and axe-clean in both.
test('badge and preview in German and Arabic: text, dir, lang, axe clean', async () => {
  const page = await newPage(browser);
  await page.goto(demo.url + '/');
  const shadowText = (selector, sub) => page.evaluate(([s, q]) =>
    document.querySelector(s).shadowRoot.querySelector(q)?.textContent ?? null, [selector, sub]);
  await page.waitForFunction(() =>
    document.querySelector('tessera-badge').shadowRoot.querySelector('.points')?.textContent === '610');
  await page.locator('tessera-points-preview .total').waitFor();

  const expected = {
    de: { dir: 'ltr', label: 'Punkte', toNext: 'Noch {n} Punkte bis Gold', preview: 'Sie erhalten {n} Punkte',
      how: 'Wie?', expiring: 'Punkte am', card: 'Treuepunkte' },
    ar: { dir: 'rtl', label: 'نقطة', toNext: '{n} نقطة للوصول إلى Gold', preview: 'ستحصل على {n} نقطة',
      how: 'كيف؟', expiring: 'نقطة في', card: 'نقاط الولاء' },
  };
  for (const [locale, want] of Object.entries(expected)) {
    const num = (n) => page.evaluate(([l, x]) => new Intl.NumberFormat(l).format(x), [locale, n]);
    await page.evaluate((l) => {
      document.querySelector('tessera-badge').setAttribute('locale', l);
      document.querySelector('tessera-points-preview').setAttribute('locale', l);
    }, locale);
    await page.waitForFunction((l) => ['tessera-badge', 'tessera-points-preview'].every((s) =>
      document.querySelector(s).shadowRoot.querySelector('.card')?.getAttribute('lang') === l), locale);

    const card = page.locator('tessera-badge .card');
    assert.equal(await card.getAttribute('dir'), want.dir, locale);
    assert.equal(await card.getAttribute('aria-label'), want.card, locale);
    assert.equal(await shadowText('tessera-badge', '.points'), await num(610), locale);
    assert.equal((await shadowText('tessera-badge', '.points-label')).trim(), want.label, locale);
    assert.equal(await shadowText('tessera-badge', '.to-next'), want.toNext.replace('{n}', await num(390)));
    assert.equal(await page.locator('tessera-badge [role="progressbar"]').getAttribute('aria-valuetext'),
      want.toNext.replace('{n}', await num(390)));
    const expiring = await page.locator('tessera-badge .expiring li').allTextContents();
    assert.equal(expiring.length, 1, locale);
    assert.ok(expiring[0].startsWith(`${await num(81)} ${want.expiring} `), `${locale}: ${expiring[0]}`);

    const preview = page.locator('tessera-points-preview .card');
    assert.equal(await preview.getAttribute('dir'), want.dir, locale);
    assert.equal((await shadowText('tessera-points-preview', '.total')).trim(),
      want.preview.replace('{n}', await num(210)));
    assert.equal(await shadowText('tessera-points-preview', 'button'), want.how, locale);

    // Right to left really lays out right to left: the points number sits
    // at the card's inline start, which is its right edge in Arabic.
    const [cardBox, pointsBox] = await Promise.all([card.boundingBox(),
      page.locator('tessera-badge .points').boundingBox()]);
    const startGap = want.dir === 'rtl'
      ? cardBox.x + cardBox.width - (pointsBox.x + pointsBox.width)
      : pointsBox.x - cardBox.x;
    assert.ok(startGap >= 0 && startGap < 40, `${locale}: number ${startGap}px from the inline start`);

    await page.screenshot({ path: path.join(artifactsDir, `loyalty-badge-${locale}.png`), fullPage: true });
    const violations = await axe(page);
    assert.deepEqual(violations, [], `${locale}: ${JSON.stringify(violations, null, 1)}`);
  }
  assert.deepEqual(page.problems, []);
});
