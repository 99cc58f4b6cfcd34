// The visitor's trigger state on this device: a random visitor id (the
// sampling key), a visit count and, per survey, how often it was shown,
// answered and dismissed. Kept in localStorage under one versioned key,
// with an in-memory fallback when storage is blocked or full.
//
//   const store = openVisitorStore();
//   store.update((s) => { s.history.nps = { shown: 1, lastShownAt: Date.now() }; });
//   store.read().visitorId;
//
// Everything read back is untrusted: a value that does not parse or does not
// have the schema's shape is moved aside (quarantined) and a fresh state is
// used, so a corrupt entry never breaks the host page.

const KEY = 'tessera:visitor';
const SCHEMA = 1;

// Older schemas upgrade one step at a time; index = version being left.
// (There is only version 1 so far; the table is where version 2 goes.)
const MIGRATIONS = [];

function fresh() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return { v: SCHEMA, visitorId: id, visits: 0, history: {} };
}

function isCount(n) {
  return Number.isInteger(n) && n >= 0 && n <= 1e6;
}

function valid(s) {
  if (!s || typeof s !== 'object' || s.v !== SCHEMA) return false;
  if (typeof s.visitorId !== 'string' || !/^[0-9a-f]{32}$/.test(s.visitorId)) return false;
  if (!isCount(s.visits) || !s.history || typeof s.history !== 'object') return false;
  return Object.values(s.history).every((h) => h && typeof h === 'object' &&
    ['shown', 'answered', 'dismissed'].every((k) => h[k] === undefined || isCount(h[k])) &&
    (h.lastShownAt === undefined || Number.isSafeInteger(h.lastShownAt)));
}

function backing() {
  try {
    const probe = 'tessera:probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null; // blocked (privacy mode, sandboxed iframe): memory only
  }
}

export function openVisitorStore({ onProblem = () => {} } = {}) {
  const ls = backing();
  let memory = null;

  function load() {
    if (!ls) return (memory ??= fresh());
    const text = ls.getItem(KEY);
    if (text === null) {
      // First visit: keep the new id at once, or every read would draw another.
      const f = fresh();
      save(f);
      return f;
    }
    let s;
    try {
      s = JSON.parse(text);
      while (s && Number.isInteger(s.v) && s.v < SCHEMA && MIGRATIONS[s.v]) s = MIGRATIONS[s.v](s);
    } catch {
      s = null;
    }
    if (valid(s)) return s;
    // Quarantine: keep the bad bytes for diagnosis, continue with a fresh state.
    try {
      ls.setItem(`${KEY}:quarantine`, text.slice(0, 4096));
    } catch { /* full: drop it */ }
    onProblem({ code: 'storage_corrupt', message: 'visitor state was unreadable; started fresh', path: '' });
    const f = fresh();
    save(f);
    return f;
  }

  function save(s) {
    memory = s;
    if (!ls) return;
    try {
      ls.setItem(KEY, JSON.stringify(s));
    } catch (e) {
      // Quota: forget the history of surveys not shown for the longest time
      // and try once more; otherwise this page keeps its state in memory.
      const entries = Object.entries(s.history).sort((a, b) => (a[1].lastShownAt ?? 0) - (b[1].lastShownAt ?? 0));
      s.history = Object.fromEntries(entries.slice(Math.floor(entries.length / 2)));
      try {
        ls.setItem(KEY, JSON.stringify(s));
      } catch {
        onProblem({ code: 'storage_full', message: String(e?.message ?? e), path: '' });
      }
    }
  }

  return {
    read: () => (ls ? load() : (memory ??= fresh())),
    /** Read-modify-write; returns the new state. */
    update(fn) {
      const s = ls ? load() : (memory ??= fresh());
      fn(s);
      save(s);
      return s;
    },
  };
}

/** Runs fn while holding a lock shared by every tab of this origin, so two
 *  tabs cannot both decide to show the same survey. */
export function withTabLock(fn) {
  if (globalThis.navigator?.locks?.request) {
    return navigator.locks.request('tessera:trigger', async () => fn());
  }
  return Promise.resolve().then(fn);
}
