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
// Only sealed bytes reach storage, sealed once per burst of events (a short
// debounce, and at once when the page is hidden), not once per event. The
// only network traffic is private-statistics reports, when the merchant
// asks for them (Tessera.privacy.report) and the person consented: never
// with Global Privacy Control on; see ldp-outbox.js for how they travel.

import { randomHex } from '../core.js';
import { TesseraError } from '../errors.js';
import { LdpOutbox } from './ldp-outbox.js';
import { eraseAll, openStore } from './store.js';

// Events closer together than this are sealed together; a steady stream is
// still saved at least every SAVE_MAX_WAIT_MS.
const SAVE_DEBOUNCE_MS = 150;
const SAVE_MAX_WAIT_MS = 1000;
// Events recorded before consent that are kept to join a stored profile.
const MAX_MEMORY_EVENTS = 1000;

// Until init() runs, events wait here (a page may record before load ends).
const pending = [];
let personal = null;
let off = false;  // no personalization on this page: events are dropped
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
    this.saveTimer = null;
    this.pendingSave = null;  // {promise, resolve, reject, firstAt}
    this.keyStored = false;
    this.memoryEvents = [];  // recorded while storage was not allowed
    const info = instance.info();
    this.site = info.site;
    const base = new URL(instance.endpoint ?? info.endpoint, location.href);
    this.ldpEndpoint = options.ldpEndpoint ?? new URL('ldp', base).href;
    // The outbox always uses the current store (memory until consent).
    const self = this;
    this.outbox = new LdpOutbox({
      store: { get: (k) => self.store.get(k), set: (k, v) => self.store.set(k, v) },
      endpoint: this.ldpEndpoint,
      onError: (detail) => this.fail(new TesseraError(detail.code, detail.message)),
    });
  }

  // Persistent storage only with consent and without GPC; otherwise the
  // profile lives in memory for this page only.
  get persistent() {
    return this.consented && !this.gpc;
  }

  async open() {
    this.store = await openStore(this.persistent ? 'persistent' : 'memory');
    await this.openStored();
  }

  // Opens the profile in this.store (none: a new one), with its key.
  async openStored() {
    let key = await this.store.get('key');
    // A new key is written with the first sealed profile (save()), so a
    // visit that records nothing leaves nothing behind.
    this.keyStored = Boolean(key && /^[0-9a-f]{64}$/.test(key));
    if (!this.keyStored) key = randomHex(32);
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
    if (!this.keyStored) {
      await this.store.set('key', this.key);
      this.keyStored = true;
    }
    await this.store.set('profile', sealed);
  }

  /** Seals and stores soon; resolves once the state as of now is stored. */
  saveSoon() {
    if (!this.pendingSave) {
      let resolve;
      let reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      this.pendingSave = { promise, resolve, reject, firstAt: Date.now() };
    }
    const waited = Date.now() - this.pendingSave.firstAt;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(),
      Math.max(0, Math.min(SAVE_DEBOUNCE_MS, SAVE_MAX_WAIT_MS - waited)));
    return this.pendingSave.promise;
  }

  /** Runs a pending save at once (page hidden, consent changes). */
  async saveNow() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const pending = this.pendingSave;
    if (!pending) return;
    this.pendingSave = null;
    try {
      await this.save();
      pending.resolve();
    } catch (e) {
      pending.reject(e);
    }
  }

  async record(event) {
    const full = { at: Date.now(), ...event };
    if (!full.context) full.context = context(this.page);
    this.engine.call('personal.record', { event: full });
    // Kept until consent, to be added to a profile stored on an earlier
    // visit (capped like the profile itself).
    if (!this.persistent) {
      this.memoryEvents.push(full);
      if (this.memoryEvents.length > MAX_MEMORY_EVENTS) this.memoryEvents.shift();
    }
    this.changed();
    await this.saveSoon();
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
    this.memoryEvents = [];
    this.exposure = { feedback: {}, shows: [] };
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.pendingSave?.resolve();
    this.pendingSave = null;
    this.outbox.stop();
    await this.store.clear();
    await eraseAll();
    this.key = randomHex(32);  // written only with the next saved profile
    this.keyStored = false;
    this.changed();
    return this.export();
  }

  async consent(granted) {
    const before = this.persistent;
    this.consented = granted === true;
    if (before === this.persistent) return;
    if (!this.persistent) {
      // Withdrawn: erase what was stored (queued reports too), keep the page
      // working in memory.
      this.outbox.stop();
      await eraseAll();
      this.store = await openStore('memory');
      this.keyStored = false;
      return;
    }
    this.store = await openStore('persistent');
    const unsaved = this.memoryEvents.splice(0);
    if (await this.store.get('profile')) {
      // A profile from an earlier consented visit: open it and add what
      // this page recorded before consent, rather than overwrite it.
      await this.openStored();
      for (const event of unsaved) this.engine.call('personal.record', { event });
      this.changed();
    } else {
      // Nothing stored: the profile of this page is the one to keep.
      this.keyStored = false;
    }
    this.saveSoon();
    await this.saveNow();
    await this.outbox.start();
  }

  /**
   * Makes an LDP report for `metric` (value: an index into its domain;
   * none for an interest metric, whose value the core takes from the
   * profile) and queues it for the collector at a random later time. Null
   * when GPC is on or consent is missing: nothing is made or spent. Throws
   * TesseraError 'limit_exceeded' when the daily or lifetime budget would
   * be passed (nothing is spent or sent).
   */
  async report(metric, value) {
    if (this.gpc || !this.consented) return null;
    const stored = await this.store.get('budget');
    const args = { metric, now: Date.now(), seed: randomHex(32), budget: stored ? JSON.parse(stored) : null };
    if (value !== undefined) args.value = value;
    const made = this.engine.call('privacy.report', args);
    // Budget first: a report that is queued but whose spending was lost
    // would let a reload spend the same budget twice.
    await this.store.set('budget', JSON.stringify(made.budget));
    await this.outbox.add(made.body, made.sendAt);
    return { ...made.report, sendAt: made.sendAt };
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed() {
    for (const fn of this.listeners) fn();
  }
}

