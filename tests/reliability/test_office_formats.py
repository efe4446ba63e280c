"""Word 97 .doc, WPS .wps and Excel files are read, or skipped with a reason to act on.

They were once passed over in silence: "0 documents ingested, 0 skipped".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.converters import NO_CONVERTER
from ingest.errors import UnreadableDocument
from ingest.readers import read_bytes, read_document
from tests.reliability.hostile import OLE_HEAD, SMALL_PLAN, fake_converter, targets_workbook

LIMIT = 10 * 1024 * 1024


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the converters a test puts there."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


@pytest.mark.parametrize("name", ["通知.doc", "通知.wps"])
def test_a_word97_or_wps_file_is_read_through_antiword(bin_dir: Path, name: str) -> None:
    fake_converter(bin_dir, "antiword", prints=SMALL_PLAN)

    document = read_bytes(name, OLE_HEAD, max_bytes=LIMIT)

    assert (document.format, document.text) == ("doc", SMALL_PLAN)


def test_catdoc_is_tried_when_antiword_cannot_read_the_file(bin_dir: Path) -> None:
    fake_converter(bin_dir, "antiword", fails="is not a Word Document.")
    fake_converter(bin_dir, "catdoc", prints=SMALL_PLAN)

    assert read_bytes("old.doc", OLE_HEAD, max_bytes=LIMIT).text == SMALL_PLAN


def test_a_doc_no_converter_reads_is_skipped_with_what_each_said(bin_dir: Path) -> None:
    fake_converter(bin_dir, "antiword", fails="is not a Word Document.")

    with pytest.raises(UnreadableDocument, match="antiword: is not a Word Document"):
        read_bytes("broken.doc", OLE_HEAD, max_bytes=LIMIT)


def test_without_a_converter_a_doc_is_skipped_saying_what_to_install(bin_dir: Path) -> None:
    with pytest.raises(UnreadableDocument) as raised:
        read_bytes("通知.doc", OLE_HEAD, max_bytes=LIMIT)

    assert raised.value.reason == NO_CONVERTER


def test_an_xlsx_table_of_targets_is_read_one_row_to_a_line(tmp_path: Path) -> None:
    path = tmp_path / "targets.xlsx"
    path.write_bytes(targets_workbook())

    document = read_document(path, max_bytes=LIMIT)

    assert document.format == "xlsx"
    assert document.text.splitlines() == [
        "2012年主要目标",
        "指标 目标值 单位",
        "认定高新技术企业 50 家",
        "新建省级工程技术研究中心 5 个",
    ]


@pytest.mark.parametrize("name", ["targets.xls", "targets.et"])
def test_a_legacy_spreadsheet_is_skipped_saying_to_save_it_as_xlsx(name: str) -> None:
    with pytest.raises(UnreadableDocument, match=r"save it as \.xlsx"):
        read_bytes(name, OLE_HEAD, max_bytes=LIMIT)
