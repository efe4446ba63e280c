"""Score a graph against the gold set, exactly as ``tests/data/eval/README.md`` says.

- Entities match when a name or alias of one equals a name or alias of the other after
  ``score_key`` (``normalize_name``, and no trailing 产业); untyped scores ignore the
  label, typed scores require it. Plans and Targets are left out.
- Targets match when the values are equal and one name contains the other (and, when
  both sides say which plan they belong to, the plans agree).
- Relations match on type and both ends (``COLLABORATES_WITH`` either way round);
  ``MENTIONS`` and ``SETS_TARGET`` are left out; a predicted Region→Region ``PART_OF``
  that the gold lacks comes from the gazetteer and is not held against precision.
- ``optional`` gold entries are never missed, and what matches only them is never wrong.

Precision counts predictions (two predicted nodes that both match one gold entity are
both right; the ``duplicates`` figure says how often that happens); recall counts gold
entries. The input is whatever a ``GraphStore`` holds, so the score is the pipeline's.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from graph.schema import Entity, Label, Relation, RelType, normalize_name
from graph.store import GraphStore

#: Left out of the entity score: plans are mapped separately, targets scored on their own.
UNSCORED_ENTITY_LABELS = frozenset({Label.PLAN, Label.TARGET})
#: Left out of the relation score.
UNSCORED_RELATION_TYPES = frozenset({RelType.MENTIONS, RelType.SETS_TARGET})


# -- the gold set -----------------------------------------------------------------------


class GoldPlan(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: str
    title: str | None = None  # real excerpts may not carry the plan's title
    header: str | None = None
    year: int | None = None


class GoldEntity(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    label: Label
    plans: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    optional: bool = False
    value: float | None = None
    unit: str | None = None
    comparator: str | None = None
    value_max: float | None = None


class GoldRelation(BaseModel):
    model_config = ConfigDict(extra="allow")

    head: str
    type: RelType
    tail: str
    plan: str | None = None
    optional: bool = False


class GoldSet(BaseModel):
    model_config = ConfigDict(extra="allow")

    source: str | None = None
    plans: list[GoldPlan] = Field(default_factory=list)
    entities: list[GoldEntity] = Field(default_factory=list)
    relations: list[GoldRelation] = Field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> GoldSet:
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))


# -- scores -------------------------------------------------------------------------------


class Score(BaseModel):
    """Counts and P/R/F1; ``predicted`` excludes what only matched optional entries."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class Errors(BaseModel):
    false_positives: list[str] = Field(default_factory=list)
    false_negatives: list[str] = Field(default_factory=list)


class EvaluationReport(BaseModel):
    plan_mapping: dict[str, str | None] = Field(
        description="Gold plan id → predicted Plan entity id (None: no plan matched)"
    )
    entities: Score
    entities_by_label: dict[str, Score]
    entities_typed: Score
    entities_typed_by_label: dict[str, Score]
    duplicates: int = Field(
        description="Predicted entities matching a gold entity another prediction matched"
    )
    relations: Score
    relations_by_type: dict[str, Score]
    targets: Score
    errors: dict[str, Errors] = Field(
        description="entities, entities_typed, relations, targets → what was wrong or missed"
    )


class _Tally:
    """Accumulates one Score overall and per group (label or type)."""

    def __init__(self) -> None:
        self.overall = Score()
        self.groups: dict[str, Score] = defaultdict(Score)
        self.errors = Errors()

    def prediction(self, group: str, verdict: bool | None, shown: str) -> None:
        """``verdict`` None: matched only optional entries, counted nowhere."""
        if verdict is None:
            return
        for score in (self.overall, self.groups[group]):
            score.predicted += 1
            score.correct += int(verdict)
        if not verdict:
            self.errors.false_positives.append(shown)

    def gold(self, group: str, found: bool, shown: str) -> None:
        for score in (self.overall, self.groups[group]):
            score.gold += 1
            score.found += int(found)
        if not found:
            self.errors.false_negatives.append(shown)

    def by_group(self) -> dict[str, Score]:
        return dict(sorted(self.groups.items()))


# -- matching rules -------------------------------------------------------------------------


#: The scorer treats an industry X and X产业 as one name.
_INDUSTRY_SUFFIX = "产业"


def score_key(name: str) -> str:
    """A name as the scorer compares it: normalised, without a trailing 产业."""
    key = normalize_name(name)
    if key.endswith(_INDUSTRY_SUFFIX) and len(key) > len(_INDUSTRY_SUFFIX):
        return key[: -len(_INDUSTRY_SUFFIX)]
    return key


