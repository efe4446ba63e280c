"""``LearnedExtractor``: mentions from the CRF tagger, relations from the pair classifier.

Per sentence: the rules read it (features), the tagger decides the mention spans and
labels, each span becomes a node through the rules' canonicaliser (so 市科技局 in a
plan of 嘉兴市 is 嘉兴市科学技术局, and a kind is no node), and the classifier decides
each candidate pair. What a name implies (its field, its place, its parent) is kept
from the rules for mentions the tagger confirmed: those facts are precise and general.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.schema import GraphBatch, Label, Provenance, RelType
from ingest.errors import ModelMissing
from ingest.extractor import PlanText
from ingest.gazetteer import Gazetteer, Region, default_gazetteer
from ingest.learned.examples import NONE
from ingest.learned.features import SentenceView, char_features, pair_features, plan_features
from ingest.learned.models import Classifier, SequenceTagger
from ingest.learned.spans import Span, from_bio
from ingest.learned.trim import trim_left
from ingest.learned.views import sentence_view
from ingest.rules.extractor import (
    FactCollector,
    RuleExtractor,
    SentenceReading,
    implied_facts,
    plan_context,
)
from ingest.rules.mentions import Mention, SentenceContext, find_mentions
from ingest.rules.name_links import located_in, served_field
from ingest.rules.names import canonical
from ingest.rules.relations import Fact, Ref

MODELS = Path(__file__).with_name("models")
#: Rule readings kept as they are when the tagger confirmed both ends: 依托A建设P is as
#: plain a cue as plan prose has, and too rare in the gold for the classifier to learn.
TRUSTED_RULE_TYPES = frozenset({RelType.BASED_ON})
#: Pairs further apart than this (characters) are not classified.
MAX_GAP = 80
_QUOTES = '“”"《》「」 '


@dataclass(frozen=True)
class ModelSet:
    tagger: SequenceTagger
    pairs: Classifier
    plan: Classifier
    pair_labels: frozenset[tuple[str, str]]  # label pairs (text order) that ever relate
    threshold: float
    span_threshold: float


@cache
def load_models(folder: Path = MODELS) -> ModelSet:
    """The trained models of ``folder`` (cached: they are read-only once loaded)."""
    if not (folder / "meta.json").exists():
        raise ModelMissing(f"no models in {folder}: run `plangraph train` to write them")
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return ModelSet(
        tagger=SequenceTagger(folder / "tagger.crfsuite"),
        pairs=Classifier(folder / "relations.crfsuite"),
        plan=Classifier(folder / "plan_relations.crfsuite"),
        pair_labels=frozenset((a, b) for a, b in meta["pair_labels"]),
        threshold=float(meta.get("threshold", 0.5)),
        span_threshold=float(meta.get("span_threshold", 0.0)),
    )


class LearnedExtractor:
    """The default extractor: trained on real gold (``plangraph train``)."""

    name = "learned"

    def __init__(self, models: Path = MODELS, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.models = load_models(models)
        self.rules = RuleExtractor(self.gazetteer)

    def extract(self, plan: PlanText) -> GraphBatch:
        context = plan_context(self.gazetteer, plan.plan, plan.text)
        out = FactCollector(plan.plan.plan_id)
        title = plan.plan.title
        for sentence in plan.sentences:
            in_title = bool(title) and title in sentence.text
            view, reading = sentence_view(sentence.text, context, title=in_title)
            spans = self.spans(view)
            self._sentence(view, reading, spans, context, out, plan.evidence(sentence), in_title)
        return out.batch()

    def spans(self, view: SentenceView) -> list[Span]:
        """The tagged spans whose least sure character is at least ``span_threshold``."""
        threshold = self.models.span_threshold
        if threshold <= 0:
            return from_bio(self.models.tagger.tag(char_features(view)))
        tags, confidence = self.models.tagger.tag_with_confidence(char_features(view))
        return [s for s in from_bio(tags) if min(confidence[s.start : s.end]) >= threshold]

    def _sentence(
        self,
        view: SentenceView,
        reading: SentenceReading,
        spans: list[Span],
        context: SentenceContext,
        out: FactCollector,
        evidence: Provenance,
        title: bool,
    ) -> None:
        by_span = {(m.start, m.end): m for m in reading.mentions}
        known: dict[Ref, Mention] = {}
        implied: list[Fact] = []
        ids: list[str | None] = []
        spans = _expand_coordination(
            [trim_left(view.text, span, view.words) for span in spans], reading.mentions
        )
        by_span.update(((m.start, m.end), m) for m in reading.mentions if m.expanded)
        for span in spans:
            node, mention = self._node(view, span, by_span, known, context, out, evidence)
            ids.append(node)
            if mention is not None and by_span.get((span.start, span.end)) is not mention:
                implied.extend(implied_facts(mention, context))
            if node is not None:
                self._name_links(
                    view.text[span.start : span.end], span, node, context, out, evidence
                )
        self._pairs(view, spans, ids, out, evidence)
        if not title:
            self._plan_links(view, spans, ids, out, evidence)
        implied.extend(f for f in reading.name_facts if f.source in known)
        implied.extend(
            f
            for f, _ in reading.facts
            if f.type in TRUSTED_RULE_TYPES
            and f.source in known
            and (f.target in known or f.target[0] == Label.INDUSTRY)
        )
        self.rules.emit([(f, []) for f in implied], reading.industry_aliases, known, out, evidence)

    def _node(
        self,
        view: SentenceView,
        span: Span,
        by_span: dict[tuple[int, int], Mention],
        known: dict[Ref, Mention],
        context: SentenceContext,
        out: FactCollector,
        evidence: Provenance,
    ) -> tuple[str | None, Mention | None]:
        """The node a tagged span names (None for a kind), and the rules' reading of it."""
        surface = view.text[span.start : span.end]
        label = Label(span.label)
        mention = by_span.get((span.start, span.end))
        if mention is None or mention.kind or mention.label != label:
            mention = _reread(surface, label, context)
        if mention is not None:
            return self.rules.register(mention, out, evidence, known, top=True) or None, mention
        if label == Label.REGION:
            return self._region(surface, out, evidence), None
        if label == Label.INDUSTRY:
            name = surface.strip(_QUOTES)
            return (out.entity(label, name, [], evidence) if len(name) >= 2 else None), None
        quoted = view.text[span.start - 1 : span.start] in ("“", "《") if span.start else False
        found = canonical(surface, label, context.place, quoted=quoted)
        if found is None:
            return None, None
        name, aliases = found
        return out.entity(label, name.strip(_QUOTES), aliases, evidence), None

    def _name_links(
        self,
        surface: str,
        span: Span,
        node: str,
        context: SentenceContext,
        out: FactCollector,
        evidence: Provenance,
    ) -> None:
        """LOCATED_IN and SERVES that the name itself carries (``name_links``)."""
        label = Label(span.label)
        placed = located_in(surface, label, context)
        if placed is not None:
            region, written = placed
            target = self._region_node(region, written, out, evidence)
            out.relation(RelType.LOCATED_IN, node, target, evidence)
        field = served_field(surface, label, context)
        if field is not None and (field.certain or self._reads_as_industry(field.name, context)):
            industry = out.entity(Label.INDUSTRY, field.name, [], evidence)
            out.relation(RelType.SERVES, node, industry, evidence)

    def _reads_as_industry(self, text: str, context: SentenceContext) -> bool:
        """Whether the tagger reads ``text`` on its own as one Industry (稀土: yes; 明月湖: no).

        A name's stem is a field only if it reads as one: the rule finds the stem, the
        model decides.
        """
        view, _ = sentence_view(text, context)
        return self.spans(view) == [Span(0, len(text), str(Label.INDUSTRY))]

    def _region(self, surface: str, out: FactCollector, evidence: Provenance) -> str:
        known = self.gazetteer.lookup(surface)
        if len(known) == 1:
            return self._region_node(known[0], surface, out, evidence)
        return out.entity(Label.REGION, surface, [], evidence)

    def _region_node(
        self, region: Region, written: str, out: FactCollector, evidence: Provenance
    ) -> str:
        """The region's node (and its PART_OF chain), with the written form as an alias."""
        mention = Mention(
            0, len(written), Label.REGION, region.name, aliases=[written], region=region
        )
        return self.rules.register(mention, out, evidence, {}, top=True)

    def _pairs(
        self,
        view: SentenceView,
        spans: list[Span],
        ids: list[str | None],
        out: FactCollector,
        evidence: Provenance,
    ) -> None:
        models = self.models
        for i, first in enumerate(spans):
            for j in range(i + 1, len(spans)):
                second = spans[j]
                if second.start - first.end > MAX_GAP:
                    break
                a, b = ids[i], ids[j]
                if a is None or b is None or a == b:
                    continue
                if (first.label, second.label) not in models.pair_labels:
                    continue
                kind, p = models.pairs.classify(pair_features(view, first, second, j - i - 1))
                if kind == NONE or p < models.threshold:
                    continue
                if kind.endswith("~"):
                    out.relation(RelType(kind[:-1]), b, a, evidence)
                else:
                    out.relation(RelType(kind), a, b, evidence)

    def _plan_links(
        self,
        view: SentenceView,
        spans: list[Span],
        ids: list[str | None],
        out: FactCollector,
        evidence: Provenance,
    ) -> None:
        for span, node in zip(spans, ids, strict=True):
            if node is None or span.label not in (Label.INDUSTRY, Label.PROGRAM):
                continue
            kind, p = self.models.plan.classify(plan_features(view, span, title=False))
            if kind != NONE and p >= self.models.threshold:
                out.relation(RelType(kind), out.plan_id, node, evidence)


