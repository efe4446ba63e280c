"""Training examples from gold documents: tagged sentences and labelled mention pairs.

A gold file lists entities by name with every written form as an alias, and relations
with their evidence. Each sentence's gold mentions are where those forms occur (longest
first); a pair of mentions is labelled with a gold relation between their entities when
the relation's evidence overlaps the sentence, and ``NONE`` when the gold has no
relation between them at all. A pair related elsewhere in the document but not here is
left out rather than taught as a negative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from graph.schema import Label, RelType
from ingest.evaluation import GoldSet, score_key
from ingest.gazetteer import Gazetteer, default_gazetteer
from ingest.learned.features import SentenceView
from ingest.learned.spans import Span, longest_first
from ingest.learned.views import sentence_view
from ingest.limits import DEFAULT_MAX_BYTES
from ingest.readers import read_document
from ingest.rules.extractor import plan_context
from ingest.sentences import split_sentences
from ingest.splitter import split_plans

NONE = "NONE"
PLAN_TYPES = frozenset({RelType.PRIORITIZES})
UNTAGGED = frozenset({Label.PLAN, Label.TARGET})


@dataclass
class SentenceExample:
    view: SentenceView
    spans: list[Span]  # the gold mentions
    entities: list[int]  # the gold entity of each span
    title: bool
    pair_labels: dict[tuple[int, int], str] = field(default_factory=dict)  # span indexes
    plan_labels: dict[int, str] = field(default_factory=dict)  # span index → type or NONE


def _surfaces(gold: GoldSet) -> dict[str, int]:
    """Every written form of a tagged gold entity → the entity's index."""
    forms: dict[str, int] = {}
    for index, entity in enumerate(gold.entities):
        if entity.label in UNTAGGED:
            continue
        for form in (entity.name, *entity.aliases):
            if len(form) >= 2:
                forms.setdefault(form, index)
    return forms


def _entity_index(gold: GoldSet) -> dict[str, int]:
    by_key: dict[str, int] = {}
    for index, entity in enumerate(gold.entities):
        for form in (entity.name, *entity.aliases):
            by_key.setdefault(score_key(form), index)
    return by_key


class GoldLink(NamedTuple):
    """A gold relation by entity index (``head`` None: the plan), with its evidence span."""

    type: str
    head: int | None
    tail: int
    start: int
    end: int


def _evidence_ranges(gold: GoldSet, text: str) -> list[GoldLink]:
    """Each gold relation whose ends and evidence can be placed."""
    index = _entity_index(gold)
    plans = {p.id for p in gold.plans}
    out: list[GoldLink] = []
    for relation in gold.relations:
        extra = relation.model_extra or {}
        evidence = str(extra.get("evidence") or "")
        start = extra.get("char_start")
        if start is None:
            start = text.find(evidence) if evidence else -1
        if start < 0:
            continue
        end = extra.get("char_end") or start + len(evidence)
        head = None if relation.head in plans else index.get(score_key(relation.head))
        tail = index.get(score_key(relation.tail))
        if tail is None or (head is None and relation.head not in plans):
            continue
        out.append(GoldLink(str(relation.type), head, tail, start, end))
    return out


def document_examples(
    path: Path, source: Path | None = None, gazetteer: Gazetteer | None = None
) -> Iterator[SentenceExample]:
    """The examples of one gold file and its text (by default the ``source`` beside it)."""
    gold = GoldSet.load(path)
    source = source or path.parent / str(gold.source)
    document = read_document(source, max_bytes=DEFAULT_MAX_BYTES)
    gazetteer = gazetteer or default_gazetteer()
    forms = _surfaces(gold)
    relations = _evidence_ranges(gold, document.text)
    related: dict[tuple[int, int], set[str]] = defaultdict(set)
    for link in relations:
        if link.head is not None:
            related[(link.head, link.tail)].add(link.type)
    prioritised = {link.tail for link in relations if link.head is None}
    for plan in split_plans(document):
        text = document.text[plan.start : plan.end]
        context = plan_context(gazetteer, plan, text)
        for sentence in split_sentences(text, plan.start):
            title = bool(plan.title) and plan.title in sentence.text
            view, _ = sentence_view(sentence.text, context, title=title)
            found = [
                Span(i, i + len(form), str(gold.entities[forms[form]].label))
                for form in forms
                for i in _occurrences(sentence.text, form)
            ]
            spans = longest_first(found)
            entities = [forms[sentence.text[s.start : s.end]] for s in spans]
            example = SentenceExample(view, spans, entities, title)
            here = [r for r in relations if r[3] < sentence.end and r[4] > sentence.start]
            _label_pairs(example, here, related)
            _label_plan(example, here, prioritised)
            yield example


def _occurrences(text: str, form: str) -> Iterator[int]:
    start = text.find(form)
    while start >= 0:
        yield start
        start = text.find(form, start + 1)


def _label_pairs(
    example: SentenceExample,
    here: list[GoldLink],
    related: dict[tuple[int, int], set[str]],
) -> None:
    stated = {(r.head, r.tail): r.type for r in here if r.head is not None}
    for i in range(len(example.spans)):
        for j in range(i + 1, len(example.spans)):
            a, b = example.entities[i], example.entities[j]
            if a == b:
                continue
            if (a, b) in stated:
                example.pair_labels[(i, j)] = pair_class(stated[(a, b)], forward=True)
            elif (b, a) in stated:
                example.pair_labels[(i, j)] = pair_class(stated[(b, a)], forward=False)
            elif not related.get((a, b)) and not related.get((b, a)):
                example.pair_labels[(i, j)] = NONE


def _label_plan(
    example: SentenceExample,
    here: list[GoldLink],
    prioritised: set[int],
) -> None:
    stated = {(r.type, r.tail) for r in here if r.head is None}
    for i, span in enumerate(example.spans):
        if span.label not in (Label.INDUSTRY, Label.PROGRAM):
            continue
        entity = example.entities[i]
        kinds = [k for k in PLAN_TYPES if (str(k), entity) in stated]
        if kinds:
            example.plan_labels[i] = str(kinds[0])
        elif entity not in prioritised:
            example.plan_labels[i] = NONE


def pair_class(kind: str, *, forward: bool) -> str:
    """The class of a pair in text order: ``TYPE`` forward, ``TYPE~`` backward."""
    if kind == RelType.COLLABORATES_WITH or forward:
        return kind
    return kind + "~"


def gold_files(paths: list[Path]) -> list[Path]:
    """Gold files: the files given, and the ``*.json`` of the folders given, sorted."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return found
