// The outbox: every sealed record goes through a queue persisted in
// localStorage before the first attempt, so nothing is lost to a reload, a
// closed tab or a network outage.
//
//   const outbox = openOutbox({ onError });
//   const state = await outbox.send(endpoint, body);  // 'delivered' | 'queued'
//
// Retries back off exponentially with full jitter (1 s doubling up to 5 min),
// honour Retry-After, pause while offline and resume on `online`, flush with
// keepalive on `pagehide`, and run again on the next page load. A permanent
// 4xx (not 408/429) drops the record and reports an `error`: resending would
// never succeed. The collector deduplicates on the idempotency key, so a
// record sent twice (two tabs, a response lost in flight) is stored once.

import { TesseraError } from './errors.js';

const KEY = 'tessera:outbox';
const MAX_ITEMS = 200;
const BASE_MS = 1000;
const CAP_MS = 5 * 60 * 1000;

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

function memoryOr(storage) {
  try {
    storage.setItem('tessera:probe', '1');
    storage.removeItem('tessera:probe');
    return storage;
  } catch {
    const m = new Map();
    return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, v) };
  }
}

export function openOutbox({ onError = () => {}, fetchImpl = (...a) => fetch(...a),
                             storage = globalThis.localStorage } = {}) {
  const store = memoryOr(storage);
  const waiters = new Map(); // idempotency key -> resolve(delivered?)
  let timer = null;
  let flushing = false;

  function load() {
    try {
      const items = JSON.parse(store.getItem(KEY) ?? '[]');
      if (Array.isArray(items)) return items.filter((i) => i && typeof i.endpoint === 'string' && i.body?.idempotencyKey);
    } catch { /* corrupt: quarantined below */ }
    store.setItem(`${KEY}:quarantine`, String(store.getItem(KEY)).slice(0, 65536));
    onError(new TesseraError('internal', 'the outbox was unreadable; it was set aside').toJSON());
    return [];
  }

  function save(items) {
    try {
      store.setItem(KEY, JSON.stringify(items));
    } catch (e) {
      onError(new TesseraError('internal', `outbox not saved: ${e.message}`).toJSON());
    }
  }

  function schedule(items) {
    clearTimeout(timer);
    if (!items.length) return;
    const next = Math.min(...items.map((i) => i.nextAt));
    timer = setTimeout(flush, Math.max(0, next - Date.now()));
    timer.unref?.(); // in Node (tests) a pending retry must not keep the process alive
  }

  async function attempt(item, keepalive) {
    try {
      const res = await fetchImpl(item.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.body.idempotencyKey },
        body: JSON.stringify(item.body),
        keepalive,
        credentials: 'omit',
      });
      if (res.ok) return { done: true, delivered: true };
      if (isPermanent(res.status)) {
        onError(new TesseraError('network', `the collector refused the record (HTTP ${res.status})`).toJSON());
        return { done: true, delivered: false };
      }
      return { done: false, wait: retryAfterMs(res.headers.get('Retry-After')) };
    } catch {
      return { done: false, wait: null }; // offline or the connection dropped
    }
  }

  // One flush at a time per tab; the Web Lock makes it one per origin, so two
  // tabs do not post the same queue side by side.
  async function flush({ keepalive = false } = {}) {
    if (flushing || (globalThis.navigator && navigator.onLine === false)) return;
    flushing = true;
    try {
      const run = async () => {
        for (const item of load().filter((i) => keepalive || i.nextAt <= Date.now())) {
          const r = await attempt(item, keepalive);
          const items = load();
          const at = items.findIndex((i) => i.body.idempotencyKey === item.body.idempotencyKey);
          if (at < 0) continue;
          if (r.done) {
            items.splice(at, 1);
            waiters.get(item.body.idempotencyKey)?.(r.delivered);
          } else {
            items[at].attempts += 1;
            items[at].nextAt = Date.now() + (r.wait ?? backoffMs(items[at].attempts));
          }
          save(items);
        }
      };
      if (globalThis.navigator?.locks?.request && !keepalive) await navigator.locks.request('tessera:outbox', run);
      else await run();
    } finally {
      flushing = false;
      schedule(load());
    }
  }

  globalThis.addEventListener?.('online', () => flush());
  globalThis.addEventListener?.('pagehide', () => flush({ keepalive: true }));
  queueMicrotask(() => flush());

  return {
    /** Persists, then tries at once. 'queued' when that first try fails. */
    async send(endpoint, body) {
      const items = load();
      if (!items.some((i) => i.body.idempotencyKey === body.idempotencyKey)) {
        if (items.length >= MAX_ITEMS) items.shift();
        items.push({ endpoint, body, attempts: 0, nextAt: Date.now() });
        save(items);
      }
      const result = new Promise((resolve) => waiters.set(body.idempotencyKey, resolve));
      await flush();
      const pending = load().some((i) => i.body.idempotencyKey === body.idempotencyKey);
      if (pending) return 'queued';
      return (await result) ? 'delivered' : 'dropped';
    },
    pending: () => load().length,
    flush,
  };
}
