#!/usr/bin/env bash
# The checkers the landing-page tests and `make audit` run, installed by the project itself:
# Debian's Java (default-jre-headless) for the W3C Nu HTML checker, Node.js and npm when `node` is
# missing, and the pinned npm packages of package-lock.json (vnu-jar, axe-core, lighthouse) in
# node_modules/, reinstalled when the lock file is newer than what is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v java >/dev/null || missing+=(default-jre-headless)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} != 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's ${missing[*]} for the landing-page checkers..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages for the landing-page checkers: ${missing[*]} (run as root, or apt-get install them)." >&2
    exit 1
  fi
fi
# npm ci writes node_modules/.package-lock.json last: older than the lock file means out of date.
installed=node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ package-lock.json -nt "$installed" ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "Installing the pinned checkers (npm ci: vnu-jar, axe-core, lighthouse)..."
  # --ignore-scripts: vnu-jar's install script would fetch a Java of its own; Debian's is used instead.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
  touch "$installed"
fi
