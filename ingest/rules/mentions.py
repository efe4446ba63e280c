"""Entity mentions of one sentence: suffix-anchored names, quoted programmes, regions.

A name's right end is its suffix (联盟, 研究院, 孵化器 …); its left end is the nearest
punctuation, coordination mark, verb or function word. Names inside names stay as
``nested`` mentions of the outer one (机科院 in 机科院海西分院), since the relations
they imply are read from the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.schema import Label
from ingest.gazetteer import Gazetteer, Region
from ingest.rules.coordination import find_coordination
from ingest.rules.industries import industry_name
from ingest.rules.lexicon import (
    BRANCH_SUFFIXES,
    FIELD_NAMED_LABELS,
    FIELD_VERBS,
    FIELD_WORDS_BEFORE_AND,
    GENERIC_ACTIVITIES,
    KNOWN_BODIES,
    KNOWN_PROGRAMS,
    LEADING_VERBS,
    LEFT_STOP_CHARS,
    LEFT_STOPS,
    MAX_NAME,
    NAME_CONTINUATIONS,
    NOT_IN_TRADE_NAMES,
    NOT_STOPS,
    PLACEHOLDER,
    PROGRAM_ENDS,
    PROGRAM_LEFT_STOPS,
    QUOTE_CUE_VERBS,
    SHORT_SUFFIXES,
    SUFFIX_BLOCKERS,
    SUFFIX_LABELS,
    word_ends_at,
)
from ingest.rules.names import PlanPlace, canonical, is_kind, short_display
from ingest.wordlists import any_of


@dataclass
class Mention:
    start: int
    end: int
    label: Label
    name: str
    aliases: list[str] = field(default_factory=list)
    nested: list[Mention] = field(default_factory=list)
    region: Region | None = None
    within: Region | None = None  # the county a township found by its suffix lies in
    fields: list[tuple[str, list[str]]] = field(default_factory=list)  # industries it serves
    kind: bool = False  # a kind word (重点实验室): a span, never an entity
    suffix: str = ""
    expanded: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


_SUFFIX_RE = re.compile("|".join(sorted(map(re.escape, SUFFIX_LABELS), key=len, reverse=True)))
_SUFFIX_END_RE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, SUFFIX_LABELS), key=len, reverse=True)) + ")$"
)
_KNOWN_RE = re.compile("|".join(sorted(map(re.escape, KNOWN_BODIES), key=len, reverse=True)))
# An institute of an academy, written out or abbreviated (中科院计算所, 中国科学院宁波材料
# 技术与工程研究所): the academy's name, a stem that is no list or clause, and 所.
_ACADEMY_INSTITUTE = re.compile(
    r"(?:中科院|中国科学院|中国[\u4e00-\u9fff]{2,4}科学院|中国农科院|中国医科院)"
    r"(?![与和及同、])[^\s,，。、;；:：“”等的]{1,16}?(?:研究所|所)(?![长有以属在])"
)
_KNOWN_PROGRAM_RES = [(re.compile(p), name) for p, name in KNOWN_PROGRAMS.items()]
_QUOTE = re.compile(r"[“\"]([^“”\"]{2,40})[”\"]")
_PLAN_PERIOD = re.compile(r"十[一二三四五六七八九]五|[\d一二三四五六七八九十〇]+年?")
_BOOK = re.compile(r"《([^《》]{2,60})》")
_PROGRAM_END = re.compile(r"(?:行动计划|计划|工程|专项|试点|行动)$")
_PROGRAM_FOLLOWER = re.compile(
    r"^\s*(?:(活动|试点工作|项目|机制|制度)|(行动计划|计划|工程|专项行动|专项|行动|试点))"
)
_CUE_BEFORE_QUOTE = re.compile(f"(?:{any_of(QUOTE_CUE_VERBS).pattern})[^,，。;；]{{0,6}}$")
_ACTIVITY = re.compile(r"(?:组织开展|开展|举办|组织)([\u4e00-\u9fff]{2,16}?)活动")
_QUANTITY_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十两几]+)(?:个|项|大|类|家)$")
_TOWNSHIP = re.compile(
    r"(?:(?<=\d年)|(?<=[县市区旗州])|^)([\u4e00-\u9fff]{2,4}?[乡镇])(?=[\u4e00-\u9fff])"
)
_TOWNSHIP_BAD = set("我全各本该城创新型和、的")
# A county plan names its townships where a place goes: 在A镇、B乡建设…, 支持C乡建设….
_LISTED_TOWNSHIP = re.compile(
    r"(?:(?<=[在、,，;；:：和及与])|(?<=支持|推动|推进|依托|引导|鼓励|指导))"
    r"(?![在和及与])([\u4e00-\u9fff]{2,3}[乡镇])"
    r"(?=[、和及与,，。;；]|建设|打造|创建|开展|实施|推进|争创|申报)"
)
_TOWNSHIP_WORDS = set("乡镇村点色区县市省每各全本我在")
_SUPPORT_SUBJECT = re.compile(
    r"(?:支持)([\u4e00-\u9fffA-Za-z0-9]{2,10}?)(?:申报|创建|争创|建设|组建)"
)
# Trade names hold any character (万向, 同花顺): only verbs and a few particles end them.
_TRADE_NAME_STOPS = frozenset(w for w in LEFT_STOPS if len(w) >= 2) | {"以", "的", "等", "在", "为"}
_ENTERPRISE_LIST = re.compile(
    r"([^,，。;；:：“”]{2,60}?)等(?:企业|龙头企业|骨干企业|链主企业|领军企业|重点企业)"
)
# 三一集团、中联重科建设…: a short name listed after a firm's full name is a firm too.
_AFTER_FIRM = re.compile(
    r"(?:公司|集团)、([\u4e00-\u9fffA-Za-z0-9]{2,8}?)"
    r"(?=[,，。;；、]|等|与|和|及|联合|共建|共同|牵头|建设|组建|打造|创建)"
)


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass
class SentenceContext:
    """What one plan contributes to reading its sentences."""

    gazetteer: Gazetteer
    place: PlanPlace
    county: Region | None = field(init=False, default=None)  # the plan's county, if any

    def __post_init__(self) -> None:
        display = self.place.by_level.get("county")
        name = self.place.canonical_region.get(display or "")
        found = [r for r in self.gazetteer.lookup(name) if r.level == "county"] if name else []
        self.county = found[0] if found else None

    def regions(self, text: str) -> list[tuple[int, int, Region, str]]:
        """Accepted division mentions: full names, or short forms the plan corroborates."""
        out: list[tuple[int, int, Region, str]] = []
        seen: set[tuple[int, int]] = set()
        own = set(self.place.canonical_region.values())
        # 长沙 is 长沙市 and 长沙县: the plan's own division first, then the wider one.
        matches = sorted(
            self.gazetteer.find_all(text),
            key=lambda m: (m.start, m.region.name not in own, _LEVEL_RANK.get(m.region.level, 3)),
        )
        for match in matches:
            if (match.start, match.end) in seen:
                continue
            region = match.region
            if match.short and region.province_code not in self.place.provinces:
                continue
            if (
                not match.short
                and len(match.surface) < 3
                and region.province_code not in self.place.provinces
            ):
                continue
            seen.add((match.start, match.end))
            out.append((match.start, match.end, region, match.surface))
        return out


def _stop_at(
    text: str,
    position: int,
    stops: frozenset[str],
    protected: list[tuple[int, int]],
    *,
    field_named: bool = False,
) -> bool:
    """Does a stop word end at ``position`` (outside a protected region name)?

    ``field_named``: the name ends in a lab's, centre's or institute's suffix, whose
    field may join two subjects with 与 and hold a nominalised verb (资源利用).
    """
    if text[position - 1 : position + 1] in NOT_STOPS or text[position - 2 : position] in NOT_STOPS:
        return False
    word = word_ends_at(text, position, stops)
    if word is None or _in_protected(position - len(word), position, protected):
        return False
    start = position - len(word)
    before = text[start - 2 : start]
    if word == "与" and (
        before in FIELD_WORDS_BEFORE_AND
        or (before.endswith("学") and before != "大学")
        or (field_named and _joins_fields(text, start, protected))
    ):
        return False  # 材料技术与工程研究所, 传动与电子控制重点实验室: 与 joins two fields
    if field_named and word in FIELD_VERBS and before in FIELD_WORDS_BEFORE_AND:
        return False  # 资源利用国家重点实验室: the verb is the end of a field
    return not text.startswith(NAME_CONTINUATIONS, position)


def _joins_fields(text: str, at: int, protected: list[tuple[int, int]]) -> bool:
    """与 at ``at`` joins two fields: no body ends before it and none starts after it."""
    before = text[max(0, at - 8) : at]
    if not before or before[-1] in LEFT_STOP_CHARS or _SUFFIX_END_RE.search(before):
        return False
    if any(e == at or s == at + 1 for s, e in protected):
        return False  # 建宁县与…, 与中科院…: a place or a known body on either side
    following = _SUFFIX_RE.search(text, at + 1)
    return following is not None and SUFFIX_LABELS[following.group(0)] in FIELD_NAMED_LABELS


def left_boundary(
    text: str,
    start: int,
    end: int,
    protected: list[tuple[int, int]],
    *,
    program: bool = False,
    field_named: bool = False,
) -> int:
    """Where the name ending at ``end`` starts: scan left from its suffix to a stop."""
    stops = PROGRAM_LEFT_STOPS if program else LEFT_STOPS
    position = start
    while position > 0 and end - position < MAX_NAME:
        char = text[position - 1]
        if char in ")）":
            opening = max(text.rfind("(", 0, position - 1), text.rfind("（", 0, position - 1))
            if opening >= 0 and position - opening <= 8:
                position = opening
                continue
            break
        if char in '”"' and program:
            opening = text.rfind("“", 0, position - 1)
            return opening if opening >= 0 else position
        if char in LEFT_STOP_CHARS or char in "(（":
            break
        if (
            program
            and char in "和与及"
            and text[: position - 1].rstrip('”"》').endswith(PROGRAM_ENDS)
        ):
            break  # 科技计划和人才计划: two names
        if program and start - position < 2:
            position -= 1  # a programme's name has at least two characters before its suffix
            continue
        if _stop_at(text, position, stops, protected, field_named=field_named):
            break
        if _verb_after_a_body(text, position):
            break  # 管委会联合贵州大学: the verb joins two bodies
        position -= 1
    return _after_leading_verb(text, position, start)


_LEADING_VERB_SET = frozenset(LEADING_VERBS)


def _verb_after_a_body(text: str, position: int) -> bool:
    """A governing verb (联合, 服务) right after a complete body name ends the next name."""
    verb = word_ends_at(text, position, _LEADING_VERB_SET)
    return verb is not None and bool(_SUFFIX_END_RE.search(text, 0, position - len(verb)))


def _after_leading_verb(text: str, position: int, suffix_start: int) -> int:
    """联合A大学, 服务B实验室: a verb that opens the name governs it and is not part of it."""
    for verb in LEADING_VERBS:
        if text.startswith(verb, position) and suffix_start - position - len(verb) >= 2:
            return position + len(verb)
    return position


def _in_protected(start: int, end: int, protected: list[tuple[int, int]]) -> bool:
    return any(s <= start < e or s < end <= e for s, e in protected)


def _candidates(text: str, regions: list[tuple[int, int, Region, str]]) -> list[Mention]:
    protected = [(s, e) for s, e, _, _ in regions]
    out: list[Mention] = []
    for match in _KNOWN_RE.finditer(text):
        out.append(
            Mention(
                match.start(),
                match.end(),
                KNOWN_BODIES[match.group(0)],
                match.group(0),
                suffix=match.group(0),
            )
        )
        protected.append(match.span())
    for match in _ACADEMY_INSTITUTE.finditer(text):
        out.append(Mention(match.start(), match.end(), Label.RESEARCH_INSTITUTE, match.group(0)))
    region_spans = {(s, e) for s, e, _, _ in regions}
    suffixes = list(_SUFFIX_RE.finditer(text))
    starts_by_end: dict[int, int] = {}
    for index, match in enumerate(suffixes):
        suffix = match.group(0)
        s, e = match.span()
        label = SUFFIX_LABELS[suffix]
        if label == Label.PROGRAM and _modifies_next(suffixes, index):
            continue  # 工程 in 材料工程研究所: a field word of the longer name, not its end
        following = text[e : e + 1]
        if following and text.startswith(tuple(SUFFIX_BLOCKERS.get(suffix, ())), e):
            continue
        if text.startswith(("体系", "网络"), e):
            continue  # 创新驿站体系: a system of such bodies
        program = label == Label.PROGRAM
        if program and text[s - 1 : s] in '”"' and suffix == "试点":
            continue  # “十城千辆”试点: the quoted name is read by the quote rule
        kind = bool(_QUANTITY_BEFORE.search(text, 0, s))
        if suffix == "试点" and word_ends_at(text, s, PROGRAM_LEFT_STOPS):
            kind = True  # 扩大试点, 开展试点: pilots in general, not one named pilot
        start = left_boundary(
            text, s, e, protected, program=program, field_named=label in FIELD_NAMED_LABELS
        )
        if suffix in BRANCH_SUFFIXES and s in starts_by_end:
            start = min(start, starts_by_end[s])  # X重点实验室分中心: the branch of the whole name
        starts_by_end[e] = start
        if (start, e) in region_spans:
            continue  # 浦东新区: a division, read as a region
        if suffix in SHORT_SUFFIXES and s - start < 2:
            kind = True
        surface = text[start:e]
        if not program and (
            text[start - 1 : start] == "的" or text.endswith(("争创", "争取创建"), 0, start)
        ):
            kind = kind or not re.search(r"x{2}", surface)  # described or aspired to: a kind
        if suffix in BRANCH_SUFFIXES:
            label = _branch_label(text, start, s, label)
        if label in (Label.UNIVERSITY, Label.RESEARCH_INSTITUTE):
            campus_end = _campus_end(text, e, region_spans)
            if campus_end != e:  # the university itself stays, nested in its campus
                out.append(Mention(start, e, label, surface, suffix=suffix))
                e, surface = campus_end, text[start:campus_end]
        out.append(Mention(start, e, label, surface, kind=kind, suffix=suffix))
    for match in _QUOTE.finditer(text):
        out.extend(_quoted_program(text, match))
    for match in _BOOK.finditer(text):
        if _PROGRAM_END.search(match.group(1)):
            out.append(
                Mention(match.start(), match.end(), Label.PROGRAM, match.group(1), suffix="《》")
            )
    for pattern, name in _KNOWN_PROGRAM_RES:
        for match in pattern.finditer(text):
            out.append(
                Mention(
                    match.start(),
                    match.end(),
                    Label.PROGRAM,
                    name or match.group(0),
                    suffix="known",
                )
            )
    for match in _ACTIVITY.finditer(text):
        for part in re.split(r"[、和及]", match.group(1)):
            if (
                part
                and part not in GENERIC_ACTIVITIES
                and len(part) >= 5
                and not part.startswith(("“", "重大", "各"))
            ):
                at = text.find(part, match.start(1))
                out.append(Mention(at, at + len(part), Label.PROGRAM, part, suffix="活动"))
    for match in _ENTERPRISE_LIST.finditer(text):
        out.extend(unknown_names(text, match.start(1), match.end(1), Label.ENTERPRISE))
    for match in _AFTER_FIRM.finditer(text):
        out.extend(unknown_names(text, match.start(1), match.end(1), Label.ENTERPRISE))
    for match in _SUPPORT_SUBJECT.finditer(text):
        out.extend(unknown_names(text, match.start(1), match.end(1), Label.ENTERPRISE))
    return out


_CLOSING = re.compile(r"[)）]")


def _campus_end(text: str, end: int, region_spans: set[tuple[int, int]]) -> int:
    """哈尔滨工业大学(威海): a place in brackets after a university names its campus."""
    if text[end : end + 1] not in ("(", "（"):
        return end
    close = _CLOSING.search(text, end + 1, end + 8)
    if close is None or (end + 1, close.start()) not in region_spans:
        return end
    after = close.end()
    continues = after < len(text) and text[after] not in LEFT_STOP_CHARS
    if continues and not any(text.startswith(word, after) for word in LEFT_STOPS):
        return end  # xx大学材料学院(将乐)实训基地: the bracket is inside a longer name
    return after


def _modifies_next(suffixes: list[re.Match[str]], index: int) -> bool:
    """A suffix written right before another one is part of that longer name."""
    if index + 1 >= len(suffixes):
        return False
    following = suffixes[index + 1]
    return following.start() == suffixes[index].end() and (
        SUFFIX_LABELS[following.group(0)] != Label.PROGRAM
    )


def _branch_label(text: str, start: int, suffix_start: int, default: Label) -> Label:
    inner = _SUFFIX_RE.search(text, start, suffix_start)
    last = None
    while inner is not None:
        last = inner
        inner = _SUFFIX_RE.search(text, inner.end(), suffix_start)
    if last is not None and SUFFIX_LABELS[last.group(0)] != Label.PROGRAM:
        return SUFFIX_LABELS[last.group(0)]
    return default


def _quoted_program(text: str, match: re.Match[str]) -> list[Mention]:
    content = match.group(1)
    if re.search(r"[、,，]", content):
        return []  # a slogan of several parts (“再学习、再调研”), not a programme's name
    if _PLAN_PERIOD.fullmatch(content):
        return []  # “十四五”项目: a plan period, not a programme
    after = text[match.end() :]
    follower = _PROGRAM_FOLLOWER.match(after)
    # “A”、“B”试点工作: every quote of the run takes the follower of the last.
    run_end = match.end()
    while follower is None:
        next_quote = re.match(r"、[“\"]([^“”\"]{2,40})[”\"]", text[run_end:])
        if not next_quote:
            break
        run_end += next_quote.end()
        follower = _PROGRAM_FOLLOWER.match(text[run_end:])
    if follower is not None:
        if follower.group(1):  # 活动 / 试点工作: the quote is the name
            return [Mention(match.start(), match.end(), Label.PROGRAM, content, suffix="quote")]
        end = match.end() + follower.end()
        return [
            Mention(match.start(), end, Label.PROGRAM, content + follower.group(2), suffix="quote")
        ]
    if _PROGRAM_END.search(content) or (
        re.search(r"(?:制|行动|年|周|日)$", content)
        and _CUE_BEFORE_QUOTE.search(text, 0, match.start())
    ):
        return [Mention(match.start(), match.end(), Label.PROGRAM, content, suffix="quote")]
    return []


def unknown_names(text: str, start: int, end: int, label: Label) -> list[Mention]:
    """Short names written without a suffix in a slot only bodies fill (X、Y等企业).

    ``text[start:end]`` is the slot; its 、-separated items that look like trade names
    (万向, 同花顺) become mentions of ``label``. Public because the relation rules
    fill such slots too: the partners around 联合/合作 when only one side has a suffix.
    """
    parts: list[tuple[str, int]] = []
    position = end
    item_end = end
    while position > start:
        if text[position - 1] == "、":
            parts.append((text[position:item_end], position))
            position -= 1
            item_end = position
            continue
        if text[position - 1] in LEFT_STOP_CHARS or _stop_at(text, position, _TRADE_NAME_STOPS, []):
            break
        position -= 1
    parts.append((text[position:item_end], position))
    out = []
    for part, part_start in reversed(parts):
        if (
            2 <= len(part) <= 10
            and not is_kind(part)
            and not any(word in part for word in NOT_IN_TRADE_NAMES)
            and not re.search(r"[县市区省州乡镇村]$", part)
        ):
            out.append(Mention(part_start, part_start + len(part), label, part, suffix="context"))
    return out


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Outermost mentions win; names inside them become their ``nested`` mentions."""
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    top: list[Mention] = []
    for mention in candidates:
        if top and mention.start >= top[-1].start and mention.end <= top[-1].end:
            outer = top[-1]
            if (mention.start, mention.end) == (outer.start, outer.end):
                continue
            if outer.kind and not mention.kind:
                top[-1] = mention  # a kind never hides a name
                continue
            outer.nested.append(mention)
            continue
        if top and mention.start < top[-1].end:
            continue
        top.append(mention)
    for mention in top:
        if mention.nested:
            mention.nested = _resolve_overlaps(mention.nested)
    return top


