#!/usr/bin/env bash
# Build libsodium 1.0.18 for WebAssembly (Emscripten) from Debian's source
# package and install it into a cache prefix. Idempotent: a second run with
# the same flags only prints the prefix.
#
#   prefix=$(scripts/build-libsodium-wasm.sh | tail -1)
#
# stdout: the prefix as the last line. stderr: progress.
# Env: TESSERA_CACHE (default ~/.cache/tessera).
set -euo pipefail

readonly SODIUM_VERSION=1.0.18
cache="${TESSERA_CACHE:-$HOME/.cache/tessera}"
prefix="$cache/libsodium-wasm-$SODIUM_VERSION"

# -flto: the archive holds LLVM bitcode so the final -flto link of the core can
# drop unused libsodium code. Bitcode is tied to the LLVM inside emscripten, so
# the emscripten version is part of the stamp and a new one forces a rebuild.
readonly SODIUM_CFLAGS="-Oz -flto"
# LDFLAGS only reach configure's link tests (a static archive is never
# linked). Without this each test link runs wasm-opt/JS minification at -Oz
# (~3.9 s vs ~1.6 s); configure took 200 s instead of 91 s here, with
# identical results (config.status/Makefile differ only in LDFLAGS).
readonly SODIUM_LDFLAGS="-O0"
configure_flags=(
  --host=wasm32-unknown-emscripten
  --disable-shared
  --enable-minimal
  --without-pthreads
  --disable-ssp
  --disable-asm
  --disable-pie
  --prefix="$prefix"
)

log() { printf 'build-libsodium-wasm: %s\n' "$*" >&2; }
die() { printf 'build-libsodium-wasm: ERROR: %s\n' "$*" >&2; exit 1; }

em_version() {
  dpkg-query -W -f='${Version}' emscripten 2>/dev/null \
    || emcc --version 2>/dev/null | head -n1 \
    || echo unknown
}

stamp_text() {
  printf 'libsodium %s\nCFLAGS=%s\nLDFLAGS=%s\nconfigure %s\nemscripten %s\n' \
    "$SODIUM_VERSION" "$SODIUM_CFLAGS" "$SODIUM_LDFLAGS" "${configure_flags[*]}" "$(em_version)"
}

is_built() {
  [[ -f "$prefix/lib/libsodium.a" && -f "$prefix/include/sodium.h" && -f "$prefix/.stamp" ]] \
    && [[ "$(cat "$prefix/.stamp")" == "$(stamp_text)" ]]
}

# --- fast path ------------------------------------------------------------
if is_built; then
  echo "$prefix"
  exit 0
fi

# --- serialise concurrent runs (e.g. two setup.sh at once) ----------------
mkdir -p "$cache" || die "cannot create cache directory $cache"
exec 9>"$cache/.libsodium-wasm-$SODIUM_VERSION.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it ..."
  flock 9
fi
if is_built; then   # the other run may have finished the job
  echo "$prefix"
  exit 0
fi

