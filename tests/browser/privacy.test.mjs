// Consent, Global Privacy Control and private statistics in headless
// Chromium, against a real collector (SQLite), on the consent-first example
// (examples/private-stats/: Tessera.load({requireConsent: true})):
// - before consent nothing at all is stored (no IndexedDB database, no
//   localStorage, no cookie), after consent the sealed profile is;
// - with GPC on, even consent stores nothing and no report is made;
// - LDP reports reach POST /v1/ldp without cookies, referrer or any
//   identifier, carrying only {v, site, metric, epsilon, encoding, report},
//   at randomized times, and the device's budget (daily, then lifetime)
//   stops further reports;
// - a burst of events is sealed and written once, not once per event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { artifactsDir, axe, launch, newPage, repoRoot, startDemo } from './harness.mjs';

const CATEGORIES = ['running-shoes', 'apparel', 'socks', 'outerwear', 'hydration'];

// The demo's config with private statistics set up for a test: an interest
// metric, a small budget (2 reports a day, 3 ever) and send times within 2 s.
function configTemplate() {
  const config = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));
  config.personalization.privacy = {
    metrics: [{ metric: 'top-interest', categories: CATEGORIES, epsilon: 1 }],
    budget: { dailyEpsilon: 2, lifetimeEpsilon: 3 },
    delivery: { minDelaySeconds: 0, maxDelaySeconds: 2 },
  };
  return JSON.stringify(config);
}

let demo;
let browser;
before(async () => {
  demo = await startDemo({ configTemplate: configTemplate() });
  browser = await launch();
  fs.mkdirSync(artifactsDir, { recursive: true });
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

const EXAMPLE = '/examples/private-stats/';

// Date.now() can be moved forward (window.__shiftMs) to reach the next day.
async function openExample(page, { gpc = false } = {}) {
  await page.addInitScript((gpcOn) => {
    const realNow = Date.now;
    window.__shiftMs = 0;
    Date.now = () => realNow() + window.__shiftMs;
    if (gpcOn) Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    // Counts writes of the sealed profile (to check sealing per burst).
    window.__profileWrites = 0;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value, key) {
      if (key === 'profile') window.__profileWrites += 1;
      return put.call(this, value, key);
    };
  }, gpc);
  await page.goto(demo.url + EXAMPLE);
  await page.locator('tessera-offers li.offer').first().waitFor();
}

function ldpRequests(page) {
  const seen = [];
  page.on('request', async (r) => {
    if (!r.url().endsWith('/v1/ldp')) return;
    seen.push({ url: r.url(), method: r.method(), body: r.postData() ?? '', headers: await r.allHeaders() });
  });
  return seen;
}

// Everything the origin keeps: IndexedDB databases, Web Storage, cookies.
async function everythingStored(page) {
  const inPage = await page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name);
    const kv = {};
    if (databases.includes('tessera-personal')) {
      const db = await new Promise((resolve, reject) => {
        const q = indexedDB.open('tessera-personal');
        q.onsuccess = () => resolve(q.result);
        q.onerror = () => reject(q.error);
      });
      if (db.objectStoreNames.contains('kv')) {
        const keys = await new Promise((r) => {
          const q = db.transaction('kv').objectStore('kv').getAllKeys();
          q.onsuccess = () => r(q.result);
        });
        for (const k of keys) kv[k] = true;
      }
      db.close();
    }
    return { databases, kv: Object.keys(kv).sort(), local: Object.keys(localStorage),
             session: Object.keys(sessionStorage), cookie: document.cookie };
  });
  inPage.cookies = (await page.context().cookies()).map((c) => c.name);
  return inPage;
}

async function view(page, fragment) {
  await page.locator(`a[data-categories][href="#${fragment}"]`).click();
}

function exportedEvents(page) {
  return page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    return (await Tessera.privacy.export()).events.length;
  });
}

function report(page) {
  return page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    try {
      return { ok: await Tessera.privacy.report('top-interest') };
    } catch (e) {
      return { code: e.code, message: e.message };
    }
  });
}