// Whether the site config has a personalization section: without one every
// personal.* call is failed_precondition (docs/engine-api.md). Such a page
// is not an error: personalization stays off, quietly.
function configured(instance) {
  try {
    instance.engine.call('personal.export', { now: 0 });
    return true;
  } catch (e) {
    if (e instanceof TesseraError && e.code === 'failed_precondition') return false;
    throw e;
  }
}

async function init(instance, options) {
  if (!configured(instance)) {
    off = true;
    pending.length = 0;  // events recorded early have nowhere to go
    return null;
  }
  const p = new Personal(instance, options);
  try {
    await p.open();
  } catch (e) {
    // Storage failed: offers stay hidden, and the page hears why.
    p.fail(e instanceof TesseraError ? e : new TesseraError('internal', String(e)));
    off = true;
    pending.length = 0;
    return null;
  }
  personal = p;
  for (const event of pending.splice(0)) await p.record(event).catch((e) => p.fail(e));
  // Seal what is pending before the page goes away (a tab closed, a
  // navigation): the last events of a visit are the freshest interest.
  const flush = () => { p.saveNow().catch((e) => p.fail(e)); };
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  // Reports made on an earlier visit whose time has come.
  if (p.persistent) p.outbox.start().catch((e) => p.fail(e));
  return p;
}

/** What <tessera-offers> waits for. */
export function personalReady() {
  return whenReady;
}

/** Feeds one page event into the profile ({type, categories, tags}). */
export function recordEvent(event) {
  if (off) return Promise.resolve();
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
    // Resolved in every case (null: personalization is off or failed), so
    // callers and <tessera-offers> never wait forever.
    if (!ready) {
      ready = loaded.then((instance) => init(instance, options)).catch(() => null)
        .then((p) => { readyResolve(p); return p; });
    }
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
    /** Sends queued private reports that are due now (normally on a timer). */
    flushReports: async () => (await need()).outbox.flush(),
    get globalPrivacyControl() {
      return gpcOn();
    },
  };
}
