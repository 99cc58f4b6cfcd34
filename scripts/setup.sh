#!/usr/bin/env bash
# One-time (and re-runnable) setup for a Tessera checkout on Debian 12:
#   1. Debian packages for the native + wasm builds and tests
#   2. libsodium built for wasm (scripts/build-libsodium-wasm.sh, cached)
#   3. npm ci (only when node_modules is missing or older than the lock file)
# Idempotent: when everything is present it finishes in well under 2 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { printf 'setup: %s\n' "$*" >&2; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

# --- 1. Debian packages ------------------------------------------------------
# Build uses make (CMake's default generator), not ninja.
packages=(
  build-essential cmake pkg-config
  emscripten
  nlohmann-json3-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libsqlite3-dev sqlite3 zlib1g-dev
  chromium clang-format
  autoconf automake libtool dpkg-dev   # for build-libsodium-wasm.sh
  postgresql libpq-dev   # collector back end; tests run a real server (psql comes with it)
)

# Node: keep whatever node >= 18 is already there (the image ships node 20
# from NodeSource, whose "nodejs" package also provides npm; Debian's npm
# package would conflict with it). Only fall back to Debian's packages when
# node/npm are absent.
if command -v node >/dev/null 2>&1; then
  node_version=$(node --version 2>/dev/null || echo v0)
  node_major=${node_version#v}; node_major=${node_major%%.*}
  [[ "$node_major" =~ ^[0-9]+$ ]] || node_major=0
  if ((node_major < 18)); then
    die "node $node_version found at $(command -v node); Tessera needs node >= 18. Remove it (or fix PATH) and re-run; setup will then install Debian's nodejs."
  fi
else
  packages+=(nodejs)
fi
command -v npm >/dev/null 2>&1 || packages+=(npm)

log "checking ${#packages[@]} Debian packages ..."
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null \
  | awk '$NF == "installed" && $(NF-1) == "ok" { sub(/:.*/, "", $1); print $1 }' || true)
missing=()
for p in "${packages[@]}"; do
  grep -qxF "$p" <<<"$installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  log "missing: ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
    log "not root; using sudo"
  else
    {
      echo "setup: ERROR: not root and sudo is not available. As root, run:"
      echo "  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
      echo "then re-run scripts/setup.sh"
    } >&2
    exit 1
  fi
  apt=("${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
  log "apt-get update ..."
  "${apt[@]}" update -q >&2 || die "apt-get update failed (network? /etc/apt/sources.list.d?)"
  log "apt-get install ${missing[*]} ..."
  "${apt[@]}" install -y -q "${missing[@]}" >&2 \
    || die "apt-get install failed for: ${missing[*]} (see apt output above)"
  # Verify: apt can "succeed" while a postinst left a package half-configured.
  still=()
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${missing[@]}" 2>/dev/null \
    | awk '$NF == "installed" && $(NF-1) == "ok" { sub(/:.*/, "", $1); print $1 }' || true)
  for p in "${missing[@]}"; do grep -qxF "$p" <<<"$installed" || still+=("$p"); done
  ((${#still[@]} == 0)) || die "still not installed after apt-get install: ${still[*]}"
  log "Debian packages installed"
else
  log "Debian packages: all present"
fi

# --- 2. libsodium for wasm --------------------------------------------------
log "libsodium for wasm (scripts/build-libsodium-wasm.sh) ..."
sodium_prefix=$("$root/scripts/build-libsodium-wasm.sh" | tail -n1) \
  || die "scripts/build-libsodium-wasm.sh failed (see its output above)"
[[ -f "$sodium_prefix/lib/libsodium.a" ]] \
  || die "build-libsodium-wasm.sh did not report a usable prefix (got '$sodium_prefix')"
log "libsodium wasm prefix: $sodium_prefix  (cmake -DTESSERA_SODIUM_WASM_PREFIX=$sodium_prefix)"

# --- 3. npm dependencies ----------------------------------------------------
if [[ -f package-lock.json ]]; then
  stamp=node_modules/.tessera-stamp
  if [[ ! -d node_modules || ! -f $stamp || package-lock.json -nt $stamp || package.json -nt $stamp ]]; then
    log "npm ci ..."
    # Browsers come from Debian (chromium); never let npm packages try to
    # download their own (only Debian's and npm's registries are reachable).
    PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm ci --no-audit --no-fund >&2 \
      || die "npm ci failed (is package-lock.json in sync with package.json? see npm output above)"
    mkdir -p node_modules   # npm ci creates none when there are no dependencies
    touch "$stamp"
  else
    log "node_modules: up to date"
  fi
elif [[ -f package.json ]]; then
  die "package.json exists but package-lock.json does not; run 'npm install' once and commit package-lock.json"
else
  log "no package.json; skipping npm"
fi
# SurveyJS for the side-by-side benchmarks (bench/surveyjs has its own lock
# file: survey-js-ui needs survey-core 2.x, the root uses 3.x).
sjs=bench/surveyjs
if [[ -f $sjs/package-lock.json && ( ! -f $sjs/node_modules/.tessera-stamp || $sjs/package-lock.json -nt $sjs/node_modules/.tessera-stamp ) ]]; then
  log "npm ci --prefix $sjs ..."
  npm ci --prefix "$sjs" --no-audit --no-fund >&2 || die "npm ci in $sjs failed"
  touch "$sjs/node_modules/.tessera-stamp"
fi

log "done"
