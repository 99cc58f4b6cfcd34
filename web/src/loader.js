// The one snippet (docs/api.md). Small (budget 2 KB gzip) and idle until
// needed: it fetches the site config, and only when a survey has a trigger,
// a <tessera-survey> is on the page or records wait in the outbox does it
// load the core and the page-event forwarding (embed/triggers.js).
//   <script type="module" src="/tessera/loader.js" data-config="/config/site-config.json"></script>
// or: import { Tessera } from '/tessera/loader.js'; Tessera.init({ configUrl });

// The embed layer's whole import graph (kept exact by
// tests/web/loader-preload.test.mjs), preloaded in parallel.
const GRAPH = 'embed/triggers tessera core errors outbox storage/store storage/backends storage/schema ' +
  'storage/tab-lock runtime survey-element survey-styles survey-view dom questions/choices questions/grid ' +
  'questions/scale questions/text loyalty/loyalty loyalty/badge-element loyalty/loyalty-styles ' +
  'loyalty/points-preview-element personal/index personal/personal personal/store personal/offers-element ' +
  'personal/offers-styles storage/visitor-store embed/placement';

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

async function boot(options) {
  let config = options.config;
  if (config === undefined) {
    const res = await fetch(options.configUrl, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`site config: HTTP ${res.status}`);
    config = await res.json();
  }
  const triggered = (config.surveys ?? []).some((s) => s && s.trigger);
  let queued = false; // records left in the outbox by an earlier page
  try {
    // outbox.js keeps this hint; `tessera:outbox` is the v1 queue (migrated).
    queued = !!localStorage.getItem('tessera:queued') ||
      (localStorage.getItem('tessera:outbox') ?? '[]') !== '[]';
  } catch { /* storage blocked */ }
  if (!triggered && !queued && !document.querySelector('tessera-survey')) return null;
  // From here on everything is needed: fetch the modules in parallel and
  // start the wasm core now, while they load (core.js keeps one per page).
  const coreUrl = options.coreUrl ?? new URL('./tessera-core.mjs', import.meta.url).href;
  for (const m of [...GRAPH.split(' ').map((m) => new URL(`./${m}.js`, import.meta.url).href), coreUrl]) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = m;
    document.head.append(link);
  }
  import('./core.js').then((c) => c.loadCore(coreUrl)).catch(() => { /* reported by load() */ });
  const mod = await import('./embed/triggers.js');
  embed = await mod.startEmbed({ ...options, config, emit, attributes: () => Tessera.attributes });
  for (const [name, props] of early.splice(0)) embed.track(name, props);
  return embed;
}

export const Tessera = {
  /** Starts once per page: {configUrl} or {config}; returns a promise. */
  init(options = {}) {
    started ??= boot(options).catch((e) => {
      emit('error', { code: e.code ?? 'load_failed', message: String(e.message ?? e), path: '' });
      return null;
    });
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
