// Where the personal profile rests on the device: IndexedDB, or
// localStorage when IndexedDB is unavailable, or memory only (Global Privacy
// Control, or consent required and not given).
//
// Stored: the sealed profile (base64 of the core's secretbox output), the
// 32-byte key that opens it, the privacy budget's spend, and private
// reports waiting for their send time (randomized already: ldp-outbox.js). The key sits next to the blob because
// libsodium cannot use a non-extractable WebCrypto key; docs/privacy.md says
// what that protects against and what it does not.
//
//   const store = await openStore('persistent');   // or 'memory'
//   await store.set('profile', sealedBase64);
//   await store.get('profile');                     // string or null
//   await store.clear();                            // forget: nothing left

const DB_NAME = 'tessera-personal';
const STORE = 'kv';
const LS_PREFIX = 'tessera:personal:';
export const STORED_KEYS = Object.freeze(['profile', 'key', 'budget', 'outbox']);

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function openIndexedDb() {
  const open = indexedDB.open(DB_NAME, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

class IndexedDbStore {
  constructor(db) {
    this.db = db;
    this.kind = 'indexeddb';
  }

  tx(mode) {
    return this.db.transaction(STORE, mode).objectStore(STORE);
  }

  async get(key) {
    return (await request(this.tx('readonly').get(key))) ?? null;
  }

  async set(key, value) {
    if (value === null) await request(this.tx('readwrite').delete(key));
    else await request(this.tx('readwrite').put(value, key));
  }

  async clear() {
    await request(this.tx('readwrite').clear());
  }
}

class LocalStore {
  constructor() {
    this.kind = 'localstorage';
  }

  async get(key) {
    return localStorage.getItem(LS_PREFIX + key);
  }

  async set(key, value) {
    if (value === null) localStorage.removeItem(LS_PREFIX + key);
    else localStorage.setItem(LS_PREFIX + key, value);
  }

  async clear() {
    for (const k of STORED_KEYS) localStorage.removeItem(LS_PREFIX + k);
  }
}

// Lives as long as the page: what "no storage beyond the session" means.
class MemoryStore {
  constructor() {
    this.kind = 'memory';
    this.map = new Map();
  }

  async get(key) {
    return this.map.get(key) ?? null;
  }

  async set(key, value) {
    if (value === null) this.map.delete(key);
    else this.map.set(key, value);
  }

  async clear() {
    this.map.clear();
  }
}

export async function openStore(mode) {
  if (mode === 'memory') return new MemoryStore();
  try {
    if (typeof indexedDB !== 'undefined') return new IndexedDbStore(await openIndexedDb());
  } catch { /* private mode or blocked: fall back */ }
  try {
    localStorage.getItem(LS_PREFIX + 'probe');
    return new LocalStore();
  } catch {
    return new MemoryStore();
  }
}

/** Removes every trace from both persistent places, whichever is in use. */
export async function eraseAll() {
  try {
    const db = await openIndexedDb();
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).clear());
    db.close();
  } catch { /* nothing stored there */ }
  try {
    for (const k of STORED_KEYS) localStorage.removeItem(LS_PREFIX + k);
  } catch { /* storage blocked */ }
}
