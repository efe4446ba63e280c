"""File names as people may see them: decoded, and harmless in a terminal or a log.

File names are bytes. Zip archives made on Windows hold GBK names, which Python hands
over as lone surrogates that no UTF-8 terminal, log or JSON encoder accepts: such a name
once aborted ``plangraph ingest`` with a traceback. A name may also carry terminal escape
sequences (``\\x1b[2J``) that must not reach a terminal raw. ``display_name`` gives the
text to show and store as a document's source; ids still come from the raw bytes.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: Encodings tried for names that are not UTF-8, most likely first.
LEGACY_NAME_ENCODINGS = ("gb18030", "big5")


def display_name(path: Path | str) -> str:
    """``path`` as printable text: UTF-8, else GB18030 or Big5, controls escaped."""
    raw = os.fsencode(path)
    for encoding in ("utf-8", *LEGACY_NAME_ENCODINGS):
        try:
            return printable(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return printable(raw.decode("utf-8", "backslashreplace"))


def printable(text: str) -> str:
    """``text`` with control and format characters (ESC, CR, bidi overrides) escaped."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() or char == " " else _escaped(char) for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) == "Cs":  # a lone surrogate from undecodable bytes
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
