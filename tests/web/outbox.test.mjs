// The outbox (web/src/outbox.js) with a fake fetch and storage: persisted
// before sending, retried with backoff, Retry-After honoured, permanent 4xx
// dropped with an error, nothing lost across a "reload" (a second outbox on
// the same storage), each record delivered once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openOutbox, backoffMs, retryAfterMs } from '../../web/src/outbox.js';

function memoryStorage() {
  const m = new Map();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => m.set(k, String(v)),
           removeItem: (k) => m.delete(k), map: m };
}

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
  const outbox = openOutbox({ storage, fetchImpl: async (url, init) => { calls.push(init); return response(201); } });
  assert.equal(await outbox.send('/v1/responses', body('k1')), 'delivered');
  assert.equal(outbox.pending(), 0);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].headers['Idempotency-Key'], 'k1');
});

test('offline: queued and persisted; a later outbox on the same storage delivers once', async () => {
  const storage = memoryStorage();
  const first = openOutbox({ storage, fetchImpl: async () => { throw new TypeError('offline'); } });
  assert.equal(await first.send('/v1/responses', body('k2')), 'queued');
  assert.equal(first.pending(), 1);
  const sent = [];
  const second = openOutbox({ storage, fetchImpl: async (u, init) => { sent.push(JSON.parse(init.body).idempotencyKey); return response(201); } });
  await second.flush({ keepalive: true });
  await second.flush({ keepalive: true });
  assert.deepEqual(sent, ['k2']);
  assert.equal(second.pending(), 0);
});

test('Retry-After postpones the next attempt', async () => {
  const storage = memoryStorage();
  const outbox = openOutbox({ storage, fetchImpl: async () => response(429, { 'Retry-After': '120' }) });
  const before = Date.now();
  assert.equal(await outbox.send('/v1/responses', body('k3')), 'queued');
  const [item] = JSON.parse(storage.getItem('tessera:outbox'));
  assert.ok(item.nextAt >= before + 120000);
  assert.equal(item.attempts, 1);
});

test('a permanent 4xx is dropped with an error; corrupt storage is set aside', async () => {
  const storage = memoryStorage();
  const errors = [];
  const outbox = openOutbox({ storage, onError: (e) => errors.push(e), fetchImpl: async () => response(400) });
  assert.equal(await outbox.send('/v1/responses', body('k4')), 'dropped');
  assert.equal(outbox.pending(), 0);
  assert.equal(errors[0].code, 'network');
  storage.setItem('tessera:outbox', '{not json');
  assert.equal(outbox.pending(), 0);
  assert.equal(storage.getItem('tessera:outbox:quarantine'), '{not json');
});
