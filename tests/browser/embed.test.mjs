// The one-snippet embed (web/src/loader.js) on examples/minimal under the
// collector's strict CSP: triggers decided by the core, SPA route changes,
// sampling, show-once across reloads, the modal's focus handling, the
// outbox across offline + reload, and isolation from a hostile stylesheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, axe, focused, launch, newPage, repoRoot, startDemo } from './harness.mjs';
import { stored } from './embed-setup.mjs';

let demo;
let browser;
let publicKey;
const base = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));

before(async () => {
  demo = await startDemo();
  publicKey = JSON.parse(fs.readFileSync(path.join(demo.dir, 'config/site-config.json'), 'utf8')).publicKey;
  browser = await launch();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** Serves a site config whose post-purchase survey has this trigger. */
function useTrigger(trigger) {
  const config = structuredClone(base);
  config.publicKey = publicKey;
  config.surveys = [{ ...config.surveys[0], trigger }];
  fs.writeFileSync(path.join(demo.dir, 'config/site-config.json'), JSON.stringify(config));
}

const pricing = { all: [{ match: 'contains', value: 'page=pricing' }] };

async function open(page, query) {
  await page.goto(`${demo.url}/examples/minimal/index.html${query}`);
  // Events the loader reports, gathered from the start.
  await page.evaluate(() => {
    window.seen = [];
    for (const t of ['shown', 'pending', 'cancelled', 'dismiss', 'complete', 'error']) {
      window.Tessera?.on(t, (d) => window.seen.push({ type: t, ...d }));
    }
  });
}

/** Resolves once the loader has started (config, core and listeners). */
const ready = (page) => page.evaluate(() => window.Tessera.init().then(() => true));

const shownCount = (page) => page.locator('tessera-placement').count();

test('a delayed survey appears only on matching URLs', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, delaySeconds: 1, display: 'always' });
  const page = await newPage(browser);
  await open(page, '?page=home');
  await page.waitForTimeout(1800);
  assert.equal(await shownCount(page), 0, 'not on the home page');
  await open(page, '?page=pricing');
  assert.equal(await shownCount(page), 0, 'not before the delay');
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  await page.screenshot({ path: path.join(artifactsDir, 'embed-corner.png') });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an SPA route change cancels a pending delayed survey', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, delaySeconds: 1, display: 'always' });
  const page = await newPage(browser);
  await open(page, '?page=pricing');
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'pending'));
  await page.getByRole('link', { name: 'About' }).click();
  await page.waitForTimeout(2000);
  assert.equal(await shownCount(page), 0);
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.some((e) => e.type === 'cancelled' && e.reason === 'url'), JSON.stringify(seen));
  await page.context().close();
});

test('sampling 0% never shows', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, samplePercent: 0, display: 'always' });
  const page = await newPage(browser);
  for (let i = 0; i < 3; i++) {
    await open(page, '?page=pricing');
    await page.waitForTimeout(700);
    assert.equal(await shownCount(page), 0);
  }
  await page.context().close();
});

test('show once is respected across a reload', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const page = await newPage(browser);
  await open(page, '?page=pricing');
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  await page.reload();
  await page.waitForTimeout(1500);
  assert.equal(await shownCount(page), 0);
  const state = await stored(page, 'visitor');
  assert.equal(state.history['post-purchase'].shown, 1);
  await page.context().close();
});

test('modal: focus moves in, stays in, Escape dismisses and focus returns; axe clean', async () => {
  useTrigger({ events: [{ type: 'click', selector: '#buy' }], placement: 'center', display: 'always' });
  const page = await newPage(browser);
  await open(page, '?page=pricing');
  await ready(page);
  await page.locator('#buy').focus();
  await page.keyboard.press('Enter');
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  const inModal = () => page.evaluate(() => {
    let el = document.activeElement;
    return el?.tagName === 'TESSERA-PLACEMENT';
  });
  assert.ok(await inModal(), 'focus moved into the modal');
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inModal(), `focus stays in the modal (Tab ${i + 1})`);
  }
  await page.screenshot({ path: path.join(artifactsDir, 'embed-modal.png') });
  const violations = await axe(page);
  assert.deepEqual(violations, []);
  await page.keyboard.press('Escape');
  await page.locator('tessera-placement').waitFor({ state: 'detached', timeout: 3000 });
  assert.equal((await focused(page)).text, 'Buy now', 'focus returned to the opener');
  let state = await stored(page, 'visitor');
  for (let i = 0; i < 20 && !state.history['post-purchase'].dismissed; i++) {
    await page.waitForTimeout(100); // the dismissal is written asynchronously
    state = await stored(page, 'visitor');
  }
  assert.deepEqual(state.history['post-purchase'].dismissed, 1);
  assert.equal(state.history['post-purchase'].answered, undefined, 'a dismissal is not an answer');
  await page.context().close();
});

