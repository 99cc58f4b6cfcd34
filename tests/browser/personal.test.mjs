// <tessera-offers> on the demo shop in headless Chromium under the strict
// CSP: ranking from product views, "Why this?" by keyboard, the "Your data"
// panel, forget (storage reads back nothing), a corrupted stored profile
// (discarded with an `error` event, widget still works), Global Privacy
// Control, axe in every state, and a network audit: no profile data, viewed
// categories or offer ids leave the page in the clear.
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

const SECRETS = ['running-shoes', 'apparel', 'merino', 'outerwear', 'hydration', 'trail-shoe-10',
  'merino-tee', 'sock-bundle', 'softshell', 'hydro-vest', 'member-gaiters'];

// Records every request the page makes: URL, method, body.
function audit(page) {
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  return requests;
}

async function errorsSeen(page) {
  return page.evaluate(() => window.__tesseraErrors);
}

async function openShop(page) {
  await page.addInitScript(() => {
    window.__tesseraErrors = [];
    document.addEventListener('error', (e) => {
      if (e.target?.tagName === 'TESSERA-OFFERS') window.__tesseraErrors.push(e.detail);
    });
  });
  await page.goto(demo.url + '/');
  await page.locator('tessera-offers li.offer').first().waitFor();
}

function storage(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('tessera-personal', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('kv');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = (op) => new Promise((resolve) => {
      const req = db.transaction('kv').objectStore('kv')[op]();
      req.onsuccess = () => resolve(req.result);
    });
    const out = { keys: await all('getAllKeys'), values: await all('getAll') };
    db.close();
    out.local = Object.keys(localStorage).filter((k) => k.startsWith('tessera:personal:'));
    return out;
  });
}

function storedProfile(page) {
  return page.evaluate(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('tessera-personal', 1); q.onupgradeneeded = () => q.result.createObjectStore('kv'); q.onsuccess = () => r(q.result); });
    const value = await new Promise((r) => {
      const q = db.transaction('kv').objectStore('kv').get('profile');
      q.onsuccess = () => r(q.result ?? null);
    });
    db.close();
    return value;
  });
}

// Clicks a product link and waits until the re-sealed profile (a fresh
// nonce each time, so always different bytes) is stored.
async function view(page, fragment) {
  const before = await storedProfile(page);
  await page.locator(`a[data-categories][href="/#${fragment}"]`).click();
  for (let i = 0; i < 100 && (await storedProfile(page)) === before; i++) await page.waitForTimeout(20);
  assert.notEqual(await storedProfile(page), before, 'the profile was saved');
}

