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


def _dense_round(sources: dict[str, dict[str, object]]) -> None:
    picked = {str(v["file"]) for v in sources.values()}
    scored = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        file = f"shared/corpus/real/{path.parent.name}/{path.name}"
        if file in picked:
            continue
        text = path.read_text(encoding="utf-8")
        score, start = _densest(text)
        scored.append((-score, file, path, start))
    for rank, (_, file, path, start) in enumerate(sorted(scored)[:DENSE_COUNT]):
        split = "dev" if rank % 5 in (1, 3) else "train"
        text = path.read_text(encoding="utf-8")
        begin = text.rfind("\n", 0, start) + 1
        end = text.find("\n", begin + DENSE_WINDOW)
        end = len(text) if end < 0 else end
        name = f"{path.parent.name}-{path.stem}"
        (OUT / split / f"{name}.txt").write_text(text[begin:end], encoding="utf-8")
        sources[name] = {"split": split, "file": file, "chars": [begin, end], "round": 2}


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
    picked = {str(v["file"]) for v in sources.values()}
    scored = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        file = f"shared/corpus/real/{path.parent.name}/{path.name}"
        if file not in picked:
            score, start = _densest(path.read_text(encoding="utf-8"))
            scored.append((-score, file, path, start))
    chosen: list[tuple[Path, int | None]] = [
        (path, start) for _, _, path, start in sorted(scored)[:FOURTH_DENSE]
    ]
    taken = {path for path, _ in chosen}
    for folder, count in FOURTH:
        files = [
            f
            for f in sorted((CORPUS / folder).glob("*.txt"))
            if f"shared/corpus/real/{folder}/{f.name}" not in picked
            and f not in taken
            and len(f.read_text(encoding="utf-8")) >= 1000
        ]
        chosen += [(path, None) for path in rng.sample(files, min(count, len(files)))]
    for path, start in chosen:
        text = path.read_text(encoding="utf-8")
        if start is None:
            begin, end = _window(text, path.parent.name in ("policies-zhejiang", "policies-misc"))
        else:
            begin = text.rfind("\n", 0, start) + 1
            found = text.find("\n", begin + DENSE_WINDOW)
            end = len(text) if found < 0 else found
        name = f"{path.parent.name}-{path.stem}"
        (OUT / "train" / f"{name}.txt").write_text(text[begin:end], encoding="utf-8")
        sources[name] = {
            "split": "train",
            "file": f"shared/corpus/real/{path.parent.name}/{path.name}",
            "chars": [begin, end],
            "round": 4,
        }


#: Round five: more training text at random, in proportion to what each folder has left.
FIFTH = [
    ("policies-central", 14),
    ("policies-shandong", 6),
    ("policies-zhejiang", 5),
    ("gwr-national", 4),
    ("gwr-provincial-2026", 3),
]


def _random_round(
    sources: dict[str, dict[str, object]],
    rng: random.Random,
    plan: list[tuple[str, int]],
    round_no: int,
) -> None:
    picked = {str(v["file"]) for v in sources.values()}
    for folder, count in plan:
        files = [
            f
            for f in sorted((CORPUS / folder).glob("*.txt"))
            if f"shared/corpus/real/{folder}/{f.name}" not in picked
            and len(f.read_text(encoding="utf-8")) >= 1000
        ]
        for path in rng.sample(files, min(count, len(files))):
            text = path.read_text(encoding="utf-8")
            begin, end = _window(text, folder in ("policies-zhejiang", "policies-misc"))
            name = f"{folder}-{path.stem}"
            (OUT / "train" / f"{name}.txt").write_text(text[begin:end], encoding="utf-8")
            sources[name] = {
                "split": "train",
                "file": f"shared/corpus/real/{folder}/{path.name}",
                "chars": [begin, end],
                "round": round_no,
            }


def _drop_dev_overlaps(sources: dict[str, dict[str, object]]) -> None:
    """Drop a dev text whose opening also occurs in a train text (one passage, two files)."""

    def squeeze(name: str, split: str) -> str:
        return re.sub(r"\s+", "", (OUT / split / f"{name}.txt").read_text(encoding="utf-8"))

    train = [squeeze(n, "train") for n, v in sources.items() if v["split"] == "train"]
    for name, value in list(sources.items()):
        if value["split"] != "dev":
            continue
        opening = squeeze(name, "dev")[:300]
        if any(opening in text for text in train):
            (OUT / "dev" / f"{name}.txt").unlink()
            stale = OUT / "dev" / f"{name}.json"
            if stale.exists():
                stale.unlink()
            value["split"] = "dropped: the same passage is in the train split"


def main() -> int:
    rng = random.Random(20261130)
    sources: dict[str, dict[str, object]] = {}
    for folder, n_train, n_dev, top in PLAN:
        files = sorted((CORPUS / folder).glob("*.txt"))
        files = [f for f in files if len(f.read_text(encoding="utf-8")) >= 1000]
        picked = rng.sample(files, n_train + n_dev)
        for i, path in enumerate(picked):
            split = "train" if i < n_train else "dev"
            text = path.read_text(encoding="utf-8")
            begin, end = _window(text, top)
            name = f"{folder}-{path.stem}"
            (OUT / split).mkdir(parents=True, exist_ok=True)
            (OUT / split / f"{name}.txt").write_text(text[begin:end], encoding="utf-8")
            sources[name] = {
                "split": split,
                "file": f"shared/corpus/real/{folder}/{path.name}",
                "chars": [begin, end],
            }
    _dense_round(sources)
    _random_round(sources, rng, THIRD, 3)
    _drop_dev_overlaps(sources)
    _fourth_round(sources, rng)
    _random_round(sources, rng, FIFTH, 5)
    (OUT / "SOURCES.json").write_text(
        json.dumps(sources, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
