// The one snippet (docs/api.md). Small (budget 2 KB gzip) and idle until
// needed: it fetches the site config, and only when a survey has a trigger,
// a <tessera-survey> is on the page or records wait in the outbox does it
// load the core, the runtime and the page-event forwarding (bundle.js).
//   <script type="module" src="/tessera/loader.js" data-config="/config/site-config.json"></script>
// or: import { Tessera } from '/tessera/loader.js'; Tessera.init({ configUrl });

// Where the bundle and the core's glue are, and the core itself, relative
// to this file: scripts/release-dist.mjs makes them content-hashed names.
const BASE = './';
const CORE = 'tessera-core.wasm';

const handlers = new Map();
const early = []; // track() calls made before the embed layer loaded
let embed = null;
let started = null;

function emit(type, detail) {
  for (const fn of handlers.get(type) ?? []) {
    try {
      fn(detail);
    } catch (e) {
      queueMicrotask(() => { throw e; });
    }
  }
}

// Can a triggered survey show on this URL? Only its URL filter is looked
// at, and only where the answer is certain (a regex rule: maybe); the core
// makes every real decision. A "no" saves loading the core on pages where
// nothing can appear.
function may(s, url) {
  const u = s.trigger.urls;
  const rules = u && (u.all ?? u.any);
  if (!Array.isArray(rules) || !rules.length) return true;
  const hits = rules.map(({ match: m, value: v, not }) => {
    if (typeof v != 'string') return null;
    const hit = m == 'exact' ? url == v : m == 'contains' ? url.includes(v) :
      m == 'startsWith' ? url.startsWith(v) : m == 'endsWith' ? url.endsWith(v) : null;
    return hit == null ? null : hit != !!not;
  });
  return u.all ? !hits.includes(false) : hits.some((h) => h !== false);
}

// Calls go() once, at the first route change (history API, popstate,
// hashchange) after which ok() holds.
function onRoute(ok, go) {
  let done = false;
  const check = () => !done && ok() && (done = true) && go();
  for (const n of ['pushState', 'replaceState']) {
    const original = history[n];
    history[n] = function (...a) {
      const out = original.apply(this, a);
      queueMicrotask(check);
      return out;
    };
  }
  addEventListener('popstate', check);
  addEventListener('hashchange', check);
}

async function boot(options) {
  let config = options.config;
  if (config === undefined) {
    const res = await fetch(options.configUrl, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`site config: HTTP ${res.status}`);
    config = await res.json();
  }
  const triggered = (config.surveys ?? []).filter((s) => s && s.trigger);
  const wanted = () => triggered.some((s) => may(s, location.href));
  let queued = false; // records left in the outbox by an earlier page
  try {
    // outbox.js keeps this hint; `tessera:outbox` is the v1 queue (migrated).
    queued = !!localStorage.getItem('tessera:queued') ||
      (localStorage.getItem('tessera:outbox') ?? '[]') !== '[]';
  } catch { /* storage blocked */ }
  const load = async () => {
    // Everything is needed now. The core's bytes are most of the wait:
    // fetch and compile them at once, alongside the one bundled module and
    // the core's JS glue, rather than after the glue has loaded.
    const coreUrl = options.coreUrl ?? new URL(`${BASE}tessera-core.mjs`, import.meta.url).href;
    const wasm = options.coreUrl ? undefined :
      WebAssembly.compileStreaming?.(fetch(new URL(CORE, import.meta.url), { credentials: 'same-origin' }));
    wasm?.catch(() => { /* core.js falls back to the glue's own fetch */ });
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = coreUrl;
    document.head.append(link);
    const mod = await import(`${BASE}bundle.js`);
    embed = await mod.startEmbed({ ...options, config, wasm, emit, attributes: () => Tessera.attributes });
    for (const [name, props] of early.splice(0)) embed.track(name, props);
    return embed;
  };
  if (queued || document.querySelector('tessera-survey') || wanted()) return load();
  // Nothing can show here; a single-page app may still route to a page
  // where something can.
  if (triggered.length) onRoute(wanted, () => load().catch(fail));
  return null;
}

function fail(e) {
  emit('error', { code: e.code ?? 'load_failed', message: String(e.message ?? e), path: '' });
  return null;
}

export const Tessera = {
  /** Starts once per page: {configUrl} or {config}. Resolves when the
   *  triggers listen, or with null when nothing can show on this URL. */
  init(options = {}) {
    started ??= boot(options).catch(fail);
    return started;
  },
  /** on(type, fn) -> unsubscribe function. */
  on(type, fn) {
    if (!handlers.has(type)) handlers.set(type, new Set());
    handlers.get(type).add(fn);
    return () => handlers.get(type).delete(fn);
  },
  /** A code action: surveys with {"type":"track","name":name} may fire. */
  track(name, props = {}) {
    if (embed) embed.track(name, props);
    else if (early.length < 50) early.push([name, props]);
  },
  /** Visitor attributes for audience conditions ({attributes.<name>}). */
  setAttributes(attributes) {
    Tessera.attributes = { ...Tessera.attributes, ...attributes };
  },
  attributes: {},
};

globalThis.Tessera ??= Tessera;

// Snippet use: read data-config from our own <script> tag.
const self = [...document.querySelectorAll('script[type=module][src]')]
  .find((s) => s.src === import.meta.url && s.dataset.config);
if (self) Tessera.init({ configUrl: new URL(self.dataset.config, location.href).href });
