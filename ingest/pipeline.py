"""Read → split → extract → commit, one document per atomic ``replace_document``.

A file's document id follows from its path, so re-ingesting a changed file replaces
exactly that document's facts, and an unchanged file (same digest) is skipped. An
upload's id is the digest of its bytes or an id the client chose; replacing an upload
is asked for explicitly (``replace=True``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from graph.gc_control import paused_gc
from graph.merge import merge_batches
from graph.schema import (
    DocumentRecord,
    Entity,
    GraphBatch,
    Label,
    Provenance,
    Relation,
    RelType,
)
from graph.store import GraphStore
from ingest.errors import DocumentConflict, UnreadableDocument
from ingest.extractor import Extractor, PlanText
from ingest.filenames import display_name, printable
from ingest.gazetteer import default_gazetteer, region_properties
from ingest.header_extractor import HeaderExtractor
from ingest.limits import DEFAULT_MAX_BYTES
from ingest.models import DamagedFile, IngestReport, PlanSection, SkippedFile, SourceDocument
from ingest.readers import iter_paths, read_bytes, read_document
from ingest.reading import keep_original_evidence, reading_document
from ingest.sentences import Sentence
from ingest.splitter import split_plans
from ingest.targets import TargetReader

log = logging.getLogger(__name__)


#: Called after each file with (path, bytes of that file) so a CLI can move a bar.
ProgressHook = Callable[[Path, int], None]


def default_extractors() -> list[Extractor]:
    """The plan's own facts, the learned mentions and relations, and the targets."""
    from ingest.learned.extractor import LearnedExtractor

    return [PlanFacts(), HeaderExtractor(), LearnedExtractor(), TargetReader()]


def rule_extractors() -> list[Extractor]:
    """As ``default_extractors``, with the rules deciding mentions and relations."""
    from ingest.rules.extractor import RuleExtractor

    return [PlanFacts(), HeaderExtractor(), RuleExtractor(), TargetReader()]


EXTRACTOR_SETS = {"learned": default_extractors, "rules": rule_extractors}


def _evidence_for(
    document: SourceDocument, plan: PlanSection, sentences: Sequence[Sentence], needle: str | None
) -> Provenance:
    """The first sentence of the plan that contains ``needle``, else the plan's title line."""
    chosen = next((s for s in sentences if needle and needle in s.text), None)
    if chosen is None:
        chosen = next((s for s in sentences if plan.title in s.text), None)
    if chosen is None and sentences:
        chosen = sentences[0]
    if chosen is None:
        return Provenance(document=document.id, plan=plan.plan_id, start=plan.start, end=plan.start)
    return Provenance(
        document=document.id,
        plan=plan.plan_id,
        sentence=chosen.text,
        start=chosen.start,
        end=chosen.end,
    )


def region_entities(
    name: str, evidence: Provenance, *, level: str | None = None
) -> tuple[list[Entity], list[Relation]]:
    """A Region entity and its chain of PART_OF up to the province, from the gazetteer."""
    gazetteer = default_gazetteer()
    known = gazetteer.lookup(name)
    region = known[0] if len(known) == 1 else None
    properties = region_properties(region) if region is not None else {}
    properties["level"] = level or properties.get("level")
    entities = [Entity.create(Label.REGION, name, properties=dict(properties), mentions=[evidence])]
    relations: list[Relation] = []
    if region is not None:
        ids = {region.code: entities[0].id}
        for child, parent in gazetteer.part_of_chain(region):
            parent_entity = Entity.create(
                Label.REGION,
                parent.name,
                properties=dict(region_properties(parent)),
                mentions=[evidence],
            )
            entities.append(parent_entity)
            ids[parent.code] = parent_entity.id
            relations.append(
                Relation.create(
                    RelType.PART_OF, ids[child.code], parent_entity.id, evidence=[evidence]
                )
            )
    return entities, relations


class PlanFacts:
    """The extractor of the plan's own node: title, year, issuer, region."""

    name = "plan"

    def extract(self, plan: PlanText) -> GraphBatch:
        return plan_facts(plan)


