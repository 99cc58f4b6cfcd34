// The versioned store (web/src/storage/) in Node, on a fake localStorage
// (Node has no IndexedDB: the IndexedDB backend is tested in Chromium,
// tests/browser/storage.test.mjs). Persistence, v1 -> v2 migration,
// corruption quarantined with a problem report, quota (shrink, then memory),
// memory fallback, and read-modify-writes that never lose an update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage, pickBackend } from '../../web/src/storage/store.js';
import { localStorageBackend, memoryBackend } from '../../web/src/storage/backends.js';
import { openVisitorStore } from '../../web/src/storage/visitor-store.js';

function fakeStorage({ quota = Infinity, blocked = false } = {}) {
  const m = new Map();
  const s = {
    map: m,
    quota,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      if (blocked) throw new Error('SecurityError');
      const size = [...m].filter(([a]) => a !== k).reduce((n, [a, b]) => n + a.length + b.length, 0) +
        k.length + String(v).length;
      if (size > s.quota) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
  };
  return s;
}

const open = (ls, problems = []) =>
  openStorage({ backend: localStorageBackend(ls), onProblem: (p) => problems.push(p.code) });

test('state persists: same visitor id, counts kept, v2 key', async () => {
  const ls = fakeStorage();
  const a = await openVisitorStore({ storage: open(ls) });
  const id = a.current().visitorId;
  assert.match(id, /^[0-9a-f]{32}$/);
  await a.update((s) => { s.history.nps = { shown: 1, lastShownAt: 5 }; });
  const b = await openVisitorStore({ storage: open(ls) });
  assert.equal(b.current().visitorId, id);
  assert.deepEqual(b.current().history.nps, { shown: 1, lastShownAt: 5 });
  assert.equal(JSON.parse(ls.getItem('tessera:v2:visitor')).v, 2);
});

test('v1 data (visitor and outbox) migrates to v2 once, and the v1 keys go', async () => {
  const ls = fakeStorage();
  const v1 = { v: 1, visitorId: 'ab'.repeat(16), visits: 3, history: { nps: { shown: 2, dismissed: 1, lastShownAt: 9 } } };
  ls.setItem('tessera:visitor', JSON.stringify(v1));
  ls.setItem('tessera:outbox', JSON.stringify([{ endpoint: '/v1/responses', body: { idempotencyKey: 'k1' }, attempts: 2, nextAt: 7 }]));
  const problems = [];
  const storage = await open(ls, problems);
  const visitor = await storage.collection('visitor').read();
  assert.equal(visitor.v, 2);
  assert.equal(visitor.visitorId, v1.visitorId);
  assert.equal(visitor.visits, 3);
  assert.deepEqual(visitor.history, v1.history);
  assert.ok(Number.isSafeInteger(visitor.createdAt));
  const outbox = await storage.collection('outbox').read();
  assert.equal(outbox.items.length, 1);
  assert.equal(outbox.items[0].body.idempotencyKey, 'k1');
  assert.equal(outbox.items[0].attempts, 2);
  assert.equal(ls.getItem('tessera:visitor'), null);
  assert.equal(ls.getItem('tessera:outbox'), null);
  assert.deepEqual(problems, []);
});

test('corrupt or wrongly shaped state is quarantined, reported and replaced', async () => {
  for (const bad of ['{oops', '{"v":2,"visitorId":"x","visits":0,"history":{},"createdAt":1}',
    '{"v":2,"visitorId":"00000000000000000000000000000000","visits":0,"history":{"a":{"shown":-1}},"createdAt":1}',
    '[1,2,3]', '{"v":3}']) {
    const ls = fakeStorage();
    ls.setItem('tessera:v2:visitor', bad);
    const problems = [];
    const s = await (await open(ls, problems)).collection('visitor').read();
    assert.match(s.visitorId, /^[0-9a-f]{32}$/);
    assert.equal(s.visits, 0);
    assert.deepEqual(problems, ['storage_corrupt'], bad);
    assert.ok(ls.getItem('tessera:quarantine:visitor').includes(bad.slice(0, 4)), bad);
    assert.equal(JSON.parse(ls.getItem('tessera:v2:visitor')).visitorId, s.visitorId, 'repaired in place');
  }
});

test('a damaged outbox keeps every whole record', async () => {
  const ls = fakeStorage();
  const good = { endpoint: '/v1/responses', body: { idempotencyKey: 'keep' }, attempts: 0, nextAt: 1, queuedAt: 1 };
  ls.setItem('tessera:v2:outbox', JSON.stringify({ v: 2, items: [good, { endpoint: 5 }, null] }));
  const problems = [];
  const { items } = await (await open(ls, problems)).collection('outbox').read();
  assert.deepEqual(items, [good]);
  assert.deepEqual(problems, ['storage_corrupt']);
});

test('quota: the oldest history is dropped to make room; failing that, memory and storage_full', async () => {
  const ls = fakeStorage({ quota: 450 });
  const problems = [];
  const store = await openVisitorStore({ storage: open(ls, problems) });
  for (let i = 0; i < 12; i++) {
    await store.update((s) => { s.history[`survey-${i}`] = { shown: 1, lastShownAt: i }; });
  }
  const kept = Object.keys(store.current().history);
  assert.ok(kept.includes('survey-11'), 'the newest entry is kept');
  assert.ok(!kept.includes('survey-0'), 'the oldest entries went first');
  assert.deepEqual(problems, []);

  ls.quota = 10; // nothing fits any more
  await store.update((s) => { s.visits += 5; });
  assert.equal(store.current().visits, 5, 'kept in memory');
  assert.deepEqual(problems, ['storage_full']);
  const outbox = (await open(ls, problems)).collection('outbox');
  await outbox.update((s) => { s.items.push({ endpoint: '/e', body: { idempotencyKey: 'q' }, attempts: 0, nextAt: 0, queuedAt: 0 }); });
  assert.equal((await outbox.read()).items.length, 1, 'a record is never dropped for space');
});

test('blocked storage: pickBackend falls back to memory, still consistent within the page', async () => {
  const backend = await pickBackend({ localStorage: fakeStorage({ blocked: true }) });
  assert.equal(backend.kind, 'memory');
  const store = await openVisitorStore({ storage: openStorage({ backend }) });
  const id = store.current().visitorId;
  await store.update((s) => { s.visits += 1; });
  assert.equal((await store.read()).visitorId, id);
  assert.equal(store.current().visits, 1);
  assert.equal((await pickBackend({ localStorage: fakeStorage() })).kind, 'localStorage');
});

test('concurrent read-modify-writes lose no update', async () => {
  for (const backend of [localStorageBackend(fakeStorage()), memoryBackend()]) {
    const storage = await openStorage({ backend });
    const visitor = storage.collection('visitor');
    await Promise.all(Array.from({ length: 40 }, () => visitor.update((s) => { s.visits += 1; })));
    assert.equal((await visitor.read()).visits, 40, backend.kind);
  }
});
