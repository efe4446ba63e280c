"""Relationships read from the structure of one sentence and from names.

Each reader is one pattern of plan prose: ``A、B与C、D联合组建P`` (BUILDS and
COLLABORATES_WITH), ``依托A,建立P`` (BASED_ON), ``以A、B等为目标…建设P`` (SERVES), and
the relations a name implies (锰产业工程技术研究中心 serves 锰产业, 机科院海西分院 is
part of 机械科学研究总院, 常熟经济开发区 lies in 常熟市).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from graph.schema import INSTITUTION_LABELS, PLATFORM_LABELS, Label, RelType
from ingest.rules.industries import FieldList, industry_name
from ingest.rules.lexicon import (
    BRANCH_SUFFIXES,
    BUILD_VERBS,
    FIELD_HEADS,
    PLACEHOLDER,
    PRIORITY_VERBS,
)
from ingest.rules.mentions import Mention, unknown_names
from ingest.wordlists import any_of

PLAN = ("Plan", "")  # stands for the plan itself
Ref = tuple[str, str]  # (label, canonical name)


@dataclass(frozen=True)
class Fact:
    type: RelType
    source: Ref
    target: Ref


def ref(mention: Mention) -> Ref:
    return (str(mention.label), mention.name)


def industry_ref(name: str) -> Ref:
    return (str(Label.INDUSTRY), name)


ORG_LABELS = INSTITUTION_LABELS | PLATFORM_LABELS
_COLLAB_CUE = re.compile(r"^[^,，。;；]{0,8}?(?:联合|合作|共建|共同|对接|协同|携手|联手)")
_BUILD_VERB = any_of(BUILD_VERBS)
#: What a build verb makes: platforms, and institutes founded as bodies (共建能源研究院).
_BUILT_LABELS = PLATFORM_LABELS | {Label.RESEARCH_INSTITUTE}
_BASE_CUE = re.compile(r"(?:依托单位(?:为|是)|依托|立足)")
_CARRIER = re.compile(r"^以(.{2,60}?)为(?:载体|平台|依托|支撑|基础|龙头)")
_SEPARATOR = re.compile(r"^(?:、|和|及|以及)$")
_PRIORITY_CUE = any_of(PRIORITY_VERBS)


def joint_work(text: str, mentions: list[Mention], extra: list[Mention]) -> Iterator[Fact]:
    """A、B与C、D联合组建P: BUILDS from all four, COLLABORATES_WITH across 与."""
    for connector in re.finditer(r"与|同|联合|携手|会同", text):
        k = connector.start()
        joined = connector.end()
        left = [m for m in mentions if m.end <= k]
        right = [m for m in mentions if m.start >= joined]
        left_group = _group_ending_at(text, left, k)
        right_group = _group_starting_at(text, right, joined)
        if len(connector.group(0)) > 1:  # A联合B共建P: both sides must be named bodies
            if not left_group or not right_group or left_group[-1].end != k:
                continue
            work = _JOINT_TAIL.match(text, right_group[-1].end)
            if work is not None:
                build = work.group(1) != "开展"
                yield from _joint_facts(text, mentions, left_group, right_group, build=build)
            continue
        if not right_group:
            unknown = re.match(
                r"([\u4e00-\u9fffA-Za-z0-9]{2,8}?)(?=联合|合作|共建|共同)", text[k + 1 :]
            )
            if unknown and left_group:
                right_group = unknown_names(text, k + 1, k + 1 + unknown.end(), Label.ENTERPRISE)
                extra.extend(right_group)
        if not left_group and right_group:
            unknown = re.search(r"(?:支持|推动|鼓励|引导)([^,，。;；]{2,30})$", text[:k])
            if unknown:
                start = k - len(unknown.group(1))
                left_group = unknown_names(text, start, k, Label.ENTERPRISE)
                extra.extend(left_group)
            elif re.search(r"(?:加强|深化|开展|推进|强化)$", text[:k]):
                subject = _subject(text, mentions)
                if subject is not None and subject.end <= k and subject.label in ORG_LABELS:
                    left_group = [subject]
        if not left_group or not right_group:
            continue
        after_right = right_group[-1].end
        tail = re.sub(
            r"^等[^,，。;；]{0,8}?(?=联合|合作|共建|共同|对接|协同|的)", "", text[after_right:]
        )
        tail = tail.removeprefix("的")
        if not _COLLAB_CUE.match(tail):
            continue
        yield from _joint_facts(text, mentions, left_group, right_group)


_JOINT_TAIL = re.compile(r"(?:等[^,，。;；]{0,6}?)?(?:共同)?(共建|组建|建设|打造|开展)")


def _joint_facts(
    text: str,
    mentions: list[Mention],
    left_group: list[Mention],
    right_group: list[Mention],
    *,
    build: bool = True,
) -> Iterator[Fact]:
    """The two sides of a joint work collaborate and build what follows them."""
    for a in left_group:
        for b in right_group:
            if a.label in ORG_LABELS and b.label in ORG_LABELS and a.name != b.name:
                yield Fact(RelType.COLLABORATES_WITH, ref(a), ref(b))
    if not build:
        return
    for platform in _built_after(text, mentions, right_group[-1].end):
        for builder in left_group + right_group:
            if builder.label in INSTITUTION_LABELS:
                yield Fact(RelType.BUILDS, ref(builder), ref(platform))


_JOINT_VERB = re.compile(r"(?:合作|联合|共同)?(?:共建|组建|建设|创建)")


def co_founders(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """A、B共建P (no 与 between them): the listed institutions build P and collaborate."""
    for verb in _JOINT_VERB.finditer(text):
        if not re.match(r"合作|联合|共同|共建", verb.group(0)):
            continue
        before = [m for m in mentions if m.end <= verb.start()]
        group = _group_ending_at(text, before, verb.start())
        partners = [m for m in group if m.label in INSTITUTION_LABELS]
        if len(partners) < 2 or text[: group[0].start].endswith(("与", "同")):
            continue  # A与B、C共建: read by ``joint_work``, partners across 与
        for i, a in enumerate(partners):
            for b in partners[i + 1 :]:
                if a.name != b.name:
                    yield Fact(RelType.COLLABORATES_WITH, ref(a), ref(b))
        for platform in _built_after(text, mentions, verb.start()):
            for builder in partners:
                yield Fact(RelType.BUILDS, ref(builder), ref(platform))


_ITEM_NUMBER = re.compile(r"^[\s\d.、．()（）一二三四五六七八九十]*$")


def _subject(text: str, mentions: list[Mention]) -> Mention | None:
    """The mention a sentence opens with (after its item number), its grammatical subject."""
    first = next(iter(mentions), None)
    if first is not None and _ITEM_NUMBER.match(text[: first.start]):
        return first
    return None


def _clause_start(text: str, position: int) -> int:
    return max(text.rfind(c, 0, position) for c in ",，;；:：") + 1


def _group_ending_at(text: str, mentions: list[Mention], k: int) -> list[Mention]:
    group: list[Mention] = []
    position = k
    for mention in reversed(mentions):
        between = text[mention.end : position]
        if mention.label not in ORG_LABELS:
            break
        if between and not _SEPARATOR.match(between):
            break
        group.insert(0, mention)
        position = mention.start
    return group


def _group_starting_at(
    text: str, mentions: list[Mention], k: int, labels: frozenset[Label] = ORG_LABELS
) -> list[Mention]:
    group: list[Mention] = []
    position = k
    for mention in mentions:
        between = text[position : mention.start]
        if mention.label not in labels:
            break
        if between and not _SEPARATOR.match(between):
            break
        group.append(mention)
        position = mention.end
    return group


def _built_after(
    text: str, mentions: list[Mention], position: int, max_clauses: int = 2
) -> list[Mention]:
    """Platforms governed by the first build verb after ``position`` (same or next clause)."""
    verb = _BUILD_VERB.search(text, position)
    if verb is None:
        return []
    clauses = re.split(r"[,，;；]", text[position : verb.start()])
    if len(clauses) > max_clauses:
        return []
    after = [m for m in mentions if m.start >= verb.end() and m.label in _BUILT_LABELS]
    if not after:
        return []
    first = after[0]
    if re.search(r"[,，;；。]", text[verb.end() : first.start]):
        return []
    out = [first]
    for mention in after[1:]:
        between = text[out[-1].end : mention.start]
        if _SEPARATOR.match(between) or (mention.expanded and out[-1].expanded):
            out.append(mention)
        else:
            break
    return out


def based_on(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """依托A和B,建立P / 以A为载体…P / P依托A: the platform relies on A."""
    for cue in _BASE_CUE.finditer(text):
        hosts = _group_starting_at(text, [m for m in mentions if m.start >= cue.end()], cue.end())
        hosts = [
            h
            for h in hosts
            if h.label
            in INSTITUTION_LABELS | {Label.PARK, Label.SERVICE_PLATFORM, Label.RESEARCH_CENTER}
        ]
        if not hosts:
            continue
        before = [m for m in mentions if m.end <= cue.start() and m.label in PLATFORM_LABELS]
        if cue.group(0).startswith(
            "依托单位"
        ):  # P…落户园区,依托单位为A: the platform, not the park
            platforms = [m for m in before if m.label != Label.PARK][-1:]
        elif before and before[-1].end == cue.start():
            platforms = [before[-1]]  # P依托A
        else:
            platforms = _built_after(text, mentions, hosts[-1].end, max_clauses=4)
        for platform in platforms:
            for host in hosts:
                if platform.name != host.name:
                    yield Fact(RelType.BASED_ON, ref(platform), ref(host))
    for clause_match in re.finditer(
        r"(?:^|[,，;；])(以[^,，;；]{2,60}?为(?:载体|平台|依托|支撑|基础|龙头))", text
    ):
        start = clause_match.start(1)
        carrier = _CARRIER.match(text[start:])
        if carrier is None:
            continue
        end = start + carrier.end()
        hosts = [
            m for m in mentions if start < m.start and m.end <= start + 1 + len(carrier.group(1))
        ]
        hosts = [h for h in hosts if h.label in ORG_LABELS]
        platforms = [
            m
            for m in mentions
            if (m.start >= end and m.label in PLATFORM_LABELS and m.label != Label.PARK)
            or (m.start >= end and m.label == Label.PARK and m.expanded)
        ]
        for platform in platforms:
            for host in hosts:
                yield Fact(RelType.BASED_ON, ref(platform), ref(host))


_PLACE_LABELS = frozenset({Label.REGION, Label.PARK})
_LEADER_CUE = re.compile(r"(?:支持|推动|鼓励|引导|由)$")


def lead_and_take_part(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """由A牵头,B参与,组建P: A and B build P and work together; 引进A,共同组建P: A builds P."""
    for cue in re.finditer(r"由|引进|携手", text):
        later = [m for m in mentions if m.start >= cue.end()]
        leaders = _group_starting_at(text, later, cue.end(), INSTITUTION_LABELS)
        if not leaders:
            continue
        position = leaders[-1].end
        if cue.group(0) == "由":
            if not text.startswith("牵头", position):
                continue
            position += 2
        elif not re.match(r"[,，]共同(?:组建|建设|共建|打造)", text[position:]):
            continue
        members: list[Mention] = []
        joining = re.match(r"[,，]", text[position:])
        if cue.group(0) == "由" and joining:
            after = [m for m in mentions if m.start >= position + 1]
            group = _group_starting_at(text, after, position + 1, INSTITUTION_LABELS)
            if group and re.match(r"(?:等[^,，。;；]{0,4}?)?(?:共同)?参与", text[group[-1].end :]):
                members = group
                position = group[-1].end
        for leader in leaders:
            for member in members:
                if leader.name != member.name:
                    yield Fact(RelType.COLLABORATES_WITH, ref(leader), ref(member))
        for platform in _built_after(text, mentions, position, max_clauses=2):
            for builder in leaders + members:
                yield Fact(RelType.BUILDS, ref(builder), ref(platform))


def led_partners(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """支持S牵头组建P,联合A、B共建Q: S works with A and B, and all three build Q."""
    for cue in re.finditer(r"[,，](?:并)?联合", text):
        partners = _group_starting_at(
            text, [m for m in mentions if m.start >= cue.end()], cue.end(), INSTITUTION_LABELS
        )
        before = [m for m in mentions if m.end <= cue.start() and m.label in INSTITUTION_LABELS]
        leader = next(
            (
                m
                for m in before
                if _LEADER_CUE.search(text, 0, m.start) or _ITEM_NUMBER.fullmatch(text[: m.start])
            ),
            None,
        )
        if not partners or leader is None:
            continue
        for partner in partners:
            if partner.name != leader.name:
                yield Fact(RelType.COLLABORATES_WITH, ref(leader), ref(partner))
        tail = re.sub(r"^等[^,，。;；]{0,6}?(?=共建|组建|共同|建设)", "", text[partners[-1].end :])
        if re.match(r"(?:共同)?(?:共建|组建|建设)", tail):
            for platform in _built_after(text, mentions, partners[-1].end, max_clauses=1):
                yield Fact(RelType.BUILDS, ref(leader), ref(platform))


def located(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """在A建设P / P落户A: the platform is in that one place."""
    for cue in re.finditer(r"(?<![存实内正])在|落户", text):
        if cue.group(0) == "落户":
            before = [m for m in mentions if m.end == cue.start() and m.label in ORG_LABELS]
            after = [m for m in mentions if m.start == cue.end() and m.label in _PLACE_LABELS]
            if before and after and before[-1].name != after[0].name:
                yield Fact(RelType.LOCATED_IN, ref(before[-1]), ref(after[0]))
            continue
        places = _group_starting_at(
            text, [m for m in mentions if m.start >= cue.end()], cue.end(), _PLACE_LABELS
        )
        if len(places) != 1:
            continue  # 在A、B建设…: which one holds the platform is not said
        for platform in _built_after(text, mentions, places[0].end, max_clauses=1):
            if platform.name != places[0].name:
                yield Fact(RelType.LOCATED_IN, ref(platform), ref(places[0]))


def builds(text: str, mentions: list[Mention]) -> Iterator[Fact]:
    """支持X建立P, and a sentence whose subject institution builds the platforms it names."""
    for support in re.finditer(r"(?:支持|推动|鼓励|引导)", text):
        group = _group_starting_at(
            text, [m for m in mentions if m.start >= support.end()], support.end()
        )
        group = [g for g in group if g.label in INSTITUTION_LABELS]
        if not group:
            continue
        for platform in _built_after(text, mentions, group[-1].end):
            for builder in group:
                yield Fact(RelType.BUILDS, ref(builder), ref(platform))
    subject = _subject(text, mentions)
    if (
        subject is not None
        and subject.label in INSTITUTION_LABELS
        and re.search(r"(?:推进|加快|打造|建设|组建|建立|创建|筹建)", text[subject.end :])
    ):
        for mention in mentions[1:]:
            if mention.label in PLATFORM_LABELS and re.search(
                r"建设|打造|组建|建立|创建|筹建", text[subject.end : mention.end + 6]
            ):
                yield Fact(RelType.BUILDS, ref(subject), ref(mention))


def serves(text: str, mentions: list[Mention], lists: list[FieldList]) -> Iterator[Fact]:
    """以A、B等为目标…建设P; 围绕A、B等产业…P; P围绕X产业链.

    A sentence's list of fields goes to the platforms whose names carry no field of
    their own (大学科技园); 绿色石化产业技术创新战略联盟 serves the field in its name.
    """
    for field_list in lists:
        if field_list.role not in ("target", "around", "chain", "serving"):
            continue
        platforms = [m for m in mentions if m.label in PLATFORM_LABELS]
        if field_list.role not in ("chain", "serving"):
            platforms = [m for m in platforms if not _has_own_field(m)]
        if field_list.role == "target":
            platforms = [m for m in platforms if m.start >= field_list.end]
        elif field_list.role in ("chain", "serving") or len(platforms) > 2:
            platforms = [m for m in platforms if m.end <= field_list.start][-1:]
        for item, _, _ in field_list.items:
            industry = industry_name(item)
            if industry is None:
                continue
            for platform in platforms:
                yield Fact(RelType.SERVES, ref(platform), industry_ref(industry[0]))


def _has_own_field(mention: Mention) -> bool:
    return bool(mention.fields) or field_of(mention) is not None


def field_of(mention: Mention, own_places: Iterable[str] = ()) -> str | None:
    """The field in a body's name after the place it starts with (佛山市氢能…联盟 -> 氢能)."""
    name = mention.name
    lead = next(
        (n for n in mention.nested if n.label == Label.REGION and n.start == mention.start), None
    )
    written = [*own_places, *((lead.name, *lead.aliases) if lead is not None else ())]
    prefix = max((w for w in written if w and name.startswith(w)), key=len, default="")
    inner_places = [
        place
        for n in mention.nested
        if n.label == Label.REGION and n.start > mention.start
        for place in (n.name, *n.aliases)
    ]
    return name_field(name[len(prefix) :], inner_places)