def plan_facts(text: PlanText) -> GraphBatch:
    """The Plan node, who issued it and what it covers."""
    document, plan, sentences = text.document, text.plan, text.sentences
    title_evidence = _evidence_for(document, plan, sentences, plan.title)
    plan_entity = Entity.create(
        Label.PLAN,
        plan.title,
        key=plan.plan_key,
        properties={
            "title": plan.title,
            "year": plan.year,
            "region": plan.region,
            "region_level": plan.region_level,
            "region_note": plan.region_note,
            "issuer": plan.issuer,
            "level": plan.level,
            "document": document.id,
            "source": document.source,
            "ordinal": plan.ordinal,
            "header": plan.header,
        },
        mentions=[title_evidence],
    )
    entities = [plan_entity]
    relations: list[Relation] = []
    if plan.issuer:
        evidence = _evidence_for(document, plan, sentences, plan.issuer)
        issuer = Entity.create(Label.GOVERNMENT, plan.issuer, mentions=[evidence])
        entities.append(issuer)
        relations.append(
            Relation.create(RelType.ISSUED_BY, plan_entity.id, issuer.id, evidence=[evidence])
        )
        relations.append(
            Relation.create(RelType.MENTIONS, plan_entity.id, issuer.id, evidence=[evidence])
        )
    if plan.region:
        evidence = _evidence_for(document, plan, sentences, plan.region)
        region_nodes, region_links = region_entities(plan.region, evidence, level=plan.region_level)
        entities.extend(region_nodes)
        relations.extend(region_links)
        relations.append(
            Relation.create(RelType.COVERS, plan_entity.id, region_nodes[0].id, evidence=[evidence])
        )
    return GraphBatch(entities=entities, relations=relations)


def build_batch(
    document: SourceDocument, plans: Sequence[PlanSection], extractors: Sequence[Extractor]
) -> GraphBatch:
    """Everything one document says, merged so each entity and relation appears once.

    Each plan is split into sentences once; every extractor reads that split.
    """
    parts: list[GraphBatch] = []
    for plan in plans:
        text = PlanText.of(document, plan)
        parts.extend(extractor.extract(text) for extractor in extractors)
    return merge_batches(parts)


