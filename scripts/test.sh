#!/usr/bin/env bash
# The README's test command: install, lint, type-check, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-chromium.sh || echo "chromium unavailable: browser tests will be skipped"
bash scripts/install-doc-converters.sh || echo "antiword/catdoc unavailable: .doc and .wps files are skipped"
bash scripts/install-cypher-lint.sh || echo "npm unavailable: the Cypher syntax test will be skipped"
.venv/bin/ruff check .
.venv/bin/mypy
set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests"
  exit 0
fi
exit "$status"
