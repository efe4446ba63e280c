#!/usr/bin/env bash
# Debian's Chromium for the end-to-end view test (Playwright drives it; no browser download).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "cannot install chromium here (not root or no apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq chromium >/dev/null
# A CJK font so screenshots show the names; the tests pass without it.
apt-get install -y -qq fonts-wqy-microhei >/dev/null || echo "no CJK font: screenshots show boxes" >&2
