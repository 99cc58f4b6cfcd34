// Every trigger kind in Chromium, on examples/minimal behind the strict CSP
// (the URL filter, SPA cancellation, sampling, "once" and the modal are in
// embed.test.mjs): scroll depth, exit intent, click on a CSS selector, dwell
// time, delay, Tessera.track, every placement (four corners, centre modal,
// inline slot), "untilAnswered", {"upTo": n}, the recontact wait, and
// dismissals recorded as dismissals, never as answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { artifactsDir } from './harness.mjs';
import { embedSuite, ready, seen, settled, shownCount, storeRaw, stored, until, watchEvents } from './embed-setup.mjs';

let suite;
before(async () => {
  suite = await embedSuite();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => { await suite?.close(); });

const minimal = (query = '?page=home') => `${suite.demo.url}/examples/minimal/index.html${query}`;
const radios = (page) => page.locator('tessera-survey [role="radio"]');
const always = (events, more = {}) => ({ events, display: 'always', ...more });

async function openPage(query, { viewport = { width: 900, height: 900 } } = {}) {
  const ctx = await suite.browser.newContext({ viewport });
  await watchEvents(ctx);
  const page = await ctx.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(minimal(query));
  await ready(page);
  return page;
}

/** Asserts that nothing is shown for ms milliseconds. */
async function staysHidden(page, ms, why) {
  await page.waitForTimeout(ms);
  assert.equal(await shownCount(page), 0, why);
}

test('scroll depth: shown once the page is scrolled past 60%, not before', async () => {
  suite.useTrigger(always([{ type: 'scroll', percent: 60 }]));
  const page = await openPage();
  await page.evaluate(() => { document.querySelector('main').style.minHeight = '4000px'; });
  await page.mouse.wheel(0, 1200); // about 38% of 4000 - 900
  await staysHidden(page, 600, 'not at 38%');
  await page.mouse.wheel(0, 1400);
  await radios(page).first().waitFor({ timeout: 5000 });
  const shown = (await seen(page)).find((e) => e.type === 'shown');
  assert.equal(shown.surveyId, 'post-purchase');
  await page.context().close();
});

test('exit intent: shown when the pointer leaves through the top of the window', async () => {
  suite.useTrigger(always([{ type: 'exit_intent' }]));
  const page = await openPage();
  await page.mouse.move(450, 400);
  await page.mouse.move(450, 200, { steps: 4 });
  await staysHidden(page, 300, 'moving inside the page is not an exit');
  // Real pointer moves through Chromium's input pipeline (no synthetic
  // events): leaving through the left edge is not an exit...
  await page.mouse.move(-5, 200, { steps: 4 });
  await staysHidden(page, 300, 'leaving sideways is not an exit');
  // ...leaving through the top (towards the tabs and the address bar) is.
  await page.mouse.move(450, 200, { steps: 4 });
  await page.mouse.move(450, -5, { steps: 4 });
  await radios(page).first().waitFor({ timeout: 5000 });
  await page.context().close();
});

test('click on a CSS selector: other clicks do nothing, a click inside the match shows it', async () => {
  suite.useTrigger(always([{ type: 'click', selector: 'main button#buy' }]));
  const page = await openPage();
  await page.locator('h1').click();
  await staysHidden(page, 400, 'a click elsewhere');
  await page.locator('#buy').click();
  await radios(page).first().waitFor({ timeout: 5000 });
  await page.context().close();
});

test('dwell time: shown after 2 s on the page, not at 1 s', async () => {
  suite.useTrigger(always([{ type: 'dwell', seconds: 2 }]));
  const start = Date.now();
  const page = await openPage();
  await staysHidden(page, Math.max(0, 1000 - (Date.now() - start)), 'not after 1 s');
  await radios(page).first().waitFor({ timeout: 5000 });
  assert.ok(Date.now() - start >= 2000);
  await page.context().close();
});

test('delay: pending first, then shown after the delay', async () => {
  suite.useTrigger(always([{ type: 'page_view' }], { delaySeconds: 2 }));
  const page = await openPage();
  const t0 = Date.now();
  await until(page, () => window.seen.some((e) => e.type === 'pending'));
  const pending = (await seen(page)).find((e) => e.type === 'pending');
  assert.equal(pending.delayMs, 2000);
  await staysHidden(page, 1000, 'not within the delay');
  await radios(page).first().waitFor({ timeout: 5000 });
  assert.ok(Date.now() - t0 >= 1500);
  await page.context().close();
});

test('custom event: Tessera.track(name) shows it; another name does not', async () => {
  suite.useTrigger(always([{ type: 'track', name: 'checkout' }]));
  const page = await openPage();
  await page.evaluate(() => window.Tessera.track('signup'));
  await staysHidden(page, 400, 'another event name');
  await page.locator('#buy').click(); // the host's app.js calls Tessera.track('checkout')
  await radios(page).first().waitFor({ timeout: 5000 });
  await page.context().close();
});

test('track() called before the loader finished is not lost', async () => {
  suite.useTrigger(always([{ type: 'track', name: 'early' }]));
  const ctx = await suite.browser.newContext();
  await watchEvents(ctx);
  await ctx.addInitScript(() => {
    // The host calls track as soon as Tessera exists, long before the core loads.
    const iv = setInterval(() => {
      if (window.Tessera) {
        window.Tessera.track('early');
        clearInterval(iv);
      }
    }, 1);
  });
  const page = await ctx.newPage();
  await page.goto(minimal());
  await radios(page).first().waitFor({ timeout: 8000 });
  await ctx.close();
});

test('a URL where nothing can show loads only the loader and config; routing to one loads the rest', async () => {
  suite.useTrigger(always([{ type: 'page_view' }], { urls: { all: [{ match: 'contains', value: 'page=pricing' }] } }));
  const ctx = await suite.browser.newContext();
  await watchEvents(ctx);
  const page = await ctx.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(minimal('?page=home'));
  assert.equal(await page.evaluate(() => window.Tessera.init()), null, 'init: nothing to do here');
  await page.waitForTimeout(500);
  assert.deepEqual(requested.filter((p) => p.startsWith('/tessera/') || p.startsWith('/config/')),
    ['/tessera/loader.js', '/config/site-config.json']);
  await page.getByRole('link', { name: 'Pricing' }).click(); // the host's router: pushState
  await radios(page).first().waitFor({ timeout: 8000 });
  assert.ok(requested.some((p) => /^\/tessera\/tessera-core\.[0-9a-f]{10}\.wasm$/.test(p)), 'the core (hashed name)');
  await ctx.close();
});

test('events: a page of a multi-page survey answered reports partial (not complete) through Tessera.on', async () => {
  suite.useSurveys([{ id: 'gallery', from: 'gallery', trigger: always([{ type: 'page_view' }], { placement: 'center' }) }]);
  const page = await openPage();
  await radios(page).first().waitFor({ timeout: 5000 });
  await radios(page).nth(9).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'partial'), null, { timeout: 8000 });
  const partial = (await seen(page)).find((e) => e.type === 'partial');
  assert.deepEqual(partial, { type: 'partial', surveyId: 'gallery' });
  assert.ok(!(await seen(page)).some((e) => e.type === 'complete'), 'not complete yet');
  await page.context().close();
});

