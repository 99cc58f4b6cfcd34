#!/usr/bin/env bash
# Formats every C++ file in place with the committed .clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' '*.h' '*.cc' |
  while read -r f; do [ -f "$f" ] && echo "$f"; done | xargs clang-format -i
