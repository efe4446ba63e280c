"""Score plan metadata against an annotation of documents' headers.

The annotation (``shared/eval/zhejiang-metadata.json``) is a third party's, kept as they
made it; each field is scored over the documents where they annotated it, the way
issue 10 defines:

- issuers: precision, recall and F1 over names (an annotated entry holding two bodies,
  spaced or run together as 中共X市委X市人民政府, counts as two, split the way the header
  reader splits joint issuers; an annotated name abbreviated to its level, 县财政局, matches
  the full 安吉县财政局);
- title: equal once 《》〈〉<> and a 关于印发…的通知 wrapper (and what precedes it) are dropped;
- region: equal up to a trailing 省/市/县/区 (杭州市临安区 and 临安区 are one place);
- year: the year of the annotated date;
- document number: equal as (issuer code, year, serial), whatever brackets are used; an
  annotated number without its issuer code (〔2017〕185号) matches on year and serial.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from graph.schema import Direction, Label, RelType, normalize_name
from graph.service import GraphService
from ingest.header_parts import doc_number_parts, split_body_names

ACCURACY_FIELDS = ("title", "region", "year", "doc_number")


class GoldMetadata(BaseModel):
    issuers: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    doc_numbers: list[str] = Field(default_factory=list)
    validity: list[str] = Field(default_factory=list)


class MetadataGold(BaseModel):
    source: str | None = None
    documents: dict[str, GoldMetadata]

    @classmethod
    def load(cls, path: Path) -> MetadataGold:
        return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))


class PredictedMetadata(BaseModel):
    """What the store holds for one document's (first) plan."""

    issuers: list[str] = Field(default_factory=list)
    title: str | None = None
    region: str | None = None
    year: int | None = None
    doc_number: str | None = None


class FieldScore(BaseModel):
    scored: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.scored if self.scored else 0.0


class NameScore(BaseModel):
    predicted: int = 0
    gold: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class MetadataReport(BaseModel):
    documents: int = 0
    missing: list[str] = Field(default_factory=list, description="Annotated, not in the store")
    issuers: NameScore = Field(default_factory=NameScore)
    fields: dict[str, FieldScore] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "issuers_f1": round(self.issuers.f1, 3),
            **{f: round(score.accuracy, 3) for f, score in self.fields.items()},
        }


# --- normalisation -------------------------------------------------------------------

_WRAPPER = re.compile(r"^.*?(?:关于)?(?:印发|转发)(.+)的通知$")
_TITLE_MARKS = re.compile(r"[《》〈〉<>]")
_REGION_SUFFIX = re.compile(r"[省市县区]$")
_SPACES = re.compile(r"[\s\u3000\xa0]+")


def title_key(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).strip()
    wrapped = _WRAPPER.match(text)
    if wrapped:
        text = wrapped.group(1)
    return normalize_name(_TITLE_MARKS.sub("", text))


def region_key(region: str) -> str:
    return _REGION_SUFFIX.sub("", normalize_name(region))


def regions_match(predicted: str, gold: str) -> bool:
    pred, want = region_key(predicted), region_key(gold)
    return bool(pred) and want.endswith(pred)


def gold_names(entries: Iterable[str]) -> list[str]:
    names: list[str] = []
    for entry in entries:
        for piece in _SPACES.split(entry.strip()):
            if piece:
                names.extend(split_body_names(piece) or [piece])
    return names


def names_match(predicted: str, gold: str) -> bool:
    pred, want = normalize_name(predicted), normalize_name(gold)
    return pred == want or (want[:1] in "省市县区" and pred.endswith(want) and pred != want)


def doc_numbers_match(predicted: str, gold: str) -> bool:
    pred, want = doc_number_parts(predicted), doc_number_parts(gold)
    if pred is None or want is None:
        return normalize_name(predicted) == normalize_name(gold)
    return pred[1:] == want[1:] and (pred[0] == want[0] or not want[0])