function storedReports() {
  const out = execFileSync('sqlite3', ['-json', demo.db,
    'SELECT site, metric, epsilon, encoding, report, received_hour_ms FROM ldp_reports'], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

async function until(what, check, ms = 8000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('consent: nothing is stored before it, the sealed profile after; a burst is sealed once', async () => {
  const page = await newPage(browser);
  const ldp = ldpRequests(page);
  await openExample(page);
  for (const f of ['trail-shoes', 'trail-shoes', 'socks']) await view(page, f);
  await page.waitForTimeout(400);  // longer than the save debounce
  assert.equal(await exportedEvents(page), 3, 'the profile works in memory before consent');
  assert.deepEqual(await report(page), { ok: null }, 'no report without consent');
  const before = await everythingStored(page);
  assert.deepEqual(before, { databases: [], kv: [], local: [], session: [], cookie: '', cookies: [] },
    'before consent: no IndexedDB database, no Web Storage, no cookie');
  assert.equal(await page.evaluate(() => window.__profileWrites), 0);
  assert.deepEqual(await axe(page), [], 'axe: consent banner');

  await page.locator('#accept').click();
  await page.locator('#consent-status', { hasText: 'statistic' }).waitFor();
  const after = await everythingStored(page);
  assert.deepEqual(after.databases, ['tessera-personal']);
  for (const k of ['key', 'profile', 'budget']) assert.ok(after.kv.includes(k), `${k} stored after consent`);
  assert.deepEqual(after.cookies, []);

  // A burst of 20 events: sealed and written once (or twice if the burst
  // straddles the debounce), not 20 times.
  const writes = await page.evaluate(async (cats) => {
    const { Tessera } = await import('/tessera/tessera.js');
    const start = window.__profileWrites;
    await Promise.all(Array.from({ length: 20 }, (_, i) =>
      Tessera.personal.record({ type: 'view', categories: [cats[i % cats.length]] })));
    return window.__profileWrites - start;
  }, CATEGORIES);
  assert.ok(writes >= 1 && writes <= 2, `20 events, ${writes} profile writes`);

  await page.reload();
  await page.locator('tessera-offers li.offer').first().waitFor();
  assert.equal(await exportedEvents(page), 23, 'the profile survived the reload');

  // Withdrawing consent erases it.
  await page.locator('#decline').click();
  await page.locator('#consent-status', { hasText: 'Nothing is kept' }).waitFor();
  const withdrawn = await everythingStored(page);
  assert.deepEqual(withdrawn.kv, [], 'withdrawn: nothing left in the database');
  assert.deepEqual(withdrawn.local, []);
  assert.deepEqual(page.problems, []);
  await page.close();
  assert.ok(ldp.length <= 2, 'at most the consented reports were sent');
});

test('Global Privacy Control: consent given, still nothing stored and no report', async () => {
  const page = await newPage(browser);
  const ldp = ldpRequests(page);
  await openExample(page, { gpc: true });
  await view(page, 'socks');
  await page.locator('#accept').click();
  await page.locator('#consent-status', { hasText: 'Saved' }).waitFor();
  await view(page, 'vest');
  await page.waitForTimeout(400);
  assert.deepEqual(await report(page), { ok: null });
  const stored = await everythingStored(page);
  // The example remembers its own banner answer; Tessera stores nothing.
  assert.deepEqual({ ...stored, local: stored.local.filter((k) => k !== 'shop:consent') },
    { databases: [], kv: [], local: [], session: [], cookie: '', cookies: [] });
  assert.equal(await exportedEvents(page), 2, 'personalization works for this page');
  await page.waitForTimeout(2500);  // longer than the longest send delay
  assert.deepEqual(ldp, [], 'no private report left the page');
  await page.close();
});

test('private reports reach the collector without identifiers, at random times, until the budget ends', async () => {
  const page = await newPage(browser);
  // A session cookie for the shop's origin: a credentialed request would carry it.
  await page.context().addCookies([{ name: 'shop_session', value: 'sess-4711', url: demo.url }]);
  const ldp = ldpRequests(page);
  // Earlier tests of this file sent reports to the same collector.
  const earlier = storedReports().length;
  const ours = () => storedReports().slice(earlier);
  await openExample(page);
  for (const f of ['trail-shoes', 'trail-shoes', 'trail-shoes', 'socks']) await view(page, f);
  await page.locator('#accept').click();  // consent, then one report of the top interest
  await page.locator('#consent-status', { hasText: 'statistic' }).waitFor();

  const second = await report(page);
  assert.ok(second.ok, JSON.stringify(second));
  assert.ok(second.ok.sendAt >= Date.now() - 5000 && second.ok.sendAt <= Date.now() + 2500,
    'sent within the configured 0-2 s window');
  const third = await report(page);
  assert.equal(third.code, 'limit_exceeded', 'daily budget (2) reached');
  await until('two reports at the collector', () => ours().length === 2);

  // Next day: the daily cap renews, the lifetime cap (3) allows one more.
  await page.evaluate(() => { window.__shiftMs = 86400000; });
  const fourth = await report(page);
  assert.ok(fourth.ok, JSON.stringify(fourth));
  await page.evaluate(() => { window.__shiftMs = 2 * 86400000; });
  const fifth = await report(page);
  assert.equal(fifth.code, 'limit_exceeded', 'lifetime budget (3) reached');
  assert.match(fifth.message, /lifetime|budget/);
  await until('three reports at the collector', () => ours().length === 3);
  await page.waitForTimeout(2500);
  const rows = ours();
  assert.equal(rows.length, 3, 'the budget stopped further reports');
  for (const row of rows) {
    assert.equal(row.metric, 'top-interest');
    assert.equal(row.encoding, 'rr-6');
    assert.equal(row.epsilon, 1);
    const value = JSON.parse(row.report);
    assert.ok(Number.isInteger(value) && value >= 0 && value < 6, row.report);
    assert.equal(row.received_hour_ms % 3600000, 0, 'only the hour of arrival is kept');
  }

  assert.equal(ldp.length, 3);
  const profile = await page.evaluate(async () => {
    const { Tessera } = await import('/tessera/tessera.js');
    return JSON.stringify(await Tessera.privacy.export());
  });
  assert.match(profile, /running-shoes/);
  for (const r of ldp) {
    assert.equal(r.method, 'POST');
    const body = JSON.parse(r.body);
    assert.deepEqual(Object.keys(body).sort(), ['encoding', 'epsilon', 'metric', 'report', 'site', 'v']);
    for (const secret of [...CATEGORIES, 'trail', 'sess-4711']) {
      assert.equal(r.body.includes(secret), false, `the body carries "${secret}"`);
    }
    assert.equal(r.headers.cookie, undefined, 'no cookie is sent');
    assert.equal(r.headers.referer, undefined, 'no referrer is sent');
    for (const name of Object.keys(r.headers)) {
      assert.doesNotMatch(name, /idempotency|x-request-id|authorization/i);
    }
  }
  // Nothing is left waiting.
  const kv = (await everythingStored(page)).kv;
  assert.ok(!kv.includes('outbox'), `outbox empty: ${kv}`);
  await page.screenshot({ path: path.join(artifactsDir, 'private-stats.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a site without personalization: no error event, nothing stored, calls answer at once', async () => {
  const config = JSON.parse(configTemplate());
  delete config.personalization;
  const plain = await startDemo({ configTemplate: JSON.stringify(config) });
  try {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      window.__errors = [];
      // The offers element's and the personal module's (document-level)
      // error events; the demo's loyalty elements have their own story.
      document.addEventListener('tessera:error', (e) => window.__errors.push(e.detail));
      document.addEventListener('error', (e) => {
        if (e.target?.tagName === 'TESSERA-OFFERS') window.__errors.push(e.detail);
      }, true);
    });
    await page.goto(plain.url + '/');
    await page.locator('tessera-offers').first().waitFor({ state: 'attached' });
    await page.locator('a[data-categories][href="/#socks"]').click();
    const seen = await page.evaluate(async () => {
      const { Tessera } = await import('/tessera/tessera.js');
      const instance = await Tessera.load();
      const late = [];
      instance.on('error', (d) => late.push(d));
      await Tessera.personal.record({ type: 'view', categories: ['socks'] });
      let exported;
      try {
        exported = await Tessera.privacy.export();
      } catch (e) {
        exported = e.code;
      }
      await new Promise((r) => setTimeout(r, 300));
      return { exported, late, offersHidden: document.querySelector('tessera-offers').hidden };
    });
    assert.equal(seen.exported, 'failed_precondition', 'privacy calls say why, without waiting');
    assert.deepEqual(seen.late, []);
    assert.equal(seen.offersHidden, true, '<tessera-offers> hides itself');
    assert.deepEqual(await page.evaluate(() => window.__errors), [], 'no error event');
    const stored = await everythingStored(page);
    assert.ok(!stored.databases.includes('tessera-personal'), 'no personal database');
    assert.deepEqual(stored.local.filter((k) => k.startsWith('tessera:personal:')), []);
    // The demo asks for its loyalty grants, which this site does not have (404).
    assert.deepEqual(page.problems.filter((p) => !/status of 404/.test(p)), []);
    await page.close();
  } finally {
    await plain.stop();
  }
});
