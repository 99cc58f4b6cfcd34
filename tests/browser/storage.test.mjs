// The widget's storage in Chromium (web/src/storage/): two tabs of one
// browser show a due survey only once (Web Locks, and the BroadcastChannel
// fallback), concurrent writes from two tabs lose nothing, v1 localStorage
// data migrates into IndexedDB v2, corrupt stored state is quarantined with
// an `error` event while the survey still works, a QuotaExceededError keeps
// the widget going (and the answer is still delivered), and without
// IndexedDB (then without localStorage too) the widget falls back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { embedSuite, quarantined, seen, settled, shownCount, storeRaw, stored, until, watchEvents } from './embed-setup.mjs';

let suite;
before(async () => { suite = await embedSuite(); });
after(async () => { await suite?.close(); });

const pricing = { all: [{ match: 'contains', value: 'page=pricing' }] };
const minimal = (query) => `${suite.demo.url}/examples/minimal/index.html${query}`;
const radio = (page) => page.locator('tessera-survey [role="radio"]').first();

// Turns browser features off before any page script runs.
const WITHOUT = {
  locks: () => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true }),
  indexedDB: () => Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true }),
  localStorage: () => Object.defineProperty(window, 'localStorage', {
    get: () => { throw new DOMException('blocked', 'SecurityError'); }, configurable: true }),
};

async function context(without = []) {
  const ctx = await suite.browser.newContext({ viewport: { width: 900, height: 900 } });
  for (const w of without) await ctx.addInitScript(WITHOUT[w]);
  await watchEvents(ctx);
  return ctx;
}

async function twoTabsShowOnce(without) {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const ctx = await context(without);
  const tabs = [await ctx.newPage(), await ctx.newPage()];
  await Promise.all(tabs.map((p) => p.goto(minimal('?page=pricing'))));
  // One tab shows it; the other either saw it stored already (not due) or
  // lost the race inside the lock (`cancelled`, display_policy).
  await Promise.race(tabs.map((p) => until(p, () => window.seen.some((e) => e.type === 'shown'))));
  for (const p of tabs) await settled(p, 1000);
  const counts = await Promise.all(tabs.map(shownCount));
  assert.deepEqual([...counts].sort(), [0, 1], `shown in exactly one tab: ${counts}`);
  const events = (await Promise.all(tabs.map(seen))).flat();
  assert.equal(events.filter((e) => e.type === 'shown').length, 1, JSON.stringify(events));
  assert.ok(events.every((e) => e.type !== 'cancelled' || e.reason === 'display_policy'), JSON.stringify(events));
  assert.equal((await stored(tabs[0], 'visitor'))?.history?.['post-purchase']?.shown ??
    JSON.parse(await tabs[0].evaluate(() => localStorage.getItem('tessera:v2:visitor'))).history['post-purchase'].shown, 1);
  await ctx.close();
}

test('two tabs: a due "once" survey is shown in one of them only (Web Locks)', async () => {
  await twoTabsShowOnce([]);
});

test('two tabs without Web Locks or IndexedDB: the BroadcastChannel lock still shows it once', async () => {
  await twoTabsShowOnce(['locks', 'indexedDB']);
});

async function concurrentWrites(without) {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const ctx = await context(without);
  const tabs = [await ctx.newPage(), await ctx.newPage()];
  await Promise.all(tabs.map((p) => p.goto(minimal('?page=home'))));
  const burst = (p) => p.evaluate(async () => {
    const { openStorage } = await import('/tessera/storage/store.js');
    const storage = await openStorage();
    const visitor = storage.collection('visitor');
    await Promise.all(Array.from({ length: 25 }, (_, i) =>
      visitor.update((s) => { s.visits += 1; s.history[`t${i}`] = { shown: (s.history[`t${i}`]?.shown ?? 0) + 1 }; })));
    return { kind: storage.kind, visits: (await visitor.read()).visits };
  });
  const before = await tabs[0].evaluate(async () => {
    const { openStorage } = await import('/tessera/storage/store.js');
    return (await (await openStorage()).collection('visitor').read()).visits;
  });
  const results = await Promise.all(tabs.map(burst));
  const after = await tabs[0].evaluate(async () => {
    const { openStorage } = await import('/tessera/storage/store.js');
    return (await (await openStorage()).collection('visitor').read());
  });
  assert.equal(after.visits, before + 50, `no update lost (${JSON.stringify(results)})`);
  assert.equal(after.history.t7.shown, 2);
  await ctx.close();
  return results[0].kind;
}

test('concurrent writes from two tabs are never clobbered (IndexedDB, Web Locks)', async () => {
  assert.equal(await concurrentWrites([]), 'indexeddb');
});

test('concurrent writes from two tabs on the fallback (localStorage, BroadcastChannel lock)', async () => {
  assert.equal(await concurrentWrites(['locks', 'indexedDB']), 'localStorage');
});