const CORNERS = {
  'bottom-right': (b, vw, vh) => vw - (b.x + b.width) <= 20 && vh - (b.y + b.height) <= 20,
  'bottom-left': (b, vw, vh) => b.x <= 20 && vh - (b.y + b.height) <= 20,
  'top-right': (b, vw) => vw - (b.x + b.width) <= 20 && b.y <= 20,
  'top-left': (b) => b.x <= 20 && b.y <= 20,
};

for (const [placement, near] of Object.entries(CORNERS)) {
  test(`placement ${placement}: a card in that corner, not modal, focus left alone`, async () => {
    suite.useTrigger(always([{ type: 'page_view' }], { placement }));
    const page = await openPage();
    await radios(page).first().waitFor({ timeout: 5000 });
    const card = page.locator('tessera-placement div.corner');
    const box = await card.boundingBox();
    assert.ok(near(box, 900, 900), `${placement}: ${JSON.stringify(box)}`);
    assert.equal(await card.getAttribute('role'), 'complementary');
    assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), 'TESSERA-PLACEMENT');
    await page.screenshot({ path: path.join(artifactsDir, `placement-${placement}.png`) });
    await page.context().close();
  });
}

test('placement center: a modal dialog in the middle', async () => {
  suite.useTrigger(always([{ type: 'page_view' }], { placement: 'center' }));
  const page = await openPage();
  await radios(page).first().waitFor({ timeout: 5000 });
  const dialog = page.locator('tessera-placement dialog.center');
  assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true);
  const box = await dialog.boundingBox();
  assert.ok(Math.abs(box.x + box.width / 2 - 450) < 20 && Math.abs(box.y + box.height / 2 - 450) < 40,
    JSON.stringify(box));
  await page.context().close();
});