def name_keys(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """Every scoring key (``score_key``) an entity answers to."""
    return frozenset(k for k in (score_key(n) for n in (name, *aliases)) if k)


def names_contain(a: Iterable[str], b: Iterable[str]) -> bool:
    """One of the names in ``a`` contains one in ``b``, or the other way round."""
    keys_b = [normalize_name(n) for n in b]
    for name in a:
        key = normalize_name(name)
        if any(key and other and (key in other or other in key) for other in keys_b):
            return True
    return False


def values_equal(a: object, b: object) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def target_matches(
    predicted_names: Iterable[str], predicted_value: object, gold_name: str, gold_value: object
) -> bool:
    """The README's target rule: equal value and one name containing the other."""
    return values_equal(predicted_value, gold_value) and names_contain(predicted_names, [gold_name])


# -- plans ------------------------------------------------------------------------------------


def _title(entity: Entity) -> str:
    title = entity.properties.get("title")
    return title if isinstance(title, str) and title else entity.name


def _ordinals(plans: Sequence[Entity]) -> dict[str, int]:
    """Each plan's position in its document: the ``ordinal`` property, else mention order."""
    by_document: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for plan in plans:
        first = min(plan.mentions, key=lambda m: m.start, default=None)
        document = str(plan.properties.get("document") or (first.document if first else ""))
        by_document[document].append((first.start if first else 0, plan.id))
    ranks = {
        plan_id: rank
        for items in by_document.values()
        for rank, (_, plan_id) in enumerate(sorted(items), start=1)
    }
    ordinals = {}
    for plan in plans:
        ordinal = plan.properties.get("ordinal")
        ordinals[plan.id] = ordinal if isinstance(ordinal, int) else ranks[plan.id]
    return ordinals


def _plan_affinity(gold: GoldPlan, position: int, plan: Entity, ordinal: int) -> int:
    title = normalize_name(_title(plan))
    gold_names = [normalize_name(n) for n in (gold.title or "", gold.header or "") if n]
    score = 0
    if gold.title and title == normalize_name(gold.title):
        score += 4
    elif any(len(title) >= 4 and len(g) >= 4 and (title in g or g in title) for g in gold_names):
        score += 2
    header = plan.properties.get("header")
    if isinstance(header, str) and gold.header and normalize_name(header) == gold_names[-1]:
        score += 3
    if ordinal == position:
        score += 2
    if gold.year is not None and plan.properties.get("year") == gold.year:
        score += 1
    return score


def map_plans(
    gold_plans: Sequence[GoldPlan], predicted: Sequence[Entity], *, source: str | None = None
) -> dict[str, str | None]:
    """Gold plan ids to predicted Plan ids, by title, header, position and year.

    A pair needs two agreeing signals (or an equal title); the best pairs are taken
    first, each plan used once. When ``source`` is given and some predicted plans came
    from a file of that name, only those are candidates.
    """
    plans = [p for p in predicted if p.label == Label.PLAN]
    if source:
        basename = Path(source).name
        same_file = [p for p in plans if Path(str(p.properties.get("source", ""))).name == basename]
        plans = same_file or plans
    if len(gold_plans) == 1 and len(plans) == 1 and source:
        return {gold_plans[0].id: plans[0].id}  # one plan in the file on either side
    ordinals = _ordinals(plans)
    pairs = sorted(
        (
            (-_plan_affinity(gold, position, plan, ordinals[plan.id]), position, j)
            for position, gold in enumerate(gold_plans, start=1)
            for j, plan in enumerate(plans)
        )
    )
    mapping: dict[str, str | None] = {gold.id: None for gold in gold_plans}
    used: set[int] = set()
    for negative, position, j in pairs:
        gold_id = gold_plans[position - 1].id
        if -negative < 3 or mapping[gold_id] is not None or j in used:
            continue
        mapping[gold_id] = plans[j].id
        used.add(j)
    return mapping


# -- entities ---------------------------------------------------------------------------------


def _shown(entity: Entity | GoldEntity) -> str:
    return f"{entity.label} {entity.name}"


def _score_entities(
    gold: Sequence[GoldEntity], predicted: Sequence[Entity], *, typed: bool
) -> tuple[_Tally, int]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(gold):
        for key in name_keys(entry.name, entry.aliases):
            index[key].append(i)
    tally = _Tally()
    found: set[int] = set()
    claimed: set[int] = set()
    duplicates = 0
    for entity in predicted:
        candidates = {i for k in name_keys(entity.name, entity.aliases) for i in index.get(k, ())}
        right = {
            i
            for i in candidates
            if not gold[i].optional and (not typed or gold[i].label == entity.label)
        }
        optional = any(gold[i].optional for i in candidates)
        verdict: bool | None = True if right else (None if optional else False)
        if right and right <= claimed:
            duplicates += 1
        claimed |= right
        found |= right
        tally.prediction(str(entity.label), verdict, _shown(entity))
    for i, entry in enumerate(gold):
        if not entry.optional:
            tally.gold(str(entry.label), i in found, _shown(entry))
    return tally, duplicates


# -- relations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _End:
    """One end of a relation: a gold plan id, or the spellings of an entity."""

    plan: str | None = None
    keys: frozenset[str] = frozenset()
    label: Label | None = None
    shown: str = ""

    def matches(self, other: _End) -> bool:
        if self.plan is not None or other.plan is not None:
            return self.plan == other.plan
        return bool(self.keys & other.keys)


def _gold_ends(gold: GoldSet) -> dict[str, _End]:
    ends: dict[str, _End] = {p.id: _End(plan=p.id, shown=p.id) for p in gold.plans}
    by_alias: dict[str, GoldEntity] = {}
    for entry in gold.entities:
        for key in name_keys(entry.name, entry.aliases):
            by_alias.setdefault(key, entry)
    for entry in gold.entities:
        ends.setdefault(entry.name, _end_of_gold(entry))
    for gold_relation in gold.relations:
        for name in (gold_relation.head, gold_relation.tail):
            if name not in ends:
                known = by_alias.get(score_key(name))
                ends[name] = (
                    _end_of_gold(known) if known else _End(keys=name_keys(name), shown=name)
                )
    return ends


def _end_of_gold(entry: GoldEntity) -> _End:
    return _End(keys=name_keys(entry.name, entry.aliases), label=entry.label, shown=entry.name)


def _predicted_end(entity: Entity | None, plan_of: dict[str, str]) -> _End:
    if entity is None:
        return _End(shown="?")
    if entity.label == Label.PLAN:
        return _End(plan=plan_of.get(entity.id, f"unmapped:{entity.id}"), shown=entity.name)
    return _End(keys=name_keys(entity.name, entity.aliases), label=entity.label, shown=entity.name)


def _ends_match(head: _End, tail: _End, gold_head: _End, gold_tail: _End, symmetric: bool) -> bool:
    if head.matches(gold_head) and tail.matches(gold_tail):
        return True
    return symmetric and head.matches(gold_tail) and tail.matches(gold_head)


def _score_relations(
    gold: GoldSet,
    entities: dict[str, Entity],
    relations: Sequence[Relation],
    plan_of: dict[str, str],
) -> _Tally:
    ends = _gold_ends(gold)
    by_type: dict[RelType, list[tuple[int, GoldRelation]]] = defaultdict(list)
    for i, gold_relation in enumerate(gold.relations):
        if gold_relation.type not in UNSCORED_RELATION_TYPES:
            by_type[gold_relation.type].append((i, gold_relation))
    tally = _Tally()
    found: set[int] = set()
    for relation in relations:
        if relation.type in UNSCORED_RELATION_TYPES:
            continue
        head = _predicted_end(entities.get(relation.source), plan_of)
        tail = _predicted_end(entities.get(relation.target), plan_of)
        symmetric = relation.type == RelType.COLLABORATES_WITH
        hits = [
            (i, g)
            for i, g in by_type[relation.type]
            if _ends_match(head, tail, ends[g.head], ends[g.tail], symmetric)
        ]
        required = {i for i, g in hits if not g.optional}
        found |= required
        verdict: bool | None = True if required else (None if hits else False)
        gazetteer = (
            relation.type == RelType.PART_OF
            and head.label == Label.REGION
            and tail.label == Label.REGION
        )
        if verdict is False and gazetteer:
            verdict = None
        tally.prediction(
            str(relation.type), verdict, f"{head.shown} -{relation.type}-> {tail.shown}"
        )
    for kind, entries in by_type.items():
        for i, g in entries:
            if not g.optional:
                tally.gold(str(kind), i in found, f"{g.head} -{kind}-> {g.tail} ({g.plan})")
    return tally


# -- targets ----------------------------------------------------------------------------------


def _target_plans(
    target: Entity, relations: Sequence[Relation], plan_of: dict[str, str]
) -> set[str]:
    plan_ids = {m.plan for m in target.mentions if m.plan}
    plan_ids |= {
        r.source for r in relations if r.type == RelType.SETS_TARGET and r.target == target.id
    }
    return {plan_of[p] for p in plan_ids if p in plan_of}


def _score_targets(
    gold: Sequence[GoldEntity],
    predicted: Sequence[Entity],
    relations: Sequence[Relation],
    plan_of: dict[str, str],
) -> _Tally:
    tally = _Tally()
    found: set[int] = set()
    for target in predicted:
        value = target.properties.get("value")
        plans = _target_plans(target, relations, plan_of)
        hits = [
            i
            for i, g in enumerate(gold)
            if target_matches([target.name, *target.aliases], value, g.name, g.value)
            and not (plans and g.plans and plans.isdisjoint(g.plans))
        ]
        required = {i for i in hits if not gold[i].optional}
        found |= required
        verdict: bool | None = True if required else (None if hits else False)
        unit = target.properties.get("unit") or ""
        tally.prediction(Label.TARGET, verdict, f"{target.name} {value}{unit} {sorted(plans)}")
    for i, g in enumerate(gold):
        if not g.optional:
            tally.gold(Label.TARGET, i in found, f"{g.name} {g.value:g}{g.unit or ''} {g.plans}")
    return tally


# -- entry points -----------------------------------------------------------------------------


def evaluate(
    gold: GoldSet, entities: Iterable[Entity], relations: Iterable[Relation]
) -> EvaluationReport:
    """Score predicted entities and relations (e.g. a store's whole content) against gold."""
    entity_list = list(entities)
    relation_list = list(relations)
    by_id = {e.id: e for e in entity_list}
    mapping = map_plans(gold.plans, entity_list, source=gold.source)
    plan_of = {pred: gold_id for gold_id, pred in mapping.items() if pred is not None}

    scored_gold = [g for g in gold.entities if g.label not in UNSCORED_ENTITY_LABELS]
    scored_pred = [e for e in entity_list if e.label not in UNSCORED_ENTITY_LABELS]
    untyped, duplicates = _score_entities(scored_gold, scored_pred, typed=False)
    typed, _ = _score_entities(scored_gold, scored_pred, typed=True)
    rels = _score_relations(gold, by_id, relation_list, plan_of)
    targets = _score_targets(
        [g for g in gold.entities if g.label == Label.TARGET and g.value is not None],
        [e for e in entity_list if e.label == Label.TARGET],
        relation_list,
        plan_of,
    )
    return EvaluationReport(
        plan_mapping=mapping,
        entities=untyped.overall,
        entities_by_label=untyped.by_group(),
        entities_typed=typed.overall,
        entities_typed_by_label=typed.by_group(),
        duplicates=duplicates,
        relations=rels.overall,
        relations_by_type=rels.by_group(),
        targets=targets.overall,
        errors={
            "entities": untyped.errors,
            "entities_typed": typed.errors,
            "relations": rels.errors,
            "targets": targets.errors,
        },
    )


def _sum_scores(scores: Iterable[Score]) -> Score:
    total = Score()
    for score in scores:
        total.predicted += score.predicted
        total.correct += score.correct
        total.gold += score.gold
        total.found += score.found
    return total


def _sum_groups(groups: Iterable[dict[str, Score]]) -> dict[str, Score]:
    by_key: dict[str, list[Score]] = defaultdict(list)
    for group in groups:
        for key, score in group.items():
            by_key[key].append(score)
    return {key: _sum_scores(scores) for key, scores in sorted(by_key.items())}


def combine_reports(reports: dict[str, EvaluationReport]) -> EvaluationReport:
    """Micro-averaged figures over several gold documents (counts summed, keyed by name)."""
    parts = list(reports.values())
    errors: dict[str, Errors] = defaultdict(Errors)
    for name, report in reports.items():
        for area, found in report.errors.items():
            errors[area].false_positives += [f"[{name}] {e}" for e in found.false_positives]
            errors[area].false_negatives += [f"[{name}] {e}" for e in found.false_negatives]
    return EvaluationReport(
        plan_mapping={
            f"{name}:{gold_id}": plan
            for name, report in reports.items()
            for gold_id, plan in report.plan_mapping.items()
        },
        entities=_sum_scores(r.entities for r in parts),
        entities_by_label=_sum_groups(r.entities_by_label for r in parts),
        entities_typed=_sum_scores(r.entities_typed for r in parts),
        entities_typed_by_label=_sum_groups(r.entities_typed_by_label for r in parts),
        duplicates=sum(r.duplicates for r in parts),
        relations=_sum_scores(r.relations for r in parts),
        relations_by_type=_sum_groups(r.relations_by_type for r in parts),
        targets=_sum_scores(r.targets for r in parts),
        errors=dict(errors),
    )


def evaluate_store(gold: GoldSet, store: GraphStore) -> EvaluationReport:
    """Score whatever the store holds."""
    return evaluate(gold, store.iter_entities(), store.iter_relations())


def report_summary(report: EvaluationReport) -> dict[str, Any]:
    """The headline F1 figures, e.g. for a benchmark's JSON line."""
    return {
        "entity_f1": round(report.entities.f1, 4),
        "entity_typed_f1": round(report.entities_typed.f1, 4),
        "relation_f1": round(report.relations.f1, 4),
        "target_f1": round(report.targets.f1, 4),
    }
