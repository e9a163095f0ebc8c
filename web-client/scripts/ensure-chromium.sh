#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core drives it; no
# browser is downloaded from anywhere else). Does nothing when /usr/bin/chromium exists. Also adds
# a Korean font when none is installed, so that screenshots show Hangul rather than boxes.
set -euo pipefail
need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [[ -z "$(fc-list :lang=ko 2>/dev/null)" ]]; then
  need+=(fonts-nanum)
elif ! command -v fc-list >/dev/null 2>&1; then
  need+=(fonts-nanum)
fi
if [[ ${#need[@]} -eq 0 ]]; then
  echo "web-client: chromium and a Korean font are installed"
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then sudo=(sudo -n); else
    echo "web-client: ${need[*]} missing; install them as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
echo "web-client: installing ${need[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${need[@]}"
