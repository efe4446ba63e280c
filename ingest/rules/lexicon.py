"""What the rules know about the vocabulary of Chinese S&T plans.

Everything here is general knowledge of the genre (how platforms are named, which
words are kinds rather than names, the usual abbreviations of the S&T
administration), never a string of one document. The word lists live in ``data/``,
one file per list, each saying in its header what it is; this module reads them once
and gives them their types.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.schema import Label
from ingest.wordlists import read_sections, read_words

DATA = Path(__file__).with_name("data")


def _words(name: str) -> tuple[str, ...]:
    """The words of ``data/<name>.txt``, in file order."""
    return read_words(DATA / f"{name}.txt")


def _grouped(name: str) -> dict[str, tuple[str, ...]]:
    """The sections of ``data/<name>.txt``: each ``[section]`` and the words under it."""
    sections = read_sections(DATA / f"{name}.txt")
    if sections.pop(""):
        raise ValueError(f"{name}.txt: words before the first [section]")
    return sections


def _labelled(name: str) -> dict[str, Label]:
    """Word -> label, from a file whose sections are labels."""
    return {word: Label(label) for label, words in _grouped(name).items() for word in words}


def _sections_of(name: str) -> dict[str, tuple[str, ...]]:
    """Word -> every section it is under, in file order (a word may be under several)."""
    out: dict[str, tuple[str, ...]] = {}
    for section, words in _grouped(name).items():
        for word in words:
            out[word] = (*out.get(word, ()), section)
    return out


#: Parks named as a valley of one industry (光谷, 氢谷, 药谷).
VALLEY_PARKS: tuple[str, ...] = _words("valley_parks")
#: Name suffixes and the label they give, longest first when compiled. A suffix marks
#: the right end of a name; the left end is found by ``mentions.left_boundary``.
SUFFIX_LABELS: dict[str, Label] = _labelled("suffix_labels") | dict.fromkeys(
    VALLEY_PARKS, Label.PARK
)
#: Suffixes that continue a name rather than end it when one of these words follows.
SUFFIX_BLOCKERS: dict[str, tuple[str, ...]] = _grouped("suffix_blockers")
#: Suffixes too short to stand without a two-character stem in front.
SHORT_SUFFIXES: frozenset[str] = frozenset(_words("short_suffixes") + VALLEY_PARKS)
#: Branch suffixes: the entity is part of the one named before it.
BRANCH_SUFFIXES: tuple[str, ...] = _words("branch_suffixes")

#: Abbreviations of the S&T administration and national bodies: surface -> canonical.
ABBREVIATIONS: dict[str, str] = {
    surface: canonical
    for canonical, surfaces in _grouped("abbreviations").items()
    for surface in surfaces
}
#: Endings rewritten to their long form anywhere in a name, in order: (short, long).
SUFFIX_EXPANSIONS: tuple[tuple[str, str], ...] = tuple(
    (short, long) for long, shorts in _grouped("suffix_expansions").items() for short in shorts
)
#: Stand-alone bodies known by name; these are mentions even without a suffix context.
KNOWN_BODIES: dict[str, Label] = _labelled("known_bodies")
#: Academies whose name at the start of a longer name (中科院化学所) is an entity too.
PARENT_ACADEMIES: tuple[str, ...] = _words("parent_academies")
#: National programmes known by a bare name, and the forms they take in prose. These
#: are patterns (a name and what may not follow it), not a word list, so they stay here.
KNOWN_PROGRAMS: dict[str, str] = {
    r"科技特派员(?!工作站|培训中心)": "科技特派员",
    r"星火计划": "星火计划",
    r"火炬计划": "火炬计划",
    r"国家(?:973|863)计划": "",
    r"(?<!国家)(?:973|863)计划": "",
}

#: Leading qualifiers that make a name a kind (省级重点实验室 is any provincial key lab).
KIND_PREFIXES: tuple[str, ...] = _words("kind_prefixes")
#: Bare kinds: a name equal to one of these, after kind prefixes are removed, is not a name.
KIND_WORDS: frozenset[str] = frozenset(_words("kind_words"))
#: Words that, at the start of a remainder, show a description rather than a name.
DESCRIPTIVE_STARTS: tuple[str, ...] = _words("descriptive_starts")

#: Levels written as one character before a body (市农科院, 州人民政府, 乡科技信息中心).
LEVEL_CHARS: dict[str, tuple[str, ...]] = _sections_of("level_chars")

#: Anonymised place names in published samples.
PLACEHOLDER = re.compile(r"^(?:x{2,}|X{2,}|×{2,}|某)")

#: Stop words ending a name on its left: verbs and function words of plan prose.
LEFT_STOPS: frozenset[str] = frozenset(_words("left_stops"))
#: Programme names may hold 和/与/及 and most verbs (新能源开发利用和节能技术推广示范工程);
#: only the verbs that govern a programme end one on its left.
PROGRAM_LEFT_STOPS: frozenset[str] = frozenset(_words("program_left_stops"))
#: Field words written before 与 inside one name (材料技术与工程研究所, 资源与环境学院):
#: a 与 after them joins two fields, not two bodies.
FIELD_WORDS_BEFORE_AND: frozenset[str] = frozenset(_words("field_words_before_and"))
#: Verbs that also occur inside names (新材料联合研究中心, 科技服务中心): at a name's
#: very start, after a stop, they govern it (联合A大学, 服务B实验室) and are cut off.
LEADING_VERBS: tuple[str, ...] = _words("leading_verbs")
#: Nominalised verbs that end a field inside a platform's name (资源利用, 生态保护):
#: after a field word they continue the name instead of ending it.
FIELD_VERBS: frozenset[str] = frozenset(_words("field_verbs"))
#: Labels of bodies whose names carry a field that may hold 与 (传动与电子控制…实验室).
FIELD_NAMED_LABELS: frozenset[Label] = frozenset(
    {Label.LAB, Label.RESEARCH_CENTER, Label.RESEARCH_INSTITUTE}
)
#: Characters that end a name on its left (punctuation, brackets, digits run separately);
#: whitespace among them, so they are no line-per-word list.
LEFT_STOP_CHARS = frozenset(",，。;；:：、!！?？“”\"'‘’《》「」【】[] \t\n·—-/")
MAX_NAME = 26

#: Heads whose field (the part before them) is an industry: 锰产业工程技术研究中心 -> 锰产业.
FIELD_HEADS: tuple[str, ...] = tuple(sorted(_words("field_heads"), key=len, reverse=True))
#: Labels whose name-field is read as the industry they serve.
FIELD_LABELS: frozenset[Label] = frozenset(
    {Label.ALLIANCE, Label.RESEARCH_CENTER, Label.INCUBATOR, Label.SERVICE_PLATFORM, Label.LAB}
)
#: Modifiers of a shared head dropped when a coordinated name is expanded.
HEAD_MODIFIERS: tuple[str, ...] = _words("head_modifiers")

#: Words that are not industries although they sit in industry lists.
GENERIC_FIELDS: frozenset[str] = frozenset(_words("generic_fields"))
#: Industry-word endings that are kinds of firm or work, not industries (企业 ends in 业).
NON_INDUSTRY_ENDINGS: tuple[str, ...] = _words("non_industry_endings")
#: Nominalised actions listed as "fields" (产业提升, 环境保护): not industries.
ACTION_ENDINGS: tuple[str, ...] = _words("action_endings")
#: Generic industry names (kinds of industry, not one industry).
GENERIC_INDUSTRIES: frozenset[str] = frozenset(_words("generic_industries"))

#: Words a list item starts with when it is no industry (一批, 各, 做大, 推进).
NOT_INDUSTRY_STARTS: tuple[str, ...] = _words("not_industry_starts")
#: Generic activities (科普, 研发): a listed activity equal to one is no programme's name.
GENERIC_ACTIVITIES: frozenset[str] = frozenset(_words("generic_activities"))
#: How programme names end (计划, 工程): one of these before 和/与/及 closes a name.
PROGRAM_ENDS: tuple[str, ...] = _words("program_ends")

#: Verbs that make what follows a priority of the plan (实施X工程, 推进Y试点).
PRIORITY_VERBS: tuple[str, ...] = _words("priority_verbs")
#: Verbs of building a platform (组建, 共建, 打造).
BUILD_VERBS: tuple[str, ...] = _words("build_verbs")
#: Verbs that, shortly before a quoted name (实施“鲲鹏计划”), make it a programme's name.
QUOTE_CUE_VERBS: tuple[str, ...] = _words("quote_cue_verbs")

#: Two-character words that start with a stop character but are no stop (以上, 为主).
NOT_STOPS: frozenset[str] = frozenset(_words("not_stops"))
#: A stop word followed by one of these is part of a firm's name (中关村发展集团).
NAME_CONTINUATIONS: tuple[str, ...] = _words("name_continuations")
#: Words that never occur in a firm's short trade name (they mark descriptions).
NOT_IN_TRADE_NAMES: tuple[str, ...] = _words("not_in_trade_names")


def word_ends_at(text: str, position: int, words: frozenset[str], longest: int = 5) -> str | None:
    """The longest of ``words`` that ends at ``position`` in ``text``, if any.

    Set look-ups of the few substrings that end there; scanning every word with
    ``endswith`` made name boundaries the extractor's hot spot.
    """
    for size in range(min(longest, position), 0, -1):
        word = text[position - size : position]
        if word in words:
            return word
    return None
