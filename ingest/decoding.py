"""Turn the bytes of a text file into text without guessing its encoding blindly.

Chinese plans arrive as UTF-8, GB18030/GBK/GB2312, Big5 or UTF-16 (Word's "Unicode
text"). The order of evidence is: a byte-order mark, the NUL pattern of UTF-16, a strict
UTF-8 decode of the whole file, then the legacy CJK codecs that decode the opening bytes
cleanly, with charset-normalizer judging between them when more than one does.

Files are decoded as a stream of chunks through an incremental decoder, so a large file
costs its text plus about one copy (the pieces joined at the end), never its raw bytes
as well.

Slightly damaged text (one bad byte, a file cut mid-character, a stray NUL) is still
text: when a strict decode fails, the same codec reads it again with U+FFFD in place of
the damage, provided the damage is at most ``damage_allowed`` sequences; the number of
bytes replaced is reported with the text. Only files that are mostly damage or control
characters are refused as binary.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ingest.errors import UnreadableDocument

#: How much of the opening bytes the detectors look at.
SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1 << 20

#: Legacy codecs tried after UTF-8, in order of how common they are for plans.
#: GB18030 is a superset of GBK and GB2312, so it reads all three.
LEGACY_CANDIDATES = ("gb18030", "big5")

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
# A share of control characters above this means the bytes are not text.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_NON_ASCII = re.compile(rb"[\x80-\xff]")
# UTF-16 without a mark is accepted only if this much of it reads as plain text.
_MIN_PLAIN_SHARE = 0.8

#: Calling it starts a fresh pass over the raw bytes (decoding may need a second pass).
ChunkSource = Callable[[], Iterable[bytes]]


#: Damage tolerated: one sequence, or one per this many non-ASCII bytes (text in another
#: legacy encoding, read as UTF-8, is damage at nearly every non-ASCII character).
DAMAGE_BYTES_PER_SEQUENCE = 1000
_ASCII = bytes(range(0x80))
_COUNTING = "plangraph.count-replaced"
_damage = threading.local()


def damage_allowed(size: int) -> int:
    """Bad sequences a text with ``size`` non-ASCII bytes (or NULs a text of ``size``
    bytes) may have and still be text."""
    return max(1, size // DAMAGE_BYTES_PER_SEQUENCE)


def _non_ascii(data: bytes) -> int:
    return len(data.translate(None, _ASCII))


@dataclass(frozen=True)
class DecodedText:
    """Text, the encoding it was read in, and how many bytes were replaced by U+FFFD."""

    text: str
    encoding: str
    replaced_bytes: int = 0


@dataclass
class _Damage:
    sequences: int = 0
    bytes: int = 0
    non_ascii: int = 0


def _count_replaced(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    damage: _Damage = _damage.current
    damage.sequences += 1
    damage.bytes += error.end - error.start
    return "\ufffd", error.end


codecs.register_error(_COUNTING, _count_replaced)


@dataclass(frozen=True)
class _Codec:
    codec: str  # name Python's codecs know
    label: str  # name reported on the document


def bytes_chunks(data: bytes) -> ChunkSource:
    """A chunk source over bytes already in memory."""

    def chunks() -> Iterator[bytes]:
        view = memoryview(data)
        for offset in range(0, len(data), CHUNK_BYTES):
            yield bytes(view[offset : offset + CHUNK_BYTES])

    return chunks


def decode_text(chunks: ChunkSource, sample: bytes) -> DecodedText:
    """The text (line endings normalised to ``\\n``), its encoding, the bytes replaced.

    ``sample`` is the opening bytes (up to ``SNIFF_BYTES``) of what ``chunks`` yields.
    """
    if not sample:
        raise UnreadableDocument("empty")
    for codec in _candidates(sample, chunks):
        try:
            text = _decode_stream(chunks(), codec.codec)
            replaced = 0
        except UnicodeDecodeError:
            damage = _Damage()
            text = _decode_stream(chunks(), codec.codec, damage)
            if damage.sequences > damage_allowed(damage.non_ascii):
                continue
            replaced = damage.bytes
        text, nuls = _replace_nuls(text)
        if not text.replace("\ufffd", "").strip():
            raise UnreadableDocument("empty")
        return DecodedText(text, codec.label, replaced + nuls)
    raise UnreadableDocument("unrecognised text encoding")


def _replace_nuls(text: str) -> tuple[str, int]:
    """A stray NUL is damage too: replaced, and counted (a NUL is one byte in UTF-8)."""
    nuls = text.count("\x00")
    return (text.replace("\x00", "\ufffd"), nuls) if nuls else (text, 0)


def _sample_damage(sample: bytes, codec: str) -> int:
    """Bad sequences in the opening bytes read with ``codec`` (a cut last one is fine)."""
    damage = _Damage()
    _damage.current = damage
    codecs.getincrementaldecoder(codec)(errors=_COUNTING).decode(sample, final=False)
    return damage.sequences


def _candidates(sample: bytes, chunks: ChunkSource) -> Iterator[_Codec]:
    """Codecs worth a full decode, most likely first; each already reads ``sample``."""
    for bom, codec, label in _BOMS:
        if sample.startswith(bom):
            _require_text(sample, codec)
            yield _Codec(codec, label)
            raise UnreadableDocument(f"not valid {label} text despite its byte-order mark")
    utf16 = _unmarked_wide_codec(sample)
    if utf16 is not None:
        _require_text(sample, utf16)
        yield _Codec(utf16, utf16)
        raise UnreadableDocument("binary file")
    if sample.count(0) > damage_allowed(len(sample)):
        raise UnreadableDocument("binary file")
    if _sample_damage(sample, "utf-8") <= damage_allowed(_non_ascii(sample)):
        _require_text(sample, "utf-8")
        yield _Codec("utf-8", "utf-8")
    if sample.isascii():
        sample = _first_non_ascii(chunks)  # ASCII tells the legacy codecs apart no better
    readable = [name for name in LEGACY_CANDIDATES if _reads(sample, name)]
    if not readable:
        if _control_share(sample.decode("latin-1")) > _MAX_CONTROL_SHARE:
            raise UnreadableDocument("binary file")
        return
    for name in _ranked(sample, readable):
        _require_text(sample, name)
        yield _Codec(name, name)


def _first_non_ascii(chunks: ChunkSource) -> bytes:
    """``SNIFF_BYTES`` from the first non-ASCII byte on, which starts a character."""
    window = b""
    for chunk in chunks():
        if window:
            window += chunk[: SNIFF_BYTES - len(window)]
        else:
            found = _NON_ASCII.search(chunk)
            if found is not None:
                window = chunk[found.start() : found.start() + SNIFF_BYTES]
        if len(window) >= SNIFF_BYTES:
            break
    return window


def _unmarked_wide_codec(sample: bytes) -> str | None:
    """UTF-16 (or UTF-32) without a mark, told by its NULs and then by which byte order reads well.

    Chinese text in UTF-16 still holds digits, newlines and ASCII punctuation, each with
    a zero byte; so do CJK characters such as 一 (U+4E00), which is why the side the NULs
    fall on is only a hint. The byte order whose decoding is mostly ASCII, CJK and CJK
    punctuation wins; binary files read as neither.
    """
    pairs = len(sample) // 2
    if pairs == 0 or sample.count(0) < max(1, pairs // 200):
        return None
    best, best_share = None, _MIN_PLAIN_SHARE
    # UTF-32 first: read as UTF-16 it still decodes, with NULs that spoil the share.
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        share = _plain_share(text)
        if share > best_share:
            best, best_share = codec, share
    return best


def _plain_share(text: str) -> float:
    """Share of characters that ordinary Chinese or English text is made of."""
    plain = sum(1 for char in text if _is_plain(ord(char)))
    return plain / max(len(text), 1)


def _is_plain(code: int) -> bool:
    return (
        0x20 <= code < 0x7F
        or code in (0x09, 0x0A, 0x0D)
        or 0x4E00 <= code <= 0x9FFF
        or 0x3000 <= code <= 0x303F
        or 0xFF00 <= code <= 0xFFEF
        or 0x2000 <= code <= 0x206F
    )


def _reads(sample: bytes, codec: str) -> bool:
    """Strict decode of the opening bytes; a character cut at the sample's end is fine."""
    try:
        codecs.getincrementaldecoder(codec)(errors="strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _ranked(sample: bytes, readable: list[str]) -> list[str]:
    """Order codecs that all read the sample by how plausible their text is."""
    if len(readable) == 1:
        return readable
    verdict = from_bytes(sample, cp_isolation=readable).best()
    if verdict is None:
        return readable
    best = codecs.lookup(verdict.encoding).name
    return sorted(readable, key=lambda name: codecs.lookup(name).name != best)


def _require_text(sample: bytes, codec: str) -> None:
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(sample, final=False)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise UnreadableDocument("binary file")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(
        1 for char in text if char not in _TEXT_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls / len(text)


def _decode_stream(chunks: Iterable[bytes], codec: str, damage: _Damage | None = None) -> str:
    """Decode chunk by chunk, normalising CRLF and CR to LF as it goes.

    Strict, unless ``damage`` is given: then bad sequences become U+FFFD, counted there.
    """
    if damage is not None:
        _damage.current = damage
    decoder = codecs.getincrementaldecoder(codec)(errors="strict" if damage is None else _COUNTING)
    pieces: list[str] = []
    held_cr = False
    for chunk in chunks:
        if damage is not None:
            damage.non_ascii += _non_ascii(chunk)
        held_cr = _append_normalised(pieces, decoder.decode(chunk), held_cr)
    held_cr = _append_normalised(pieces, decoder.decode(b"", final=True), held_cr)
    if held_cr:
        pieces.append("\n")
    return "".join(pieces)


def _append_normalised(pieces: list[str], piece: str, held_cr: bool) -> bool:
    """Append ``piece`` with LF line ends; a trailing CR is held in case LF follows."""
    if held_cr:
        piece = "\r" + piece
    held = piece.endswith("\r")
    if held:
        piece = piece[:-1]
    if piece:
        pieces.append(normalise_newlines(piece))
    return held


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
