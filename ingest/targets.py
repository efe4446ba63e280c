"""Quantified targets: a number with a unit next to the metric it counts.

Plans state goals in two shapes, and the metric's name is read from whichever side of
the number holds it:

- metric first: ``新增高新技术企业35家``, ``科技进步贡献率超过57.5%``;
- verb, number, object: ``新建10个以上省级创新型乡镇`` (name: verb + object).

Numbers that are not goals are left out by shape rather than by a list of phrases: years
and other units not in ``UNITS``, ordinals (第3批), list markers (``1、``), numbers inside
quotation marks or brackets (``“技术开发费用150%加计抵扣”`` stays part of the name),
counts that describe something already there (``达成的10个方面``), counts that frame a
clause (``围绕…等7个重点领域``) and counts that qualify the subject of another
number in the same clause (``5个重点县建成1个以上…``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast, get_args

from pydantic import BaseModel, Field

from graph.schema import Entity, GraphBatch, Label, Provenance, Relation, RelType
from ingest.extractor import PlanText
from ingest.sentences import Sentence
from ingest.wordlists import any_of, read_sections, read_words

Comparator = Literal["=", ">=", ">", "<=", "<"]
Number = int | float


class TargetMention(BaseModel):
    """One goal as read from a sentence; offsets are those of the sentence in the document."""

    name: str = Field(description="The metric, e.g. 新增高新技术企业")
    value: Number
    unit: str
    comparator: Comparator = "="
    value_max: Number | None = Field(default=None, description="Upper end of a range (3至4)")
    raw: str = Field(description="The quantity as written, with its comparator words")
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


# -- vocabulary ---------------------------------------------------------------------------

_DATA = Path(__file__).with_name("data")
_NOT_GOALS = read_sections(_DATA / "not_goals.txt")
_INCENTIVE = any_of(_NOT_GOALS["incentive"])
_CONDITION_OPENINGS = _NOT_GOALS["condition"]
_PAST = any_of(_NOT_GOALS["past"])


def _states_no_goal(sentence: str, clause: str) -> bool:
    """A promised subsidy or reward, a qualifying condition, or a result already reached.

    A policy's money (给予50万元奖励, 最高补助100万元) and its thresholds (对年销售收入
    5000万元以上的企业) are not goals the plan sets, nor is last year's growth.
    """
    if _INCENTIVE.search(sentence) or _PAST.search(clause):
        return True
    opening = clause.strip(_EDGE_PUNCT)
    return opening.startswith(_CONDITION_OPENINGS) and "的" in opening


def _comparators(name: str) -> dict[str, Comparator]:
    """Word -> comparator, from a data file whose sections are comparators."""
    out: dict[str, Comparator] = {}
    for section, words in read_sections(_DATA / name).items():
        if words and section not in get_args(Comparator):
            raise ValueError(f"{name}: [{section}] is no comparator")
        out.update(dict.fromkeys(words, cast(Comparator, section)))
    return out


_BASE_UNITS = read_words(_DATA / "units.txt")
_UNIT = r"(?:个百分点|百分点|[%％‰]|(?:千万|百万|万|亿)?(?:" + any_of(_BASE_UNITS).pattern + "))"

#: Words before the number that say how it compares; the ones that are not plain
#: equality are part of the raw quantity as gold writes it (超过7000件).
_BEFORE = _comparators("comparators_before.txt")
_BEFORE_RE = re.compile(rf"(?:{any_of(tuple(_BEFORE)).pattern})\s*$")
#: Words after the number that say how it compares (50家以上).
_AFTER = _comparators("comparators_after.txt")

_NUMBER = r"\d+(?:\.\d+)?"
_RANGE = r"(?:至|到|~|～|-|－|—|–)"
_QUANTITY = re.compile(
    rf"(?<![\d.A-Za-z第])(?P<num>{_NUMBER})(?:{_RANGE}(?P<max>{_NUMBER}))?"
    rf"(?P<more>多|余)?(?P<unit>{_UNIT})(?P<after>{any_of(tuple(_AFTER)).pattern})?"
)


#: Verbs a goal's metric begins with; a verb distributes over coordinated objects
#: (认定民营科技企业10家、高新技术企业5家 → 认定高新技术企业).
VERBS = tuple(sorted(read_words(_DATA / "goal_verbs.txt"), key=len, reverse=True))
_VERB_ALT = "|".join(VERBS)
_VERB = re.compile(_VERB_ALT)
_STARTS_WITH_VERB = re.compile(rf"^(?:{_VERB_ALT})")

_FRAMING_OPENERS = any_of(read_words(_DATA / "framing_openers.txt"))
#: Clauses opened by these frame the sentence (围绕…等7个重点领域), they set no goal.
_FRAMING = re.compile(f"^(?:{_FRAMING_OPENERS.pattern})")

_LIST_MARKER = re.compile(
    r"^(?:\d+\s*[、.．)）]|[(（][一二三四五六七八九十\d]+[)）]、?|[一二三四五六七八九十]+、)\s*"
)
#: Modal and time words that carry no part of the metric, wherever they stand.
_ANYWHERE_FILLER = re.compile(
    r"力争|确保|争取|努力|力求|预计|择优|年内|全年|今年|当年|每年|年底前|\d{4}年(?:底|末)?前?"
)
#: Words at the start of a name that are no part of the metric (主要目标是, 其中, 重点).
_LEADING_FILLERS = any_of(read_words(_DATA / "leading_fillers.txt"))
_LEADING_FILLER = re.compile(f"^(?:{_LEADING_FILLERS.pattern})")
_ADVERB_BEFORE_VERB = re.compile(rf"(?:再|都|均)(?=(?:{_VERB_ALT}))")
_QUOTES = re.compile("[\"'“”‘’「」『』]")
_LONG_PARENTHETICAL = re.compile(r"[(（][^()（）]{7,}[)）]")
#: Objects end where a destination begins (选认10名特派员到我市…; 60个项目列入…).
_OBJECT_END = re.compile(r"(?<=.)(?:到|列入|纳入)")
_TRAILING_FRAME = re.compile(r"^(?:的?目标|的?规模|的?水平)$")
_EDGE_PUNCT = " \t\u3000,，、;；:：.。!！?？"
_SEPARATORS = ("以及", "、", ",", "，", "和", "及", "与")
_OPENERS = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "(": ")", "（": "）"}
_CLOSERS = {v: k for k, v in _OPENERS.items()}
_CLAUSE_BREAKS = set(",，:：")


#: A longer "name" is a run-on clause, not a metric.
MIN_NAME, MAX_NAME = 2, 50


# -- clauses and quantities ------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    start: int
    end: int
    value: Number
    value_max: Number | None
    unit: str
    after: str
    more: str
    text: str


def _depths(text: str) -> list[int]:
    """Bracket/quote nesting depth at each character (the opener itself counts as inside)."""
    depths: list[int] = []
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
            depths.append(depth)
        elif char in _CLOSERS:
            depths.append(depth)
            depth = max(0, depth - 1)
        else:
            depths.append(depth)
    return depths


def _clauses(text: str) -> Iterator[str]:
    """Comma/colon-separated clauses outside brackets."""
    depths = _depths(text)
    start = 0
    for i, char in enumerate(text):
        if char in _CLAUSE_BREAKS and depths[i] == 0:
            yield text[start:i]
            start = i + 1
    yield text[start:]


def _number(text: str) -> Number:
    return float(text) if "." in text else int(text)


def _quantities(clause: str) -> list[_Quantity]:
    """Numbers with units that can be goals: not quoted, not bracketed, not 的-attributes."""
    depths = _depths(clause)
    found = []
    for match in _QUANTITY.finditer(clause):
        unit = match["unit"]
        if depths[match.start()] > 0:
            continue
        if unit not in ("%", "％") and clause[match.start() - 1 : match.start()] == "的":
            continue
        found.append(
            _Quantity(
                start=match.start(),
                end=match.end(),
                value=_number(match["num"]),
                value_max=_number(match["max"]) if match["max"] else None,
                unit="%" if unit == "％" else unit,
                after=match["after"] or "",
                more=match["more"] or "",
                text=match.group(),
            )
        )
    return found


def _opening_separator(text: str) -> int:
    """Length of the separator (and blanks before it) that ``text`` opens with, else 0."""
    body = text.lstrip()
    for sep in _SEPARATORS:
        if body.startswith(sep):
            return len(text) - len(body) + len(sep)
    return 0


def _closing_separator(text: str) -> int:
    body = text.rstrip()
    for sep in _SEPARATORS:
        if body.endswith(sep):
            return len(text) - len(body) + len(sep)
    return 0


@dataclass
class _Reading:
    quantity: _Quantity
    prefix: str
    suffix: str


def _readings(clause: str) -> Iterator[_Reading]:
    """Pair each quantity with the text before it (its metric) and after it (its object).

    Text between two quantities belongs to the second when it opens with a separator
    (10家、高新技术企业5家), to the first when it closes with one (10个以上A、30个…);
    with neither, the first number only qualifies the second's subject and is dropped,
    its text becoming part of the second's metric.
    """
    quantities = _quantities(clause)
    prefix_start = 0
    for i, quantity in enumerate(quantities):
        prefix = clause[prefix_start : quantity.start]
        following_end = quantities[i + 1].start if i + 1 < len(quantities) else len(clause)
        following = clause[quantity.end : following_end]
        if i + 1 == len(quantities):
            yield _Reading(quantity, prefix, following)
            return
        opening = _opening_separator(following)
        if opening:
            yield _Reading(quantity, prefix, "")
            prefix_start = quantity.end + opening
            continue
        closing = _closing_separator(following)
        if closing:
            yield _Reading(quantity, prefix, following[:-closing])
            prefix_start = following_end
        # else: the number only qualifies the next one's subject and joins its prefix


# -- names ----------------------------------------------------------------------------


def _tidy(text: str) -> str:
    text = _QUOTES.sub("", text)
    text = _LONG_PARENTHETICAL.sub("", text)
    text = _ADVERB_BEFORE_VERB.sub("", text)
    return text.strip(_EDGE_PUNCT)


def _clean_prefix(text: str) -> str:
    text = _LIST_MARKER.sub("", text.strip(_EDGE_PUNCT))
    text = _ANYWHERE_FILLER.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER.sub("", text.strip(_EDGE_PUNCT))
    if text.startswith("在"):
        verbs = list(_VERB.finditer(text))
        if verbs:
            text = text[verbs[-1].start() :]
    return _tidy(text)


def _comparator(prefix: str, quantity: _Quantity) -> tuple[str, Comparator, str]:
    """The prefix without its comparator word, the comparator, and the raw quantity."""
    comparator: Comparator = "="
    raw = quantity.text
    match = _BEFORE_RE.search(prefix)
    if match is not None:
        word = match.group().strip()
        comparator = _BEFORE[word]
        prefix = prefix[: match.start()]
        if comparator != "=":
            raw = word + raw
    if quantity.more and comparator == "=":
        comparator = ">"
    if quantity.after and comparator == "=":
        comparator = _AFTER[quantity.after]
    return prefix, comparator, raw


def _clean_object(text: str, unit: str) -> str:
    text = _QUOTES.sub("", text).strip(_EDGE_PUNCT)
    text = text.removeprefix("的")
    cut = _OBJECT_END.search(text)
    if cut is not None:
        text = text[: cut.start()]
    text = _tidy(text)
    if text and unit == "%" and not text.endswith(("率", "比例", "比重")):
        text += "的比例"
    return text


def _name(reading: _Reading, prefix: str) -> str | None:
    """The metric's name, or None when the quantity sets no goal."""
    obj = reading.suffix.strip(_EDGE_PUNCT)
    if _TRAILING_FRAME.match(obj):
        obj = ""
    if not obj:
        return prefix or None
    # verb, number, object
    if prefix.endswith("等"):
        # 推行A、B、C等3种模式: the examples go, the verb stays
        verb = _STARTS_WITH_VERB.match(prefix)
        if verb is None:
            return None
        prefix = verb.group()
    if prefix and not prefix.endswith(VERBS):
        return prefix if obj.startswith("的") else None
    if "的" in obj.removeprefix("的"):
        return None
    cleaned = _clean_object(obj, reading.quantity.unit)
    return prefix + cleaned if cleaned else None


