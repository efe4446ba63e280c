"""Hostile and careless inputs, made by code rather than stored as binaries.

Each generator returns the bytes (or writes the file) of one kind of input that a real
user once fed plangraph and that broke it: a document without line breaks, text with
one damaged byte, a file name in GBK, a symlink loop. The tests and
``bench/reliability.py`` share them.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from ingest.filenames import printable
from tests.reliability.varied import SAMPLE

#: A sentence the extractor reads several entities and relations from.
PHRASE = "支持丰达合金与北京科技大学联合组建锰产业工程技术研究中心"


def sized(text: str, megabytes: float) -> str:
    """``text`` repeated until it is at least ``megabytes`` of UTF-8."""
    size = len(text.encode("utf-8"))
    return text * (int(megabytes * 1024 * 1024) // size + 1)


def one_line_plans(megabytes: float) -> bytes:
    """The sample collection with every line break removed, repeated: one line of text."""
    return sized(SAMPLE.read_text(encoding="utf-8").replace("\n", ""), megabytes).encode()


def unpunctuated(megabytes: float) -> bytes:
    """One sentence without any sentence end or comma, ``megabytes`` long."""
    return sized(PHRASE, megabytes).encode()


#: A short plan the extractor reads a university, a centre and an industry from.
SMALL_PLAN = "2012年科技工作要点\n某市科学技术局\n" + PHRASE + "。\n"
#: 科技工作要点.txt in GBK: not valid UTF-8, as in zip archives made on Windows.
GBK_NAME = "科技工作要点.txt".encode("gbk")
#: A name that clears the screen and turns the terminal red if printed raw.
ESCAPE_NAME = "plan\x1b[2J\x1b[31m.txt"


def write_hostile_names(folder: Path) -> dict[str, str | None]:
    """Files whose names or links once aborted ``plangraph ingest``; name -> skip reason.

    ``None`` means the file must be ingested. Names are given as ``display_name`` shows
    them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ok.txt").write_text(SMALL_PLAN, encoding="utf-8")
    (Path(os.fsdecode(os.fsencode(folder) + b"/" + GBK_NAME))).write_text(
        SMALL_PLAN, encoding="utf-8"
    )
    (folder / ESCAPE_NAME).write_text(SMALL_PLAN, encoding="utf-8")
    (folder / "loop-a.txt").symlink_to("loop-b.txt")
    (folder / "loop-b.txt").symlink_to("loop-a.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    return {
        "ok.txt": None,
        "科技工作要点.txt": None,
        printable(ESCAPE_NAME): None,
        "loop-a.txt": "symlink loop",
        "loop-b.txt": "symlink loop",
        "up": "symlink to a folder, not followed",
    }


def damaged_texts() -> dict[str, tuple[bytes, int]]:
    """Slightly damaged UTF-8 plans: name -> (bytes, how many bytes are damage).

    Each is text a person can read and must be ingested with the damage replaced; only
    content that is mostly damage or control characters is binary.
    """
    plan = SMALL_PLAN.encode("utf-8") * 200
    middle = len(plan) // 2
    middle -= next(i for i in range(4) if plan[middle - i] < 0x80 or plan[middle - i] >= 0xC0)
    return {
        "one-bad-byte.txt": (plan[:middle] + b"\xff" + plan[middle:], 1),
        "bad-byte-first.txt": (b"\xff" + plan, 1),
        "cut-mid-character.txt": (plan + "联".encode()[:2], 2),
        "one-nul.txt": (plan[:middle] + b"\x00" + plan[middle:], 1),
    }


#: The opening of an OLE compound file (Word 97 .doc, WPS .wps, Excel 97 .xls).
OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def targets_workbook() -> bytes:
    """An .xlsx with a table of quantified targets, as plans attach them."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "2012年主要目标"
    sheet.append(["指标", "目标值", "单位"])
    sheet.append(["认定高新技术企业", 50, "家"])
    sheet.append([None, None, None])
    sheet.append(["新建省级工程技术研究中心", 5, "个"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fake_converter(folder: Path, program: str, *, prints: str = "", fails: str = "") -> None:
    """An executable ``program`` in ``folder`` that prints ``prints`` or fails saying
    ``fails``: the converter contract without needing a real Word file."""
    folder.mkdir(parents=True, exist_ok=True)
    body = (
        f"import sys\nsys.stderr.write({fails!r})\nsys.exit(1)\n"
        if fails
        else f"import sys\nsys.stdout.buffer.write({prints!r}.encode())\n"
    )
    script = folder / program
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