test('ranked offers, "Why this?" by keyboard, data panel, forget; nothing personal on the wire', async () => {
  const page = await newPage(browser);
  const requests = audit(page);
  await openShop(page);
  assert.equal(await page.locator('tessera-offers li.offer').count(), 3);
  const empty = await storage(page);
  assert.deepEqual(empty.keys, [], 'a visit that records nothing stores nothing');

  for (const f of ['trail-shoes', 'trail-shoes', 'trail-shoes', 'socks']) await view(page, f);
  await page.reload();
  await page.locator('tessera-offers li.offer').first().waitFor();
  const ids = await page.locator('tessera-offers li.offer').evaluateAll((els) => els.map((e) => e.dataset.offer));
  assert.ok(ids.includes('trail-shoe-10'), `the viewed category is offered: ${ids}`);
  await page.screenshot({ path: path.join(artifactsDir, 'offers-collapsed.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'axe: collapsed');

  // Keyboard: Tab to the first "Why this?" and open it with Enter.
  const button = await tabTo(page, { text: 'Why this?' }, { maxPresses: 40 });
  assert.ok(button, 'Tab reaches "Why this?"');
  await page.keyboard.press('Enter');
  const card = page.locator('tessera-offers li.offer').first();
  assert.equal(await card.locator('button').getAttribute('aria-expanded'), 'true');
  const why = await card.locator('.why').textContent();
  assert.ok(await card.locator('.why').isVisible());
  assert.ok(why.length > 10, `an explanation is shown: "${why}"`);
  await page.keyboard.press('Space');
  assert.equal(await card.locator('button').getAttribute('aria-expanded'), 'false', 'Space closes it');
  await page.keyboard.press('Enter');
  const trail = page.locator('tessera-offers li[data-offer="trail-shoe-10"]');
  if (await trail.locator('button').getAttribute('aria-expanded') !== 'true') {
    await trail.locator('button').click();
  }
  assert.match(await trail.locator('.why').textContent(), /running shoes/);
  await page.screenshot({ path: path.join(artifactsDir, 'offers-why.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'axe: expanded');

  // "Your data": readable, then forget.
  await page.locator('tessera-offers button', { hasText: 'Your data' }).click();
  const text = await page.locator('tessera-offers .data pre').textContent();
  assert.match(text, /running-shoes/);
  assert.match(text, /Events \(4/);
  await page.screenshot({ path: path.join(artifactsDir, 'offers-data.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'axe: data panel open');
  const before = await storage(page);
  assert.deepEqual(before.keys.sort(), ['key', 'profile']);
  const sealed = before.values.find((v) => v.length > 64);
  const keyHex = before.values.find((v) => /^[0-9a-f]{64}$/.test(v));
  assert.equal(sealed.includes('running'), false, 'stored profile is sealed');

  await page.locator('tessera-offers button', { hasText: 'Forget everything' }).click();
  await page.locator('tessera-offers [role="status"]', { hasText: 'nothing about you' }).waitFor();
  assert.match(await page.locator('tessera-offers .data pre').textContent(), /Nothing is stored/);
  const after = await storage(page);
  assert.deepEqual(after, { keys: [], values: [], local: [] }, 'forget: storage reads back nothing');
  assert.deepEqual(await page.evaluate(async () => (await (await import('/tessera/tessera.js')).Tessera.privacy.export()).events), []);
  assert.equal(await page.locator('tessera-offers li.offer').count(), 3, 'still works after forget');
  await page.screenshot({ path: path.join(artifactsDir, 'offers-forgotten.png'), fullPage: true });

  // The survey is the one thing that may send: sealed.
  for (const r of requests) {
    const wire = r.url + '\n' + r.body;
    for (const s of [...SECRETS, sealed, keyHex]) {
      assert.equal(wire.includes(s), false, `${r.method} ${r.url} carries "${s.slice(0, 20)}"`);
    }
    if (r.method !== 'GET') assert.match(r.body, /"sealed"/, `${r.url}: only sealed bodies are sent`);
  }
  assert.deepEqual(await errorsSeen(page), []);
  assert.deepEqual(page.problems, [], 'no CSP violation or page error');
  await page.close();
});

test('a corrupted stored profile is discarded with an error event; the widget still works', async () => {
  const page = await newPage(browser);
  await openShop(page);
  await view(page, 'vest');
  await page.evaluate(async () => {
    const db = await new Promise((r) => { const q = indexedDB.open('tessera-personal', 1); q.onsuccess = () => r(q.result); });
    const store = db.transaction('kv', 'readwrite').objectStore('kv');
    const blob = await new Promise((r) => { const q = store.get('profile'); q.onsuccess = () => r(q.result); });
    const flipped = (blob[10] === 'A' ? 'B' : 'A');
    await new Promise((r) => { const q = store.put(blob.slice(0, 10) + flipped + blob.slice(11), 'profile'); q.onsuccess = r; });
    db.close();
  });
  await page.reload();
  await page.locator('tessera-offers li.offer').first().waitFor();
  const errors = await errorsSeen(page);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].code, 'crypto_error');
  assert.match(errors[0].message, /discarded/);
  assert.equal(await page.locator('tessera-offers li.offer').count(), 3);
  await page.locator('tessera-offers button', { hasText: 'Your data' }).click();
  assert.match(await page.locator('tessera-offers .data pre').textContent(), /Nothing is stored/);
  await view(page, 'socks');
  assert.deepEqual((await storage(page)).keys.sort(), ['key', 'profile'], 'a new profile is saved');
  await page.close();
});

test('Global Privacy Control: nothing stored, no LDP report', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await openShop(page);
  await page.locator('a[data-categories][href="/#socks"]').click();
  const result = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    await Tessera.personal.record({ type: 'view', categories: ['socks'] });
    return { report: await Tessera.privacy.report('top-category', 1), events: (await Tessera.privacy.export()).events.length };
  });
  assert.equal(result.report, null);
  assert.equal(result.events, 2, 'the profile works for this page');
  assert.deepEqual(await storage(page), { keys: [], values: [], local: [] });
  await page.close();
});