test('v1 localStorage data migrates into IndexedDB v2: history kept, queued record kept', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`${suite.demo.url}/healthz`); // this origin, no widget yet
  const visitorId = 'ab'.repeat(16);
  const item = { endpoint: '/v1/responses', attempts: 1, nextAt: 0,
    body: { v: 1, site: 'demo-shop', surveyId: 'post-purchase', idempotencyKey: 'migrated-1', kind: 'final', sealed: 'x' } };
  // What the v1 widget left behind (and nothing yet in IndexedDB).
  await page.evaluate(([id, it]) => {
    localStorage.setItem('tessera:visitor', JSON.stringify({ v: 1, visitorId: id, visits: 4,
      history: { 'post-purchase': { shown: 1, lastShownAt: Date.now() - 1000 } } }));
    localStorage.setItem('tessera:outbox', JSON.stringify([it]));
  }, [visitorId, item]);
  await ctx.route('**/v1/responses', (route) => route.abort()); // keep the migrated record queued
  await page.goto(minimal('?page=pricing'));
  await settled(page);
  assert.equal(await shownCount(page), 0, 'the v1 history (shown once) still counts');
  const visitor = await stored(page, 'visitor');
  assert.equal(visitor.v, 2);
  assert.equal(visitor.visitorId, visitorId);
  assert.equal(visitor.history['post-purchase'].shown, 1);
  assert.ok(visitor.visits >= 4);
  const outbox = await stored(page, 'outbox');
  assert.deepEqual(outbox.items.map((i) => i.body.idempotencyKey), ['migrated-1']);
  assert.deepEqual(await page.evaluate(() => [localStorage.getItem('tessera:visitor'), localStorage.getItem('tessera:outbox')]),
    [null, null], 'the v1 keys are gone');
  await ctx.close();
});

test('corrupt stored state: quarantined, an error event, and the survey still works', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'always' });
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(minimal('?page=home'));
  await storeRaw(page, 'visitor', { v: 2, visitorId: 42, history: 'nonsense' });
  await storeRaw(page, 'outbox', 'not an outbox');
  await page.goto(minimal('?page=pricing'));
  await radio(page).waitFor({ timeout: 8000 });
  const errors = (await seen(page)).filter((e) => e.type === 'error');
  assert.deepEqual(errors.map((e) => e.code).sort(), ['storage_corrupt', 'storage_corrupt'], JSON.stringify(errors));
  const aside = await quarantined(page);
  assert.equal(aside.length, 2);
  assert.ok(aside.some((v) => v === 'not an outbox'));
  assert.match((await stored(page, 'visitor')).visitorId, /^[0-9a-f]{32}$/, 'replaced by a fresh state');
  assert.deepEqual(page.problems ?? [], []);
  await ctx.close();
});

test('quota exceeded: the widget keeps working, reports storage_full, and the answer is delivered', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'always' });
  const ctx = await context();
  // Every IndexedDB write on the widget's store fails as a full disk would.
  await ctx.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'state') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  const before = await suite.demo.records();
  const page = await ctx.newPage();
  await page.goto(minimal('?page=pricing'));
  await radio(page).waitFor({ timeout: 8000 });
  await page.locator('tessera-survey [role="radio"]').nth(8).click();
  const completed = page.evaluate(() => new Promise((resolve) => window.Tessera.on('complete', resolve)));
  await page.getByRole('button', { name: 'Submit' }).click();
  const detail = await completed;
  assert.equal(detail.delivered, true, 'sent from the in-memory queue');
  assert.equal(await suite.demo.records(), before + 1);
  const codes = (await seen(page)).filter((e) => e.type === 'error').map((e) => e.code);
  assert.ok(codes.includes('storage_full'), JSON.stringify(codes));
  assert.ok(codes.every((c) => c === 'storage_full'), JSON.stringify(codes));
  await ctx.close();
});

test('no IndexedDB: localStorage holds the state ("once" holds across a reload)', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const ctx = await context(['indexedDB']);
  const page = await ctx.newPage();
  await page.goto(minimal('?page=pricing'));
  await radio(page).waitFor({ timeout: 8000 });
  const state = await page.evaluate(() => JSON.parse(localStorage.getItem('tessera:v2:visitor')));
  assert.equal(state.history['post-purchase'].shown, 1);
  await page.reload();
  await settled(page);
  assert.equal(await shownCount(page), 0);
  await ctx.close();
});

test('neither IndexedDB nor localStorage: memory only, the survey still shows, no page error', async () => {
  suite.useTrigger({ events: [{ type: 'page_view' }], urls: pricing, display: 'once' });
  const ctx = await context(['indexedDB', 'localStorage']);
  const page = await ctx.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(minimal('?page=pricing'));
  await radio(page).waitFor({ timeout: 8000 });
  const errors = (await seen(page)).filter((e) => e.type === 'error');
  assert.deepEqual(errors, []);
  assert.deepEqual(problems, []);
  await ctx.close();
});
