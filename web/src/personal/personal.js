// On-device personalization for the page: the profile's life cycle (open,
// record, seal, export, forget), consent and Global Privacy Control, and the
// public API: Tessera.personal.record(event), Tessera.privacy.export(),
// Tessera.privacy.forget(), Tessera.privacy.consent(granted).
//
//   const tessera = await Tessera.load({ configUrl, requireConsent: true });
//   Tessera.privacy.consent(true);                  // now the profile may be stored
//   Tessera.personal.record({ type: 'view', categories: ['running-shoes'] });
//   const data = await Tessera.privacy.export();    // everything stored, readable
//   await Tessera.privacy.forget();                 // nothing left on the device
//
// Only sealed bytes reach storage; nothing here ever touches the network.
// LDP reports (privacy.report) are built but sent by the caller, and never
// when Global Privacy Control is on.

import { randomHex } from '../core.js';
import { TesseraError } from '../errors.js';
import { eraseAll, openStore } from './store.js';

// Until init() runs, events wait here (a page may record before load ends).
const pending = [];
let personal = null;
let ready = null;
let readyResolve;
const whenReady = new Promise((resolve) => { readyResolve = resolve; });

function gpcOn() {
  return typeof navigator !== 'undefined' && navigator.globalPrivacyControl === true;
}

function deviceClass() {
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  if (!coarse) return 'desktop';
  return Math.min(screen.width, screen.height) >= 600 ? 'tablet' : 'mobile';
}

function context(page) {
  const ctx = { utcOffsetMinutes: -new Date().getTimezoneOffset(), device: deviceClass() };
  if (page) ctx.page = page;
  return ctx;
}

class Personal {
  constructor(instance, options) {
    this.instance = instance;
    this.engine = instance.engine;
    this.gpc = gpcOn();
    this.requireConsent = options.requireConsent === true;
    this.consented = !this.requireConsent;
    this.page = options.pageType ?? null;
    this.exposure = { feedback: {}, shows: [] };
    this.listeners = new Set();
    this.problems = [];  // errors met while opening, replayed by elements that start later
  }

  // Persistent storage only with consent and without GPC; otherwise the
  // profile lives in memory for this page only.
  get persistent() {
    return this.consented && !this.gpc;
  }

  async open() {
    this.store = await openStore(this.persistent ? 'persistent' : 'memory');
    let key = await this.store.get('key');
    // A new key is written with the first sealed profile (save()), so a
    // visit that records nothing leaves nothing behind.
    if (!key || !/^[0-9a-f]{64}$/.test(key)) key = randomHex(32);
    this.key = key;
    const sealed = await this.store.get('profile');
    const opened = this.engine.call('personal.open', { sealed, key });
    if (opened.status === 'discarded') {
      // Tampered or corrupt: start again, and say so.
      await this.store.set('profile', null);
      this.fail(new TesseraError(opened.problem.code,
        `the stored profile could not be opened and was discarded: ${opened.problem.message}`));
    }
    return opened;
  }

  fail(error) {
    const detail = error.toJSON ? error.toJSON() : { code: 'internal', message: String(error) };
    this.problems.push(detail);
    this.instance.emit('error', detail);
    document.dispatchEvent(new CustomEvent('tessera:error', { detail }));
  }

  async save() {
    const { sealed } = this.engine.call('personal.seal', { key: this.key, nonce: randomHex(24) });
    await this.store.set('key', this.key);
    await this.store.set('profile', sealed);
  }

  async record(event) {
    const full = { at: Date.now(), ...event };
    if (!full.context) full.context = context(this.page);
    this.engine.call('personal.record', { event: full });
    await this.save();
    this.changed();
  }

  rank({ locale, facts } = {}) {
    const result = this.engine.call('personal.rank', {
      now: Date.now(), seed: randomHex(32), locale: locale ?? this.instance.locale,
      context: context(this.page), exposure: this.exposure, ...(facts ? { facts } : {}),
    });
    const now = Date.now();
    for (const item of result.items) {
      this.exposure.shows.push({ id: item.id, at: now });
      const fb = this.exposure.feedback[item.id] ?? { impressions: 0, clicks: 0 };
      fb.impressions += 1;
      this.exposure.feedback[item.id] = fb;
    }
    return result;
  }

  clicked(id) {
    const fb = this.exposure.feedback[id];
    if (fb && fb.clicks < fb.impressions) fb.clicks += 1;
  }

  export() {
    return this.engine.call('personal.export', { now: Date.now() });
  }

  async forget() {
    this.engine.call('personal.forget', {});
    this.exposure = { feedback: {}, shows: [] };
    await this.store.clear();
    await eraseAll();
    this.key = randomHex(32);  // written only with the next saved profile
    this.changed();
    return this.export();
  }

  async consent(granted) {
    const before = this.persistent;
    this.consented = granted === true;
    if (before === this.persistent) return;
    if (!this.persistent) {
      // Withdrawn: erase what was stored, keep the page working in memory.
      await eraseAll();
      this.store = await openStore('memory');
      return;
    }
    this.store = await openStore('persistent');
    await this.save();
  }

  /** An LDP report for `metric`, or null when GPC is on. Sending is the caller's. */
  async report(metric, value) {
    if (this.gpc || !this.consented) return null;
    const stored = await this.store.get('budget');
    const { report, budget } = this.engine.call('privacy.report', {
      metric, value, now: Date.now(), seed: randomHex(32),
      budget: stored ? JSON.parse(stored) : null,
    });
    await this.store.set('budget', JSON.stringify(budget));
    return report;
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed() {
    for (const fn of this.listeners) fn();
  }
}

async function init(instance, options) {
  const p = new Personal(instance, options);
  try {
    await p.open();
  } catch (e) {
    // No personalization section, or storage failed: offers stay hidden.
    p.fail(e instanceof TesseraError ? e : new TesseraError('internal', String(e)));
    return null;
  }
  personal = p;
  for (const event of pending.splice(0)) await p.record(event).catch((e) => p.fail(e));
  readyResolve(p);
  return p;
}

/** What <tessera-offers> waits for. */
export function personalReady() {
  return whenReady;
}

/** Feeds one page event into the profile ({type, categories, tags}). */
export function recordEvent(event) {
  if (!personal) {
    pending.push(event);
    return Promise.resolve();
  }
  return personal.record(event);
}

/** Adds Tessera.personal and Tessera.privacy, and hooks into Tessera.load(). */
export function installPersonal(Tessera) {
  const load = Tessera.load.bind(Tessera);
  Tessera.load = (options = {}) => {
    const loaded = load(options);
    if (!ready) ready = loaded.then((instance) => init(instance, options)).catch(() => null);
    return loaded;
  };
  const need = async () => {
    const p = await whenReady;
    if (!p) throw new TesseraError('failed_precondition', 'personalization is not available');
    return p;
  };
  Tessera.personal = {
    record: recordEvent,
    rank: async (opts) => (await need()).rank(opts),
  };
  Tessera.privacy = {
    export: async () => (await need()).export(),
    forget: async () => (await need()).forget(),
    consent: async (granted) => (await need()).consent(granted),
    report: async (metric, value) => (await need()).report(metric, value),
    get globalPrivacyControl() {
      return gpcOn();
    },
  };
}
