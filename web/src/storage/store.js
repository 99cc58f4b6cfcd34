// Tessera's persistent state on this device, versioned (storage/schema.js):
// IndexedDB, else localStorage, else memory (storage/backends.js).
//
//   const storage = await openStorage({ onProblem });
//   const visitor = storage.collection('visitor');
//   const s = await visitor.read();                     // always schema-valid
//   await visitor.update((s) => { s.visits += 1; });    // one tab at a time
//
// Every read is validated. A value that does not parse or has the wrong
// shape is quarantined (kept aside for diagnosis), an `error` problem
// {code: 'storage_corrupt'} is reported, and a fresh (or, for the outbox,
// salvaged) value takes its place: the widget goes on working.
//
// Writes run under the tab lock `tessera:store` (storage/tab-lock.js), read
// the newest stored value and write it back in one step, so two tabs never
// overwrite each other's changes. A write refused for lack of space
// (QuotaExceededError) shrinks the value when its schema allows it and tries
// once more; failing that the value lives in memory for this page and a
// `storage_full` problem is reported. Other tabs hear of every change on
// the BroadcastChannel `tessera:changed`.

import { openIndexedDb, localStorageBackend, memoryBackend, usableLocalStorage } from './backends.js';
import { COLLECTIONS, Unreadable } from './schema.js';
import { withTabLock } from './tab-lock.js';

const LOCK = 'tessera:store';

export function isQuotaError(e) {
  return !!e && (e.name === 'QuotaExceededError' || e.code === 22 ||
    e.name === 'NS_ERROR_DOM_QUOTA_REACHED');
}

/** Picks the first backend that works: IndexedDB, localStorage, memory. */
export async function pickBackend({ localStorage: given, indexedDb = true } = {}) {
  const ls = given ?? pageLocalStorage();
  if (indexedDb) {
    const idb = await openIndexedDb({ legacy: ls }).catch(() => null);
    if (idb) return idb;
  }
  const usable = ls && usableLocalStorage(ls);
  if (usable) {
    try {
      return localStorageBackend(usable);
    } catch { /* falls through to memory */ }
  }
  return memoryBackend();
}

/** The page's localStorage, or null where merely touching it throws
 *  (blocked cookies, sandboxed iframes). */
export function pageLocalStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export async function openStorage({ onProblem = () => {}, backend } = {}) {
  const chosen = backend ?? await pickBackend();
  const overlay = new Map(); // name -> value kept in memory after a quota failure
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tessera:changed') : null;
  const watchers = new Set();
  if (channel) {
    channel.onmessage = ({ data }) => watchers.forEach((fn) => fn(data?.name));
    channel.unref?.(); // Node (tests): an open channel must not keep the process alive
  }

  function problem(code, message) {
    try {
      onProblem({ code, message, path: '' });
    } catch { /* a listener's bug is not ours */ }
  }

  // Returns a schema-valid value for what was stored; notes a bad one.
  function checked(name, schema, stored, bad) {
    if (stored === undefined) return schema.fresh();
    if (schema.valid(stored)) return stored;
    bad.push(stored);
    const salvaged = stored instanceof Unreadable ? null : schema.salvage?.(stored);
    return salvaged ?? schema.fresh();
  }

  async function quarantine(name, bad) {
    for (const value of bad) {
      await chosen.quarantine(name, value).catch(() => {});
      problem('storage_corrupt', `stored ${name} was unreadable or malformed; it was set aside and replaced`);
    }
  }

  function collection(name) {
    const schema = COLLECTIONS[name];
    if (!schema) throw new Error(`unknown collection ${name}`);

    async function read() {
      if (overlay.has(name)) return structuredClone(overlay.get(name));
      let stored;
      try {
        stored = await chosen.get(name);
      } catch {
        stored = undefined;
      }
      if (stored === undefined || schema.valid(stored)) {
        // A first visit writes at once, so every reader sees one visitor id.
        return stored ?? update(() => {});
      }
      return update(() => {}); // repairs (and quarantines) under the lock
    }

    // fn(value) mutates the value in place; it may return false to skip
    // the write (nothing changed). Resolves with the value as stored.
    function update(fn) {
      return withTabLock(LOCK, async () => {
        const bad = [];
        let skipped = false;
        const apply = (stored) => {
          const value = checked(name, schema, stored, bad);
          if (fn(value) === false && bad.length === 0 && stored !== undefined) skipped = true;
          return value;
        };
        let result;
        if (overlay.has(name)) {
          result = apply(structuredClone(overlay.get(name)));
          overlay.set(name, structuredClone(result));
        } else {
          try {
            result = await chosen.update(name, (stored) => {
              bad.length = 0;
              return apply(stored);
            });
          } catch (e) {
            if (!isQuotaError(e)) throw e;
            result = await underQuota(name, schema, apply, bad, e);
          }
        }
        await quarantine(name, bad);
        if (!skipped) channel?.postMessage({ name });
        return structuredClone(result);
      });
    }

    return {
      name,
      read,
      update,
      /** Called with nothing when another tab changed this collection. */
      onChange(fn) {
        const w = (changed) => { if (changed === name) fn(); };
        watchers.add(w);
        return () => watchers.delete(w);
      },
    };
  }

  // The store is full: shrink if the schema may lose something, else (or if
  // that is not enough) keep the value in memory for the rest of this page.
  async function underQuota(name, schema, apply, bad, error) {
    let value = null;
    try {
      return await chosen.update(name, (stored) => {
        bad.length = 0;
        value = apply(stored);
        if (!schema.shrink(value)) throw error;
        return value;
      });
    } catch (e) {
      if (e !== error && !isQuotaError(e)) throw e;
    }
    if (value === null) {
      let stored;
      try {
        stored = await chosen.get(name);
      } catch { /* unreadable: start fresh */ }
      value = apply(stored);
    }
    overlay.set(name, structuredClone(value));
    problem('storage_full', `no room to store ${name}; this page keeps it in memory (${error.name})`);
    return value;
  }

  return { kind: chosen.kind, collection };
}

let shared = null;
let sharedProblems = new Set();

/** The page's one storage; problems go to every registered listener. */
export function sharedStorage({ onProblem } = {}) {
  if (onProblem) sharedProblems.add(onProblem);
  shared ??= openStorage({ onProblem: (p) => sharedProblems.forEach((fn) => fn(p)) });
  return shared;
}
