"""Split a document into its plans and read each plan's title, year, issuer and region.

Collections of plans mark each with a line ``第N篇:…``; a document without one is a
single plan — a notice and the plan it wraps as an attachment are one plan, since the
notice is how that plan was issued. A header line is an editor's label and may disagree
with the plan's own title line below it (a header saying 2008 over a title saying
2009), so the title line wins whenever there is one. A real document's own header (文号,
notice, signature, dates) is read by ``ingest.header``; what it finds wins over the
guesses made from the first lines, and its issuers name the plan's region first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from pathlib import PurePath

from graph.bounds import one_line
from ingest.gazetteer import Gazetteer, default_gazetteer
from ingest.header import country_name, genre_of_title, is_national, read_header
from ingest.header_parts import doc_number_parts
from ingest.models import FieldEvidence, PlanHeader, PlanSection, SourceDocument
from ingest.plan_region import NameLine, RegionGuess, infer_region

_HEADER = re.compile(
    r"^[ \t\u3000]*第\s*(?:[0-9０-９]+|[一二三四五六七八九十百零〇两]+)\s*篇\s*[:：]\s*(.*?)\s*$",
    re.M,
)
_LINE = re.compile(r"[^\n]*")
_TITLE_WORDS = re.compile(r"要点|规划|计划|方案|意见|纲要|安排|思路|总结|报告|办法|措施|通知|决定")
_SENTENCE_PUNCTUATION = re.compile(r"[。；;！!？?]")
_ENUMERATED = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．])"
)
_MAX_TITLE_CHARS = 60
#: How much of a plan's opening a header line is looked for in (titles are bounded).
_MAX_HEADER_SCAN = 4096
#: Header, title and issuer lines: all that a plan's opening is read for.
_OPENING_LINES = 3
_MIN_SHARED_WITH_HEADER = 0.5
# Editorial tags a collection adds to a title: 2010年科技工作要点(参考).
_EDITORIAL_TAG = re.compile(r"\s*[(（【\[]\s*(?:参考|仅供参考|转载|推荐|节选)\s*[)）】\]]\s*$")

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*(?:年|[-—–~至到]\s*(?:19|20)\d{2}\s*年))")
_CHINESE_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "○": "0"}

_BODY_SUFFIX = (
    r"(?:科学技术局|科学技术厅|科学技术部|科学技术委员会|科技局|科技厅|科技部|科委|"
    r"人民政府|管理委员会|管委会|委员会|办公室|局|厅|委|部)"
)
_BODY_NAME = re.compile(rf"[\u4e00-\u9fffA-Za-z×（）()]{{0,24}}?{_BODY_SUFFIX}")
_SOURCE_LINE = re.compile(
    r"^[ \t\u3000]*(?:信息来源|来源单位|来源|发布单位|发布机构|发文机关|发文单位)"
    r"\s*[:：]\s*(\S[^\n]*?)\s*$",
    re.M,
)
_TITLE_ISSUER = re.compile(rf"^({_BODY_NAME.pattern})(?=\s*(?:19|20)\d{{2}}\s*年)")
#: Common abbreviations of S&T bodies → the long form their names take (科委 stays).
ISSUER_ABBREVIATIONS = (
    ("科技厅", "科学技术厅"),
    ("科技局", "科学技术局"),
    ("科技部", "科学技术部"),
)


@dataclass(frozen=True)
class _Line:
    text: str  # stripped
    start: int


def split_plans(
    document: SourceDocument, *, gazetteer: Gazetteer | None = None
) -> list[PlanSection]:
    """The plans of a document, in order, with offsets into ``document.text``.

    Each plan runs from its header line to the next one; text before the first header
    (a collection's own title) belongs to no plan.
    """
    text = document.text
    headers = list(_HEADER.finditer(text))
    # A header runs to the end of its line, which in a one-line document is the text.
    bounds: list[tuple[int, str | None]] = [
        (match.start(), one_line(match.group(1))) for match in headers
    ] or [(0, None)]
    gazetteer = gazetteer or default_gazetteer()
    plans = []
    for ordinal, (start, header) in enumerate(bounds, start=1):
        end = bounds[ordinal][0] if ordinal < len(bounds) else len(text)
        end = start + len(text[start:end].rstrip())
        plans.append(_plan(document, ordinal, start, end, header, gazetteer))
    return plans


def _plan(
    document: SourceDocument,
    ordinal: int,
    start: int,
    end: int,
    header: str | None,
    gazetteer: Gazetteer,
) -> PlanSection:
    body = document.text[start:end]
    metadata = read_header(body, start, gazetteer)
    lines = _opening_lines(body)
    if header is not None:
        lines = lines[1:]  # the header line itself
    title_line = lines[0] if lines and _is_title(lines[0].text, header) else None
    if header is None and metadata.title:
        title = metadata.title
    else:
        title = _clean_title(title_line.text if title_line else header or _fallback_title(document))
    if metadata.genre is None and (genre := genre_of_title(title)) is not None:
        metadata.genre = genre[0]  # the title line of a 第N篇 collection names it too
        metadata.evidence["genre"] = FieldEvidence(text=genre[1], inferred=True)
    after_title = lines[1:] if title_line else lines
    issuer_line = (
        after_title[0].text if after_title and _is_body_name(after_title[0].text) else None
    )
    issuer, issuer_source = _issuer(title, header, issuer_line, body)
    if metadata.issuers:
        issuer, issuer_source = canonical_issuer(metadata.issuers[0]), None
    name_lines = [NameLine("issuer", name) for name in metadata.issuers]
    name_lines.append(NameLine("title", title))
    if header is not None and header != title:
        name_lines.append(NameLine("header", header))
    if issuer_source is not None:
        name_lines.append(issuer_source)
    guess = infer_region(name_lines, body, gazetteer)
    if is_national(metadata, gazetteer):
        guess = RegionGuess(
            country_name(), "country", [], f"issued by {metadata.issuers[0]}, a central body"
        )
    return PlanSection(
        document_id=document.id,
        ordinal=ordinal,
        header=_header_line(body) if header is not None else None,
        title=title,
        start=start,
        end=end,
        year=_header_year(metadata) or _year(title) or _year(header or "") or _year(body),
        issuer=issuer,
        region=guess.region,
        region_level=guess.level,
        region_parents=guess.parents,
        region_note=guess.note,
        level=_plan_level(guess.level),
        metadata=metadata,
    )


def _header_year(metadata: PlanHeader) -> int | None:
    """The year of issue, else the year of the document number (嘉市监〔2018〕87号)."""
    if metadata.year is not None:
        return metadata.year
    parts = doc_number_parts(metadata.doc_number) if metadata.doc_number else None
    return parts[1] if parts else None


def _opening_lines(text: str) -> list[_Line]:
    """The first non-blank lines, as many as header, title and issuer can take.

    Only these are read, so a plan of a million lines costs no more than one of three.
    """
    lines = (
        _Line(match.group(0).strip(), match.start())
        for match in _LINE.finditer(text)
        if match.group(0).strip()
    )
    return list(islice(lines, _OPENING_LINES))


def _header_line(body: str) -> str:
    return one_line(body[:_MAX_HEADER_SCAN])


def _is_title(line: str, header: str | None) -> bool:
    """A plan's own title: short, not a sentence or a numbered item, worded like a title,
    and under a header, mostly made of the header's characters (a heading such as
    重点任务计划 under 2010年科技工作要点 is not)."""
    if len(line) > _MAX_TITLE_CHARS or _SENTENCE_PUNCTUATION.search(line):
        return False
    if line.endswith(("：", ":")):
        return False  # the addressees (各省、自治区…：), not a title
    if _ENUMERATED.match(line):
        return False
    if header is None:
        return bool(_TITLE_WORDS.search(line))
    if line in header:
        return True
    shared = len(set(line) & set(header)) / len(set(line))
    return bool(_TITLE_WORDS.search(line)) and shared >= _MIN_SHARED_WITH_HEADER


def _clean_title(title: str) -> str:
    return one_line(_EDITORIAL_TAG.sub("", one_line(title)))


def _fallback_title(document: SourceDocument) -> str:
    return PurePath(document.source).stem or document.id


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if match:
        return int(match.group(1))
    chinese = _CHINESE_YEAR.search(text)
    if chinese:
        return int("".join(_CHINESE_DIGITS[c] for c in chinese.group(1)))
    return None


def _is_body_name(line: str) -> bool:
    return _BODY_NAME.fullmatch(line) is not None


def _issuer(
    title: str, header: str | None, issuer_line: str | None, body: str
) -> tuple[str | None, NameLine | None]:
    """The issuing body (a line under the title, a name opening the title, a 来源 line),
    and the line naming it when that line may also name the plan's region."""
    if issuer_line is not None:
        return canonical_issuer(issuer_line), NameLine("issuer line", issuer_line)
    for name_line in (title, header or ""):
        opening = _TITLE_ISSUER.match(name_line)
        if opening:
            return canonical_issuer(opening.group(1)), None
    for source in _SOURCE_LINE.finditer(body):
        if _is_body_name(source.group(1)):
            return canonical_issuer(source.group(1)), NameLine(
                "source line", source.group(0).strip(), fallback=True
            )
    return None, None


def canonical_issuer(name: str) -> str:
    """The long form of an abbreviated body name (江苏省科技厅 → 江苏省科学技术厅)."""
    for short, full in ISSUER_ABBREVIATIONS:
        if name.endswith(short):
            return name[: -len(short)] + full
    return name


def _plan_level(region_level: str | None) -> str | None:
    return "national" if region_level == "country" else region_level