def _leading_verb(name: str) -> str | None:
    match = _STARTS_WITH_VERB.match(name)
    return match.group() if match else None


def targets_in(sentences: Iterable[Sentence]) -> list[TargetMention]:
    """Every quantified goal in ``sentences`` (already split, with document offsets)."""
    found: list[TargetMention] = []
    for sentence in sentences:
        previous: TargetMention | None = None
        for clause in _clauses(sentence.text):
            if _states_no_goal(sentence.text, clause):
                continue
            if _FRAMING.match(_LIST_MARKER.sub("", clause.strip(_EDGE_PUNCT))):
                continue
            for reading in _readings(clause):
                raw_prefix, comparator, raw = _comparator(reading.prefix, reading.quantity)
                name = _name(reading, _clean_prefix(raw_prefix))
                if name is None or not MIN_NAME <= len(name) <= MAX_NAME:
                    continue
                if previous is not None and _leading_verb(name) is None:
                    verb = _leading_verb(previous.name)
                    if verb is not None and previous.unit == reading.quantity.unit:
                        name = verb + name
                quantity = reading.quantity
                mention = TargetMention(
                    name=name,
                    value=quantity.value,
                    unit=quantity.unit,
                    comparator=comparator,
                    value_max=quantity.value_max,
                    raw=raw,
                    sentence=sentence.text,
                    start=sentence.start,
                    end=sentence.end,
                )
                found.append(mention)
                previous = mention
    return found