test('outbox: answered offline, page closed, delivered exactly once when online again', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'always' });
  const before = await demo.records();
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  await open(page, '?page=pricing');
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 5000 });
  await context.setOffline(true);
  await page.locator('tessera-survey [role="radio"]').nth(9).click();
  const completed = page.evaluate(() => new Promise((resolve) =>
    window.Tessera.on('complete', (d) => resolve(d))));
  await page.getByRole('button', { name: 'Submit' }).click();
  const detail = await completed;
  assert.equal(detail.delivered, false, 'queued while offline');
  assert.equal((await stored(page, 'outbox')).items.length, 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('tessera:queued')), '1');
  await page.close();
  assert.equal(await demo.records(), before);
  await context.setOffline(false);
  const again = await context.newPage();
  await again.goto(`${demo.url}/examples/minimal/index.html?page=home`);
  await again.waitForFunction(() => localStorage.getItem('tessera:queued') === null, null, { timeout: 10000 });
  assert.equal((await stored(again, 'outbox')).items.length, 0);
  await again.reload();
  await again.waitForTimeout(1000);
  assert.equal(await demo.records(), before + 1, 'delivered exactly once');
  await context.close();
});

test('a hostile host stylesheet does not leak in, and the widget does not leak out', async () => {
  useTrigger({ events: [{ type: 'page_view' }], urls: pricing, placement: 'bottom-right', display: 'always' });
  const page = await newPage(browser);
  await open(page, '?page=home');
  await page.addStyleTag({ url: '/examples/minimal/hostile.css' });
  const hostBefore = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).cssText ||
    JSON.stringify([...getComputedStyle(document.querySelector('h1'))].map((k) => getComputedStyle(document.querySelector('h1')).getPropertyValue(k))));
  await page.evaluate(() => history.pushState({}, '', '?page=pricing'));
  const radio = page.locator('tessera-survey [role="radio"]').first();
  await radio.waitFor({ timeout: 5000 });
  assert.ok(await radio.isVisible(), 'the survey is visible despite display:none !important');
  const inside = await radio.evaluate((el) => getComputedStyle(el).fontFamily);
  assert.ok(!/Comic/.test(inside), `host font leaked in: ${inside}`);
  const hostAfter = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).cssText ||
    JSON.stringify([...getComputedStyle(document.querySelector('h1'))].map((k) => getComputedStyle(document.querySelector('h1')).getPropertyValue(k))));
  assert.equal(hostAfter, hostBefore, 'the widget changed no host style');
  await page.screenshot({ path: path.join(artifactsDir, 'embed-hostile.png') });
  await page.context().close();
});

test('the snippet loads one bundle, the glue and the core, all content-hashed and cached for a year', async () => {
  useTrigger({ events: [{ type: 'page_view' }], display: 'always' });
  const page = await newPage(browser);
  const responses = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/tessera/')) responses.push({ path: url.pathname, cache: r.headers()['cache-control'] });
  });
  await open(page, '?page=home');
  await page.locator('tessera-survey [role="radio"]').first().waitFor({ timeout: 10000 });
  const paths = responses.map((r) => r.path);
  assert.equal(paths.length, 4, `loader, bundle, glue, core: ${paths.join(' ')}`);
  assert.equal(responses.find((r) => r.path === '/tessera/loader.js')?.cache, 'no-cache', 'the snippet is revalidated');
  const folder = /^\/tessera\/([0-9a-f]{10})\/bundle\.js$/.exec(paths.find((p) => p.endsWith('/bundle.js')) ?? '')?.[1];
  assert.ok(folder, 'the bundle is in a hashed release folder');
  assert.ok(paths.includes(`/tessera/${folder}/tessera-core.mjs`), 'the glue beside it');
  assert.equal(paths.filter((p) => /^\/tessera\/tessera-core\.[0-9a-f]{10}\.wasm$/.test(p)).length, 1,
    'the core, fetched once (compiled by the loader, instantiated by the glue)');
  for (const r of responses.filter((x) => x.path !== '/tessera/loader.js')) {
    assert.equal(r.cache, 'public, max-age=31536000, immutable', r.path);
  }
  await page.close();
});
