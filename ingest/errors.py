"""Errors of the ingest layer, all under plangraph's one root exception."""

from __future__ import annotations

from graph.errors import PlangraphError


class UnreadableDocument(PlangraphError):
    """A file or upload that cannot be turned into text.

    ``reason`` is short and meant for people (a CLI line, an API error body): "empty",
    "binary file", "password-protected PDF", "file too large (250 MB > 200 MB)".
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