def name_facts(
    mention: Mention,
    place_region: str | None,
    placeholder: bool,
    own_places: dict[str, str] | None = None,
) -> Iterator[Fact]:
    """What a name says: its field, its branch parent, where it is, who hosts it."""
    for field_name, _ in mention.fields:
        if mention.label in PLATFORM_LABELS:
            yield Fact(RelType.SERVES, ref(mention), industry_ref(field_name))
    nested = sorted(mention.nested, key=lambda n: (n.start, -(n.end - n.start)))
    institutions = [n for n in nested if n.label in INSTITUTION_LABELS]
    parks = [n for n in nested if n.label == Label.PARK]
    regions = [n for n in nested if n.label == Label.REGION]
    if (
        mention.label in PLATFORM_LABELS
        and not mention.expanded
        and mention.label
        in {Label.ALLIANCE, Label.RESEARCH_CENTER, Label.INCUBATOR, Label.SERVICE_PLATFORM}
        and not mention.fields
    ):
        own_field = field_of(mention, own_places or ())
        if own_field:
            yield Fact(RelType.SERVES, ref(mention), industry_ref(own_field))
    if (
        mention.label == Label.GOVERNMENT
        and parks
        and mention.name.endswith(("管委会", "管理委员会"))
    ):
        yield Fact(RelType.BUILDS, ref(mention), ref(parks[-1]))
    lead = institutions[0] if institutions and institutions[0].start == mention.start else None
    if mention.label == Label.RESEARCH_INSTITUTE and lead is not None:
        parent = max(
            (
                n
                for n in institutions
                if n.start == mention.start and n.label == Label.RESEARCH_INSTITUTE
            ),
            key=lambda n: n.end - n.start,
            default=None,
        )
        if parent is None or not mention.name.endswith((*BRANCH_SUFFIXES, "所")):
            parent = lead if lead.label == Label.RESEARCH_INSTITUTE else None
        if parent is not None and parent.name != mention.name:
            yield Fact(RelType.PART_OF, ref(mention), ref(parent))
    if (
        mention.label in (Label.UNIVERSITY, Label.RESEARCH_INSTITUTE)
        and lead is not None
        and lead.label == Label.UNIVERSITY
        and lead.name != mention.name
        and (
            mention.name.endswith(("分校", "校区", ")"))
            or any(n.start == lead.end for n in regions)
        )
    ):
        yield Fact(RelType.PART_OF, ref(mention), ref(lead))  # 山东大学威海分校, X大学Y研究院
    if mention.label in PLATFORM_LABELS - {Label.PARK} and lead is not None:
        yield Fact(RelType.BASED_ON, ref(mention), ref(lead))
        host_field = name_field(lead.name)
        if host_field and lead.label == Label.RESEARCH_INSTITUTE:
            yield Fact(RelType.SERVES, ref(mention), industry_ref(host_field))
    if (
        mention.label == Label.RESEARCH_INSTITUTE
        and regions
        and mention.name.endswith(BRANCH_SUFFIXES)
    ):
        yield Fact(RelType.LOCATED_IN, ref(mention), ref(regions[-1]))
    if mention.label in PLATFORM_LABELS:
        lead_park = next((p for p in parks if p.start == mention.start), None)
        if (lead_park is not None and mention.label != Label.PARK) or (
            lead_park is not None and lead_park.name != mention.name
        ):
            assert lead_park is not None
            yield Fact(RelType.LOCATED_IN, ref(mention), ref(lead_park))
            return
        if regions:
            levels = {"province": 0, "prefecture": 1, "county": 2, "township": 3}
            best = max(
                regions, key=lambda r: levels.get(r.region.level if r.region else "township", 3)
            )
            yield Fact(RelType.LOCATED_IN, ref(mention), ref(best))
        elif placeholder and place_region and _placeholder_place(mention, institutions):
            yield Fact(RelType.LOCATED_IN, ref(mention), (str(Label.REGION), place_region))
        elif own_places:
            prefix = next(
                (
                    d
                    for d in own_places
                    if mention.name.startswith(d)
                    and not any(a.startswith(d) for a in mention.aliases)
                ),
                None,
            )
            if prefix is not None:
                yield Fact(
                    RelType.LOCATED_IN, ref(mention), (str(Label.REGION), own_places[prefix])
                )


