#!/usr/bin/env bash
# The README's test command: install, lint, type-check, run every test.
#
# Where Java and Maven are present (and NEO4J_URI is not already set), a local Neo4j 5 is
# started with scripts/neo4j.sh for the run and stopped afterwards, failure or not, so
# the store contract suite and the end-to-end tests run on both stores. Without them
# the Neo4j tests are skipped with the reason in pytest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-chromium.sh || echo "chromium unavailable: browser tests will be skipped"
bash scripts/install-doc-converters.sh || echo "antiword/catdoc unavailable: .doc and .wps files are skipped"
bash scripts/install-cypher-lint.sh || echo "npm unavailable: the Cypher syntax test will be skipped"
.venv/bin/ruff check .
.venv/bin/mypy

if [ -z "${NEO4J_URI:-}" ]; then
  if command -v java >/dev/null && command -v mvn >/dev/null; then
    # Its own folder and a free port (unless given), so that a Neo4j you started with
    # scripts/neo4j.sh, or one on 7687, is left alone.
    export PLANGRAPH_NEO4J_HOME=$PWD/.neo4j/test
    NEO4J_PORT=${NEO4J_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    export NEO4J_PORT
    trap 'bash scripts/neo4j.sh stop' EXIT
    uri_line=$(bash scripts/neo4j.sh start | tail -n 1)
    export "${uri_line?}"
    echo "running the suite on the embedded store and on Neo4j at $NEO4J_URI"
  else
    echo "java or mvn not found: the Neo4j tests will be skipped"
  fi
fi

set +e
.venv/bin/python -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests"
  exit 0
fi
exit "$status"
