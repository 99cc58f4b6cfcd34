// The collector over real HTTP on 127.0.0.1 with a real SQLite file: stored
// once per idempotency key, malformed bodies refused with a pointer,
// oversized bodies refused with 413. Requests are few and bounded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '../browser/harness.mjs';

let demo;
before(async () => { demo = await startDemo(); });
after(async () => { await demo?.stop(); });

const sealed = Buffer.alloc(80, 3).toString('base64');
const delivery = (key) => ({ v: 1, site: 'demo-shop', surveyId: 'post-purchase',
  idempotencyKey: key, kind: 'final', sealed });
const post = (body) => fetch(`${demo.url}/v1/responses`, {
  method: 'POST', headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

test('a record is stored once; a repeat is acknowledged as a duplicate', async () => {
  const key = '0f8fad5b-d9cb-469f-a165-70867728950e';
  const first = await post(delivery(key));
  assert.equal(first.status, 201);
  assert.deepEqual(await first.json(), { stored: true, duplicate: false });
  const again = await post(delivery(key));
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { stored: false, duplicate: true });
  assert.equal(await demo.records(), 1);
});

test('malformed bodies get 400 with the pointer of what is wrong', async () => {
  const cases = [
    ['{', 'invalid_json', ''],
    [{ ...delivery('x'), idempotencyKey: 'x' }, 'invalid_value', '/idempotencyKey'],
    [{ ...delivery('7c9e6679-7425-40de-944b-e07fc1f90ae7'), kind: 'maybe' }, 'invalid_value', '/kind'],
    [{ ...delivery('7c9e6679-7425-40de-944b-e07fc1f90ae7'), sealed: 'AAAA' }, 'invalid_value', '/sealed'],
    [{ v: 1 }, 'missing_field', '/site'],
  ];
  for (const [body, code, path] of cases) {
    const res = await post(body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
    const { error } = await res.json();
    assert.equal(error.code, code);
    assert.equal(error.path, path);
  }
  assert.equal(await demo.records(), 1, 'nothing half-stored');
});

test('an oversized body gets 413', async () => {
  const res = await post({ ...delivery('16fd2706-8baf-433b-82eb-8c7fada847da'),
    sealed: 'A'.repeat(200000) });
  assert.equal(res.status, 413);
  assert.equal(await demo.records(), 1);
});

test('health reports the record count', async () => {
  const res = await fetch(`${demo.url}/healthz`);
  assert.deepEqual(await res.json(), { ok: true, db: 'sqlite', records: 1 });
});
