// The private-statistics outbox (web/src/personal/ldp-outbox.js) with a
// slow fake store and collector: every report is posted exactly once even
// when reports are added while a flush is sending (the list is changed one
// writer at a time), a 503 keeps the report for a later try with backoff,
// a 4xx refusal drops it with an error, nothing is sent before its time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LdpOutbox } from '../../web/src/personal/ldp-outbox.js';

const tick = () => new Promise((r) => setTimeout(r, Math.random() * 3));

function slowStore() {
  const map = new Map();
  return {
    map,
    async get(k) { await tick(); return map.get(k) ?? null; },
    async set(k, v) { await tick(); if (v === null) map.delete(k); else map.set(k, v); },
  };
}

function collector(status = () => 201) {
  const posted = [];
  const fetchImpl = async (url, init) => {
    await tick();
    const body = JSON.parse(init.body);
    assert.equal(init.credentials, 'omit');
    assert.equal(init.referrerPolicy, 'no-referrer');
    const code = status(body);
    if (code < 300) posted.push(body);
    return { ok: code < 300, status: code };
  };
  return { posted, fetchImpl };
}

const body = (i) => ({ v: 1, site: 's', metric: 'm', epsilon: 1, encoding: 'rr-4', report: i });

test('reports added during flushes are neither lost nor sent twice', async () => {
  let now = 1000;
  const store = slowStore();
  const { posted, fetchImpl } = collector();
  const outbox = new LdpOutbox({ store, endpoint: '/v1/ldp', fetchImpl, now: () => now });
  const work = [];
  for (let i = 0; i < 60; i++) {
    work.push(outbox.add(body(i), now + (i % 3)));
    if (i % 7 === 0) {
      now += 2;
      work.push(outbox.flush());
    }
  }
  await Promise.all(work);
  now += 10;
  await outbox.flush();
  outbox.stop();
  assert.deepEqual(posted.map((b) => b.report).sort((a, b) => a - b), [...Array(60).keys()]);
  assert.equal(store.map.has('outbox'), false, 'nothing left waiting');
});

test('not before its time; 503 waits with backoff; 400 is dropped with an error', async () => {
  let now = 0;
  const store = slowStore();
  const errors = [];
  let unavailable = true;
  const { posted, fetchImpl } = collector((b) => (b.report === 1 ? 400 : unavailable ? 503 : 201));
  const outbox = new LdpOutbox({ store, endpoint: '/v1/ldp', fetchImpl, now: () => now,
    onError: (e) => errors.push(e.code), random: () => 0.5 });
  await outbox.add(body(0), 100);
  await outbox.add(body(1), 100);
  assert.deepEqual(await outbox.flush(), { sent: 0, waiting: 2 }, 'not due yet');
  now = 100;
  assert.deepEqual(await outbox.flush(), { sent: 1, waiting: 1 }, 'refused one counts as done');
  assert.deepEqual(errors, ['network']);
  const [waiting] = JSON.parse(store.map.get('outbox'));
  assert.equal(waiting.attempts, 1);
  assert.ok(waiting.sendAt >= now + 60000, 'backoff of a minute or more');
  unavailable = false;
  now = waiting.sendAt;
  assert.deepEqual(await outbox.flush(), { sent: 1, waiting: 0 });
  assert.deepEqual(posted.map((b) => b.report), [0]);
  outbox.stop();
});
