#!/usr/bin/env bash
# The main job: install what is missing, build, and serve the demo shop at
# http://127.0.0.1:${PORT:-8080}/ with the collector storing sealed answers
# in var/responses.sqlite. The merchant key is made once, in var/merchant.key.
#
#   scripts/demo.sh            # port 8080
#   PORT=9000 scripts/demo.sh  # another port
#
# Read what was answered:  build/release/tools/tessera open --key var/merchant.key --db var/responses.sqlite
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port="${PORT:-8080}"

scripts/setup.sh
scripts/build.sh release wasm dist

mkdir -p var/demo
cli=build/release/tools/tessera
if [ ! -f var/merchant.key ]; then
  echo "demo: making the merchant key var/merchant.key" >&2
  "$cli" keygen --out var/merchant.key >/dev/null
fi
public_key=$("$cli" pubkey --key var/merchant.key)
sed "s#@PUBLIC_KEY@#${public_key}#" examples/demo/site-config.template.json > var/demo/site-config.json
sed "s#@PUBLIC_KEY@#${public_key}#" examples/spa/site-config.template.json > var/demo/spa-config.json
# The loyalty program and a few grants, signed with a demo key made here.
node scripts/demo-loyalty.mjs "$cli" var/demo var/demo-signing.key

echo "demo: open http://127.0.0.1:${port}/ (Ctrl-C stops); also /examples/minimal/ and /examples/spa/" >&2
exec build/release/tools/tessera-collector --db var/responses.sqlite --host 127.0.0.1 \
  --port "$port" --csp \
  --mount /=examples/demo --mount /tessera=build/dist/tessera --mount /config=var/demo \
  --mount /examples=examples
