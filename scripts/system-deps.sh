#!/usr/bin/env bash
# Install the Debian packages the tests need from the system (system-packages.txt) when they are
# missing: `make test` runs this first, so a fresh machine needs no step by hand. Without root
# (or password-less sudo) it prints the one command to run and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# `scripts/system-deps.sh PKG...` checks only those packages (the web assets' npm at install)
missing=()
if [ $# -gt 0 ]; then
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
else
  while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done < system-packages.txt
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing ${missing[*]} and no apt-get here; install them with your package manager" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "system-deps: missing ${missing[*]}; install them once with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "== system-deps: apt-get install ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
