// What the snippet loads once something can show: the runtime (tessera.js)
// and the embed layer (embed/triggers.js). scripts/build.sh bundles this
// file with everything it imports into one minified module in the release
// folder (scripts/release-dist.mjs); served unbuilt, it simply imports them.
// Pages that import /tessera/tessera.js get the same module instances from
// that bundle, so the snippet and the module API share one core.
export { Tessera, TesseraError } from './tessera.js';
export { startEmbed } from './embed/triggers.js';