def _expand_coordination(spans: list[Span], mentions: list[Mention]) -> list[Span]:
    """The tagged spans, with the coordinated names the rules expanded put in their place.

    植物资源提取、民族医药等技术创新战略联盟 names two alliances (GUIDELINES, Names). The
    gold lists the expanded names, which the text never writes whole, so the tagger
    cannot learn them; the rules' expansion is precise and stands in for it.
    """
    expanded = [m for m in mentions if m.expanded and not m.kind]
    if not expanded:
        return spans

    def replaced(span: Span) -> bool:
        return any(
            str(m.label) == span.label and m.start < span.end and span.start < m.end
            for m in expanded
        )

    kept = [span for span in spans if not replaced(span)]
    added = [Span(m.start, m.end, str(m.label)) for m in expanded]
    return sorted(dict.fromkeys([*kept, *added]), key=lambda span: (span.start, span.end))


def _reread(surface: str, label: Label, context: SentenceContext) -> Mention | None:
    """The rules' reading of a tagged name on its own, when they read it whole, same label.

    The tagger may find a name the rules missed in the sentence (a different left end);
    read alone, the name still gets the rules' canonical form, nested names and the
    facts the name implies (呼和浩特综保区 lies in 呼和浩特市).
    """
    for mention in find_mentions(surface, context):
        if mention.start == 0 and mention.end == len(surface) and mention.label == label:
            return None if mention.kind else mention
    return None


__all__ = ["MODELS", "LearnedExtractor", "load_models"]
