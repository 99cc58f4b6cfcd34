// The outbox: every sealed record goes through a queue persisted in the
// widget's storage (storage/store.js: IndexedDB, else localStorage, else
// memory) before the first attempt, so nothing is lost to a reload, a closed
// tab or a network outage.
//
//   const outbox = openOutbox({ onError });
//   const state = await outbox.send(endpoint, body);  // 'delivered' | 'queued' | 'dropped'
//
// Retries back off exponentially with full jitter (1 s doubling up to 5 min),
// honour Retry-After, pause while offline and resume on `online`, flush with
// keepalive on `pagehide`, and run again on the next page load. A permanent
// 4xx (not 408/429) drops the record and reports an `error`: resending would
// never succeed. The collector deduplicates on the idempotency key, so a
// record sent twice (two tabs, a response lost in flight) is stored once.
//
// Queue changes are read-modify-writes of the stored queue under the tab
// lock, so a record added by one tab is never overwritten by another tab
// removing a delivered one. The localStorage key `tessera:queued` is only a
// hint for loader.js ("records are waiting: load the widget to send them").

import { TesseraError } from './errors.js';
import { pageLocalStorage, sharedStorage } from './storage/store.js';

const MAX_ITEMS = 200;
const BASE_MS = 1000;
const CAP_MS = 5 * 60 * 1000;
export const QUEUED_HINT = 'tessera:queued';

function isPermanent(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Delay before attempt n+1 (n >= 1): full jitter over an exponential cap. */
export function backoffMs(attempts, random = Math.random) {
  return Math.round(random() * Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempts, 20)));
}

