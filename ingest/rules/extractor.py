"""``RuleExtractor``: the default, offline extractor (no models, no downloads)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.schema import (
    INSTITUTION_LABELS,
    PLATFORM_LABELS,
    Entity,
    GraphBatch,
    Label,
    PropertyValue,
    Provenance,
    Relation,
    RelType,
    entity_id,
)
from ingest.extractor import PlanText
from ingest.gazetteer import Gazetteer, Region, default_gazetteer, region_properties, short_display
from ingest.models import PlanSection
from ingest.rules.industries import FieldList, field_lists, industry_name
from ingest.rules.lexicon import PARENT_ACADEMIES
from ingest.rules.mentions import Mention, SentenceContext, find_mentions
from ingest.rules.names import PlanPlace
from ingest.rules.relations import (
    PLAN,
    Fact,
    Ref,
    based_on,
    builds,
    co_founders,
    joint_work,
    lead_and_take_part,
    led_partners,
    located,
    name_facts,
    name_field,
    priorities,
    segments,
    serves,
)

#: Nested names that are entities in their own right (not just parts of a longer name).
_NESTED_ENTITY_LABELS = frozenset({Label.GOVERNMENT, Label.PARK, Label.RESEARCH_INSTITUTE})


@dataclass
class FactCollector:
    """Entities and relations of one plan, merged by id and key as they are found."""

    plan_id: str
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], Relation] = field(default_factory=dict)
    seen: set[tuple[str, int, int]] = field(default_factory=set)  # (fact key, sentence span)

    def entity(
        self,
        label: Label,
        name: str,
        aliases: list[str],
        evidence: Provenance,
        properties: dict[str, PropertyValue] | None = None,
    ) -> str:
        key = entity_id(label, name)
        found = self.entities.get(key)
        if found is None:
            found = Entity.create(
                label, name, aliases=aliases, properties=properties, mentions=[evidence]
            )
            self.entities[key] = found
            self._first_time(key, evidence)
        else:
            fresh = [a for a in aliases if a != name and a not in found.aliases]
            found.aliases.extend(dict.fromkeys(fresh))
            if self._first_time(key, evidence):
                found.mentions.append(evidence)
        return key

    def relation(self, type: RelType, source: str, target: str, evidence: Provenance) -> None:
        if source == target:
            return
        made = Relation.create(type, source, target, evidence=[evidence])
        key = made.key()
        found = self.relations.get(key)
        if found is None:
            self.relations[key] = made
            self._first_time("|".join(key), evidence)
        elif self._first_time("|".join(key), evidence):
            found.evidence.append(evidence)

    def _first_time(self, key: str, evidence: Provenance) -> bool:
        """Whether this fact has not been read from this sentence yet (cheaper than ==)."""
        marker = (key, evidence.start, evidence.end)
        if marker in self.seen:
            return False
        self.seen.add(marker)
        return True

    def batch(self) -> GraphBatch:
        for entity in self.entities.values():
            for evidence in entity.mentions:
                self.relation(RelType.MENTIONS, self.plan_id, entity.id, evidence)
        return GraphBatch(
            entities=list(self.entities.values()), relations=list(self.relations.values())
        )


def plan_context(gazetteer: Gazetteer, plan: PlanSection, text: str) -> SentenceContext:
    """The plan's places (its region, and provinces its text names in full) for reading."""
    place = PlanPlace.build(gazetteer, plan.region, plan.region_level, plan.region_parents)
    for match in gazetteer.find_all(text):
        if not match.short and len(match.surface) >= 3:
            place.provinces.add(match.region.province_code)
    return SentenceContext(gazetteer, place)


@dataclass
class SentenceReading:
    """What the rules read in one sentence: mentions, facts, and industries' spellings."""

    mentions: list[Mention]
    extra: list[Mention]  # bodies only a relation pattern found (联合A…)
    facts: list[tuple[Fact, list[str]]]  # read from the sentence's structure
    name_facts: list[Fact]  # implied by a name (its field, its place, its parent body)
    industry_aliases: dict[str, list[str]]
    lists: list[FieldList]  # lists of fields (industries), with their spans


def implied_facts(mention: Mention, context: SentenceContext) -> list[Fact]:
    """What a mention's name implies (its field, place, parent), and its nested names'."""
    place = context.place
    facts = list(name_facts(mention, place.region, place.placeholder, place.canonical_region))
    for inner in mention.nested:
        if RuleExtractor._nested_is_entity(inner, mention):
            facts.extend(name_facts(inner, place.region, place.placeholder))
    return facts


def read_sentence(text: str, context: SentenceContext, *, title: bool = False) -> SentenceReading:
    """Mentions and facts of one sentence, including those its names imply.

    Shared by ``RuleExtractor`` and the learned extractor, which reads the same output
    as features of its own decisions.
    """
    mentions = find_mentions(text, context)
    if title:  # …发展行动计划 in the title line is the plan itself, not a programme it runs
        mentions = [m for m in mentions if m.label != Label.PROGRAM]
    lists = field_lists(text)
    extra: list[Mention] = []
    facts: list[tuple[Fact, list[str]]] = []
    facts.extend((f, []) for f in joint_work(text, mentions, extra))
    facts.extend((f, []) for f in co_founders(text, mentions))
    facts.extend((f, []) for f in based_on(text, mentions))
    facts.extend((f, []) for f in builds(text, mentions))
    facts.extend((f, []) for f in located(text, mentions))
    facts.extend((f, []) for f in led_partners(text, mentions))
    facts.extend((f, []) for f in lead_and_take_part(text, mentions))
    facts.extend((f, []) for f in serves(text, mentions, lists))
    facts.extend(priorities(text, mentions, lists))
    facts.extend(segments(lists))
    implied = [f for mention in [*mentions, *extra] for f in implied_facts(mention, context)]
    industry_aliases: dict[str, list[str]] = {}
    for mention in mentions:
        for name, aliases in mention.fields:
            industry_aliases.setdefault(name, []).extend(aliases)
    for field_list in lists:
        for item, _, _ in field_list.items:
            found = industry_name(item)
            if found:
                industry_aliases.setdefault(found[0], []).extend(found[1])
    return SentenceReading(mentions, extra, facts, implied, industry_aliases, lists)


