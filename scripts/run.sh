#!/usr/bin/env bash
# The README's main job: install, ingest the bundled sample corpus into the embedded
# store, then serve the API and the views on http://127.0.0.1:8000 (Ctrl-C stops).
# `bash scripts/run.sh data/real` serves the real-size sample (68 documents) instead;
# any other folders or files given are ingested the same way.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install-doc-converters.sh || echo "antiword/catdoc unavailable: .doc and .wps files are skipped"
DATA_DIR=${PLANGRAPH_DATA_DIR:-.plangraph}
status=0
if [ "$#" -eq 0 ]; then set -- data/sample; fi
.venv/bin/plangraph ingest "$@" --data-dir "$DATA_DIR" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then exit "$status"; fi
exec .venv/bin/plangraph serve --data-dir "$DATA_DIR" --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
