"""Cut the real-gold texts out of ``shared/corpus/real`` (run once; kept for provenance).

Why a script: the gold's texts must be reproducible from the shared corpus. Each
document is picked with a fixed seed, per folder, into ``train`` or ``dev``; a long
document contributes one window of about 2,500 characters, cut at line boundaries where
platforms and institutions are densest, and a document with a header (Zhejiang, misc) is
cut from its start so that the header is annotated too. ``SOURCES.json`` records where
each text came from (file and character range).
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
OUT = ROOT / "tests" / "data" / "real"
WINDOW = 2500
#: (folder, train count, dev count, cut from the start)
PLAN = [
    ("policies-central", 9, 5, False),
    ("policies-shandong", 6, 4, False),
    ("policies-zhejiang", 6, 4, True),
    ("policies-misc", 2, 1, True),
    ("gwr-provincial-2026", 5, 4, False),
    ("gwr-national", 3, 2, False),
]
#: Round two: the documents not yet picked whose densest window is richest in bodies and
#: the words that join them (共建, 依托, 联盟 …), for BUILDS, BASED_ON and
#: COLLABORATES_WITH, which round one's random picks seldom hold.
DENSE_COUNT = 24
DENSE_WINDOW = 2000
JOINING = re.compile(r"共建|联合|依托|联盟|牵头|组建|合作|签约|落户")
BODIES = re.compile(
    r"大学|研究院|研究所|科学院|公司|集团|实验室|工程技术研究中心|技术中心|创新中心|孵化器|联盟"
)
CUES = re.compile(
    r"大学|学院|研究院|研究所|科学院|公司|集团|联盟|实验室|中心|孵化器|众创空间|园区|高新区|"
    r"开发区|基地|工作站|平台|科技局|科技厅|人民政府|计划|工程|产业"
)


def _window(text: str, start_at_top: bool) -> tuple[int, int]:
    if len(text) <= WINDOW * 1.4:
        return 0, len(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    if start_at_top:
        begin = 0
    else:
        best = max(
            (s for s in starts if s + WINDOW <= len(text)),
            key=lambda s: (len(CUES.findall(text, s, s + WINDOW)), -s),
        )
        begin = best
    end = text.find("\n", begin + WINDOW)
    return begin, len(text) if end < 0 else end


def _densest(text: str) -> tuple[int, int]:
    """(score, start) of the window richest in bodies times joining words."""
    best = (0, 0)
    for start in range(0, max(1, len(text) - DENSE_WINDOW), 250):
        window = text[start : start + DENSE_WINDOW]
        score = len(JOINING.findall(window)) * len(BODIES.findall(window))
        best = max(best, (score, -start))
    return best[0], -best[1]


def _file(path: Path) -> str:
    """How ``SOURCES.json`` names a corpus file."""
    return f"shared/corpus/real/{path.parent.name}/{path.name}"


def _picked(sources: dict[str, dict[str, object]]) -> set[str]:
    return {str(v["file"]) for v in sources.values()}


def _record(
    sources: dict[str, dict[str, object]],
    path: Path,
    split: str,
    chars: tuple[int, int],
    round_no: int | None,
) -> None:
    """Write the excerpt ``chars`` of ``path`` into ``split`` and note where it came from."""
    text = path.read_text(encoding="utf-8")
    begin, end = chars
    name = f"{path.parent.name}-{path.stem}"
    (OUT / split).mkdir(parents=True, exist_ok=True)
    (OUT / split / f"{name}.txt").write_text(text[begin:end], encoding="utf-8")
    sources[name] = {"split": split, "file": _file(path), "chars": [begin, end]}
    if round_no is not None:
        sources[name]["round"] = round_no


def _densest_unpicked(sources: dict[str, dict[str, object]]) -> list[tuple[Path, int]]:
    """The unpicked corpus files, densest window first, each with that window's start."""
    picked = _picked(sources)
    scored = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        if _file(path) not in picked:
            score, start = _densest(path.read_text(encoding="utf-8"))
            scored.append((-score, _file(path), path, start))
    return [(path, start) for _, _, path, start in sorted(scored)]


def _dense_cut(path: Path, start: int) -> tuple[int, int]:
    """About ``DENSE_WINDOW`` characters from the line holding ``start``, to a line's end."""
    text = path.read_text(encoding="utf-8")
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", begin + DENSE_WINDOW)
    return begin, len(text) if end < 0 else end


def _top_cut(path: Path) -> tuple[int, int]:
    """A random pick's window: from the start where the folder's documents carry a header."""
    top = path.parent.name in ("policies-zhejiang", "policies-misc")
    return _window(path.read_text(encoding="utf-8"), top)


def _unpicked_files(
    sources: dict[str, dict[str, object]], folder: str, besides: AbstractSet[Path] = frozenset()
) -> list[Path]:
    """The folder's files not yet picked (nor in ``besides``) of at least 1,000 characters."""
    picked = _picked(sources)
    return [
        f
        for f in sorted((CORPUS / folder).glob("*.txt"))
        if _file(f) not in picked
        and f not in besides
        and len(f.read_text(encoding="utf-8")) >= 1000
    ]