def find_mentions(text: str, context: SentenceContext) -> list[Mention]:
    """Entity mentions of one sentence, left to right, outermost first."""
    regions = context.regions(text)
    candidates = _candidates(text, regions)
    region_mentions = [
        Mention(
            s, e, Label.REGION, region.name, aliases=[surface, short_display(region)], region=region
        )
        for s, e, region, surface in regions
    ]
    for match in _TOWNSHIP.finditer(text):
        name = match.group(1)
        if not (set(name[:-1]) & _TOWNSHIP_BAD) and (
            context.place.region == name or context.place.by_level.get("township") == name
        ):
            region_mentions.append(
                Mention(match.start(1), match.end(1), Label.REGION, name, within=context.county)
            )
    if context.county is not None and context.place.by_level.get("county"):
        for match in _LISTED_TOWNSHIP.finditer(text):
            name = match.group(1)
            if not set(name[:-1]) & _TOWNSHIP_WORDS and not name.endswith(("小镇", "小城镇")):
                region_mentions.append(
                    Mention(match.start(1), match.end(1), Label.REGION, name, within=context.county)
                )
    if context.place.placeholder and context.place.region:
        for match in re.finditer(
            re.escape(context.place.region) + r"(?![\u4e00-\u9fff]{0,3}(?:科委|政府|局|委))", text
        ):
            region_mentions.append(
                Mention(match.start(), match.end(), Label.REGION, context.place.region)
            )
    mentions = _resolve_overlaps(candidates + region_mentions)
    out: list[Mention] = []
    taken = [m.span for m in mentions]
    for mention in mentions:
        out.extend(_finish(text, mention, context, taken))
    return _share_place_heads(text, out, context)


