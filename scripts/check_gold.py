"""Check (and complete) hand-written gold files.

Usage: ``python scripts/check_gold.py [--fill] FILE.json...``.

Why: annotators write names, relations and evidence by reading; this checks the form
without running the extractor. It loads each file with the evaluator's own ``GoldSet``
model, checks that every relation's ends are listed entities (or a plan id), that every
evidence is a verbatim substring of the text named by ``source``, and that every entity
name or alias occurs in the text (a warning: coordinated names may not). With ``--fill``
it writes ``char_start``/``char_end``/``line`` from the evidence's first occurrence.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.evaluation import GoldSet


def check(path: Path, fill: bool) -> int:
    raw = json.loads(path.read_text(encoding="utf-8"))
    gold = GoldSet.model_validate(raw)
    text = (path.parent / str(gold.source)).read_text(encoding="utf-8")
    errors = 0
    names = {e.name for e in gold.entities} | {a for e in gold.entities for a in e.aliases}
    plans = {p.id for p in gold.plans}
    for e in gold.entities:
        if e.label.value == "Target":
            if e.value is None:
                print(f"{path.name}: target {e.name!r} has no value")
                errors += 1
            continue
        if not any(n in text for n in [e.name, *e.aliases]):
            print(f"{path.name}: warning: neither {e.name!r} nor its aliases occur in the text")
    for i, r in enumerate(raw.get("relations", [])):
        for end in ("head", "tail"):
            if r[end] not in names and r[end] not in plans:
                print(f"{path.name}: relation {i} {end} {r[end]!r} is not a listed entity")
                errors += 1
        ev = r.get("evidence", "")
        pos = text.find(ev) if ev else -1
        if pos < 0:
            print(f"{path.name}: relation {i} evidence not found verbatim: {ev[:40]!r}")
            errors += 1
            continue
        start = r.get("char_start")
        if start is not None and text[start : r.get("char_end", start)] == ev:
            continue
        if not fill:
            print(f"{path.name}: relation {i} offsets missing or wrong (use --fill)")
            errors += 1
            continue
        r["char_start"], r["char_end"] = pos, pos + len(ev)
        r["line"] = text.count("\n", 0, pos) + 1
    if fill and not errors:
        path.write_text(json.dumps(raw, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    scored = [e for e in gold.entities if e.label.value not in ("Target", "Plan")]
    targets = len(gold.entities) - len(scored)
    print(
        f"{path.name}: {len(scored)} entities, {targets} targets, "
        f"{len(gold.relations)} relations, {errors} errors"
    )
    return errors


def main(argv: list[str]) -> int:
    fill = "--fill" in argv
    files = [Path(a) for a in argv if a != "--fill"]
    return 1 if sum(check(f, fill) for f in files) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
