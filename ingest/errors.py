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


class DocumentConflict(PlangraphError):
    """An upload under a client-chosen id that the store holds with other content.

    Replacing a document is explicit (``PUT /api/v1/documents/{id}``): two offices'
    通知.txt must not overwrite each other because they share a name or an id.
    """

    def __init__(self, document_id: str) -> None:
        super().__init__(
            f"document {document_id!r} exists with other content; "
            f"replace it with PUT /api/v1/documents/{document_id}"
        )
        self.document_id = document_id


class ModelMissing(PlangraphError):
    """A trained model file is absent: ``plangraph train`` writes them."""
