// Tessera.loyalty: the member's points, tier and badges, computed by the
// core from what the merchant signed. The page hands over signed grants
// (fetched from the merchant's backend); the core verifies every signature
// against the site config's loyalty.signingKey and keeps a hash-chained
// ledger, which is stored in localStorage and checked again on every load.
//
//   await Tessera.loyalty.load({ events: signedGrants });
//   Tessera.loyalty.state();                 // what <tessera-badge> shows
//   Tessera.loyalty.preview({ lines: [...], currency: 'EUR', orderId: 'cart' });
//   Tessera.loyalty.claim({ type: 'event', key, at, name: 'survey_completed' });
//
// Every change dispatches `tessera:loyalty` on document; the elements listen.
// The page's Tessera instance (and the loader's Tessera.on) then reports
// `points` {points, previous, pending, claimed} when the balance (or what is
// pending or claimed) changed, and
// `tier` {tier, name, previous} when the member reached another tier.

import { runtime } from '../runtime.js';
import { TesseraBadgeElement } from './badge-element.js';
import { TesseraPointsPreviewElement } from './points-preview-element.js';

const storageKey = 'tessera:loyalty:ledger';

function changed(detail) {
  document.dispatchEvent(new CustomEvent('tessera:loyalty', { detail }));
  if (detail.kind !== 'now') announce().catch(() => {});
  return detail;
}

let last = null; // {points, tier} as last announced

async function announce() {
  const instance = await runtime.ready();
  const s = instance.engine.call('loyalty.state', { now: clock() });
  const tier = s.tier?.enabled ? s.tier.tier : null;
  const previous = last;
  last = { points: s.points, tier, key: `${s.points}/${s.pending}/${s.claims.points}` };
  if (!previous || previous.key !== last.key) {
    instance.emit('points', { points: s.points, previous: previous?.points ?? null,
                              pending: s.pending, claimed: s.claims.points });
  }
  if (tier !== null && (!previous || previous.tier !== tier)) {
    instance.emit('tier', { tier, name: s.tier.name || tier, previous: previous?.tier ?? null });
  }
}

function persist(engine) {
  try {
    localStorage.setItem(storageKey, JSON.stringify(engine.call('loyalty.export')));
  } catch { /* storage blocked or full: the merchant's grants can be loaded again */ }
}

function stored() {
  try {
    const text = localStorage.getItem(storageKey);
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function engine() {
  return (await runtime.ready()).engine;
}

// Interface strings by requested locale: they never change for a build.
const stringCache = new Map();

// Fills {n}, {date}, {tier} in a string from loyalty.strings.
export function fill(template, values) {
  return template.replace(/\{(n|date|tier)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

// The locale to format numbers and dates in and to put in `lang`: the
// requested tag ("pt-BR", "ar-EG") when the strings are in its language,
// otherwise the language the strings fell back to ("en" for "ja").
export function displayLocale(requested, text) {
  try {
    const [tag] = Intl.getCanonicalLocales(requested);
    if (tag && tag.split('-')[0].toLowerCase() === text.locale) return tag;
  } catch {
    // not a valid BCP 47 tag: use the strings' locale
  }
  return text.locale;
}

// The time the core computes for. Tests and demos may pin it.
let clock = () => Date.now();

export const loyalty = {
  /** Pins "now" (epoch ms) for state and preview; pass null to use the clock. */
  setNow(ms) {
    clock = ms === null ? () => Date.now() : () => ms;
    changed({ kind: 'now' });
  },

  now() {
    return clock();
  },

  /**
   * Replaces the ledger with the stored one (if its chain holds) plus
   * `events` (signed grants). A stored ledger that was edited is dropped and
   * only the fresh grants are kept. Returns {entries, rejected, head}.
   */
  async load({ events = [], useStored = true } = {}) {
    const e = await engine();
    const ledger = useStored ? stored() : null;
    let result;
    try {
      result = e.call('loyalty.load', ledger ? { ledger, events } : { events });
    } catch (err) {
      if (!ledger) throw err;
      result = e.call('loyalty.load', { events });
    }
    persist(e);
    return changed({ kind: 'load', ...result });
  },

  /** Applies one signed grant; idempotent. */
  async apply(signedEvent) {
    const e = await engine();
    const result = e.call('loyalty.apply', { event: signedEvent });
    persist(e);
    return changed({ kind: 'apply', ...result });
  },

  /** Records a browser-side claim (a named event) until the merchant confirms it. */
  async claim(event) {
    const e = await engine();
    const result = e.call('loyalty.claim', { event });
    persist(e);
    return changed({ kind: 'claim', ...result });
  },

  async state(now = clock()) {
    return (await engine()).call('loyalty.state', { now });
  },

  async history(now = clock()) {
    return (await engine()).call('loyalty.history', { now });
  },

  /**
   * The elements' interface strings for `locale` from the core (the same
   * ten locales and fallback as the survey widget): {locale, dir, strings}.
   * An unusable locale tag falls back to English.
   */
  async strings(locale) {
    const e = await engine();
    const key = String(locale || 'en');
    if (!stringCache.has(key)) {
      let result;
      try {
        result = e.call('loyalty.strings', { locale: key });
      } catch {
        result = e.call('loyalty.strings', { locale: 'en' });
      }
      stringCache.set(key, result);
    }
    return stringCache.get(key);
  },

  /** What a cart would earn now, rule by rule: {total, rules: [{rule, points, verdict, why}]}. */
  async preview(cart, now = clock()) {
    return (await engine()).call('loyalty.preview', { cart, now });
  },
};

// A survey's service-recovery goodwill offer was recorded as a claim by the
// engine (survey.complete): keep the ledger and tell the elements.
document.addEventListener('tessera:goodwill', async (e) => {
  try {
    const eng = await engine();
    persist(eng);
    changed({ kind: 'claim', key: e.detail.event.key, accepted: true, goodwill: e.detail });
  } catch { /* no engine: nothing to store */ }
});

if (!customElements.get('tessera-badge')) {
  customElements.define('tessera-badge', TesseraBadgeElement);
}
if (!customElements.get('tessera-points-preview')) {
  customElements.define('tessera-points-preview', TesseraPointsPreviewElement);
}
