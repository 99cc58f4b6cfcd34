// Loads the wasm core and talks to one engine through JSON calls. Error
// envelopes from the core become TesseraError here and nowhere else.

import { TesseraError } from './errors.js';

let corePromise = null;

/** Loads the wasm module once per page. `wasm` is an optional promise of
 *  the compiled module, which the loader starts before this file loads. */
export function loadCore(coreUrl, wasm) {
  if (!corePromise) {
    corePromise = import(coreUrl)
      .then(({ default: createTesseraCore }) => instantiate(createTesseraCore, wasm))
      .catch((e) => {
        corePromise = null;
        throw new TesseraError('load_failed', `could not load the Tessera core: ${e.message}`);
      });
  }
  return corePromise;
}

// With a module compiled ahead, the glue is handed an instance of it
// (Emscripten's instantiateWasm hook) instead of fetching the bytes itself.
// If that compile failed (an old browser, a host serving .wasm with the
// wrong MIME type), the glue fetches and compiles as it would alone.
function instantiate(createTesseraCore, wasm) {
  if (!wasm) return createTesseraCore();
  return wasm.then(
    (module) => new Promise((resolve, reject) => {
      createTesseraCore({
        instantiateWasm(imports, receive) {
          WebAssembly.instantiate(module, imports).then((instance) => receive(instance), reject);
          return {};
        },
      }).then(resolve, reject);
    }),
    () => createTesseraCore(),
  );
}

function unwrap(text) {
  const envelope = JSON.parse(text);
  if (envelope.ok) return envelope.value;
  const { code, message, path } = envelope.error;
  throw new TesseraError(code, message, path);
}

/** One engine for one site config; calls are synchronous once loaded. */
export class Engine {
  constructor(core, handle) {
    this.core = core;
    this.handle = handle;
  }

  static create(core, config) {
    const text = typeof config === 'string' ? config : JSON.stringify(config);
    const { handle } = unwrap(core.createEngine(text));
    return new Engine(core, handle);
  }

  call(method, args = {}) {
    return unwrap(this.core.call(this.handle, method, JSON.stringify(args)));
  }

  dispose() {
    this.core.disposeEngine(this.handle);
  }
}

/** Hex of n random bytes from the browser's CSPRNG. */
export function randomHex(n) {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
