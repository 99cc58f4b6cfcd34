// The merchant CLI's loyalty commands end to end: a fresh signing key, a
// signed program and grants, a simulation over time, and `loyalty verify` on
// a stored ledger (intact, then edited). Also checks that `tessera sign`
// with the test-only key reproduces the golden vectors' signatures byte for
// byte (Ed25519 is deterministic), so the vectors could be made with the CLI.
//
//   node --test tests/cli/     (TESSERA_TOOLS=build/release/tools to pick a build)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tessera = path.join(process.env.TESSERA_TOOLS ?? path.join(repoRoot, 'build/native/tools'),
  'tessera');
const testKey = path.join(repoRoot, 'tests/golden/test-loyalty-signing.key');
const run = (...args) => execFileSync(tessera, args, { encoding: 'utf8' });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-cli-'));
const DAY = 86400000;
const T0 = 1704067200000;

const program = {
  version: 1, id: 'cli', currency: { code: 'EUR', minorUnits: 2 },
  rules: [{ id: 'base', kind: 'spend', rate: { points: 1, perUnits: 1 } },
    { id: 'app', kind: 'event', event: 'app_order', points: 5, condition: "{event.attributes.channel} = 'app'" }],
  expiry: { kind: 'after_days', days: 30 },
  tiers: { basis: 'points', levels: [{ id: 'm', name: 'Member', threshold: 0 }, { id: 'g', name: 'Gold', threshold: 100 }] },
};
const events = [
  { type: 'purchase', key: 'a', at: T0, orderId: '1', currency: 'EUR', lines: [{ sku: 'x', qty: 1, unitPriceMinor: 6000 }] },
  { type: 'event', key: 'b', at: T0 + DAY, name: 'app_order', attributes: { channel: 'app' } },
  { type: 'purchase', key: 'c', at: T0 + 20 * DAY, orderId: '2', currency: 'EUR', lines: [{ sku: 'x', qty: 1, unitPriceMinor: 5000 }] },
];

test('keygen --sign, sign, sign-event, simulate over time', () => {
  const key = path.join(tmp, 'signing.key');
  const pub = run('keygen', '--sign', '--out', key).trim();
  assert.equal(Buffer.from(pub, 'base64').length, 32);
  assert.equal(fs.statSync(key).mode & 0o077, 0, 'the key file is private');
  assert.notEqual(spawnSync(tessera, ['keygen', '--sign', '--out', key]).status, 0, 'no overwrite');

  fs.writeFileSync(path.join(tmp, 'program.json'), JSON.stringify(program));
  const signed = JSON.parse(run('sign', '--key', key, path.join(tmp, 'program.json')));
  assert.deepEqual(signed.payload, program);
  assert.equal(Buffer.from(signed.signature, 'base64').length, 64);

  fs.writeFileSync(path.join(tmp, 'events.jsonl'), events.map((e) => JSON.stringify(e)).join('\n'));
  const grants = run('sign-event', '--key', key, path.join(tmp, 'events.jsonl')).trim().split('\n');
  assert.equal(grants.length, 3);
  fs.writeFileSync(path.join(tmp, 'signed.jsonl'), grants.join('\n'));
  fs.writeFileSync(path.join(tmp, 'program.signed.json'), JSON.stringify(signed));

  const lines = run('loyalty', 'simulate', path.join(tmp, 'program.signed.json'),
    path.join(tmp, 'signed.jsonl'), '--at', String(T0 + 2 * DAY), '--at', String(T0 + 25 * DAY),
    '--at', String(T0 + 40 * DAY)).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].balance.approved, 65, '60 + 5 from the app condition');
  assert.equal(lines[1].balance.approved, 115);
  assert.equal(lines[1].tier.tier, 'g');
  assert.equal(lines[2].balance.approved, 50, 'the first 65 expired after 30 days');
  assert.equal(lines[2].balance.expired, 65);

  const bad = spawnSync(tessera, ['sign', '--key', key, path.join(tmp, 'events.jsonl')], { encoding: 'utf8' });
  assert.notEqual(bad.status, 0, 'an event is not a program');
});

test('the CLI reproduces the golden signatures; verify checks a stored ledger', () => {
  const vector = JSON.parse(fs.readFileSync(
    path.join(repoRoot, 'tests/golden/loyalty/13-stored-ledger.json'), 'utf8'));
  const stored = vector.calls[0].args.ledger;
  fs.writeFileSync(path.join(tmp, 'shop.json'), JSON.stringify(stored.program.payload));
  const signed = JSON.parse(run('sign', '--key', testKey, path.join(tmp, 'shop.json')));
  assert.equal(signed.signature, stored.program.signature);

  fs.writeFileSync(path.join(tmp, 'ledger.json'), JSON.stringify(stored));
  assert.match(run('loyalty', 'verify', '--key', testKey, path.join(tmp, 'ledger.json')), /^ok: 3 entries/);
  const pub = JSON.parse(fs.readFileSync(testKey, 'utf8')).publicKey;
  assert.match(run('loyalty', 'verify', '--key', pub, path.join(tmp, 'ledger.json')), /^ok/);

  const edited = vector.calls[2].args.ledger;
  fs.writeFileSync(path.join(tmp, 'edited.json'), JSON.stringify(edited));
  const r = spawnSync(tessera, ['loyalty', 'verify', '--key', testKey, path.join(tmp, 'edited.json')],
    { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /hash chain broken/);
  const forged = vector.calls[3].args.ledger;
  fs.writeFileSync(path.join(tmp, 'forged.json'), JSON.stringify(forged));
  const f = spawnSync(tessera, ['loyalty', 'verify', '--key', testKey, path.join(tmp, 'forged.json')],
    { encoding: 'utf8' });
  assert.equal(f.status, 2);
  assert.match(f.stdout, /FAILED/);
});
