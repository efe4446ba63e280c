"""Development harness for the rule extractor: plan sections from the gold line ranges,
a scorer following tests/data/eval/README.md, and a speed figure.

Until ``ingest.splitter`` and ``ingest.evaluation`` land this stands in for both; the
last line is one JSON object with the figures.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from graph.schema import GraphBatch, Label, RelType, normalize_name
from ingest.models import PlanSection, SourceDocument
from ingest.rules import RuleExtractor

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "sample" / "seed-plans.txt"
GOLD = ROOT / "tests" / "data" / "eval" / "seed-gold.json"
PARENTS = {"湘西土家族苗族自治州": ["湖南省"], "常熟市": ["苏州市", "江苏省"]}
SKIP_REL = {"MENTIONS", "SETS_TARGET", "ISSUED_BY", "COVERS"}


def load() -> tuple[SourceDocument, list[PlanSection], dict]:
    text = CORPUS.read_text(encoding="utf-8")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    document = SourceDocument(
        id="seed-plans",
        source=str(CORPUS),
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    plans = []
    for i, p in enumerate(gold["plans"], 1):
        plans.append(
            PlanSection(
                document_id=document.id,
                ordinal=i,
                title=p["title"],
                header=p.get("header"),
                start=offsets[p["first_line"] - 1],
                end=offsets[p["last_line"]],
                year=p["year"],
                issuer=p.get("issuer"),
                region=p["region"],
                region_level=p["region_level"],
                region_parents=PARENTS.get(p["region"], []),
            )
        )
    return document, plans, gold


def prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return {
        "p": round(p, 3),
        "r": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "pred": n_p,
        "gold": n_g,
    }


def score(batch: GraphBatch, gold: dict, plan_ids: dict[str, str], verbose: bool = False) -> dict:
    gold_entities = [e for e in gold["entities"] if e["label"] not in ("Target", "Plan")]
    pred = [e for e in batch.entities if e.label not in (Label.TARGET, Label.PLAN)]
    by_id = {e.id: e for e in batch.entities}

    def keys(names) -> set[str]:
        return {normalize_name(n) for n in names}

    gold_keys = [(keys([g["name"], *g.get("aliases", [])]), g) for g in gold_entities]

    def match(e, typed: bool):
        ks = keys([e.name, *e.aliases])
        for gk, g in gold_keys:
            if ks & gk and (not typed or g["label"] == str(e.label)):
                return g
        return None

    out = {}
    for typed in (False, True):
        matched_gold = set()
        tp_p = 0
        n_p = 0
        fps = []
        for e in pred:
            g = match(e, typed)
            if g is None:
                n_p += 1
                fps.append(f"{e.label}:{e.name}")
            else:
                matched_gold.add(g["name"])
                if g.get("optional"):
                    continue
                n_p += 1
                tp_p += 1
        required = [g for g in gold_entities if not g.get("optional")]
        tp_g = sum(1 for g in required if g["name"] in matched_gold)
        out["entities_typed" if typed else "entities"] = prf(tp_p, n_p, tp_g, len(required))
        if verbose and typed:
            print("ENTITY FP:", fps)
            print(
                "ENTITY FN:",
                [f"{g['label']}:{g['name']}" for g in required if g["name"] not in matched_gold],
            )

    # relations
    def ends(ident: str) -> set[str]:
        if ident in plan_ids:
            return {plan_ids[ident]}
        e = by_id.get(ident)
        return keys([e.name, *e.aliases]) if e else set()

    gold_name_keys = {}
    for g in gold["entities"]:
        gold_name_keys[g["name"]] = keys([g["name"], *g.get("aliases", [])])

    def gends(name: str) -> set[str]:
        if name in {"p1", "p2", "p3", "p4", "p5"}:
            return {name}
        return gold_name_keys.get(name, keys([name]))

    gold_rels = [r for r in gold["relations"] if r["type"] not in SKIP_REL]
    pred_rels = [r for r in batch.relations if str(r.type) not in SKIP_REL]
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    matched = set()
    fps = []
    for r in pred_rels:
        h, t = ends(r.source), ends(r.target)
        hit = None
        for i, g in enumerate(gold_rels):
            if g["type"] != str(r.type):
                continue
            gh, gt = gends(g["head"]), gends(g["tail"])
            if (h & gh and t & gt) or (r.type == RelType.COLLABORATES_WITH and h & gt and t & gh):
                hit = i
                if not g.get("optional"):
                    break
        region_part = (
            r.type == RelType.PART_OF
            and by_id.get(r.source) is not None
            and by_id[r.source].label == Label.REGION
        )
        if hit is None:
            if region_part:
                continue
            per_type[str(r.type)]["n_p"] += 1
            head = by_id[r.source].name if r.source in by_id else plan_ids.get(r.source)
            tail = by_id[r.target].name if r.target in by_id else r.target
            fps.append(f"{r.type} {head} -> {tail}")
            continue
        matched.add(hit)
        if gold_rels[hit].get("optional"):
            continue
        per_type[str(r.type)]["n_p"] += 1
        per_type[str(r.type)]["tp"] += 1
    for i, g in enumerate(gold_rels):
        if g.get("optional"):
            continue
        per_type[g["type"]]["n_g"] += 1
        if i in matched:
            per_type[g["type"]]["tp_g"] += 1
    rel = {}
    tot = defaultdict(int)
    for t, c in sorted(per_type.items()):
        rel[t] = prf(c["tp"], c["n_p"], c["tp_g"], c["n_g"])
        for k in ("tp", "n_p", "tp_g", "n_g"):
            tot[k] += c[k]
    out["relations"] = prf(tot["tp"], tot["n_p"], tot["tp_g"], tot["n_g"])
    out["by_type"] = rel
    if verbose:
        print("REL FP:")
        for f in fps:
            print("  ", f)
        print("REL FN:")
        for i, g in enumerate(gold_rels):
            if i not in matched and not g.get("optional"):
                print("  ", g["plan"], g["type"], g["head"], "->", g["tail"])
    return out


QUESTIONS = ROOT / "tests" / "data" / "eval" / "seed-questions.json"
PIPELINE_TYPES = {"ISSUED_BY", "COVERS", "SETS_TARGET"}


def extract_sample() -> tuple[GraphBatch, dict, dict[str, str]]:
    """The sample's plans extracted and merged as a store would merge them."""
    document, plans, gold = load()
    extractor = RuleExtractor()
    entities: dict = {}
    relations: dict = {}
    for plan in plans:
        batch = extractor.extract(document, plan)
        for e in batch.entities:
            if e.id in entities:
                entities[e.id].aliases = list(dict.fromkeys([*entities[e.id].aliases, *e.aliases]))
            else:
                entities[e.id] = e.model_copy(deep=True)
        for r in batch.relations:
            relations.setdefault(r.key(), r)
    merged = GraphBatch(entities=list(entities.values()), relations=list(relations.values()))
    return merged, gold, {p.plan_id: f"p{p.ordinal}" for p in plans}


