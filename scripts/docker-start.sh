#!/bin/sh
# The API container's start: ingest the bundled sample corpus (a no-op for files already
# in the store), then serve. Ingest exits 3 when it skipped files; that still serves.
set -eu
status=0
plangraph ingest data/sample || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  exit "$status"
fi
exec plangraph serve --host 0.0.0.0 --port "${PORT:-8000}"