# -- graph facts ----------------------------------------------------------------------


class TargetReader:
    """The targets extractor: a Target per goal of the plan, and its SETS_TARGET."""

    name = "targets"

    def extract(self, plan: PlanText) -> GraphBatch:
        return target_facts(plan)


def target_facts(text: PlanText) -> GraphBatch:
    """A Target per goal of the plan (keyed by plan and name) and the plan's SETS_TARGET.

    A plan that names one metric twice keeps the first reading.
    """
    plan = text.plan
    entities: dict[str, Entity] = {}
    relations: list[Relation] = []
    for mention in targets_in(text.sentences):
        evidence = Provenance(
            document=text.document.id,
            plan=plan.plan_id,
            sentence=mention.sentence,
            start=mention.start,
            end=mention.end,
        )
        properties: dict[str, str | int | float | None] = {
            "value": mention.value,
            "unit": mention.unit,
            "comparator": mention.comparator,
            "raw": mention.raw,
        }
        if mention.value_max is not None:
            properties["value_max"] = mention.value_max
        target = Entity.create(
            Label.TARGET,
            mention.name,
            key=f"{plan.plan_key}|{mention.name}",
            properties=dict(properties),
            mentions=[evidence],
        )
        if target.id in entities:
            continue
        entities[target.id] = target
        relations.append(
            Relation.create(RelType.SETS_TARGET, plan.plan_id, target.id, evidence=[evidence])
        )
    return GraphBatch(entities=list(entities.values()), relations=relations)