_PLACE_SEPARATORS = frozenset({"、", "和", "及", "与"})


def _share_place_heads(
    text: str, mentions: list[Mention], context: SentenceContext
) -> list[Mention]:
    """余姚市、慈溪市国家农业科技园区: every listed place has its own body of that name."""
    out: list[Mention] = []
    for mention in mentions:
        lead = mention.nested[0] if mention.nested else None
        if (
            lead is None
            or lead.label != Label.REGION
            or lead.start != mention.start
            or mention.label in (Label.REGION, Label.PROGRAM)
        ):
            out.append(mention)
            continue
        places: list[Mention] = []
        edge = mention.start
        while (
            len(out) > len(places)
            and out[-1 - len(places)].label == Label.REGION
            and text[out[-1 - len(places)].end : edge] in _PLACE_SEPARATORS
        ):
            edge = out[-1 - len(places)].start
            places.append(out[-1 - len(places)])
        if not places:
            out.append(mention)
            continue
        del out[-len(places) :]
        rest = text[lead.end : mention.end]
        for place in reversed(places):
            resolved = canonical(text[place.start : place.end] + rest, mention.label, context.place)
            if resolved is None:
                continue
            out.append(
                Mention(
                    place.start,
                    mention.end,
                    mention.label,
                    resolved[0],
                    resolved[1],
                    nested=[place],
                    fields=list(mention.fields),
                    suffix=mention.suffix,
                    expanded=True,
                )
            )
        mention.expanded = True
        out.append(mention)
    return out


