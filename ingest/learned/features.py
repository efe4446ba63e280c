"""Features of characters (for the tagger) and of mention pairs (for the relation reader).

A sentence is read once into a ``SentenceView``: its jieba words and what the rules
found in it (mention spans with labels, facts between names). Every feature is a
string; the models weigh them, so a rule that is often wrong costs little.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import rjieba

from ingest.learned.cues import relation_cues
from ingest.learned.spans import Span
from ingest.rules.lexicon import SUFFIX_LABELS
from ingest.wordlists import any_of

_PUNCT = set('，,、；;：:。！？!?（）()“”"《》【】')
_SUFFIX_RE = any_of(tuple(SUFFIX_LABELS))


def words_of(text: str) -> list[tuple[int, int]]:
    """The words of ``text`` as spans: jieba's dictionary, no HMM (fast, deterministic).

    rjieba is jieba's algorithm and dictionary in Rust: the same words at about sixty
    times the speed of the pure-Python jieba, which would cost more than all else here.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    for word in rjieba.cut(text, hmm=False):
        spans.append((position, position + len(word)))
        position += len(word)
    return spans


@dataclass
class SentenceView:
    """One sentence as the learned readers see it."""

    text: str
    words: list[tuple[int, int]]
    rule_spans: list[Span] = field(default_factory=list)
    #: (source span, target span) → relation type, from the rules' facts
    rule_pairs: dict[tuple[tuple[int, int], tuple[int, int]], str] = field(default_factory=dict)
    #: spans the rules read as the plan's priority
    rule_priorities: set[tuple[int, int]] = field(default_factory=set)


def _char_type(c: str) -> str:
    if "\u4e00" <= c <= "\u9fff":
        return "H"
    if c.isdigit():
        return "D"
    if c.isascii() and c.isalpha():
        return "L"
    return "P" if c in _PUNCT else "X"


def char_features(view: SentenceView) -> list[list[str]]:
    """One feature list per character of the sentence.

    Built column by column (each a list comprehension), then zipped: the per-character
    loop of Python is what this costs, so it runs once per feature kind, not per char.
    """
    text = view.text
    n = len(text)
    if not n:
        return []
    padded = "^^" + text + "$$"
    rule = ["O"] * n
    for span in view.rule_spans:
        rule[span.start] = "B-" + span.label
        for i in range(span.start + 1, span.end):
            rule[i] = "I-" + span.label
    word_of: list[str] = []
    position: list[str] = []
    before: list[str] = []
    after: list[str] = []
    texts = [text[s:e] for s, e in view.words]
    for k, (s, e) in enumerate(view.words):
        size = e - s
        word_of += [texts[k]] * size
        position += ["S"] if size == 1 else ["B", *(["M"] * (size - 2)), "E"]
        before += [texts[k - 1] if k else "^"] * size
        after += [texts[k + 1] if k + 1 < len(texts) else "$"] * size
    types = [_char_type(c) for c in padded[1:-1]]
    columns = [
        ["c=" + c for c in text],
        ["p=" + c for c in padded[1 : n + 1]],
        ["pp=" + c for c in padded[:n]],
        ["n=" + c for c in padded[3 : n + 3]],
        ["nn=" + c for c in padded[4 : n + 4]],
        ["pc=" + padded[i + 1 : i + 3] for i in range(n)],
        ["cn=" + padded[i + 2 : i + 4] for i in range(n)],
        ["t=" + types[i + 1] + types[i] + types[i + 2] for i in range(n)],
        ["wp=" + p for p in position],
        ["w=" + w for w in word_of],
        ["pw=" + w for w in before],
        ["nw=" + w for w in after],
        ["r=" + r for r in rule],
        ["rp=^", *("rp=" + r for r in rule[:-1])],
        [*("rn=" + r for r in rule[1:]), "rn=$"],
    ]
    out = [list(row) for row in zip(*columns, strict=True)]
    for match in _SUFFIX_RE.finditer(text):
        out[match.end() - 1].append("sx=" + str(SUFFIX_LABELS[match.group()]))
    out[0].append("BOS")
    out[-1].append("EOS")
    return out


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return "more"


def _clause_start(text: str, position: int) -> int:
    for i in range(position - 1, -1, -1):
        if text[i] in "，,；;：:。":
            return i + 1
    return 0


def pair_features(view: SentenceView, first: Span, second: Span, between: int) -> list[str]:
    """Features of two mentions in text order; ``between``: mentions that lie between."""
    text = view.text
    gap = text[first.end : second.start]
    features = [
        "lab=" + first.label + ">" + second.label,
        "dist=" + _bucket(len(gap), (0, 2, 5, 10, 20, 40)),
        "mid=" + _bucket(between, (0, 1, 2, 4)),
    ]
    if not gap:
        features.append("adjacent")
    elif set(gap) <= set("、和及与"):
        features.append("coord=" + gap)
    if any(p in gap for p in "，,；;：:"):
        features.append("clause_break")
    for cue in relation_cues().findall(gap):
        features.append("bc=" + cue)
    ws = [text[s:e] for s, e in view.words if s >= first.end and e <= second.start]
    for word in ws[:10]:
        features.append("bw=" + word)
    if ws:
        features.append("bw0=" + ws[0])
        features.append("bwN=" + ws[-1])
    clause = text[_clause_start(text, first.start) : first.start]
    for cue in relation_cues().findall(clause):
        features.append("pc=" + cue)
    before = [text[s:e] for s, e in view.words if e <= first.start][-2:]
    features.extend("b=" + w for w in before)
    after = [text[s:e] for s, e in view.words if s >= second.end][:2]
    features.extend("a=" + w for w in after)
    for cue in relation_cues().findall(text, second.end, min(len(text), second.end + 12)):
        features.append("ac=" + cue)
    key = ((first.start, first.end), (second.start, second.end))
    rule = view.rule_pairs.get(key)
    if rule:
        features.append("rule=" + rule)
    rule_back = view.rule_pairs.get((key[1], key[0]))
    if rule_back:
        features.append("rule~=" + rule_back)
    return features


def plan_features(view: SentenceView, span: Span, title: bool) -> list[str]:
    """Features of the plan naming ``span`` as its priority (PRIORITIZES)."""
    text = view.text
    features = ["lab=" + span.label, "pos=" + _bucket(span.start, (0, 4, 10, 20, 40))]
    if title:
        features.append("title")
    clause = text[_clause_start(text, span.start) : span.start]
    for cue in relation_cues().findall(clause):
        features.append("pc=" + cue)
    for cue in relation_cues().findall(text, span.end, min(len(text), span.end + 8)):
        features.append("ac=" + cue)
    before = [text[s:e] for s, e in view.words if e <= span.start][-2:]
    features.extend("b=" + w for w in before)
    after = [text[s:e] for s, e in view.words if s >= span.end][:2]
    features.extend("a=" + w for w in after)
    if span.start and text[span.start - 1] in "、":
        features.append("listed")
    if span.end < len(text) and text[span.end] in "、等":
        features.append("listed_next")
    if text[span.start : span.start + 1] in '“"':
        features.append("quoted")
    if (span.start, span.end) in view.rule_priorities:
        features.append("rule=PRIORITIZES")
    features.append("len=" + _bucket(len(text), (15, 40, 80, 160)))
    return features