def _placeholder_place(mention: Mention, institutions: list[Mention]) -> bool:
    """xx中关村科技园, 中国(xx)稻种基地: the anonymised place is the plan's own."""
    name = mention.name
    if institutions and institutions[0].start == mention.start:
        return False
    match = re.search(r"(?:^|[(（])x{2,}(?![省])", name)
    return match is not None


#: What sits around a field in a platform's name without being the field: a national or
#: provincial designation (国家…技术创新中心, …湖北省重点实验室) and a university's
#: abbreviation (湖工大…产业技术研究院).
_FIELD_NOISE = re.compile(
    r"^(?:国家|省级|市级)|^[\u4e00-\u9fff]{1,2}(?:工|农|理|医|师|科|财|林|海)大"
    r"|(?:国家|省级|市级)$"
)


def name_field(name: str, inner_places: Iterable[str] = ()) -> str | None:
    """The industry a platform's name is about: 锰产业工程技术研究中心 -> 锰产业.

    ``inner_places``: places written between the field and the head (…湖北省重点实验室).
    """
    for head in FIELD_HEADS:
        if name.endswith(head) and len(name) > len(head):
            stem = name[: -len(head)]
            stem = PLACEHOLDER.sub("", stem)
            stem = _FIELD_NOISE.sub("", stem)
            place = max((p for p in inner_places if p and stem.endswith(p)), key=len, default="")
            stem = stem[: len(stem) - len(place)]
            if not stem:
                return None
            found = industry_name(stem + "产业" if head.startswith("产业") else stem)
            return found[0] if found else None
    return None


