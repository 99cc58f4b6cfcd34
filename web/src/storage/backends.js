// Where stored records physically live: IndexedDB, localStorage or memory,
// behind one small asynchronous interface used by store.js:
//
//   backend.kind                        'indexeddb' | 'localStorage' | 'memory'
//   await backend.get(name)             the value, undefined, or Unreadable
//   await backend.update(name, fn)      atomic read-modify-write: fn(old) -> new
//   await backend.quarantine(name, v)   keep a bad value aside for diagnosis
//
// update() in IndexedDB is one readwrite transaction, which the browser
// serializes against every other tab's; the localStorage one relies on the
// tab lock taken by store.js. A write refused for lack of space rejects with
// a DOMException named QuotaExceededError, as the browser raised it.

import { COLLECTIONS, SCHEMA_VERSION, Unreadable } from './schema.js';

const DB_NAME = 'tessera';
const STATE = 'state';
const QUARANTINE = 'quarantine';
const LS_PREFIX = `tessera:v${SCHEMA_VERSION}:`;

const done = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

/** Opens (creating or upgrading) the database; null when IndexedDB is
 *  missing, blocked or does not answer in time. */
// The timeout is generous: a tab that gave up on a slow IndexedDB would keep
// its state in localStorage, apart from the tabs that did not.
export async function openIndexedDb({ timeoutMs = 10000, legacy = null } = {}) {
  let factory;
  try {
    factory = globalThis.indexedDB;
  } catch {
    return null; // a sandboxed iframe throws on access
  }
  if (!factory?.open) return null;
  let migrated = [];
  let late = false;
  const db = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      late = true;
      resolve(null);
    }, timeoutMs);
    let req;
    try {
      req = factory.open(DB_NAME, SCHEMA_VERSION);
    } catch {
      clearTimeout(timer);
      resolve(null);
      return;
    }
    req.onupgradeneeded = (ev) => {
      const tx = req.transaction;
      if (ev.oldVersion < 2) {
        const db2 = req.result;
        db2.createObjectStore(STATE);
        db2.createObjectStore(QUARANTINE);
        // v1 lived in localStorage: copied in within the upgrade transaction,
        // so exactly one tab migrates and a crash leaves either both or v1.
        migrated = migrateLegacy((name, value) => tx.objectStore(STATE).put(value, name), legacy);
      }
    };
    req.onsuccess = () => {
      clearTimeout(timer);
      if (late) req.result.close(); // given up on: do not hold it open
      resolve(req.result);
    };
    req.onerror = () => {
      clearTimeout(timer);
      resolve(null);
    };
    req.onblocked = () => { /* an old tab holds v1 open: wait for it (timeout) */ };
  });
  if (!db) return null;
  // Another tab upgrading later must not be blocked by us.
  db.onversionchange = () => db.close();
  forgetLegacy(legacy, migrated);
  return {
    kind: 'indexeddb',
    async get(name) {
      return done(db.transaction(STATE).objectStore(STATE).get(name));
    },
    update(name, fn) {
      return new Promise((resolve, reject) => {
        let tx;
        let next;
        try {
          tx = db.transaction(STATE, 'readwrite');
          const store = tx.objectStore(STATE);
          const read = store.get(name);
          read.onsuccess = () => {
            try {
              next = fn(read.result);
              store.put(next, name);
            } catch (e) {
              reject(e);
              tx.abort();
            }
          };
        } catch (e) {
          reject(e);
          return;
        }
        tx.oncomplete = () => resolve(next);
        // A failed request aborts the transaction (nothing half-written);
        // a full disk arrives here as tx.error QuotaExceededError.
        tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
      });
    },
    async quarantine(name, value) {
      const tx = db.transaction(QUARANTINE, 'readwrite');
      tx.objectStore(QUARANTINE).put(value instanceof Unreadable ? value.text : value,
        `${name}:${Date.now()}`);
      await new Promise((r) => { tx.oncomplete = r; tx.onabort = r; tx.onerror = r; });
    },
  };
}