# --- privileges for apt configuration --------------------------------------
SUDO=()
if [[ $EUID -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
fi
as_root() {
  if [[ $EUID -ne 0 && ${#SUDO[@]} -eq 0 ]]; then
    die "need root for: $* (no sudo available). Run it as root, then re-run this script."
  fi
  "${SUDO[@]}" "$@"
}

# --- required tools --------------------------------------------------------
missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need emcc emscripten
need emconfigure emscripten
need emmake emscripten
need node nodejs
need apt-get apt
need dpkg-source dpkg-dev
need autoreconf autoconf
need automake automake
need libtoolize libtool
need make make
need flock util-linux
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  die "missing tools from Debian packages: ${missing[*]} (run scripts/setup.sh, or apt-get install ${missing[*]})"
fi
[[ -d /usr/share/nodejs ]] || die "/usr/share/nodejs missing (Debian's emscripten needs its node modules there)"
export NODE_PATH=/usr/share/nodejs

# --- deb-src entry -----------------------------------------------------------
codename=bookworm
if [[ -r /etc/os-release ]]; then
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
fi

# True if some enabled deb-src source for $codename main is configured.
have_deb_src() {
  local f
  shopt -s nullglob
  for f in /etc/apt/sources.list.d/*.sources; do
    # deb822: stanzas separated by blank lines; field names are case-insensitive.
    awk -v suite="$codename" '
      function reset() { types=""; suites=""; comps=""; enabled="yes" }
      function check() {
        if (types ~ /(^|[ \t])deb-src([ \t]|$)/ && suites ~ ("(^|[ \t])" suite "([ \t]|$)") &&
            comps ~ /(^|[ \t])main([ \t]|$)/ && tolower(enabled) != "no") found=1
      }
      BEGIN { reset() }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { check(); reset(); next }
      { line=$0; key=tolower(line); sub(/:.*/, "", key); val=line; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types=val; else if (key == "suites") suites=val;
        else if (key == "components") comps=val; else if (key == "enabled") enabled=val }
      END { check(); exit found ? 0 : 1 }' "$f" && { shopt -u nullglob; return 0; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r "$f" ]] || continue
    grep -Eq "^[[:space:]]*deb-src[[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+[[:space:]]+${codename}[[:space:]]+([^#]*[[:space:]])?main([[:space:]]|$)" "$f" \
      && { shopt -u nullglob; return 0; }
  done
  shopt -u nullglob
  return 1
}

add_deb_src() {
  local src=/etc/apt/sources.list.d/debian.sources
  local dst=/etc/apt/sources.list.d/tessera-deb-src.sources
  local uris="" suites="" comps="" signed=""
  if [[ -r "$src" ]]; then
    # Copy URIs/Suites/Components/Signed-By from the first enabled "deb" stanza
    # for $codename that is not the security archive.
    eval "$(awk -v suite="$codename" '
      function q(s) { gsub(/\047/, "\047\\\047\047", s); return "\047" s "\047" }
      function reset() { types=""; u=""; s=""; c=""; sb=""; en="yes" }
      function check() {
        if (!done && types ~ /(^|[ \t])deb([ \t]|$)/ && s ~ ("(^|[ \t])" suite "([ \t]|$)") &&
            u !~ /security/ && tolower(en) != "no") {
          printf "uris=%s suites=%s comps=%s signed=%s\n", q(u), q(s), q(c), q(sb); done=1 }
      }
      BEGIN { reset() }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { check(); reset(); next }
      { line=$0; key=tolower(line); sub(/:.*/, "", key); val=line; sub(/^[^:]*:[ \t]*/, "", val)
        if (key == "types") types=val; else if (key == "uris") u=val; else if (key == "suites") s=val;
        else if (key == "components") c=val; else if (key == "signed-by") sb=val; else if (key == "enabled") en=val }
      END { check() }' "$src")"
  fi
  : "${uris:=http://deb.debian.org/debian}"
  : "${suites:=$codename $codename-updates}"
  : "${comps:=main}"
  if [[ -z "$signed" && -f /usr/share/keyrings/debian-archive-keyring.gpg ]]; then
    signed=/usr/share/keyrings/debian-archive-keyring.gpg
  fi
  log "no deb-src for $codename main configured; writing $dst"
  {
    echo "# Added by Tessera scripts/build-libsodium-wasm.sh (apt-get source libsodium)."
    echo "Types: deb-src"
    echo "URIs: $uris"
    echo "Suites: $suites"
    echo "Components: $comps"
    if [[ -n "$signed" ]]; then echo "Signed-By: $signed"; fi
  } | as_root tee "$dst" >/dev/null || die "cannot write $dst"
}

apt_update() {
  log "apt-get update (to fetch source indexes) ..."
  as_root apt-get update -qq >&2 || die "apt-get update failed"
}

have_showsrc() { [[ -n "$(apt-cache showsrc libsodium 2>/dev/null)" ]]; }

if ! have_deb_src; then
  add_deb_src
  apt_update
elif ! have_showsrc; then
  apt_update
fi
have_showsrc || die "apt knows no source package 'libsodium' even after apt-get update; check the deb-src entry"

# --- fetch + unpack --------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/tessera-libsodium.XXXXXX")
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# As root apt warns "Download is performed unsandboxed as root" because its
# _apt user cannot write to this private temp dir; harmless.
log "downloading Debian source package libsodium into $work ..."
(cd "$work" && apt-get source --download-only -q libsodium) >&2 \
  || die "apt-get source --download-only libsodium failed"

dsc=$(find "$work" -maxdepth 1 -name 'libsodium_*.dsc' | head -n1)
[[ -n "$dsc" ]] || die "no libsodium_*.dsc downloaded"
upstream=$(sed -n 's/^Version: *\([^-]*\)-.*/\1/p' "$dsc" | head -n1)
upstream=${upstream#*:}
[[ "$upstream" == "$SODIUM_VERSION" ]] \
  || die "Debian's libsodium source is $upstream, this script builds $SODIUM_VERSION (update SODIUM_VERSION and the cache name)"

log "unpacking $(basename "$dsc") ..."
(cd "$work" && dpkg-source -x "$(basename "$dsc")" src) >&2 || die "dpkg-source -x failed"
cd "$work/src"

# --- build -----------------------------------------------------------------
start=$SECONDS
phase=$SECONDS
took() { log "  ... $1 took $((SECONDS - phase)) s"; phase=$SECONDS; }

log "autogen.sh -s ..."
./autogen.sh -s >&2 || die "./autogen.sh -s failed"
took autogen

log "emconfigure ./configure ${configure_flags[*]} (CFLAGS=$SODIUM_CFLAGS LDFLAGS=$SODIUM_LDFLAGS) ..."
CFLAGS="$SODIUM_CFLAGS" LDFLAGS="$SODIUM_LDFLAGS" emconfigure ./configure "${configure_flags[@]}" >&2 \
  || { tail -n 40 config.log >&2 2>/dev/null || true; die "configure failed (config.log tail above)"; }
took configure

# Start from an empty prefix so stale headers/libs cannot survive a rebuild.
rm -rf "$prefix"
jobs=$(nproc 2>/dev/null || echo 2)
log "emmake make -j$jobs install ..."
emmake make -j"$jobs" install >&2 || die "make install failed"
took "make install"

[[ -f "$prefix/lib/libsodium.a" && -f "$prefix/include/sodium.h" ]] \
  || die "install did not produce $prefix/lib/libsodium.a and include/sodium.h"
stamp_text >"$prefix/.stamp"
log "built in $((SECONDS - start)) s -> $prefix"

echo "$prefix"
