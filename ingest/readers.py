"""Read plan files and uploads into ``SourceDocument``s, refusing bad input with a reason.

The format comes from the bytes where they say it (``%PDF-``, a zip, an OLE container)
and from the extension otherwise, so a renamed file is still read for what it is. Size
limits are checked before anything is read into memory; text files are decoded as a
stream (``ingest.decoding``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.decoding import CHUNK_BYTES, SNIFF_BYTES, ChunkSource, bytes_chunks, decode_text
from ingest.errors import UnreadableDocument
from ingest.formats import OLE_MAGIC, ZIP_MAGICS, docx_text, html_text, megabytes, pdf_text
from ingest.models import SkippedFile, SourceDocument

#: Extension → format for files picked from folders.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
_TEXT_FORMATS = frozenset({"txt", "md"})
_HTML_OPENINGS = (b"<!doctype html", b"<html")


def document_id_for(source: str) -> str:
    """Stable id of a file's document, from its resolved path."""
    encoded = source.encode("utf-8", "surrogateescape")  # names that are not UTF-8
    return "doc-" + hashlib.blake2b(encoded).hexdigest()[:12]


def content_id(sha256: str) -> str:
    """Id of an upload that the client did not name: its bytes' digest.

    Upload names are labels, and two offices both send 通知.txt; ids from names made the
    second silently replace the first. The same bytes again get the same id (a no-op).
    """
    return "doc-" + sha256[:16]


def read_document(path: Path, *, max_bytes: int) -> SourceDocument:
    """Read one file; raise ``UnreadableDocument`` with a short reason if it cannot be."""
    source = str(path.resolve())
    try:
        if not path.is_file():
            raise UnreadableDocument("no such file" if not path.exists() else "not a file")
        size = path.stat().st_size
        _check_size(size, max_bytes)
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        fmt = detect_format(path.name, head)
        encoding: str | None
        if fmt in _TEXT_FORMATS:
            text, encoding = decode_text(_file_chunks(path), head)
            digest = _file_sha256(path)
        else:
            data = path.read_bytes()
            text, encoding = _read_structured(fmt, data)
            digest = hashlib.sha256(data).hexdigest()
    except PermissionError as exc:
        raise UnreadableDocument("permission denied") from exc
    except OSError as exc:
        raise UnreadableDocument(f"cannot read: {exc.strerror or exc}") from exc
    return SourceDocument(
        id=document_id_for(source),
        source=source,
        text=text,
        encoding=encoding,
        format=fmt,
        sha256=digest,
    )


def read_bytes(
    name: str, data: bytes, *, max_bytes: int, document_id: str | None = None
) -> SourceDocument:
    """Read an upload; ``name`` is metadata (its extension helps, the bytes decide).

    Its id is ``document_id`` when the client chose one, else the digest of its bytes.
    """
    _check_size(len(data), max_bytes)
    fmt = detect_format(name, data[:SNIFF_BYTES])
    encoding: str | None
    if fmt in _TEXT_FORMATS:
        text, encoding = decode_text(bytes_chunks(data), data[:SNIFF_BYTES])
    else:
        text, encoding = _read_structured(fmt, data)
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument(
        id=document_id or content_id(digest),
        source=name,
        text=text,
        encoding=encoding,
        format=fmt,
        sha256=digest,
    )


def detect_format(name: str, head: bytes) -> str:
    """txt, md, html, docx or pdf, from the opening bytes first, then the extension."""
    if not head:
        raise UnreadableDocument("empty")
    extension = Path(name).suffix.lower()
    # The PDF header may follow some junk, but only a .pdf gets that benefit of the doubt.
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or (
        extension == ".pdf" and b"%PDF-" in head[:1024]
    ):
        return "pdf"
    if head.startswith(ZIP_MAGICS):
        return "docx"
    if head.startswith(OLE_MAGIC):
        raise UnreadableDocument("password-protected or not a docx")
    if extension in SUPPORTED_EXTENSIONS:
        fmt = SUPPORTED_EXTENSIONS[extension]
        if fmt == "pdf":
            raise UnreadableDocument("not a PDF")
        if fmt == "docx":
            raise UnreadableDocument("corrupt docx")
        return fmt
    if extension:
        raise UnreadableDocument(f"unsupported file type {extension}")
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if opening.startswith(_HTML_OPENINGS) else "txt"


def iter_paths(
    paths: Iterable[Path], *, skipped: list[SkippedFile] | None = None
) -> Iterator[Path]:
    """Files to read: given files, and supported files under given folders, sorted.

    Hidden files and folders are passed over silently. A file named explicitly with an
    unsupported extension, or a path that does not exist, is reported in ``skipped``.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists():
            _skip(skipped, path, "no such file")
        elif path.suffix.lower() not in SUPPORTED_EXTENSIONS:
            _skip(skipped, path, f"unsupported file type {path.suffix.lower() or '(none)'}")
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS:
                found.append(Path(root) / name)
    yield from sorted(found)


def _skip(skipped: list[SkippedFile] | None, path: Path, reason: str) -> None:
    if skipped is not None:
        skipped.append(SkippedFile(source=str(path), reason=reason))


def _check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise UnreadableDocument("empty")
    if size > max_bytes:
        raise UnreadableDocument(
            f"file too large ({megabytes(size)} MB > {megabytes(max_bytes)} MB)"
        )


def _read_structured(fmt: str, data: bytes) -> tuple[str, str | None]:
    if fmt == "html":
        return html_text(data)
    if fmt == "docx":
        return docx_text(data), None
    return pdf_text(data), None


def _file_chunks(path: Path) -> ChunkSource:
    def chunks() -> Iterator[bytes]:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk

    return chunks


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    for chunk in _file_chunks(path)():
        digest.update(chunk)
    return digest.hexdigest()
