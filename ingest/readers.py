"""Read plan files and uploads into ``SourceDocument``s, refusing bad input with a reason.

The format comes from the bytes where they say it (``%PDF-``, a zip, an OLE container)
and from the extension otherwise, so a renamed file is still read for what it is. An OLE
container is a Word 97 ``.doc``/``.wps`` (read by an external converter) when its name
says so; Excel 97 ``.xls`` is refused with a reason that says to save it as ``.xlsx``. Size
limits are checked before anything is read into memory; text files are decoded as a
stream (``ingest.decoding``).
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.converters import word97_text
from ingest.decoding import CHUNK_BYTES, SNIFF_BYTES, ChunkSource, bytes_chunks, decode_text
from ingest.errors import UnreadableDocument
from ingest.filenames import display_name
from ingest.formats import OLE_MAGIC, ZIP_MAGICS, docx_text, html_text, megabytes, pdf_text
from ingest.models import SkippedFile, SourceDocument
from ingest.spreadsheets import xlsx_text

#: Extension → format for files picked from folders.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "doc",
    ".wps": "doc",
    ".xlsx": "xlsx",
}
#: Types that are not read, with the reason a person can act on.
REFUSED_EXTENSIONS: dict[str, str] = {
    ".xls": "Excel 97-2003 .xls is not read: save it as .xlsx",
    ".et": "WPS spreadsheet .et is not read: save it as .xlsx",
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
    try:
        resolved = str(path.resolve())
    except RuntimeError as exc:  # Python 3.11 reports a symlink loop so
        raise UnreadableDocument("symlink loop") from exc
    except OSError as exc:
        raise UnreadableDocument(_os_reason(exc)) from exc
    try:
        if not path.is_file():
            raise UnreadableDocument("no such file" if not path.exists() else "not a file")
        size = path.stat().st_size
        _check_size(size, max_bytes)
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
        fmt = detect_format(path.name, head)
        encoding: str | None
        replaced = 0
        if fmt in _TEXT_FORMATS:
            decoded = decode_text(_file_chunks(path), head)
            text, encoding, replaced = decoded.text, decoded.encoding, decoded.replaced_bytes
            digest = _file_sha256(path)
        else:
            data = path.read_bytes()
            text, encoding = _read_structured(fmt, data)
            digest = hashlib.sha256(data).hexdigest()
    except OSError as exc:
        raise UnreadableDocument(_os_reason(exc)) from exc
    return SourceDocument(
        id=document_id_for(resolved),
        source=display_name(resolved),
        text=text,
        encoding=encoding,
        format=fmt,
        sha256=digest,
        replaced_bytes=replaced,
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
    replaced = 0
    if fmt in _TEXT_FORMATS:
        decoded = decode_text(bytes_chunks(data), data[:SNIFF_BYTES])
        text, encoding, replaced = decoded.text, decoded.encoding, decoded.replaced_bytes
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
        replaced_bytes=replaced,
    )


def detect_format(name: str, head: bytes) -> str:
    """txt, md, html, docx, doc, xlsx or pdf, from the opening bytes, then the extension."""
    if not head:
        raise UnreadableDocument("empty")
    extension = Path(name).suffix.lower()
    # The PDF header may follow some junk, but only a .pdf gets that benefit of the doubt.
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or (
        extension == ".pdf" and b"%PDF-" in head[:1024]
    ):
        return "pdf"
    if extension in REFUSED_EXTENSIONS:
        raise UnreadableDocument(REFUSED_EXTENSIONS[extension])
    if head.startswith(ZIP_MAGICS):
        return "xlsx" if extension == ".xlsx" else "docx"
    if head.startswith(OLE_MAGIC):
        if SUPPORTED_EXTENSIONS.get(extension) == "doc":
            return "doc"
        raise UnreadableDocument("password-protected or not a docx")
    if extension in SUPPORTED_EXTENSIONS:
        fmt = SUPPORTED_EXTENSIONS[extension]
        if fmt == "pdf":
            raise UnreadableDocument("not a PDF")
        if fmt in ("docx", "xlsx"):
            raise UnreadableDocument(f"corrupt {fmt}")
        if fmt == "doc":
            raise UnreadableDocument("not a Word 97-2003 file")
        return fmt
    if extension:
        raise UnreadableDocument(f"unsupported file type {extension}")
    opening = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if opening.startswith(_HTML_OPENINGS) else "txt"


def iter_paths(
    paths: Iterable[Path], *, skipped: list[SkippedFile] | None = None
) -> Iterator[Path]:
    """Files to read: given files, and the files under given folders, sorted.

    Hidden files and folders are passed over silently. Every other file under a folder
    is either yielded or reported in ``skipped`` with its reason (an unsupported type),
    as is a sub-folder that cannot be listed or a symlink to a folder (not followed, so
    a link to an ancestor cannot loop). A given path that does not exist, or a given
    file of an unsupported type, is reported too.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path, skipped)
        elif not path.exists():
            _skip(skipped, path, "no such file")
        elif (reason := unsupported_reason(path)) is not None:
            _skip(skipped, path, reason)
        else:
            yield path


def unsupported_reason(path: Path) -> str | None:
    """Why a file of this name is not read, or ``None`` when its type is supported."""
    extension = path.suffix.lower()
    if extension in SUPPORTED_EXTENSIONS:
        return None
    return REFUSED_EXTENSIONS.get(extension, f"unsupported file type {extension or '(none)'}")


def _walk(folder: Path, skipped: list[SkippedFile] | None) -> Iterator[Path]:
    found: list[Path] = []
    passed: list[tuple[Path, str]] = []

    def unlistable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        passed.append((where, f"cannot read folder: {error.strerror or error}"))

    for root, dirs, files in os.walk(folder, onerror=unlistable):
        here = Path(root)
        for name in [name for name in dirs if (here / name).is_symlink()]:
            if not name.startswith("."):
                passed.append((here / name, "symlink to a folder, not followed"))
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            reason = unsupported_reason(here / name)
            if reason is None:
                found.append(here / name)
            else:
                passed.append((here / name, reason))
    for path, reason in sorted(passed):
        _skip(skipped, path, reason)
    yield from sorted(found)


def _skip(skipped: list[SkippedFile] | None, path: Path, reason: str) -> None:
    if skipped is not None:
        skipped.append(SkippedFile(source=display_name(path), reason=reason))


def _os_reason(exc: OSError) -> str:
    """A short reason for an ``OSError`` met while reading a file."""
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return f"cannot read: {exc.strerror or exc}"


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
    if fmt == "doc":
        return word97_text(data), None
    if fmt == "xlsx":
        return xlsx_text(data), None
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
