// Shared set-up for the tests of the one-snippet embed (examples/minimal
// behind the collector's strict CSP): a site config whose first survey gets
// a given trigger, pages that gather the loader's events from the very
// start, and readers of the widget's stored state (IndexedDB `tessera`).
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, repoRoot, startDemo } from './harness.mjs';

const base = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8'));

export const EVENTS = ['shown', 'pending', 'cancelled', 'dismiss', 'complete', 'partial', 'error'];

/** Starts a collector and Chromium; returns helpers bound to them. */
export async function embedSuite() {
  const demo = await startDemo();
  const publicKey = JSON.parse(fs.readFileSync(path.join(demo.dir, 'config/site-config.json'), 'utf8')).publicKey;
  const browser = await launch();
  return {
    demo,
    browser,
    /** Serves a config whose post-purchase survey has this trigger (and the site options given). */
    useTrigger(trigger, site = {}) {
      const config = structuredClone(base);
      config.publicKey = publicKey;
      config.surveys = [{ ...config.surveys[0], trigger }];
      Object.assign(config, site);
      fs.writeFileSync(path.join(demo.dir, 'config/site-config.json'), JSON.stringify(config));
    },
    /** Serves several surveys, each {id, trigger, from?}: copies of the
     *  template's survey with id `from` (default post-purchase). */
    useSurveys(list, site = {}) {
      const config = structuredClone(base);
      config.publicKey = publicKey;
      const pick = (from) => config.surveys.find((s) => s.id === from) ?? config.surveys[0];
      config.surveys = list.map(({ id, trigger, from }) => ({ ...pick(from), id, trigger }));
      Object.assign(config, site);
      fs.writeFileSync(path.join(demo.dir, 'config/site-config.json'), JSON.stringify(config));
    },
    newPage: (options) => newPage(browser, options),
    async close() {
      await browser.close();
      await demo.stop();
    },
  };
}

/** Records every loader event in window.seen, from before the loader runs. */
export async function watchEvents(pageOrContext) {
  await pageOrContext.addInitScript((events) => {
    window.seen = [];
    let value;
    Object.defineProperty(window, 'Tessera', {
      configurable: true,
      get: () => value,
      set(v) {
        value = v;
        for (const t of events) v.on(t, (d) => window.seen.push({ type: t, ...d }));
      },
    });
  }, EVENTS);
}

export const seen = (page) => page.evaluate(() => window.seen);
export const shownCount = (page) => page.locator('tessera-placement').count();
/** Resolves once the loader has started (config, core and listeners). */
export const ready = (page) => page.evaluate(() => window.Tessera.init().then(() => true));

/** After a load: the loader has started and a due survey had time to open. */
export async function settled(page, ms = 800) {
  await ready(page);
  await page.waitForTimeout(ms);
}

/** A stored record (`visitor`, `outbox`) from IndexedDB, or null. */
export function stored(page, name) {
  return page.evaluate((key) => new Promise((resolve) => {
    if (!window.indexedDB) {
      resolve(null);
      return;
    }
    const req = indexedDB.open('tessera');
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('state')) {
        db.close();
        resolve(null);
        return;
      }
      const get = db.transaction('state').objectStore('state').get(key);
      get.onsuccess = () => {
        db.close();
        resolve(get.result ?? null);
      };
    };
    req.onerror = () => resolve(null);
  }), name);
}

/** Writes a raw value into the stored state (to corrupt it on purpose). */
export function storeRaw(page, name, value) {
  return page.evaluate(([key, v]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('tessera', 2);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('state');
      req.result.createObjectStore('quarantine');
    };
    req.onsuccess = () => {
      const tx = req.result.transaction('state', 'readwrite');
      tx.objectStore('state').put(v, key);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }), [name, value]);
}

/** Everything in the quarantine store. */
export function quarantined(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('tessera');
    req.onsuccess = () => {
      const db = req.result;
      const all = db.transaction('quarantine').objectStore('quarantine').getAll();
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
    };
  }));
}

/** Waits until `test()` (run in the page) is truthy, or fails after ms. */
export function until(page, fn, arg, ms = 8000) {
  return page.waitForFunction(fn, arg, { timeout: ms });
}
