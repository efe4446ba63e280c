"""One root exception for plangraph; lower-layer errors are mapped to these ``from exc``."""

from __future__ import annotations

import errno

_DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


class PlangraphError(Exception):
    """Root of every error plangraph raises on purpose."""


class NotFoundError(PlangraphError):
    """An id that names nothing in the store."""


class InvalidQueryError(PlangraphError, ValueError):
    """A query parameter the store cannot honour (bad label, hop count, direction)."""


class StoreError(PlangraphError):
    """The backing store failed (I/O, corruption, driver error)."""


class StoreUnavailableError(StoreError):
    """The backing store cannot be reached (Neo4j down, data directory unwritable)."""


def disk_full(exc: BaseException) -> bool:
    """Whether ``exc`` or an error it was raised from is a full disk (or quota).

    Said in one line wherever it is met: the chained traceback beneath a StoreError
    adds nothing to "No space left on device" and hides it.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _DISK_FULL:
            return True
        seen = seen.__cause__ or seen.__context__
    return False
