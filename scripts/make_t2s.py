"""Write ``ingest/data/t2s_characters.txt`` from OpenCC's traditional → simplified table.

Usage: ``pip install -e '.[dev]' && python scripts/make_t2s.py``.

Why a script: the reading view (``ingest/reading.py``) maps each traditional character
to its simplified form, one character for one, so that offsets stay the document's.
OpenCC has that table (``TSCharacters``), but only as a file inside its package, which
is no public interface (its API converts whole strings, phrases included). So the
project ships a copy of the one-to-one entries, with its source noted in the header.
Run again only to take a newer OpenCC.
"""

from __future__ import annotations

import importlib.metadata
from datetime import date
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "ingest" / "data" / "t2s_characters.txt"
PACKAGE = "opencc-python-reimplemented"


def one_to_one(table: str) -> list[str]:
    """``traditional + simplified`` for each entry whose default form is one character.

    An entry may list several simplified forms; the first is OpenCC's default.
    """
    pairs: list[str] = []
    for line in table.splitlines():
        traditional, _, simplified = line.partition("\t")
        first = simplified.split(" ")[0]
        if len(traditional) == 1 and len(first) == 1 and first != traditional:
            pairs.append(traditional + first)
    return pairs


def main() -> None:
    table = (resources.files("opencc") / "dictionary" / "TSCharacters.txt").read_text("utf-8")
    version = importlib.metadata.version(PACKAGE)
    header = [
        "# Traditional → simplified characters, one for one: each line is a traditional",
        "# character followed by its default simplified form (ingest/reading.py reads it).",
        f"# Source: OpenCC's TSCharacters table as shipped in {PACKAGE} {version}",
        "# (https://pypi.org/project/opencc-python-reimplemented/, Apache 2.0 licence);",
        f"# extracted {date.today().isoformat()} by scripts/make_t2s.py.",
    ]
    OUT.write_text("\n".join([*header, *one_to_one(table)]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
