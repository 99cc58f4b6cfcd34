// Shared set-up for browser tests: a merchant key, a site config, a real
// collector on 127.0.0.1 (random port, fresh SQLite file) serving the demo
// and the web build, and headless Chromium driven by playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { addDemoLoyalty } from '../../scripts/demo-loyalty.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// TESSERA_TOOLS, else the Debug build (scripts/test.sh), else the Release one.
export const toolsDir = process.env.TESSERA_TOOLS ??
  [path.join(repoRoot, 'build/native/tools'), path.join(repoRoot, 'build/release/tools')]
    .find((d) => fs.existsSync(path.join(d, 'tessera-collector'))) ?? path.join(repoRoot, 'build/native/tools');
export const artifactsDir = path.join(repoRoot, 'build/artifacts');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

export function cli(...args) {
  return execFileSync(path.join(toolsDir, 'tessera'), args, { encoding: 'utf8' });
}

/** Starts a collector; resolves with {url, dir, key, stop()}. csp: false
 *  serves without the strict CSP (benchmarks of third-party pages);
 *  mounts: more [prefix, dir] pairs to serve. */
export async function startDemo({ configTemplate, csp = true, mounts = [] } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-browser-'));
  const key = path.join(dir, 'merchant.key');
  const publicKey = cli('keygen', '--out', key).trim();
  const template = configTemplate ??
    fs.readFileSync(path.join(repoRoot, 'examples/demo/site-config.template.json'), 'utf8');
  fs.mkdirSync(path.join(dir, 'config'));
  fs.writeFileSync(path.join(dir, 'config/site-config.json'),
    template.replace('@PUBLIC_KEY@', publicKey));
  // The single-page-app example's own config (examples/spa).
  fs.writeFileSync(path.join(dir, 'config/spa-config.json'),
    fs.readFileSync(path.join(repoRoot, 'examples/spa/site-config.template.json'), 'utf8')
      .replace('@PUBLIC_KEY@', publicKey));
  // The demo's loyalty program and grants, signed with a key made here.
  if (!configTemplate) addDemoLoyalty({ cli: path.join(toolsDir, 'tessera'), configDir: path.join(dir, 'config'),
    keyFile: path.join(dir, 'signing.key') });
  const db = path.join(dir, 'responses.sqlite');
  const proc = spawn(path.join(toolsDir, 'tessera-collector'), [
    '--db', db, '--host', '127.0.0.1', '--port', '0', ...(csp ? ['--csp'] : []),
    '--mount', `/=${path.join(repoRoot, 'examples/demo')}`,
    '--mount', `/tessera=${path.join(repoRoot, 'build/dist/tessera')}`,
    '--mount', `/config=${path.join(dir, 'config')}`,
    '--mount', `/test-assets/axe=${path.join(repoRoot, 'node_modules/axe-core')}`,
    '--mount', `/examples=${path.join(repoRoot, 'examples')}`,
    ...mounts.flatMap(([prefix, where]) => ['--mount', `${prefix}=${where}`]),
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('collector did not start in 10 s')), 10000);
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  return {
    url, dir, key, db,
    async records() {
      const res = await fetch(`${url}/healthz`);
      return (await res.json()).records;
    },
    open() {
      const out = cli('open', '--key', key, '--db', db).trim();
      return out ? out.split('\n').map((l) => JSON.parse(l)) : [];
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

/** A page that records CSP violations and uncaught errors. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) page.problems.push(`console: ${m.text()}`);
  });
  return page;
}

/** Presses Tab until the focused element (through shadow roots) has the
 *  given role or tag name (e.g. {role: 'radio'} or {tag: 'TEXTAREA'}). */
export async function tabTo(page, want, { key = 'Tab', maxPresses = 20 } = {}) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if ((want.role && f.role === want.role) || (want.tag && f.tag === want.tag) ||
        (want.text && f.text === want.text)) return f;
  }
  return null;
}

/** Presses Tab until the element with this data-focus-key (or, for
 *  "q:*", any key of question q) has focus; returns that key. */
export async function tabToKey(page, focusKey, maxPresses = 40) {
  const prefix = focusKey?.endsWith('*') ? focusKey.slice(0, -1) : null;
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const { key } = await focused(page);
    if (key === focusKey || (prefix && key?.startsWith(prefix))) return key;
  }
  throw new Error(`Tab never reached ${focusKey}`);
}

/** The deepest focused element's description. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName, role: el?.getAttribute('role'), text: el?.textContent,
             checked: el?.getAttribute('aria-checked'), label: el?.getAttribute('aria-label'),
             key: el?.dataset?.focusKey ?? null };
  });
}

/** Runs axe-core on the page (loaded from the test server, CSP-safe). */
export async function axe(page) {
  await page.addScriptTag({ url: '/test-assets/axe/axe.min.js' });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact,
      nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