class RuleExtractor:
    """Reads entities and relationships from a plan's prose with patterns of the genre."""

    name = "rules"

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()

    def extract(self, plan: PlanText) -> GraphBatch:
        context = plan_context(self.gazetteer, plan.plan, plan.text)
        collector = FactCollector(plan.plan.plan_id)
        title = plan.plan.title
        for sentence in plan.sentences:
            evidence = plan.evidence(sentence)
            in_title = bool(title) and title in sentence.text
            self._sentence(sentence.text, context, collector, evidence, title=in_title)
        return collector.batch()

    def _sentence(
        self,
        text: str,
        context: SentenceContext,
        out: FactCollector,
        evidence: Provenance,
        *,
        title: bool = False,
    ) -> None:
        reading = read_sentence(text, context, title=title)
        facts = [*reading.facts, *((f, []) for f in reading.name_facts)]
        known: dict[Ref, Mention] = {}
        for mention in [*reading.mentions, *reading.extra]:
            self.register(mention, out, evidence, known, top=True)
        self.emit(facts, reading.industry_aliases, known, out, evidence)

    def emit(
        self,
        facts: list[tuple[Fact, list[str]]],
        industry_aliases: dict[str, list[str]],
        known: dict[Ref, Mention],
        out: FactCollector,
        evidence: Provenance,
    ) -> None:
        """Put facts into ``out``, each end resolved to a node (registered if known)."""
        for fact, aliases in facts:
            ids = []
            for end in (fact.source, fact.target):
                if end == PLAN:
                    ids.append(out.plan_id)
                    continue
                label, name = Label(end[0]), end[1]
                if label == Label.INDUSTRY:
                    ids.append(
                        out.entity(label, name, industry_aliases.get(name, []) + aliases, evidence)
                    )
                elif end in known:
                    ids.append(
                        self.register(known[end], out, evidence, known, top=False, force=True)
                    )
                else:
                    ids.append(out.entity(label, name, [], evidence))
            out.relation(fact.type, ids[0], ids[1], evidence)

    def register(
        self,
        mention: Mention,
        out: FactCollector,
        evidence: Provenance,
        known: dict[Ref, Mention],
        *,
        top: bool,
        force: bool = False,
        host: Mention | None = None,
    ) -> str:
        known.setdefault((str(mention.label), mention.name), mention)
        for inner in mention.nested:
            self.register(inner, out, evidence, known, top=False, host=mention)
        if mention.kind:
            return ""
        if not (top or force or self._nested_is_entity(mention, host)):
            return ""
        if mention.label == Label.REGION:
            return self._region(mention, out, evidence)
        return out.entity(mention.label, mention.name, mention.aliases, evidence)

    @staticmethod
    def _nested_is_entity(mention: Mention, host: Mention | None) -> bool:
        if host is None:
            return False
        if mention.label == Label.REGION:
            return host.label in PLATFORM_LABELS
        if mention.label in _NESTED_ENTITY_LABELS and mention.start == host.start:
            return (
                mention.label != Label.RESEARCH_INSTITUTE
                or mention.suffix in PARENT_ACADEMIES
                or host.label in PLATFORM_LABELS
            )
        return False

    def _region(self, mention: Mention, out: FactCollector, evidence: Provenance) -> str:
        region = mention.region
        if region is None:
            level = "township" if mention.name.endswith(("乡", "镇")) else "prefecture"
            key = out.entity(
                Label.REGION, mention.name, mention.aliases, evidence, {"level": level}
            )
            if mention.within is not None:
                county = self._region_chain(mention.within, [], out, evidence)
                out.relation(RelType.PART_OF, key, county, evidence)
            return key
        return self._region_chain(region, mention.aliases, out, evidence)

    def _region_chain(
        self, region: Region, aliases: list[str], out: FactCollector, evidence: Provenance
    ) -> str:
        """The region's node and its PART_OF chain up to the province."""
        key = self._region_entity(region, aliases, out, evidence)
        keys = {region.code: key}
        for child, parent in self.gazetteer.part_of_chain(region):
            keys[parent.code] = self._region_entity(parent, [], out, evidence)
            out.relation(RelType.PART_OF, keys[child.code], keys[parent.code], evidence)
        return key

    @staticmethod
    def _region_entity(
        region: Region, aliases: list[str], out: FactCollector, evidence: Provenance
    ) -> str:
        names = [*aliases, short_display(region)]
        return out.entity(
            Label.REGION,
            region.name,
            [a for a in names if a != region.name],
            evidence,
            dict(region_properties(region)),
        )


__all__ = ["INSTITUTION_LABELS", "RuleExtractor", "name_field"]
