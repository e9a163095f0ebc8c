#!/usr/bin/env bash
# Installs the web client's npm packages exactly as package-lock.json says (npm ci), but only when
# node_modules is missing or was installed from another lock file: a re-run of the build costs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.citygraph-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1) $(node --version)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "web-client: node_modules matches package-lock.json, npm ci skipped"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
