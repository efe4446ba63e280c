#!/usr/bin/env bash
# Debian's antiword and catdoc, which read Word 97-2003 .doc and WPS .wps files (issue 14).
# Without them such files are skipped with the reason "no .doc converter installed".
set -euo pipefail
if command -v antiword >/dev/null && command -v catdoc >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "cannot install antiword/catdoc here (not root or no apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq antiword catdoc >/dev/null
