"""Write ``ingest/data/divisions.txt`` and ``ingest/data/nations.txt`` from cpca's data.

Usage: ``pip install -e '.[divisions]' && python scripts/make_divisions.py``.

Why a script: the gazetteer needs China's divisions (code and name of every
province, prefecture and county) and the names of the 56 nationalities (to shorten
湘西土家族苗族自治州 to 湘西). cpca ships both, but only as files in its package's
``resources/`` folder, which is no public interface (its API matches addresses in
pandas frames). So the project ships a compact copy: six-digit code and name, in
cpca's row order (the gazetteer keeps that order when a name is ambiguous), with its
source noted in each file's header. Run again only to take a newer cpca.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import sys
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "ingest" / "data"


def cpca_resources() -> Path:
    """cpca's data folder, found without importing cpca (which imports pandas)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("cpca is not installed: pip install -e '.[divisions]'")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


def header(*what: str) -> list[str]:
    """Comment lines saying what the file is and where it comes from."""
    version = importlib.metadata.version("cpca")
    return [
        *(f"# {line}" for line in what),
        f"# Source: cpca {version} (https://pypi.org/project/cpca/, MIT licence), its",
        f"# resources/ folder; extracted {date.today().isoformat()} by scripts/make_divisions.py.",
    ]


def main() -> None:
    resources = cpca_resources()
    with (resources / "adcodes.csv").open(encoding="utf-8") as handle:
        rows = [(row["adcode"][:6], row["name"]) for row in csv.DictReader(handle)]
    divisions = header(
        "China's divisions: six-digit code, a tab, name (ingest/gazetteer.py reads it).",
        "Rows in cpca's order; placeholder rows (市辖区, 县) are kept, the reader skips them.",
    )
    divisions += [f"{code}\t{name}" for code, name in rows]
    (OUT / "divisions.txt").write_text("\n".join(divisions) + "\n", encoding="utf-8")
    nations = (resources / "56_nations.csv").read_text(encoding="utf-8").split()
    lines = header(
        "The 56 nationalities, dropped from the short forms of autonomous divisions",
        "(湘西土家族苗族自治州 -> 湘西; ingest/gazetteer.py).",
    )
    (OUT / "nations.txt").write_text("\n".join(lines + nations) + "\n", encoding="utf-8")
    print(f"{len(rows)} divisions, {len(nations)} nationalities -> {OUT}")


if __name__ == "__main__":
    main()
