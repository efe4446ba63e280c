"""Read a sentence once for the learned readers: jieba's words and the rules' findings."""

from __future__ import annotations

from ingest.learned.features import SentenceView, words_of
from ingest.learned.spans import Span
from ingest.rules.extractor import SentenceReading, read_sentence
from ingest.rules.industries import industry_name
from ingest.rules.mentions import SentenceContext
from ingest.rules.relations import PLAN, Ref, ref

#: The label a kind word (重点实验室 as a kind) carries as a feature.
KIND = "Kind"


def sentence_view(
    text: str, context: SentenceContext, *, title: bool = False
) -> tuple[SentenceView, SentenceReading]:
    """The view of ``text`` with the rules' mentions and facts placed on its spans."""
    reading = read_sentence(text, context, title=title)
    spans: list[Span] = []
    at: dict[Ref, tuple[int, int]] = {}
    for mention in reading.mentions:
        spans.append(Span(mention.start, mention.end, KIND if mention.kind else str(mention.label)))
        at.setdefault(ref(mention), (mention.start, mention.end))
    covered = {i for s in spans for i in range(s.start, s.end)}
    for field_list in reading.lists:
        for item, start, end in field_list.items:
            found = industry_name(item)
            if found is None:
                continue
            at.setdefault(("Industry", found[0]), (start, end))
            if not covered.intersection(range(start, end)):
                spans.append(Span(start, end, "Industry"))
    view = SentenceView(text, words_of(text), sorted(spans, key=lambda s: s.start))
    for fact, _ in reading.facts:
        if fact.source == PLAN:
            target = at.get(fact.target)
            if target:
                view.rule_priorities.add(target)
            continue
        source, target = at.get(fact.source), at.get(fact.target)
        if source and target:
            view.rule_pairs[(source, target)] = str(fact.type)
    return view, reading