def _finish(
    text: str, mention: Mention, context: SentenceContext, taken: list[tuple[int, int]]
) -> list[Mention]:
    """Canonical names, kinds marked, coordinated names expanded, nested names finished."""
    if mention.label == Label.REGION:
        return [mention]
    others = [span for span in taken if span != mention.span]
    coordination = None
    if mention.suffix and mention.suffix in SUFFIX_LABELS:
        coordination = find_coordination(
            text, mention.start, mention.end, mention.label, mention.suffix, others
        )
    if coordination is not None:
        out: list[Mention] = []
        program = mention.label == Label.PROGRAM
        fields = [
            None if program or PLACEHOLDER.match(item) else industry_name(item)
            for item, _, _ in coordination.items
        ]
        if program or all(
            f is not None or PLACEHOLDER.match(item)
            for f, (item, _, _) in zip(fields, coordination.items, strict=True)
        ):
            for (item, start, _), field_name in zip(coordination.items, fields, strict=True):
                whole = item if program and _PROGRAM_END.search(item) else item + coordination.head
                resolved = canonical(whole, mention.label, context.place)
                if resolved is None:
                    continue
                expanded = Mention(
                    start,
                    mention.end,
                    mention.label,
                    resolved[0],
                    resolved[1],
                    suffix=mention.suffix,
                    expanded=True,
                )
                if field_name:
                    expanded.fields.append(field_name)
                out.append(expanded)
        if out:
            return out
    quoted = mention.suffix in ("quote", "《》")
    resolved = canonical(mention.name, mention.label, context.place, quoted=quoted)
    if resolved is None or mention.kind:
        mention.kind = True
        # a kind may still hold names (省科技厅 in 省科技厅县市…专项 is cut off below)
        return [m for n in mention.nested for m in _finish(text, n, context, [])]
    mention.name, mention.aliases = resolved
    nested_done: list[Mention] = []
    for inner in mention.nested:
        nested_done.extend(_finish(text, inner, context, []))
    mention.nested = [n for n in nested_done if not n.kind]
    if mention.label == Label.PROGRAM:
        lead = next(
            (
                n
                for n in mention.nested
                if n.start == mention.start and n.label in (Label.GOVERNMENT, Label.REGION)
            ),
            None,
        )
        if lead is not None:
            rest = text[lead.end : mention.end]
            cut = canonical(rest, Label.PROGRAM, context.place)
            if cut is None:
                return [lead]
            mention.name = cut[0]
            return [lead, mention]
        if mention.name.endswith("产业专项"):
            return []
    if PLACEHOLDER.match(mention.name) and len(mention.name) <= 3:
        return []
    return [mention]
