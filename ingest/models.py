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
