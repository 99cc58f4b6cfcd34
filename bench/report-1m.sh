#!/usr/bin/env bash
# Opening and aggregating many sealed records with `tessera report`:
# generates N synthetic records once into a temp SQLite file (seal-test-records),
# then times the report and prints the share spent decrypting vs aggregating.
#
#   scripts/build.sh release && bench/report-1m.sh [N=1000000] [THREADS=2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tessera="${TESSERA:-$root/build/release/tools/tessera}"
n="${1:-1000000}"
threads="${2:-2}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$tessera" keygen --out "$dir/merchant.key" >/dev/null
start=$(date +%s.%N)
"$tessera" seal-test-records --key "$dir/merchant.key" --db "$dir/bench.sqlite" \
  --count "$n" --threads "$threads"
echo "generate: $(echo "$(date +%s.%N) - $start" | bc) s, $(du -h "$dir/bench.sqlite" | cut -f1)"
for t in 1 "$threads"; do
  /usr/bin/time -f "report: %e s wall, %M KiB max RSS" \
    "$tessera" report --key "$dir/merchant.key" --db "$dir/bench.sqlite" \
    --config "$root/tests/report/site-config.json" --format json --out "$dir/report.json" \
    --threads "$t" --timing || [ $? -eq 2 ]
done
