// Loads the wasm build for Node tests. The module is built for the web
// (see cmake/Flags.cmake), so Node hands it the .wasm bytes directly.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webBuildDir = process.env.TESSERA_WEB_BUILD ?? path.join(repoRoot, 'build/wasm/web');

export async function loadCore() {
  const factoryPath = path.join(webBuildDir, 'tessera-core.mjs');
  if (!fs.existsSync(factoryPath)) {
    throw new Error(`${factoryPath} is missing: build the wasm module first (scripts/build.sh)`);
  }
  const { default: createTesseraCore } = await import(pathToFileURL(factoryPath).href);
  const wasmBinary = fs.readFileSync(path.join(webBuildDir, 'tessera-core.wasm'));
  return createTesseraCore({ wasmBinary });
}
