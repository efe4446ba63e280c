"""Keep Python's cyclic garbage collector out of bulk graph work.

The embedded store holds millions of small containers (key dicts, provenance tuples).
Left alone, the collector walks the young ones every few hundred allocations during a
batch and, now and then, the whole heap: at 500k relations a full pass takes seconds,
which both halves write throughput and stalls readers. The store's data holds no
reference cycles (it is freed by reference counting alone), so two measures are safe:

- ``paused_gc()`` holds the collector off while rows are built, applied or loaded;
- ``freeze=True`` then moves every object alive into the permanent generation
  (``gc.freeze``) so that later collections skip the graph. Only large writes and
  loads ask for it; small commits leave the collector's work as it was.

``gc.freeze`` is process-wide: an unrelated object alive at that moment and later part of
a garbage cycle is not reclaimed. That is a bounded cost paid once per bulk write.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

#: Writes touching at least this many rows freeze what is alive afterwards.
FREEZE_MIN_ROWS = 10_000

_lock = threading.Lock()
_depth = 0
_was_enabled = False
_freeze_requested = False


def request_freeze() -> None:
    """Ask the pause in progress to freeze on exit (for sizes known only inside it)."""
    global _freeze_requested
    with _lock:
        if _depth:
            _freeze_requested = True


@contextlib.contextmanager
def paused_gc(*, freeze: bool = False) -> Iterator[None]:
    """Disable the collector inside; nested and concurrent pauses are counted.

    The last pause to end restores the collector's state and, if any pause asked,
    freezes the objects alive.
    """
    global _depth, _was_enabled, _freeze_requested
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
        _freeze_requested = _freeze_requested or freeze
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                if _freeze_requested:
                    gc.freeze()
                    _freeze_requested = False
                if _was_enabled:
                    gc.enable()