def gold_year(dates: list[str]) -> int | None:
    for value in dates:
        found = re.search(r"(?:19|20)\d{2}", unicodedata.normalize("NFKC", value))
        if found:
            return int(found.group(0))
    return None


# --- scoring -------------------------------------------------------------------------


def score_metadata(gold: MetadataGold, predicted: dict[str, PredictedMetadata]) -> MetadataReport:
    report = MetadataReport(fields={field: FieldScore() for field in ACCURACY_FIELDS})
    for uid, want in gold.documents.items():
        got = predicted.get(uid)
        if got is None:
            report.missing.append(uid)
            got = PredictedMetadata()
        report.documents += 1
        _score_issuers(report, uid, got.issuers, gold_names(want.issuers))
        checks: dict[str, tuple[bool, str, str] | None] = {
            "title": _check(got.title, want.titles, lambda p, g: title_key(p) == title_key(g)),
            "region": _check(got.region, want.regions, regions_match),
            "doc_number": _check(got.doc_number, want.doc_numbers, doc_numbers_match),
            "year": _year_check(got.year, want.dates),
        }
        for field, outcome in checks.items():
            if outcome is None:
                continue
            ok, pred, expected = outcome
            report.fields[field].scored += 1
            report.fields[field].correct += ok
            if not ok:
                report.errors.append(f"{uid} {field}: got {pred!r}, annotated {expected!r}")
    return report


def _check(value: str | None, gold: list[str], same: object) -> tuple[bool, str, str] | None:
    if not gold:
        return None
    assert callable(same)
    ok = value is not None and any(same(value, g) for g in gold)
    return ok, value or "", " | ".join(gold)


def _year_check(year: int | None, dates: list[str]) -> tuple[bool, str, str] | None:
    want = gold_year(dates)
    if want is None:
        return None
    return year == want, str(year), str(want)


def _score_issuers(report: MetadataReport, uid: str, got: list[str], want: list[str]) -> None:
    if not want:
        return  # not annotated: nothing to score against
    unmatched = list(want)
    correct = 0
    for name in got:
        hit = next((g for g in unmatched if names_match(name, g)), None)
        if hit is not None:
            unmatched.remove(hit)
            correct += 1
    report.issuers.predicted += len(got)
    report.issuers.gold += len(want)
    report.issuers.correct += correct
    if correct != len(got) or unmatched:
        report.errors.append(f"{uid} issuers: got {got}, annotated {want}")


def predictions_from_store(store: GraphService) -> dict[str, PredictedMetadata]:
    """Each document's first plan, keyed by the file's name without its suffix."""
    out: dict[str, PredictedMetadata] = {}
    plans = sorted(store.plans(), key=lambda p: _ordinal(p.properties.get("ordinal")))
    for plan in plans:
        source = plan.properties.get("source")
        if not isinstance(source, str):
            continue
        uid = Path(source).stem
        if uid in out:
            continue
        issued_by = store.neighbors(
            plan.id,
            types=[RelType.ISSUED_BY],
            direction=Direction.OUT,
            labels=[Label.GOVERNMENT],
            limit=100,
        )
        props = plan.properties
        year = props.get("year")
        out[uid] = PredictedMetadata(
            issuers=_issuer_order(props.get("issuers"), [n.entity.name for n in issued_by.items]),
            title=_text(props.get("title")) or plan.name,
            region=_text(props.get("region")),
            year=year if isinstance(year, int) else None,
            doc_number=_text(props.get("doc_number")),
        )
    return out


def _issuer_order(listed: object, linked: list[str]) -> list[str]:
    """The ISSUED_BY names, in the order the plan lists them where it does."""
    order = [n for n in listed if n in linked] if isinstance(listed, list) else []
    return order + [n for n in linked if n not in order]


def _ordinal(value: object) -> int:
    return value if isinstance(value, int) else 0


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
