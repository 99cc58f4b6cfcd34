#!/usr/bin/env bash
# Builds tests/wasm/personal_golden.cpp natively (g++ -O2, glibc) and for
# wasm (em++ -Oz -flto, musl, libsodium from scripts/build-libsodium-wasm.sh),
# runs both (wasm in Node) and fails unless their outputs are byte-identical.
#
#   scripts/check-personal-determinism.sh        # prints IDENTICAL <md5>
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sodium=$(scripts/build-libsodium-wasm.sh | tail -1)
mkdir -p "$work/inc" && ln -s /usr/include/nlohmann "$work/inc/nlohmann"
mapfile -t sources < <(ls src/common/*.cpp src/crypto/*.cpp src/personal/*.cpp src/privacy/*.cpp)
flags=(-std=c++17 -DJSON_NOEXCEPTION -fno-exceptions -I"$root/include")

g++ "${flags[@]}" -O2 tests/wasm/personal_golden.cpp "${sources[@]}" -lsodium -o "$work/native"
"$work/native" >"$work/native.txt"

NODE_PATH=/usr/share/nodejs em++ "${flags[@]}" -Oz -flto -sSINGLE_FILE=1 -sALLOW_MEMORY_GROWTH=1 \
  -I"$work/inc" -I"$sodium/include" tests/wasm/personal_golden.cpp "${sources[@]}" \
  "$sodium/lib/libsodium.a" -o "$work/golden.js" 2>/dev/null
node "$work/golden.js" >"$work/wasm.txt"

if cmp -s "$work/native.txt" "$work/wasm.txt"; then
  echo "IDENTICAL $(md5sum <"$work/native.txt" | cut -c1-32) ($(wc -l <"$work/native.txt") lines)"
else
  diff "$work/native.txt" "$work/wasm.txt" | head -20
  exit 1
fi
