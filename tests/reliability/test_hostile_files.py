"""``plangraph ingest`` on hostile folders: every file read or skipped with its reason.

A GBK file name or a symlink loop once ended the run with a traceback, and the rest
of the folder was never read; names with terminal escapes reached the terminal raw.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.filenames import display_name, printable
from ingest.models import SkippedFile
from ingest.readers import iter_paths
from tests.reliability.hostile import GBK_NAME, write_hostile_names
from tests.reliability.processes import run_cli

EXIT_SKIPPED = 3


def _skipped_reasons(stderr: str) -> dict[str, str]:
    reasons = {}
    for line in stderr.splitlines():
        if " skipped " in line:
            where, _, reason = line.partition(" skipped ")[2].rpartition(": ")
            reasons[Path(where).name] = reason
    return reasons


def test_hostile_names_and_links_do_not_stop_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "incoming"
    expected = write_hostile_names(folder)

    run = run_cli(["ingest", str(folder), "--data-dir", str(tmp_path / "store"), "--quiet"])

    assert run.returncode == EXIT_SKIPPED, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    skipped = {name: reason for name, reason in expected.items() if reason is not None}
    assert _skipped_reasons(run.stderr) == skipped
    ingested = len(expected) - len(skipped)
    assert f"{ingested} documents ingested" in run.stdout


def test_terminal_escapes_in_a_file_name_never_reach_the_terminal_or_the_log(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "incoming"
    write_hostile_names(folder)

    run = run_cli(["ingest", str(folder), "--data-dir", str(tmp_path / "store"), "--quiet"])

    assert "\x1b" not in run.stdout + run.stderr
    assert printable("plan\x1b[2J") in run.stderr


def test_a_file_name_that_is_not_utf8_is_shown_decoded_as_gbk() -> None:
    assert display_name(os.fsdecode(b"/in/" + GBK_NAME)) == "/in/科技工作要点.txt"


def test_every_file_in_a_folder_is_listed_or_skipped_with_its_reason(tmp_path: Path) -> None:
    for name in ("plan.txt", "table.xls", "README", "photo.png"):
        (tmp_path / name).write_bytes(b"x")
    skipped: list[SkippedFile] = []

    listed = list(iter_paths([tmp_path], skipped=skipped))

    assert listed == [tmp_path / "plan.txt"]
    assert {Path(s.source).name: s.reason for s in skipped} == {
        "README": "unsupported file type (none)",
        "photo.png": "unsupported file type .png",
        "table.xls": "Excel 97-2003 .xls is not read: save it as .xlsx",
    }


def test_an_unreadable_sub_folder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "plan.txt").write_text("x")
    listing = os.scandir

    def scandir(path: str) -> os.ScandirIterator[str]:  # root reads any folder: fake it
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    skipped: list[SkippedFile] = []

    assert list(iter_paths([tmp_path], skipped=skipped)) == []
    assert skipped == [
        SkippedFile(source=str(locked), reason="cannot read folder: Permission denied")
    ]