def _record(document: SourceDocument, plans: Sequence[PlanSection]) -> DocumentRecord:
    return DocumentRecord(
        id=document.id,
        source=document.source,
        sha256=document.sha256,
        encoding=document.encoding,
        chars=len(document.text),
        plans=[plan.plan_id for plan in plans],
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


class Prior(Enum):
    """What the store holds of a document about to be ingested."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


def ingest_document(
    store: GraphStore,
    document: SourceDocument,
    extractors: Sequence[Extractor],
    report: IngestReport,
) -> None:
    """Commit one read document unless the store already holds this exact version."""
    prior = prior_version(store, document, report)
    if prior is Prior.UNCHANGED:
        return
    plans, batch = extract_document(document, extractors)
    commit_document(store, document, plans, batch, report, replaced=prior is Prior.CHANGED)


def prior_version(store: GraphStore, document: SourceDocument, report: IngestReport) -> Prior:
    """What the store holds of ``document``; an unchanged one is counted and logged here."""
    known = store.get_document(document.id)
    if known is not None and known.sha256 == document.sha256:
        log.info("unchanged, skipped: %s", document.source)
        report.unchanged += 1
        report.document_ids.append(document.id)
        return Prior.UNCHANGED
    if document.replaced_bytes:
        log.warning(
            "read %s with %d damaged bytes replaced", document.source, document.replaced_bytes
        )
        report.damaged.append(
            DamagedFile(source=document.source, replaced_bytes=document.replaced_bytes)
        )
    return Prior.NEW if known is None else Prior.CHANGED


def extract_document(
    document: SourceDocument, extractors: Sequence[Extractor]
) -> tuple[list[PlanSection], GraphBatch]:
    """The document's plans and everything they say (no store involved: a worker can run it)."""
    # The collector would walk every provenance of a large document again and again as
    # they pile up (a 30 MB one-line file took twice as long); extraction makes no cycles.
    view = reading_document(document)  # NFKC digits, t2s: offsets kept, evidence original
    with paused_gc():
        plans = split_plans(view)
        batch = keep_original_evidence(
            build_batch(view, plans, extractors), view.text, document.text
        )
    return plans, batch


def commit_document(
    store: GraphStore,
    document: SourceDocument,
    plans: Sequence[PlanSection],
    batch: GraphBatch,
    report: IngestReport,
    *,
    replaced: bool,
) -> None:
    """Replace the document's facts in the store, atomically, and count them."""
    store.replace_document(_record(document, plans), batch)
    log.info(
        "%s %s: %d plans, %d entities, %d relations",
        "replaced" if replaced else "ingested",
        document.source,
        len(plans),
        len(batch.entities),
        len(batch.relations),
    )
    report.documents += 1
    report.plans += len(plans)
    report.document_ids.append(document.id)
    _count(report, batch)


def _count(report: IngestReport, batch: GraphBatch) -> None:
    labels = Counter(str(e.label) for e in batch.entities)
    types = Counter(str(r.type) for r in batch.relations)
    for label, n in labels.items():
        report.entities_by_label[label] = report.entities_by_label.get(label, 0) + n
    for rel_type, n in types.items():
        report.relations_by_type[rel_type] = report.relations_by_type.get(rel_type, 0) + n


def ingest_paths(
    store: GraphStore,
    paths: Iterable[Path],
    *,
    extractors: Sequence[Extractor] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressHook | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Ingest files and folders; a bad file is skipped with its reason, the run goes on."""
    skipped: list[SkippedFile] = []
    files = list(iter_paths(list(paths), skipped=skipped))
    return ingest_files(
        store,
        files,
        skipped=skipped,
        extractors=extractors,
        max_bytes=max_bytes,
        progress=progress,
        jobs=jobs,
    )


def ingest_files(
    store: GraphStore,
    files: Sequence[Path],
    *,
    skipped: Sequence[SkippedFile] = (),
    extractors: Sequence[Extractor] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressHook | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Ingest files already listed by ``iter_paths`` (with what the listing skipped).

    ``jobs`` > 1 extracts that many documents at once in worker processes (the default
    extractors only), while this process reads, commits in order and reports.
    """
    if jobs > 1 and extractors is None:
        from ingest.parallel import ingest_files_in_parallel

        return ingest_files_in_parallel(
            store, files, skipped=skipped, max_bytes=max_bytes, progress=progress, jobs=jobs
        )
    extractors = extractors or default_extractors()
    report = report_listing(skipped)
    for path in files:
        before = report.totals()
        try:
            document = read_document(path, max_bytes=max_bytes)
            ingest_document(store, document, extractors, report)
        except UnreadableDocument as exc:
            skip_file(report, path, exc)
        finally:
            finish_file(report, path, before, progress)
    return report


def report_listing(skipped: Sequence[SkippedFile]) -> IngestReport:
    """A new report holding (and logging) what the folder listing passed over."""
    report = IngestReport()
    for listed in skipped:  # what the listing passed over is logged as a read failure is
        log.warning("skipped %s: %s", listed.source, listed.reason)
        before = report.totals()
        report.skipped.append(listed)
        report.tally(str(Path(listed.source).parent), before)
    return report


def skip_file(report: IngestReport, path: Path, exc: UnreadableDocument) -> None:
    shown = display_name(path)
    log.warning("skipped %s: %s", shown, exc.reason)
    report.skipped.append(SkippedFile(source=shown, reason=exc.reason))


def finish_file(
    report: IngestReport, path: Path, before: tuple[int, int, int], progress: ProgressHook | None
) -> None:
    """Count the file in its folder (by what changed since ``before``) and move the bar."""
    report.tally(display_name(path.parent), before)
    if progress is not None:
        progress(path, file_size(path))


def ingest_upload(
    store: GraphStore,
    filename: str,
    data: bytes,
    *,
    document_id: str | None = None,
    replace: bool = False,
    extractors: Sequence[Extractor] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """Ingest uploaded bytes; the file name is metadata only, never a path.

    The document's id is ``document_id``, or the digest of ``data``. Unless ``replace``,
    an id the store holds with other content raises ``DocumentConflict``.
    """
    report = IngestReport()
    try:
        document = read_bytes(filename, data, max_bytes=max_bytes, document_id=document_id)
    except UnreadableDocument as exc:
        report.skipped.append(SkippedFile(source=printable(filename), reason=exc.reason))
        return report
    if not replace:
        known = store.get_document(document.id)
        if known is not None and known.sha256 != document.sha256:
            raise DocumentConflict(document.id)
    ingest_document(store, document, extractors or default_extractors(), report)
    return report


def file_size(path: Path) -> int:
    """Bytes on disk, 0 for a file that vanished (progress only; never fails a run)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