def questions(batch: GraphBatch, plan_ids: dict[str, str], verbose: bool = False) -> dict:
    """The related/path questions answerable from the extractor's own relations.

    Questions on ISSUED_BY, COVERS and SETS_TARGET are the pipeline's and targets' part.
    """
    import networkx as nx

    names = {e.id: keys_of([e.name, *e.aliases]) for e in batch.entities}
    for pid, short in plan_ids.items():
        names[pid] = {short}
    labels = {e.id: str(e.label) for e in batch.entities} | {pid: "Plan" for pid in plan_ids}
    asked = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    answered = {"related": [0, 0], "path": [0, 0]}
    graph = nx.MultiGraph()
    for r in batch.relations:
        if r.type != RelType.MENTIONS:
            graph.add_edge(r.source, r.target)
    for q in asked:
        if q["kind"] == "related" and q["relation"] not in PIPELINE_TYPES:
            anchors = [
                i
                for i, n in names.items()
                if normalize_name(q["anchor"]) in n and labels[i] == q["anchor_label"]
            ]
            found: set[str] = set()
            for r in batch.relations:
                if str(r.type) != q["relation"]:
                    continue
                for a in anchors:
                    if (
                        q["direction"] in ("out", "both")
                        and r.source == a
                        and labels.get(r.target) == q["answer_label"]
                    ):
                        found |= names[r.target]
                    if (
                        q["direction"] in ("in", "both")
                        and r.target == a
                        and labels.get(r.source) == q["answer_label"]
                    ):
                        found |= names[r.source]
            ok = all(normalize_name(x) in found for x in q["answers"])
            answered["related"][0] += ok
            answered["related"][1] += 1
            if verbose and not ok:
                print(
                    "QUESTION",
                    q["id"],
                    q["question"],
                    "missing",
                    [x for x in q["answers"] if normalize_name(x) not in found],
                )
        elif q["kind"] == "path":

            def ids(name: str) -> list[str]:
                return [i for i, n in names.items() if normalize_name(name) in n]

            ok = False
            for s_id in ids(q["source"]):
                for t_id in ids(q["target"]):
                    if s_id in graph and t_id in graph:
                        for path in nx.all_simple_paths(graph, s_id, t_id, cutoff=q["max_hops"]):
                            on_path = set().union(*(names[n] for n in path))
                            if all(normalize_name(m) in on_path for m in q["must_include"]):
                                ok = True
                                break
            answered["path"][0] += ok
            answered["path"][1] += 1
            if verbose and not ok:
                print("QUESTION", q["id"], q["question"], "no path")
    return {k: f"{v[0]}/{v[1]}" for k, v in answered.items()}


def keys_of(names) -> set[str]:
    return {normalize_name(n) for n in names}


def evaluate(verbose: bool = False) -> dict:
    merged, gold, plan_ids = extract_sample()
    figures = score(merged, gold, plan_ids, verbose)
    figures["questions"] = questions(merged, plan_ids, verbose)
    return figures


def speed() -> int:
    """Characters per second over the sample repeated 40 times."""
    document, plans, _ = load()
    extractor = RuleExtractor()
    big = SourceDocument(id="big", source="big", text=document.text * 40, sha256="x")
    sections = [
        p.model_copy(
            update={
                "start": p.start + k * len(document.text),
                "end": p.end + k * len(document.text),
                "document_id": "big",
                "ordinal": k * 5 + p.ordinal,
            }
        )
        for k in range(40)
        for p in plans
    ]
    began = time.perf_counter()
    for section in sections:
        extractor.extract(big, section)
    elapsed = time.perf_counter() - began
    return round(sum(s.end - s.start for s in sections) / elapsed)


if __name__ == "__main__":
    result = evaluate(verbose="-v" in sys.argv)
    result["chars_per_s"] = speed()
    print(json.dumps(result, ensure_ascii=False))
