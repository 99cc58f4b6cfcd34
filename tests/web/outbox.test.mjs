// The outbox (web/src/outbox.js) with a fake fetch on the versioned store
// (localStorage backend on a fake storage): persisted before sending,
// retried with backoff, Retry-After honoured, permanent 4xx dropped with an
// error, nothing lost across a "reload" (a second outbox on the same
// storage), each record delivered once, two outboxes ("tabs") adding at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openOutbox, backoffMs, retryAfterMs } from '../../web/src/outbox.js';
import { openStorage } from '../../web/src/storage/store.js';
import { localStorageBackend } from '../../web/src/storage/backends.js';

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)),
           removeItem: (k) => m.delete(k), map: m };
}
const on = (ls, onProblem) => openStorage({ backend: localStorageBackend(ls), onProblem });
const hinted = (ls) => ({ storage: on(ls), hintStorage: ls });
const stored = (ls) => JSON.parse(ls.getItem('tessera:v2:outbox')).items;

const body = (key) => ({ v: 1, site: 's', surveyId: 'nps', idempotencyKey: key, kind: 'final', sealed: 'x' });
const response = (status, headers = {}) => ({ ok: status >= 200 && status < 300, status,
  headers: { get: (h) => headers[h] ?? null } });

test('backoff grows with full jitter up to a cap; Retry-After in seconds or as a date', () => {
  assert.equal(backoffMs(1, () => 1), 2000);
  assert.equal(backoffMs(3, () => 1), 8000);
  assert.equal(backoffMs(30, () => 1), 300000);
  assert.equal(backoffMs(5, () => 0), 0);
  assert.equal(retryAfterMs('7'), 7000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(retryAfterMs(null), null);
});

test('delivered at once: removed from the queue, sent with its Idempotency-Key', async () => {
  const storage = memoryStorage();
  const calls = [];
  const outbox = openOutbox({ storage: on(storage), fetchImpl: async (url, init) => { calls.push(init); return response(201); } });
  assert.equal(await outbox.send('/v1/responses', body('k1')), 'delivered');
  assert.equal(await outbox.pending(), 0);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].headers['Idempotency-Key'], 'k1');
});

test('offline: queued and persisted; a later outbox on the same storage delivers once', async () => {
  const storage = memoryStorage();
  const first = openOutbox({ storage: on(storage), fetchImpl: async () => { throw new TypeError('offline'); } });
  assert.equal(await first.send('/v1/responses', body('k2')), 'queued');
  assert.equal(await first.pending(), 1);
  const sent = [];
  const second = openOutbox({ storage: on(storage), fetchImpl: async (u, init) => { sent.push(JSON.parse(init.body).idempotencyKey); return response(201); } });
  await second.flush();
  await second.flush();
  assert.deepEqual(sent, ['k2']);
  assert.equal(await second.pending(), 0);
});

test('Retry-After postpones the next attempt', async () => {
  const storage = memoryStorage();
  const outbox = openOutbox({ storage: on(storage), fetchImpl: async () => response(429, { 'Retry-After': '120' }) });
  const before = Date.now();
  assert.equal(await outbox.send('/v1/responses', body('k3')), 'queued');
  const [item] = stored(storage);
  assert.ok(item.nextAt >= before + 120000);
  assert.equal(item.attempts, 1);
});

test('a permanent 4xx is dropped with an error; corrupt storage is set aside', async () => {
  const storage = memoryStorage();
  const errors = [];
  const outbox = openOutbox({ storage: on(storage, (e) => errors.push(e)), onError: (e) => errors.push(e), fetchImpl: async () => response(400) });
  assert.equal(await outbox.send('/v1/responses', body('k4')), 'dropped');
  assert.equal(await outbox.pending(), 0);
  assert.equal(errors[0].code, 'network');
  storage.setItem('tessera:v2:outbox', '{not json');
  assert.equal(await outbox.pending(), 0);
  assert.equal(storage.getItem('tessera:quarantine:outbox'), '{not json');
  assert.equal(errors[1].code, 'storage_corrupt');
});

test('two outboxes on one storage add at the same time: nothing is lost', async () => {
  const storage = memoryStorage();
  const offline = async () => { throw new TypeError('offline'); };
  const a = openOutbox({ ...hinted(storage), fetchImpl: offline });
  const b = openOutbox({ ...hinted(storage), fetchImpl: offline });
  const keys = Array.from({ length: 10 }, (_, i) => `c${i}`);
  const states = await Promise.all(keys.map((k, i) => (i % 2 ? a : b).send('/v1/responses', body(k))));
  assert.ok(states.every((s) => s === 'queued'));
  assert.deepEqual(stored(storage).map((i) => i.body.idempotencyKey).sort(), keys);
  assert.equal(storage.getItem('tessera:queued'), '10');
});

test('pagehide: every queued record goes out with keepalive and stays queued until confirmed', async () => {
  const storage = memoryStorage();
  const first = openOutbox({ storage: on(storage), fetchImpl: async () => response(503) });
  assert.equal(await first.send('/v1/responses', body('h1')), 'queued');
  const seen = [];
  const hide = openOutbox({ storage: on(storage), fetchImpl: async (u, init) => { seen.push(init.keepalive); return response(503); } });
  await hide.flush();
  hide.flushOnHide();
  assert.deepEqual(seen, [false, true], 'an attempt on load, then one with keepalive');
  assert.equal(stored(storage).length, 1);
});

test('storage is opened only when needed: a hint of queued records, or the first send', async () => {
  const data = memoryStorage();
  const hints = memoryStorage();
  let opened = 0;
  const lazy = () => {
    opened++;
    return on(data);
  };
  const fetchImpl = async () => response(201);
  openOutbox({ storage: lazy, hintStorage: hints, fetchImpl });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(opened, 0, 'nothing queued, nothing sent: no storage (consent gating)');
  const sending = openOutbox({ storage: lazy, hintStorage: hints, fetchImpl: async () => { throw new TypeError('offline'); } });
  assert.equal(await sending.send('/v1/responses', body('lazy-1')), 'queued');
  assert.equal(opened, 1);
  assert.equal(hints.getItem('tessera:queued'), '1');
  const sent = [];
  const next = openOutbox({ storage: lazy, hintStorage: hints, fetchImpl: async (u, init) => { sent.push(JSON.parse(init.body).idempotencyKey); return response(201); } });
  await new Promise((r) => setTimeout(r, 50));
  await next.flush();
  assert.equal(opened, 2, 'the hint opens it on the next page');
  assert.deepEqual(sent, ['lazy-1']);
  assert.equal(hints.getItem('tessera:queued'), null);
});
