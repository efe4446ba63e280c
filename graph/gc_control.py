"""Keep Python's cyclic garbage collector out of bulk graph work.

The embedded store holds millions of small containers (key dicts, provenance tuples).
Left alone, the collector walks the young ones every few hundred allocations during a
batch: at 500k relations that halves write throughput. The store's data and the
extractors' output hold no reference cycles (they are freed by reference counting
alone), so holding the collector off while rows are built, applied or loaded is safe.
Nothing is frozen (``gc.freeze`` would be process-wide and keep later garbage cycles
alive): once the pause ends, the collector runs as Python configured it.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the collector inside; nested and concurrent pauses are counted.

    The last pause to end restores the collector's state.
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