def priorities(
    text: str, mentions: list[Mention], lists: list[FieldList]
) -> Iterator[tuple[Fact, list[str]]]:
    """The plan names programmes it runs and fields it focuses on."""
    for mention in mentions:
        if mention.label != Label.PROGRAM:
            continue
        if _PRIORITY_CUE.search(text, 0, mention.start) or mention.start <= 3:
            yield Fact(RelType.PRIORITIZES, PLAN, ref(mention)), []
    for field_list in lists:
        if field_list.role in ("priority", "around"):
            for item, _, _ in field_list.items:
                industry = industry_name(item)
                if industry is not None:
                    yield Fact(RelType.PRIORITIZES, PLAN, industry_ref(industry[0])), industry[1]


def segments(lists: list[FieldList]) -> Iterator[tuple[Fact, list[str]]]:
    """支持A、B为重点的X产业: each item is part of X."""
    for field_list in lists:
        if field_list.role != "segment" or not field_list.parent:
            continue
        parent = industry_name(field_list.parent)
        if parent is None:
            continue
        for item, _, _ in field_list.items:
            industry = industry_name(item)
            if industry is not None:
                yield (
                    Fact(RelType.PART_OF, industry_ref(industry[0]), industry_ref(parent[0])),
                    industry[1],
                )
