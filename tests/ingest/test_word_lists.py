"""The word lists under ``ingest/`` are data files that say what they are and are read.

Word lists live in data files, one per list (issue 12). Each opens with comment lines
saying what it holds and why, is read by some module, is installed with the package
(pyproject's package-data), and writes no entry twice under one heading: the loader
would drop the copy silently, hiding an edit made in the wrong place.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path

import pytest

INGEST = Path(__file__).resolve().parents[2] / "ingest"
LISTS = sorted(INGEST.glob("**/data/*.txt"))
CODE = "\n".join(path.read_text(encoding="utf-8") for path in INGEST.glob("**/*.py"))
PYPROJECT = tomllib.loads((INGEST.parent / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGE_DATA = PYPROJECT["tool"]["setuptools"]["package-data"]["*"]


def _ids() -> list[str]:
    return [str(path.relative_to(INGEST)) for path in LISTS]


@pytest.mark.parametrize("path", LISTS, ids=_ids())
def test_a_word_list_opens_with_what_it_is(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("path", LISTS, ids=_ids())
def test_a_word_list_is_read_by_the_code(path: Path) -> None:
    assert f'"{path.name}"' in CODE or f'"{path.stem}"' in CODE


@pytest.mark.parametrize("path", LISTS, ids=_ids())
def test_a_word_list_ships_with_the_package(path: Path) -> None:
    assert any(fnmatch(path.name, pattern) for pattern in PACKAGE_DATA)


@pytest.mark.parametrize("path", LISTS, ids=_ids())
def test_no_entry_is_written_twice_under_one_heading(path: Path) -> None:
    section = ""
    entries: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if word.startswith("[") and word.endswith("]"):
            section = word
            continue
        entries[(section, word)] += 1
    assert [entry for entry, count in entries.items() if count > 1] == []
