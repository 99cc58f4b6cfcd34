// The visitor store (web/src/storage/visitor-store.js) on a fake
// localStorage: persisted state, corruption quarantined, blocked storage
// falls back to memory, a full store drops the oldest history.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { openVisitorStore } from '../../web/src/storage/visitor-store.js';

function fakeStorage({ quota = Infinity, blocked = false } = {}) {
  const m = new Map();
  return {
    map: m,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      if (blocked) throw new Error('SecurityError');
      const size = [...m].reduce((s, [a, b]) => s + a.length + b.length, 0) + k.length + String(v).length;
      if (size > quota) throw new Error('QuotaExceededError');
      m.set(k, String(v));
    },
    removeItem: (k) => m.delete(k),
  };
}

beforeEach(() => { globalThis.localStorage = fakeStorage(); });

test('state persists: same visitor id, counts kept', () => {
  const a = openVisitorStore();
  const id = a.read().visitorId;
  assert.match(id, /^[0-9a-f]{32}$/);
  a.update((s) => { s.history.nps = { shown: 1, lastShownAt: 5 }; });
  const b = openVisitorStore();
  assert.equal(b.read().visitorId, id);
  assert.deepEqual(b.read().history.nps, { shown: 1, lastShownAt: 5 });
});

test('corrupt or wrongly shaped state is quarantined and replaced', () => {
  const problems = [];
  for (const bad of ['{oops', '{"v":1,"visitorId":"x","visits":0,"history":{}}',
    '{"v":1,"visitorId":"00000000000000000000000000000000","visits":0,"history":{"a":{"shown":-1}}}']) {
    localStorage.setItem('tessera:visitor', bad);
    const s = openVisitorStore({ onProblem: (p) => problems.push(p.code) }).read();
    assert.match(s.visitorId, /^[0-9a-f]{32}$/);
    assert.equal(localStorage.getItem('tessera:visitor:quarantine'), bad);
  }
  assert.deepEqual(problems, ['storage_corrupt', 'storage_corrupt', 'storage_corrupt']);
});

test('blocked storage: memory only, still consistent within the page', () => {
  globalThis.localStorage = fakeStorage({ blocked: true });
  const store = openVisitorStore();
  const id = store.read().visitorId;
  store.update((s) => { s.visits += 1; });
  assert.equal(store.read().visitorId, id);
  assert.equal(store.read().visits, 1);
});

test('quota: the oldest history is dropped to make room', () => {
  globalThis.localStorage = fakeStorage({ quota: 700 });
  const problems = [];
  const store = openVisitorStore({ onProblem: (p) => problems.push(p.code) });
  for (let i = 0; i < 12; i++) {
    store.update((s) => { s.history[`survey-${i}`] = { shown: 1, lastShownAt: i }; });
  }
  const kept = Object.keys(store.read().history);
  assert.ok(kept.includes('survey-11'), 'the newest entry is kept');
  assert.ok(!kept.includes('survey-0'), 'the oldest entries went first');
});
