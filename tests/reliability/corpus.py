"""Inputs the reliability checks feed the system: many varied plans, and bad files.

The varied plans come from ``tests/reliability/varied.py``'s ``varied_copy`` (numbers shifted,
places swapped for other divisions, paragraphs rotated); the bad files reuse the
readers' test builders. Each bad file says what ``plangraph ingest`` must do with it:
ingest it, or skip it with exactly this reason.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter

from ingest.gazetteer import default_gazetteer
from ingest.readers import REFUSED_EXTENSIONS
from tests.ingest.test_readers import TRADITIONAL, make_docx, pdf_bytes
from tests.reliability.hostile import OLE_HEAD, damaged_texts, targets_workbook
from tests.reliability.varied import SAMPLE, varied_copy

#: The sample plan in the encodings Chinese plans arrive in; each must read as UTF-8 does.
ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16-le-bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be-bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
}

BIG_TEXT_MB = 100


def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def write_varied_plans(folder: Path, count: int) -> list[Path]:
    """``count`` documents, each a different variation of the sample collection."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample_text()
    names = sorted(region.name for region in default_gazetteer().regions.values())
    paths = []
    for seed in range(count):
        path = folder / f"plans-{seed:03d}.txt"
        path.write_text(varied_copy(text, seed, names), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class BadInput:
    """A file and its expected fate: ``reason`` is the skip reason, ``None`` = ingested."""

    name: str
    reason: str | None
    write: Callable[[Path], None]

    def create(self, folder: Path) -> Path:
        path = folder / self.name
        self.write(path)
        return path


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data() if callable(data) else data)


def _zip_bomb(path: Path) -> None:
    """A 40 KB .docx whose document.xml inflates to 64 MB."""
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as member,
    ):
        for _ in range(64):
            member.write(b"\0" * (1024 * 1024))


def _scanned_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    return pdf_bytes(writer)


def _truncated_docx() -> bytes:
    data = make_docx()
    return data[: len(data) // 2]


def _big_text(megabytes: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        copy = SAMPLE.read_bytes()
        with path.open("wb") as handle:
            for _ in range(megabytes * 1024 * 1024 // len(copy) + 1):
                handle.write(copy)

    return write


_BROKEN_HTML = (
    "<html><head><title>页面</title><style>p{color:red}</style><body><h1>2021年科技工作要点"
    "<p>一、支持<b>北京科技大学</i>建设重点实验室。<p>二、推进<br>成果转化<table><tr><td>未闭合"
    "<script>var x = '不要';"
).encode()


def bad_inputs(*, big_text_mb: int = BIG_TEXT_MB, max_file_mb: int | None = None) -> list[BadInput]:
    """One of every kind of hostile or damaged file, with what ingest must make of it.

    With ``max_file_mb`` below ``big_text_mb`` the big text file is refused from its
    size; otherwise it is read (and takes minutes to extract).
    """
    text = sample_text()
    big_reason = None
    if max_file_mb is not None and max_file_mb < big_text_mb:
        big_reason = f"file too large ({big_text_mb} MB > {max_file_mb} MB)"
    encoded = [
        BadInput(f"sample-{label}.txt", None, _bytes(encode(text)))
        for label, encode in ENCODINGS.items()
    ]
    return [
        *encoded,
        BadInput("traditional-big5.txt", None, _bytes(TRADITIONAL.encode("big5"))),
        BadInput("broken.html", None, _bytes(_BROKEN_HTML)),
        BadInput("binary.txt", "binary file", _bytes(bytes(range(256)) * 64)),
        BadInput("empty.txt", "empty", _bytes(b"")),
        BadInput("truncated.docx", "corrupt docx", _bytes(_truncated_docx)),
        BadInput("bomb.docx", "docx inflates to 64 MB", _zip_bomb),
        BadInput("scanned.pdf", "PDF has no text layer (scanned?)", _bytes(_scanned_pdf)),
        BadInput(f"huge-{big_text_mb}mb.txt", big_reason, _big_text(big_text_mb)),
        BadInput("targets.xlsx", None, _bytes(targets_workbook)),
        BadInput("targets.xls", REFUSED_EXTENSIONS[".xls"], _bytes(OLE_HEAD)),
        *(BadInput(name, None, _bytes(data)) for name, (data, _) in damaged_texts().items()),
    ]