/** Retry-After as seconds or an HTTP date -> ms from now (null if absent). */
export function retryAfterMs(header, now = Date.now()) {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function hint(ls, count) {
  try {
    if (count > 0) ls?.setItem(QUEUED_HINT, String(count));
    else ls?.removeItem(QUEUED_HINT);
  } catch { /* blocked: the loader then finds out on a page with a survey */ }
}

/** storage: a storage from openStorage(), a promise of one, or a function
 *  giving either (called when the queue is first needed); default the
 *  page's. hintStorage: where the loader's hint goes (localStorage). */
export function openOutbox({ onError = () => {}, fetchImpl = (...a) => fetch(...a), storage,
                             hintStorage = pageLocalStorage() } = {}) {
  const report = (e) => onError(e instanceof TesseraError ? e.toJSON() : e);
  // Opened on first use: a page that sends nothing, with nothing left by an
  // earlier page, stores nothing (consent gating, docs/privacy.md).
  let queue = null;
  const open = () => (queue ??= Promise.resolve(typeof storage === 'function' ? storage() : storage ??
    sharedStorage({ onProblem: report })).then((s) => s.collection('outbox')));
  // Records an earlier page may have left: the hint, or a v1 queue not yet
  // migrated. Without localStorage we cannot tell, so we look.
  const mayBeQueued = () => {
    try {
      return !hintStorage || !!hintStorage.getItem(QUEUED_HINT) ||
        (hintStorage.getItem('tessera:outbox') ?? '[]') !== '[]';
    } catch {
      return true;
    }
  };
  const outcomes = new Map(); // idempotency key -> delivered? (settled by this tab)
  let timer = null;
  let flushing = null;
  // What this page knows is queued: used by the pagehide flush, which must
  // start its requests synchronously (an await there may never resume).
  let known = [];

  async function items() {
    const { items: list } = await (await open()).read();
    known = list;
    return list;
  }

  async function change(fn) {
    const value = await (await open()).update((s) => fn(s.items));
    known = value.items;
    hint(hintStorage, known.length);
    return value.items;
  }

  function schedule(list) {
    clearTimeout(timer);
    if (!list.length) return;
    const next = Math.min(...list.map((i) => i.nextAt));
    timer = setTimeout(() => flush(), Math.max(0, next - Date.now()));
    timer.unref?.(); // in Node (tests) a pending retry must not keep the process alive
  }

  function post(item, keepalive) {
    return fetchImpl(item.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.body.idempotencyKey },
      body: JSON.stringify(item.body),
      keepalive,
      credentials: 'omit',
    });
  }

  async function attempt(item) {
    try {
      const res = await post(item, false);
      if (res.ok) return { done: true, delivered: true };
      if (isPermanent(res.status)) {
        report(new TesseraError('network', `the collector refused the record (HTTP ${res.status})`));
        return { done: true, delivered: false };
      }
      return { done: false, wait: retryAfterMs(res.headers.get('Retry-After')) };
    } catch {
      return { done: false, wait: null }; // offline or the connection dropped
    }
  }

  // Records the outcome of one attempt on the stored queue as it is now
  // (another tab may have changed it meanwhile).
  async function settle(item, r) {
    const key = item.body.idempotencyKey;
    await change((list) => {
      const at = list.findIndex((i) => i.body.idempotencyKey === key);
      if (at < 0) return false;
      if (r.done) list.splice(at, 1);
      else {
        list[at].attempts += 1;
        list[at].nextAt = Date.now() + (r.wait ?? backoffMs(list[at].attempts));
      }
      return true;
    });
    if (r.done) outcomes.set(key, r.delivered);
  }

  // One flush at a time per tab; the Web Lock makes it one per origin, so two
  // tabs do not post the same queue side by side.
  async function run(all) {
    for (const item of (await items()).filter((i) => all || i.nextAt <= Date.now())) {
      if (globalThis.navigator && navigator.onLine === false) break;
      await settle(item, await attempt(item));
    }
  }

  // all: try every record now, whatever its backoff (a new page, back online).
  function flush({ all = false } = {}) {
    if (globalThis.navigator && navigator.onLine === false) return Promise.resolve();
    flushing ??= (async () => {
      try {
        if (globalThis.navigator?.locks?.request) await navigator.locks.request('tessera:outbox', () => run(all));
        else await run(all);
      } catch (e) {
        report(new TesseraError('internal', `outbox: ${e?.message ?? e}`));
      } finally {
        flushing = null;
        items().then(schedule, () => {});
      }
    })();
    return flushing;
  }

  // The page is going away: hand every known record to the browser with
  // keepalive now. They stay queued; the next page removes the delivered
  // ones after its own (deduplicated) attempt.
  function flushOnHide() {
    for (const item of known) {
      try {
        post(item, true).catch(() => {});
      } catch { /* keepalive budget exceeded: next page sends it */ }
    }
  }

  globalThis.addEventListener?.('online', () => {
    if (queue || mayBeQueued()) flush({ all: true });
  });
  globalThis.addEventListener?.('pagehide', flushOnHide);
  if (mayBeQueued()) flush({ all: true }); // left by an earlier page: try now

  return {
    /** Persists, then tries at once. 'queued' when that first try fails. */
    async send(endpoint, body) {
      const key = body.idempotencyKey;
      await change((list) => {
        if (list.some((i) => i.body.idempotencyKey === key)) return false;
        if (list.length >= MAX_ITEMS) {
          report(new TesseraError('limit_exceeded', `the outbox holds ${MAX_ITEMS} records; the oldest was dropped`));
          list.shift();
        }
        list.push({ endpoint, body, attempts: 0, nextAt: Date.now(), queuedAt: Date.now() });
        return true;
      });
      await flush();
      // A flush already running may have read the queue before this record.
      if ((await items()).some((i) => i.body.idempotencyKey === key && i.attempts === 0)) await flush();
      const pending = (await items()).some((i) => i.body.idempotencyKey === key);
      if (pending) return 'queued';
      // Gone from the queue: settled here, or delivered by another tab.
      const delivered = outcomes.get(key) ?? true;
      outcomes.delete(key);
      return delivered ? 'delivered' : 'dropped';
    },
    pending: async () => (await items()).length,
    flush,
    /** For tests: flush as on pagehide. */
    flushOnHide,
  };
}
