"""Text out of HTML, Word and PDF files, with a short reason whenever that fails.

The parsers are third-party and raise a wide variety of exceptions on damaged input;
each is mapped to ``UnreadableDocument`` at the boundary so that callers see one error.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from ingest.decoding import SNIFF_BYTES, bytes_chunks, decode_text, normalise_newlines
from ingest.errors import UnreadableDocument
from ingest.wrapping import rejoin_wrapped_lines

#: Limits on what a .docx may inflate to; checked from the zip directory before parsing.
MAX_DOCX_INFLATED_BYTES = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DROPPED_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dl"),
        *("dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_SPACES = re.compile(r"[ \t\f\v\u3000\xa0]+")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_BOX, _PARAGRAPH, _TEXT = _W + "txbxContent", _W + "p", _W + "t"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def megabytes(size: int) -> str:
    """Sizes in reasons: whole megabytes, one decimal below ten."""
    value = size / (1024 * 1024)
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def html_text(data: bytes) -> tuple[str, str]:
    """Visible text of an HTML page, one block element per line, and its encoding."""
    markup, encoding = _decode_html(data)
    soup = BeautifulSoup(markup, "lxml")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    lines = [line.strip() for line in "".join(_html_pieces(soup)).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise UnreadableDocument("no text")
    return text, encoding


def _decode_html(data: bytes) -> tuple[str, str]:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return normalise_newlines(data.decode(name)), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    decoded = decode_text(bytes_chunks(data), data[:SNIFF_BYTES])
    return decoded.text, decoded.encoding


def _html_pieces(node: Tag) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, Comment | Doctype | ProcessingInstruction):
            continue
        if isinstance(child, NavigableString):
            yield _SPACES.sub(" ", str(child).replace("\n", " "))
        elif isinstance(child, Tag):
            if child.name == "br":
                yield "\n"
                continue
            block = child.name in _BLOCK_TAGS
            if block:
                yield "\n"
            yield from _html_pieces(child)
            if block:
                yield "\n"
            elif child.name in ("td", "th"):
                yield " "


def docx_text(data: bytes) -> str:
    """A Word document's page headers, then its paragraphs, text boxes and table cells in
    document order, one per line.

    Headers and text boxes often hold the issuer and the title, and python-docx's
    paragraph text leaves text boxes out; each header is read once, however many
    sections repeat it.
    """
    _check_docx_archive(data)
    import docx  # deferred: python-docx is slow to import and only needed here

    try:
        document = docx.Document(io.BytesIO(data))
        lines = [*_header_lines(document), *_docx_lines(document)]
    except Exception as exc:  # python-docx surfaces zlib, lxml, KeyError … on damage
        raise UnreadableDocument("corrupt docx") from exc
    text = normalise_newlines("\n".join(line.strip() for line in lines if line.strip()))
    if not text:
        raise UnreadableDocument("no text")
    return text


def _check_docx_archive(data: bytes) -> None:
    """Refuse zip bombs and non-Word zips before any XML is inflated."""
    check_office_archive(data, kind="docx", required="word/document.xml")


def check_office_archive(data: bytes, *, kind: str, required: str) -> None:
    """Refuse zip bombs and zips that are not ``kind`` before any XML is inflated.

    Python's zipfile stops inflating a member at its declared size, so the sizes in the
    directory bound what the parser can be made to read.
    """
    if data.startswith(OLE_MAGIC):
        raise UnreadableDocument(f"password-protected or not a {kind}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnreadableDocument(f"corrupt {kind}") from exc
    if any(member.flag_bits & 0x1 for member in members):
        raise UnreadableDocument(f"password-protected or not a {kind}")
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_DOCX_INFLATED_BYTES or inflated > MAX_DOCX_RATIO * max(len(data), 1):
        raise UnreadableDocument(f"{kind} inflates to {megabytes(inflated)} MB")
    if required not in {member.filename for member in members}:
        raise UnreadableDocument(f"not a {kind} (no {required})")


def _docx_lines(container: object) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            yield from _text_box_lines(block._p)
            yield block.text
        elif isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the span
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_lines(cell)


def _header_lines(document: object) -> Iterator[str]:
    seen: set[str] = set()
    for section in document.sections:  # type: ignore[attr-defined]
        for header in (section.first_page_header, section.header):
            if header.is_linked_to_previous:
                continue
            for line in _docx_lines(header):
                if line.strip() and line not in seen:
                    seen.add(line)
                    yield line


def _text_box_lines(paragraph: Any) -> Iterator[str]:
    """Paragraphs of the text boxes anchored in a paragraph, once each.

    A text box is written twice, as DrawingML and as a VML fallback for old readers;
    the fallback copy is passed over.
    """
    for box in paragraph.iter(_TEXT_BOX):
        if any(ancestor.tag == _FALLBACK for ancestor in box.iterancestors()):
            continue
        for inner in box.iter(_PARAGRAPH):
            yield "".join(node.text or "" for node in inner.iter(_TEXT))


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page after page."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UnreadableDocument("password-protected PDF")
        pages = [rejoin_wrapped_lines(page.extract_text() or "") for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise UnreadableDocument("corrupt PDF") from exc
    text = normalise_newlines("\n".join(page.strip() for page in pages if page.strip()))
    if not text:
        raise UnreadableDocument("PDF has no text layer (scanned?)")
    return text


def _opens_without_password(reader: object) -> bool:
    """Many PDFs are encrypted only against editing: the empty user password opens them."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # missing AES backend, unsupported handler: treat as locked
        return False
