"""Bring a store up to date with commits other processes make to its data folder.

``plangraph ingest`` may write into the folder of a running ``plangraph serve``. The
server learns of it here: a daemon thread asks SQLite for the seq of the last commit
every ``INTERVAL_S`` (one small row, no lock of the store's taken) and, when it is
ahead of what the store holds, has the store apply the new changes under its lock, so
readers see each commit whole. A thread rather than a check on every read keeps the
read paths as they are and bounds the delay for an idle server too.

The thread holds the store only weakly: a store dropped without ``close`` ends it.
"""

from __future__ import annotations

import logging
import threading
import weakref
from pathlib import Path
from typing import Protocol

from graph.errors import StoreError
from graph.sqlite_record import SeqProbe

log = logging.getLogger(__name__)

#: How often the thread looks; the deadline for seeing another process's commit.
INTERVAL_S = 0.5


class Refreshable(Protocol):
    @property
    def applied_seq(self) -> int: ...

    def refresh(self) -> None: ...


class ChangeWatcher:
    """A daemon thread that calls ``store.refresh()`` when another process committed."""

    def __init__(self, store: Refreshable, data_dir: Path) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=_watch,
            args=(weakref.ref(store), SeqProbe(data_dir), self._stop),
            name=f"plangraph-watch-{data_dir.name}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not threading.current_thread():
            self._thread.join()


def _watch(store_ref: weakref.ref[Refreshable], probe: SeqProbe, stop: threading.Event) -> None:
    try:
        while not stop.wait(INTERVAL_S):
            store = store_ref()
            if store is None:
                return
            try:
                if probe.latest_seq() > store.applied_seq:
                    store.refresh()
            except StoreError as exc:
                log.error("cannot apply other processes' commits: %s", exc)
            del store
    finally:
        probe.close()
