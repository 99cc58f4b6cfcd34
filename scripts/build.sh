#!/usr/bin/env bash
# Builds Tessera. Targets (default: release wasm dist):
#   debug    native Debug build with ASan + UBSan (tests)     -> build/native
#   release  native Release build (CLI, collector, benches)   -> build/release
#   wasm     WebAssembly module (Release, -Oz)                -> build/wasm/web
#   dist     the files a page loads: web/src + wasm module   -> build/dist
#   wasm-bench  bench-only wasm module for bench/loyalty-wasm.mjs -> build/wasm-bench/bench
# Assumes scripts/setup.sh has run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { printf 'build: %s\n' "$*" >&2; }
jobs=$(nproc 2>/dev/null || echo 2)

native() {  # dir type
  log "native $2 -> $1"
  cmake -S . -B "$1" -DCMAKE_BUILD_TYPE="$2" >/dev/null
  cmake --build "$1" -j"$jobs"
}

wasm() {
  local sodium
  sodium=$(scripts/build-libsodium-wasm.sh | tail -1)
  log "wasm -> build/wasm/web"
  # Debian's emscripten needs acorn from Debian's node modules.
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release \
    -DTESSERA_SODIUM_WASM_PREFIX="$sodium" >/dev/null
  cmake --build build/wasm -j"$jobs"
}

wasm_bench() {
  local sodium
  sodium=$(scripts/build-libsodium-wasm.sh | tail -1)
  log "wasm-bench -> build/wasm-bench/bench"
  export NODE_PATH=/usr/share/nodejs
  emcmake cmake -S . -B build/wasm-bench -DCMAKE_BUILD_TYPE=Release -DTESSERA_BUILD_BENCH=ON \
    -DTESSERA_SODIUM_WASM_PREFIX="$sodium" >/dev/null
  cmake --build build/wasm-bench -j"$jobs" --target tessera_loyalty_bench
}

dist() {
  log "dist -> build/dist/tessera"
  rm -rf build/dist
  mkdir -p build/dist/tessera
  cp -r web/src/. build/dist/tessera/
  # The snippet ships without its comments (budget: 2 KB gzip).
  node scripts/strip-comments.mjs web/src/loader.js > build/dist/tessera/loader.js
  cp build/wasm/web/tessera-core.mjs build/wasm/web/tessera-core.wasm build/dist/tessera/
  # One minified bundle, content-hashed names (cacheable for a year).
  node scripts/release-dist.mjs build/dist/tessera
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(release wasm dist)
for t in "${targets[@]}"; do
  case "$t" in
    debug) native build/native Debug ;;
    release) native build/release Release ;;
    wasm) wasm ;;
    wasm-bench) wasm_bench ;;
    dist) dist ;;
    *) echo "build: unknown target '$t'" >&2; exit 2 ;;
  esac
done
