#!/usr/bin/env bash
# Neo4j's own Cypher parser (npm, runs offline under Node) for the syntax check in
# tests/test_cypher.py; that test is skipped where this could not run. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/../tests/cypher_lint"
if ! command -v npm >/dev/null; then
  echo "npm not found" >&2
  exit 1
fi
stamp=node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)
if [ -f "$stamp" ]; then exit 0; fi
npm ci --no-audit --no-fund --loglevel=error
touch "$stamp"
