"""One root exception for plangraph; lower-layer errors are mapped to these ``from exc``."""

from __future__ import annotations


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
