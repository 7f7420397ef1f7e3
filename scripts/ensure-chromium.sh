#!/usr/bin/env bash
# Playwright cannot download its own browser here; the end-to-end tests use Debian's Chromium.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The end-to-end tests need Chromium at $chromium: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
exit 1
