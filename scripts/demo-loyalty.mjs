#!/usr/bin/env node
// Adds the demo loyalty program to a generated site config: makes a demo
// Ed25519 signing key (once, locally), signs examples/demo/loyalty/program.json
// and a few grants with the `tessera` CLI, and writes
//   <configDir>/site-config.json   (+ loyalty: {program, signingKey})
//   <configDir>/loyalty-grants.json (signed grants; a merchant's backend
//                                    would serve these per member)
// Grants are dated relative to today, so that some points expire soon.
//
//   node scripts/demo-loyalty.mjs build/release/tools/tessera var/demo var/demo-signing.key
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DAY = 86400000;

export function demoGrants(now) {
  const today = Math.floor(now / DAY) * DAY;
  const line = (sku, category, qty, unitPriceMinor) => ({ sku, category, qty, unitPriceMinor });
  return [
    { type: 'purchase', key: 'order-10211', at: today - 340 * DAY, orderId: '10211', currency: 'EUR',
      lines: [line('tee-merino', 'apparel', 1, 4500), line('socks-3', 'trail', 1, 1800)] },
    { type: 'purchase', key: 'order-10302', at: today - 120 * DAY, orderId: '10302', currency: 'EUR',
      lines: [line('vest-soft', 'apparel', 1, 8900), line('poles', 'trail', 1, 6000)] },
    { type: 'purchase', key: 'order-10427', at: today - 2 * DAY, orderId: '10427', currency: 'EUR',
      lines: [line('trail-runner-2', 'trail', 1, 12900)] },
  ];
}

export function addDemoLoyalty({ cli, configDir, keyFile, now = Date.now() }) {
  const run = (...args) => execFileSync(cli, args, { encoding: 'utf8' });
  if (!fs.existsSync(keyFile)) run('keygen', '--sign', '--out', keyFile);
  const signingKey = JSON.parse(fs.readFileSync(keyFile, 'utf8')).publicKey;
  const program = JSON.parse(run('sign', '--key', keyFile, '--key-id', 'demo',
    path.join(root, 'examples/demo/loyalty/program.json')));
  const eventsFile = path.join(configDir, 'loyalty-events.json');
  fs.writeFileSync(eventsFile, JSON.stringify(demoGrants(now)));
  const grants = run('sign-event', '--key', keyFile, '--key-id', 'demo', eventsFile)
    .trim().split('\n').map((l) => JSON.parse(l));
  fs.writeFileSync(path.join(configDir, 'loyalty-grants.json'), JSON.stringify(grants));
  const configFile = path.join(configDir, 'site-config.json');
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  config.loyalty = { program, signingKey };
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  return { signingKey, grants };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cli, configDir, keyFile] = process.argv.slice(2);
  addDemoLoyalty({ cli, configDir, keyFile });
}
