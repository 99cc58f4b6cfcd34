// Tessera for the browser: load the site config and the wasm core, then
// every <tessera-survey> on the page comes alive.
//
//   import { Tessera } from '/tessera/tessera.js';
//   const tessera = await Tessera.load({ configUrl: '/site-config.json' });
//   tessera.on('complete', (detail) => console.log(detail.idempotencyKey));
//
// Options: config (object or JSON text) or configUrl; coreUrl (where
// tessera-core.mjs lives; default beside this file); locale (default the
// browser's); endpoint (overrides the config's).

import { Engine, loadCore } from './core.js';
import { TesseraError } from './errors.js';
import { openOutbox } from './outbox.js';
import { runtime } from './runtime.js';
import { sharedStorage } from './storage/store.js';
import { TesseraSurveyElement } from './survey-element.js';
import { loyalty } from './loyalty/loyalty.js';
import { installPersonal } from './personal/index.js';

export { TesseraError };

class TesseraInstance {
  constructor(engine, options) {
    this.engine = engine;
    this.locale = options.locale ?? navigator.language ?? 'en';
    this.endpoint = options.endpoint ?? null;
    this.listeners = new Map();
    // Every sealed record goes through one persisted queue per page.
    this.outbox = openOutbox({ onError: (e) => this.emit('error', e), storage: () => this.storage });
  }

  /** The page's one storage (IndexedDB, else localStorage, else memory),
   *  opened on first use, so a page that stores nothing creates nothing;
   *  its problems (corrupt data set aside, quota) become `error` events. */
  get storage() {
    this.openedStorage ??= sharedStorage({ onProblem: (e) => this.emit('error', e) });
    return this.openedStorage;
  }

  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners.get(type) ?? []) {
      try {
        fn(detail);
      } catch (e) {
        queueMicrotask(() => { throw e; });
      }
    }
  }

  info() {
    return this.engine.call('site.info');
  }
}

async function fetchConfig(url) {
  let res;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (e) {
    throw new TesseraError('load_failed', `could not fetch the site config: ${e.message}`);
  }
  if (!res.ok) throw new TesseraError('load_failed', `site config: HTTP ${res.status}`);
  return res.text();
}

let loading = null;

async function engine() {
  return (await runtime.ready()).engine;
}

/** Survey definitions: SurveyJS import (docs/surveyjs-import.md). */
const surveys = {
  /**
   * Converts a SurveyJS survey JSON (object or text) into a Tessera
   * definition: {definition, renamed, ignored}. A survey using parts
   * Tessera cannot run faithfully rejects with one TesseraError listing each
   * by JSON pointer (its `path` is the first).
   */
  async fromSurveyJS(json, { id, version } = {}) {
    const args = { surveyjs: json };
    if (id !== undefined) args.id = id;
    if (version !== undefined) args.version = version;
    return (await engine()).call('survey.importSurveyJS', args);
  },
};

/** Scores of response records as mergeable summaries (docs/engine-api.md, "Scoring"). */
const score = {
  /** {surveyId | definition, records, by?: 'none'|'variant'|'day', utcOffsetMinutes?} */
  async summarize(args) {
    return (await engine()).call('score.summarize', args);
  },
  /** Merges summaries of one kind into exactly the summary of the whole. */
  async merge(summaries) {
    return (await engine()).call('score.merge', { summaries });
  },
};

export const Tessera = {
  /** Points, tiers, badges and cart previews (loyalty/loyalty.js). */
  loyalty,
  surveys,
  score,
  /** Loads once per page; later calls return the same instance. */
  load(options = {}) {
    if (!loading) {
      loading = (async () => {
        const coreUrl = options.coreUrl ?? new URL('./tessera-core.mjs', import.meta.url).href;
        const [core, config] = await Promise.all([
          loadCore(coreUrl, options.wasm),
          options.config !== undefined ? options.config : fetchConfig(options.configUrl),
        ]);
        const instance = new TesseraInstance(Engine.create(core, config), options);
        runtime.resolve(instance);
        return instance;
      })().catch((e) => {
        const err = e instanceof TesseraError ? e : new TesseraError('internal', String(e));
        runtime.reject(err);
        // Elements waiting on the runtime hide themselves and report the
        // error through their own `error` event.
        document.dispatchEvent(new CustomEvent('tessera:error', { detail: err.toJSON() }));
        throw err;
      });
    }
    return loading;
  },
};

installPersonal(Tessera);

if (!customElements.get('tessera-survey')) {
  customElements.define('tessera-survey', TesseraSurveyElement);
}
