// The stored schema, version 2: one record per collection, each checked on
// every read because storage is untrusted (another script, an extension, a
// half-written value, an older or newer Tessera may have touched it).
//
//   visitor  {v: 2, visitorId, visits, history: {<surveyId>: {shown,
//             answered, dismissed, lastShownAt?}}, createdAt}
//   outbox   {v: 2, items: [{endpoint, body: {idempotencyKey, ...},
//             attempts, nextAt, queuedAt}]}
//
// Version 1 (before IndexedDB) kept the visitor in localStorage under
// `tessera:visitor` ({v: 1, ...} without createdAt) and the outbox under
// `tessera:outbox` (a bare array without queuedAt). `legacy` says where each
// collection's v1 data lives and how it becomes v2; store.js runs it once.

export const SCHEMA_VERSION = 2;

/** A stored value that could not even be parsed: kept for quarantine. */
export class Unreadable {
  constructor(text) {
    this.text = String(text).slice(0, 65536);
  }
}

const isCount = (n) => Number.isInteger(n) && n >= 0 && n <= 1e6;
const isTime = (n) => Number.isSafeInteger(n) && n >= 0;

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function validHistory(history) {
  if (!history || typeof history !== 'object' || Array.isArray(history)) return false;
  return Object.values(history).every((h) => h && typeof h === 'object' &&
    ['shown', 'answered', 'dismissed'].every((k) => h[k] === undefined || isCount(h[k])) &&
    (h.lastShownAt === undefined || isTime(h.lastShownAt)));
}

const visitor = {
  fresh: (now = Date.now()) => ({ v: SCHEMA_VERSION, visitorId: randomId(), visits: 0, history: {}, createdAt: now }),
  valid: (s) => !!s && typeof s === 'object' && s.v === SCHEMA_VERSION &&
    typeof s.visitorId === 'string' && /^[0-9a-f]{32}$/.test(s.visitorId) &&
    isCount(s.visits) && validHistory(s.history) && isTime(s.createdAt),
  // Over quota: forget the surveys shown longest ago (they matter least for
  // recontact waits), keeping the newest half.
  shrink(s) {
    const entries = Object.entries(s.history)
      .sort((a, b) => (a[1].lastShownAt ?? 0) - (b[1].lastShownAt ?? 0));
    if (entries.length === 0) return false;
    s.history = Object.fromEntries(entries.slice(Math.ceil(entries.length / 2)));
    return true;
  },
  legacy: {
    key: 'tessera:visitor',
    migrate(v1, now = Date.now()) {
      if (!v1 || v1.v !== 1) return v1;
      const { v, ...rest } = v1;
      return { v: SCHEMA_VERSION, ...rest, createdAt: now };
    },
  },
};

const validItem = (i) => !!i && typeof i === 'object' && typeof i.endpoint === 'string' &&
  !!i.body && typeof i.body === 'object' && typeof i.body.idempotencyKey === 'string' &&
  isCount(i.attempts) && isTime(i.nextAt) && isTime(i.queuedAt);

const outbox = {
  fresh: () => ({ v: SCHEMA_VERSION, items: [] }),
  valid: (s) => !!s && typeof s === 'object' && s.v === SCHEMA_VERSION && Array.isArray(s.items) &&
    s.items.every(validItem),
  // Records are never dropped to make room: they stay in memory instead.
  shrink: () => false,
  // Salvage: from a damaged outbox keep every record that is still whole.
  salvage: (s) => (s && Array.isArray(s.items) && s.items.some(validItem) ?
    { v: SCHEMA_VERSION, items: s.items.filter(validItem) } : null),
  legacy: {
    key: 'tessera:outbox',
    migrate(v1, now = Date.now()) {
      if (!Array.isArray(v1)) return v1;
      return { v: SCHEMA_VERSION, items: v1.map((i) => ({ ...i, queuedAt: i?.queuedAt ?? now })) };
    },
  },
};

export const COLLECTIONS = { visitor, outbox };
