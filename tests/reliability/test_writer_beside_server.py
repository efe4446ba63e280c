"""``plangraph ingest`` into the data folder of a running ``plangraph serve``.

Both processes open the one SQLite record; the server is never restarted and must
serve the newly ingested document within two seconds of the ingest finishing, next
to what it served before.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

from plangraph.devserver import served
from tests.reliability.corpus import write_varied_plans
from tests.reliability.crash import ingest_args
from tests.reliability.processes import run_cli

#: How long after the ingest ends the server may take to show the new document.
VISIBLE_WITHIN_S = 2.0


def _sources(base: str) -> set[str]:
    with urllib.request.urlopen(f"{base}/api/v1/documents?limit=100", timeout=5) as response:
        return {item["source"] for item in json.load(response)["items"]}


def _ingest(path: Path, data_dir: Path) -> None:
    run = run_cli(ingest_args(path, data_dir))
    assert run.returncode == 0, run.stderr[-2000:]


def test_a_document_ingested_beside_a_running_server_is_served_without_restart(
    tmp_path: Path,
) -> None:
    first, second = write_varied_plans(tmp_path / "plans", 2)
    data_dir = tmp_path / "store"
    _ingest(first, data_dir)
    with served(data_dir) as base:
        assert _sources(base) == {str(first)}

        _ingest(second, data_dir)

        deadline = time.monotonic() + VISIBLE_WITHIN_S
        while (sources := _sources(base)) != {str(first), str(second)}:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert sources == {str(first), str(second)}