def _dense_round(sources: dict[str, dict[str, object]]) -> None:
    for rank, (path, start) in enumerate(_densest_unpicked(sources)[:DENSE_COUNT]):
        split = "dev" if rank % 5 in (1, 3) else "train"
        _record(sources, path, split, _dense_cut(path, start), 2)


#: Round three: more training text, picked at random from every folder's unpicked files.
THIRD = [
    ("policies-central", 10),
    ("policies-shandong", 6),
    ("policies-zhejiang", 6),
    ("gwr-provincial-2026", 6),
    ("gwr-national", 4),
]


#: Round four: more training text for the relations that real prose seldom states: the
#: unpicked documents whose densest window is richest in bodies and joining words, then
#: more at random from every folder.
FOURTH_DENSE = 16
FOURTH = [
    ("policies-central", 5),
    ("policies-shandong", 3),
    ("policies-zhejiang", 3),
    ("gwr-provincial-2026", 3),
    ("policies-misc", 2),
]


def _fourth_round(sources: dict[str, dict[str, object]], rng: random.Random) -> None:
    dense = _densest_unpicked(sources)[:FOURTH_DENSE]
    taken = {path for path, _ in dense}
    random_picks = [
        path
        for folder, count in FOURTH
        for path in _sample(rng, _unpicked_files(sources, folder, taken), count)
    ]
    for path, start in dense:
        _record(sources, path, "train", _dense_cut(path, start), 4)
    for path in random_picks:
        _record(sources, path, "train", _top_cut(path), 4)


def _sample(rng: random.Random, files: list[Path], count: int) -> list[Path]:
    return rng.sample(files, min(count, len(files)))


#: Round five: more training text at random, in proportion to what each folder has left.
FIFTH = [
    ("policies-central", 14),
    ("policies-shandong", 6),
    ("policies-zhejiang", 5),
    ("gwr-national", 4),
    ("gwr-provincial-2026", 3),
]


#: Round six: more dev text at random, so that the held-out figures rest on more documents.
SIXTH = [
    ("policies-central", 14),
    ("policies-shandong", 6),
    ("policies-zhejiang", 5),
    ("gwr-national", 5),
    ("gwr-provincial-2026", 2),
]


def _random_round(
    sources: dict[str, dict[str, object]],
    rng: random.Random,
    plan: list[tuple[str, int]],
    round_no: int,
    split: str = "train",
) -> None:
    for folder, count in plan:
        for path in _sample(rng, _unpicked_files(sources, folder), count):
            _record(sources, path, split, _top_cut(path), round_no)


def _squeezed(name: str, split: str) -> str:
    """An excerpt's text without white space, to compare passages across line wraps."""
    return re.sub(r"\s+", "", (OUT / split / f"{name}.txt").read_text(encoding="utf-8"))


def _train_texts(sources: dict[str, dict[str, object]]) -> list[str]:
    return [_squeezed(n, "train") for n, v in sources.items() if v["split"] == "train"]


def _drop_dev_overlaps(sources: dict[str, dict[str, object]]) -> None:
    """Drop a dev text whose opening also occurs in a train text (one passage, two files)."""

    train = _train_texts(sources)
    for name, value in list(sources.items()):
        if value["split"] != "dev":
            continue
        opening = _squeezed(name, "dev")[:300]
        if any(opening in text for text in train):
            (OUT / "dev" / f"{name}.txt").unlink()
            stale = OUT / "dev" / f"{name}.json"
            if stale.exists():
                stale.unlink()
            value["split"] = "dropped: the same passage is in the train split"


def _drop_dev_repeats(sources: dict[str, dict[str, object]], round_no: int) -> None:
    """Drop a dev text of ``round_no`` any 200-character stretch of which is in a train text.

    Round six's check is stricter than the opening test above: republished passages
    (a city reprinting a national guide) need not start where an excerpt starts.
    """

    train = _train_texts(sources)
    for name, value in list(sources.items()):
        if value["split"] != "dev" or value.get("round") != round_no:
            continue
        text = _squeezed(name, "dev")
        stretches = (text[i : i + 200] for i in range(0, max(1, len(text) - 200), 200))
        if any(stretch in other for stretch in stretches for other in train):
            (OUT / "dev" / f"{name}.txt").unlink()
            value["split"] = "dropped: a passage of it is in the train split"


def main() -> int:
    rng = random.Random(20261130)
    sources: dict[str, dict[str, object]] = {}
    for folder, n_train, n_dev, top in PLAN:
        files = sorted((CORPUS / folder).glob("*.txt"))
        files = [f for f in files if len(f.read_text(encoding="utf-8")) >= 1000]
        picked = rng.sample(files, n_train + n_dev)
        for i, path in enumerate(picked):
            split = "train" if i < n_train else "dev"
            _record(sources, path, split, _window(path.read_text(encoding="utf-8"), top), None)
    _dense_round(sources)
    _random_round(sources, rng, THIRD, 3)
    _drop_dev_overlaps(sources)
    _fourth_round(sources, rng)
    _random_round(sources, rng, FIFTH, 5)
    _random_round(sources, rng, SIXTH, 6, split="dev")
    _drop_dev_repeats(sources, 6)
    (OUT / "SOURCES.json").write_text(
        json.dumps(sources, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
