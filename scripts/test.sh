#!/usr/bin/env bash
# Every test of every layer: installs what is missing, builds (native Debug
# with ASan/UBSan, and wasm), then runs
#   1. GoogleTest + the clang-format check (ctest)
#   2. Node tests: the wasm module, the collector over HTTP (SQLite, and two
#      collectors on a throw-away PostgreSQL: scripts/pg-test-cluster.sh),
#      the merchant CLI, and the web modules (outbox, storage, tsc)
#   3. headless Chromium tests of the widget and the demo (tests/browser)
# Exits non-zero if any layer fails; the last line sums up all layers.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/setup.sh || exit 1
scripts/build.sh debug wasm dist || exit 1

failed_layers=()
passed=0
failed=0
count() {  # parse "# pass N" / "# fail N" from node --test output
  local out="$1"
  passed=$((passed + $(grep -E '^# pass ' "$out" | awk '{s+=$3} END {print s+0}')))
  failed=$((failed + $(grep -E '^# fail ' "$out" | awk '{s+=$3} END {print s+0}')))
}

echo "== GoogleTest and format check (ctest)"
ctest_out=$(mktemp)
(cd build/native && ctest --output-on-failure -j2) | tee "$ctest_out"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_layers+=(ctest)
ct_total=$(grep -oE 'tests passed, [0-9]+ tests failed out of [0-9]+' "$ctest_out" | awk '{print $NF}')
ct_failed=$(grep -oE '[0-9]+ tests failed' "$ctest_out" | awk '{print $1}')
passed=$((passed + ${ct_total:-0} - ${ct_failed:-0}))
failed=$((failed + ${ct_failed:-0}))

echo "== Node: wasm module and collector (SQLite and PostgreSQL)"
node_out=$(mktemp)
node --test tests/wasm/ tests/collector/ tests/cli/ tests/web/ | tee "$node_out"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_layers+=(node)
count "$node_out"

echo "== Chromium: widget and demo"
browser_out=$(mktemp)
node --test --test-concurrency=1 tests/browser/ | tee "$browser_out"
[ "${PIPESTATUS[0]}" -eq 0 ] || failed_layers+=(browser)
count "$browser_out"

rm -f "$ctest_out" "$node_out" "$browser_out"
if [ ${#failed_layers[@]} -gt 0 ]; then
  echo "test: failing layers: ${failed_layers[*]}"
  echo "${passed} passed, $((failed > 0 ? failed : 1)) failed"
  exit 1
fi
echo "${passed} passed, 0 failed"
