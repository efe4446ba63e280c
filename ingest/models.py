"""Models that cross the ingest boundaries: read documents, plan sections, reports."""

from __future__ import annotations

from pydantic import BaseModel, Field

from graph.schema import Label, entity_id


class SourceDocument(BaseModel):
    """A decoded document: its text and how it was read."""

    id: str = Field(description="Stable id: from the source path, an upload's digest or client")
    source: str = Field(description="Path or upload name")
    text: str
    encoding: str | None = Field(default=None, description="Detected encoding, if text")
    format: str = Field(default="txt", description="txt, md, html, docx or pdf")
    sha256: str = Field(description="Digest of the raw bytes")
    replaced_bytes: int = Field(
        default=0, ge=0, description="Damaged bytes read as U+FFFD (a bad byte, a cut, a NUL)"
    )


class FieldEvidence(BaseModel):
    """Where a metadata field was read (a snippet and its offsets in the document), or,
    for a value that no line states, a note of how it was inferred."""

    text: str = Field(description="The snippet the value was read from, or the note")
    start: int | None = Field(default=None, ge=0, description="Offset in the document")
    end: int | None = Field(default=None, ge=0)
    inferred: bool = Field(default=False, description="True when ``text`` is a note")


class PlanHeader(BaseModel):
    """What a plan's header, signature and closing articles say about the plan."""

    title: str | None = Field(default=None, description="The plan's own title (X of 印发《X》)")
    notice_title: str | None = Field(default=None, description="The wrapping notice's title")
    doc_number: str | None = Field(default=None, description="文号, brackets as 〔〕")
    issued: str | None = Field(default=None, description="Date of issue, ISO 8601")
    effective_from: str | None = None
    valid_until: str | None = None
    trial: bool = Field(default=False, description="Marked 试行 or 暂行")
    genre: str | None = None
    issuers: list[str] = Field(default_factory=list, description="Issuing bodies, in order")
    evidence: dict[str, FieldEvidence] = Field(default_factory=dict)

    @property
    def year(self) -> int | None:
        return int(self.issued[:4]) if self.issued else None


class PlanSection(BaseModel):
    """One plan inside a document, with what its title and text say about it.

    ``start``/``end`` are code-point offsets into ``SourceDocument.text``; every
    provenance offset the extractor writes is relative to the document, not the plan.
    """

    document_id: str
    ordinal: int = Field(ge=1, description="1-based position of the plan in its document")
    header: str | None = Field(default=None, description="A '第N篇:…' line, when present")
    title: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    year: int | None = None
    issuer: str | None = Field(default=None, description="Issuing body as named in the text")
    region: str | None = Field(default=None, description="Canonical region name, e.g. 常熟市")
    region_level: str | None = Field(
        default=None, description="country, province, prefecture, county or township"
    )
    region_parents: list[str] = Field(
        default_factory=list, description="Enclosing regions up to the province, nearest first"
    )
    region_note: str | None = Field(
        default=None, description="How the region was found, or why it is unknown (xx市)"
    )
    level: str | None = Field(default=None, description="Administrative level of the plan")
    metadata: PlanHeader | None = Field(
        default=None, description="What the header reader found (ingest.header)"
    )

    @property
    def plan_id(self) -> str:
        return entity_id(Label.PLAN, self.plan_key)

    @property
    def plan_key(self) -> str:
        return f"{self.document_id}#{self.ordinal}"


class SkippedFile(BaseModel):
    source: str
    reason: str


class DamagedFile(BaseModel):
    """A file read although some of its bytes were damaged: how many were replaced."""

    source: str
    replaced_bytes: int


class FolderCounts(BaseModel):
    """What became of the files of one folder in an ingest run."""

    ingested: int = 0
    unchanged: int = 0
    skipped: int = 0


class IngestReport(BaseModel):
    """The summary a CLI run or an upload ends with."""

    documents: int = 0
    unchanged: int = 0
    plans: int = 0
    entities_by_label: dict[str, int] = Field(default_factory=dict)
    relations_by_type: dict[str, int] = Field(default_factory=dict)
    skipped: list[SkippedFile] = Field(default_factory=list)
    damaged: list[DamagedFile] = Field(
        default_factory=list, description="Files read with damaged bytes replaced"
    )
    document_ids: list[str] = Field(
        default_factory=list, description="Documents read, written or unchanged"
    )
    folders: dict[str, FolderCounts] = Field(
        default_factory=dict, description="Per folder of the files read: what became of them"
    )

    def tally(self, folder: str, before: tuple[int, int, int]) -> None:
        """Count in ``folder`` what changed since ``before`` (documents, unchanged, skipped)."""
        counts = self.folders.setdefault(folder, FolderCounts())
        counts.ingested += self.documents - before[0]
        counts.unchanged += self.unchanged - before[1]
        counts.skipped += len(self.skipped) - before[2]

    def totals(self) -> tuple[int, int, int]:
        return self.documents, self.unchanged, len(self.skipped)