test('placement inline: fills the page\'s <tessera-slot>, in the flow of the page', async () => {
  suite.useTrigger(always([{ type: 'page_view' }], { placement: 'inline' }));
  const page = await openPage();
  await radios(page).first().waitFor({ timeout: 5000 });
  assert.equal(await page.locator('tessera-slot[survey="post-purchase"] tessera-placement').count(), 1);
  const position = await page.locator('tessera-placement div.inline')
    .evaluate((el) => getComputedStyle(el).position);
  assert.equal(position, 'static');
  await page.screenshot({ path: path.join(artifactsDir, 'placement-inline.png') });
  await page.context().close();
});

async function dismiss(page) {
  await page.locator('tessera-survey button.close').click();
  await page.locator('tessera-placement').waitFor({ state: 'detached', timeout: 3000 });
}

async function answer(page) {
  await radios(page).nth(7).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await page.locator('tessera-survey .thanks').waitFor();
}

async function history(page, surveyId = 'post-purchase') {
  for (let i = 0; i < 30; i++) { // written just after the click
    const h = (await stored(page, 'visitor'))?.history?.[surveyId];
    if (h) return h;
    await page.waitForTimeout(100);
  }
  return null;
}

async function reloadAndDecide(page) {
  await page.reload();
  await settled(page);
  return shownCount(page);
}

test('untilAnswered: a dismissal is recorded as such and the survey comes back; an answer ends it', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], display: 'untilAnswered' });
  const page = await openPage();
  await radios(page).first().waitFor({ timeout: 5000 });
  await dismiss(page);
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'dismiss'));
  let h = await history(page);
  for (let i = 0; i < 20 && !h.dismissed; i++) h = await history(page);
  assert.equal(h.dismissed, 1);
  assert.equal(h.answered, undefined, 'a dismissal is never an answer');
  assert.equal(await reloadAndDecide(page), 1, 'shown again after a dismissal');
  await answer(page);
  await page.waitForTimeout(300);
  h = await history(page);
  assert.deepEqual({ shown: h.shown, answered: h.answered, dismissed: h.dismissed },
    { shown: 2, answered: 1, dismissed: 1 });
  assert.equal(await reloadAndDecide(page), 0, 'answered: not again');
  await page.context().close();
});

test('upTo 2: shown on two visits (dismissed both times), not on the third', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], display: { upTo: 2 } });
  const page = await openPage();
  await radios(page).first().waitFor({ timeout: 5000 });
  await dismiss(page);
  assert.equal(await reloadAndDecide(page), 1);
  await dismiss(page);
  assert.equal(await reloadAndDecide(page), 0);
  const h = await history(page);
  assert.deepEqual([h.shown, h.dismissed, h.answered], [2, 2, undefined]);
  await page.context().close();
});

test('recontact wait: after any survey, none for N days; once the days have passed, again', async () => {
  suite.useSurveys([
    { id: 'first', trigger: { events: [{ type: 'page_view' }], urls: { all: [{ match: 'contains', value: 'page=home' }] } } },
    { id: 'second', trigger: { events: [{ type: 'page_view' }], urls: { all: [{ match: 'contains', value: 'page=pricing' }] } } },
  ], { recontactDays: 2 });
  const page = await openPage('?page=home');
  await radios(page).first().waitFor({ timeout: 5000 });
  await dismiss(page);
  await page.goto(minimal('?page=pricing'));
  await settled(page);
  assert.equal(await shownCount(page), 0, 'within the wait');
  // Three days pass (the stored time of the last display moves back).
  const visitor = await stored(page, 'visitor');
  visitor.history.first.lastShownAt -= 3 * 86400000;
  await storeRaw(page, 'visitor', visitor);
  await page.reload();
  await radios(page).first().waitFor({ timeout: 5000 });
  assert.equal((await seen(page)).find((e) => e.type === 'shown').surveyId, 'second');
  await page.context().close();
});