// Copies every collection's v1 localStorage value, migrated, through put().
// Returns the legacy keys to delete once the copy is committed. An
// unparseable v1 value is copied as Unreadable text, so the ordinary read
// path quarantines it.
function migrateLegacy(put, ls) {
  const moved = [];
  if (!ls) return moved;
  for (const [name, schema] of Object.entries(COLLECTIONS)) {
    let text = null;
    try {
      text = ls.getItem(schema.legacy.key);
    } catch { /* blocked */ }
    if (text === null) continue;
    let value;
    try {
      value = schema.legacy.migrate(JSON.parse(text));
    } catch {
      value = { unreadable: String(text).slice(0, 65536) };
    }
    put(name, value);
    moved.push(schema.legacy.key);
  }
  return moved;
}

function forgetLegacy(ls, keys) {
  for (const k of keys) {
    try {
      ls.removeItem(k);
    } catch { /* nothing to do */ }
  }
}

/** localStorage usable for writing, or null (blocked, sandboxed, no API). */
export function usableLocalStorage(ls = globalThis.localStorage) {
  try {
    ls.setItem('tessera:probe', '1');
    ls.removeItem('tessera:probe');
    return ls;
  } catch {
    return null;
  }
}

/** The same records as JSON text under `tessera:v2:<name>`.
 *
 *  Each tab's localStorage is a cached copy that the browser brings up to
 *  date asynchronously, so a tab that takes the lock right after another
 *  tab's write may still read the old value. Every write therefore bumps a
 *  revision (`tessera:v2:rev:<name>`) and announces it on the
 *  BroadcastChannel `tessera:ls-rev` before the lock is released; a read
 *  for update first waits (up to a second) until this tab's copy has the
 *  newest announced revision. */
export function localStorageBackend(ls) {
  // v1 data in this same storage moves over under the v2 keys once.
  const legacyKeys = [];
  for (const [name, schema] of Object.entries(COLLECTIONS)) {
    if (ls.getItem(LS_PREFIX + name) !== null) continue;
    const text = ls.getItem(schema.legacy.key);
    if (text === null) continue;
    let value;
    try {
      value = JSON.stringify(schema.legacy.migrate(JSON.parse(text)));
    } catch {
      value = text; // unreadable: the read path quarantines it
    }
    try {
      ls.setItem(LS_PREFIX + name, value);
      legacyKeys.push(schema.legacy.key);
    } catch { /* full: stays at v1 and is tried again next page */ }
  }
  forgetLegacy(ls, legacyKeys);
  const announced = new Map(); // name -> newest revision any tab wrote
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tessera:ls-rev') : null;
  if (channel) {
    channel.onmessage = ({ data }) => {
      if (data && Number.isSafeInteger(data.rev) && data.rev > (announced.get(data.name) ?? 0)) {
        announced.set(data.name, data.rev);
      }
    };
    channel.unref?.(); // Node (tests): must not keep the process alive
  }
  const revision = (name) => Number(ls.getItem(`${LS_PREFIX}rev:${name}`)) || 0;
  const get = (name) => {
    const text = ls.getItem(LS_PREFIX + name);
    if (text === null) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return new Unreadable(text);
    }
  };
  return {
    kind: 'localStorage',
    async get(name) {
      return get(name);
    },
    async update(name, fn) {
      for (let i = 0; i < 100 && revision(name) < (announced.get(name) ?? 0); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const next = fn(get(name));
      const rev = revision(name) + 1;
      // The revision first: if the value then does not fit, no tab waits
      // for a write that never happened.
      ls.setItem(`${LS_PREFIX}rev:${name}`, String(rev));
      ls.setItem(LS_PREFIX + name, JSON.stringify(next));
      announced.set(name, rev);
      channel?.postMessage({ name, rev });
      return next;
    },
    async quarantine(name, value) {
      try {
        ls.setItem(`tessera:quarantine:${name}`,
          value instanceof Unreadable ? value.text : JSON.stringify(value).slice(0, 65536));
      } catch { /* full: the bad value is dropped */ }
    },
  };
}

/** Lives as long as the page: storage blocked or unavailable. */
export function memoryBackend() {
  const values = new Map();
  return {
    kind: 'memory',
    async get(name) {
      return structuredClone(values.get(name));
    },
    async update(name, fn) {
      const next = fn(structuredClone(values.get(name)));
      values.set(name, structuredClone(next));
      return next;
    },
    async quarantine() {},
  };
}
