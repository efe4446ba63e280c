"""Read a plan's header: title, wrapping notice, 文号, issuing bodies, dates, validity, genre.

Real documents do not open with ``第N篇:title``. They open with a masthead (X人民政府文件),
a document number, a formal title (often a notice 关于印发《X》的通知 that wraps the plan),
the addressees, and they close the notice or the plan with a signature and a date. In the
texts we get, those parts are often run together without line breaks, so the reader goes
by structure — where a number, a date or a run of body names stands relative to the title
and the first sentence — rather than by line layout. Every word list it uses lives in
``header_words.json``; nothing here names one document's strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.gazetteer import Gazetteer, default_gazetteer
from ingest.header_parts import (
    DATE,
    DATE_TEXT,
    DOC_NUMBER,
    LEVEL_START,
    SPACES,
    YEAR_END,
    cn_number,
    end_of_period,
    format_doc_number,
    is_citation,
    iso_date,
    number_parts,
    number_start,
    plus_years,
    split_body_names,
    unnamed,
)
from ingest.header_words import words
from ingest.models import FieldEvidence, PlanHeader

_MIN_HEAD_CHARS = 40
_HEAD_CHARS = 1500  # the header never runs longer; a missing 。 cannot make it unbounded
_TAIL_CHARS = 700  # signature, date, 抄送 and 印发 lines at the end
_NOTICE_CHARS = 500  # a notice's signature and date, after its last sentence
_MAX_TITLE_CHARS = 120
_MAX_PLACE_CHARS = 8
_MAX_SIGNATURE_LINES = 6
_MAX_TITLE_LINES = 2
_MAX_TABLE_LINE = 200  # a table's row; a longer line is prose

# 第一章, 第三条, 一、, （一）, 1. — headings inside a body, never a title.
_ENUMERATED = re.compile(
    r"^(?:第\s*[0-9一二三四五六七八九十百]+\s*[章条节部分篇]|[一二三四五六七八九十]+\s*[、.．]"
    r"|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．](?!\d))"
)


# --- the reader ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Span:
    text: str
    start: int  # offset in the plan text
    length: int | None = None  # of the source, when ``text`` was joined from broken lines

    @property
    def end(self) -> int:
        return self.start + (self.length if self.length is not None else len(self.text))


class HeaderReader:
    """Reads one plan's text; ``offset`` is where that text starts in its document."""

    def __init__(self, text: str, offset: int = 0, gazetteer: Gazetteer | None = None) -> None:
        self.text = text
        self.offset = offset
        self.gazetteer = gazetteer or default_gazetteer()
        self.w = words()
        self.header = PlanHeader()
        # A 。 in the opening characters ends a caption (政府工作报告。 贵州日报…摄).
        first_stop = text.find("。", _MIN_HEAD_CHARS)
        self.head_end = min(len(text), _HEAD_CHARS, first_stop if first_stop >= 0 else len(text))
        self.table = self._key_values()

    def read(self) -> PlanHeader:
        self._doc_number()
        self._title()
        self._report_line()
        self._signatures()
        self._table_issuers()
        self._validity()
        self._genre()
        return self.header

    # evidence

    def _note(self, field: str, span: _Span) -> None:
        self.header.evidence.setdefault(
            field,
            FieldEvidence(
                text=span.text.strip(),
                start=self.offset + span.start,
                end=self.offset + span.end,
            ),
        )

    def _infer(self, field: str, note: str) -> None:
        self.header.evidence.setdefault(field, FieldEvidence(text=note, inferred=True))

    # web-page tables: 文号：…, 成文日期：…, 发布单位：… (value on the line or the next)

    def _key_values(self) -> dict[str, _Span]:
        """索引号：… 文号：… 成文日期：… 发布机构：…, several on a line or one a line, the
        value after the key or on the next line; a field's first key in the list wins."""
        found: dict[str, tuple[int, _Span]] = {}
        head = self.text[:_HEAD_CHARS]
        for match in self.w.key_pair.finditer(head):
            key, value, start = match.group("key"), match.group("value").strip(), match.start()
            line = head[head.rfind("\n", 0, start) + 1 : head.find("\n", start)]
            if not value:  # 来源:\n四川日报
                following = re.match(r"\s*\n\s*([^\n]+)", head[match.end() :])
                if following is None:
                    continue
                value = following.group(1).strip()
                start = match.end() + following.start(1)
            elif ":" not in match.group(0) and "：" not in match.group(0):
                continue  # a key word inside a sentence, not a table's key
            else:
                start = match.start("value")
            if len(line) > _MAX_TABLE_LINE:
                continue
            field = next(f for f, ws in self.w.keys.items() if key in ws)
            rank = self.w.keys[field].index(key)
            if field not in found or rank < found[field][0]:
                found[field] = (rank, _Span(value, start))
        return {field: span for field, (_, span) in found.items()}

    # 文号

    def _doc_number(self) -> None:
        zones = [self.table["doc_number"]] if "doc_number" in self.table else []
        zones.append(_Span(self.text[: self.head_end], 0))
        for zone in zones:
            for match in DOC_NUMBER.finditer(zone.text):
                start = number_start(match)
                if is_citation(zone.text, start):
                    continue
                self.header.doc_number = format_doc_number(number_parts(match))
                self._note("doc_number", _Span(zone.text[start : match.end()], zone.start + start))
                self._masthead(zone.text[:start], zone.start)
                return

    def _masthead(self, before: str, base: int) -> None:
        """X人民政府文件 before the number: the issuer's masthead."""
        for match in re.finditer(r"([\u4e00-\u9fff（）()]{3,40}?)文件", before):
            names = split_body_names(_strip_codes(match.group(1)), self.gazetteer)
            if names:
                self._add_issuers(names, _Span(match.group(0), base + match.start()))

    # title and notice

    def _title(self) -> None:
        if "title" in self.table:
            self._set_title(self.table["title"])
            return
        line = self._title_line()
        if line is not None:
            self._set_title(line)

    def _title_line(self) -> _Span | None:
        """The first line of the head worded like a title, cut where the body begins; a
        title broken over lines inside its 《》 is joined again."""
        head = self.text[: self.head_end + 1]  # with the 。 that ends the head
        lines = list(_lines(head))
        for index, (raw, start) in enumerate(lines):
            if self._is_chrome(raw):
                continue
            if self.w.body_cue.match(raw.strip()) and not raw.strip().startswith("关于"):
                break  # the body has begun
            if _ENUMERATED.match(raw.strip()):
                break  # a chapter, article or numbered heading: the body has begun
            span = _clean_title_line(raw, start)
            if span is None or not (self.w.genre_word.search(span.text) or "关于" in span.text):
                continue
            span = _joined_while_quoted(span, lines[index + 1 : index + 1 + _MAX_TITLE_LINES])
            span = self._joined_with_opening(span, lines[:index])
            cut = self._cut_title(span.text)
            if cut:
                return _Span(cut, span.start, span.length if cut == span.text else None)
        return self._quoted_in_notice_sentence()

    def _is_chrome(self, raw: str) -> bool:
        """A table's key line or an export's citation code (【法宝引证码】, 原文链接)."""
        return bool(self.w.key_line.match(raw)) or raw.lstrip().startswith(("【", "原文链接"))

    def _joined_with_opening(self, span: _Span, before: list[tuple[str, int]]) -> _Span:
        """A title broken over the text's first lines (…产品准入\n管理指南（试行）): the first
        line, short, without punctuation or a title word of its own, is its beginning."""
        opening = [(raw, start) for raw, start in before if raw.strip()]
        if len(opening) != 1 or self._is_chrome(opening[0][0]):
            return span
        raw, start = opening[0]
        first = raw.strip()
        if (
            len(first) > _MAX_TITLE_CHARS // 3
            or self.w.genre_word.search(first)
            or any(c in first for c in "，。：:；;,、")
            or DOC_NUMBER.search(first)
        ):
            return span
        start += len(raw) - len(raw.lstrip())
        return _Span(first + span.text, start, span.end - start)

    def _quoted_in_notice_sentence(self) -> _Span | None:
        """No title line: the plan the notice's sentence hands out (《X》…现印发给你们)."""
        window = self.text[: self.head_end + 1]
        pattern = rf"《([^《》]{{4,{_MAX_TITLE_CHARS}}})》[^。《》]{{0,60}}?(?:{self.w.handout})"
        found = re.search(pattern, window)
        if found is None:
            return None
        title = SPACES.sub("", found.group(1))
        return _Span(title, found.start(1), found.end(1) - found.start(1))

    def _cut_title(self, line: str) -> str | None:
        """The title out of a line that may run on into addressees or the first sentence;
        None for a sentence (a title word followed by ，or 。, or opening with 本/该)."""
        clause = line[: _clause_end(line)][:_MAX_TITLE_CHARS]
        if clause.startswith("《") and not clause.rstrip().endswith("》"):
            return None  # 《X》收悉 / 《X》已经…: a document the sentence cites
        if clause[:1] in self.w.not_title_start:
            return None
        notice = re.search(r"的通知", clause)
        if notice and self.w.notice_verb.search(clause[: notice.start()]):
            return clause[: notice.end()]
        ends = [
            _after_parentheses(clause, m.end())
            for m in self.w.genre_word.finditer(clause)
            if clause.count("《", 0, m.start()) == clause.count("》", 0, m.start())
        ]
        if not ends:
            about = "关于" in re.sub(r"《[^》]*》", "", clause)
            return clause if len(clause) <= _MAX_TITLE_CHARS // 2 and about else None
        for end in ends:
            rest = clause[end:]
            if not rest and line[end : end + 1] in _SENTENCE_STOPS:
                return None  # …的重要举措，也是…: prose that happens to use a title word
            if not rest or self.w.body_cue.match(rest) or DATE.match(rest):
                return clause[:end]
        return clause[: ends[-1]]

    def _set_title(self, span: _Span) -> None:
        formal = span.text.strip()
        notice = self.w.notice.match(formal)
        if notice and notice.group("x"):
            self.header.notice_title = formal
            self._note("notice_title", span)
            title = _unquote(notice.group("x"))
            org = notice.group("org")
        else:
            title = _unquote(formal)
            about = re.match(r"^(.+?)关于", formal)
            org = about.group(1) if about else ""
        self.header.title = self._with_place(title) if notice else title
        self._note("title", span)
        if org:
            names = split_body_names(org, self.gazetteer)
            if names:
                self._add_issuers(names, span)
        if any(word in title for word in self.w.trial):
            self.header.trial = True
            self._note("trial", span)

    def _with_place(self, title: str) -> str:
        """The notice's sentence may name the plan in full, with the place its title left
        out (关于印发X的通知 … 现将《嘉兴市X》印发给你们): keep that fuller name."""
        window = self.text[: self.head_end + _NOTICE_CHARS]
        fuller = rf"《([^《》]{{2,{_MAX_PLACE_CHARS}}}){re.escape(title)}》"
        for match in re.finditer(fuller, window):
            place = match.group(1)
            if self.gazetteer.lookup(place):
                return place + title
        return title

    # signatures: names followed by a date, or by （此件公开发布）, or by the attachment

    def _signatures(self) -> None:
        head_end = self.head_end
        notice_zone = _Span(self.text[head_end : head_end + _NOTICE_CHARS], head_end)
        tail_start = max(0, len(self.text) - _TAIL_CHARS)
        tail_zone = _Span(self.text[tail_start:], tail_start)
        zones = [z for z in (notice_zone, tail_zone) if z.text]
        if self.header.notice_title:
            zones.insert(0, _Span(self.text[: head_end + _NOTICE_CHARS], 0))
        for zone in zones:
            self._signature_in(zone)
        if self.header.issued is None:
            self._dated_title_or_line()
        if self.header.issued is None:
            self._printed_date(tail_zone)

    def _printed_date(self, zone: _Span) -> None:
        """With no signed date, the date the document was printed (X办公室 2017年12月1日印发),
        which the issuing office prints on the day or soon after."""
        printed = [
            m
            for m in DATE.finditer(zone.text)
            if re.match(rf"\s*(?:{self.w.printed})", zone.text[m.end() : m.end() + 4])
        ]
        if printed:
            self._set_issued(printed[-1], zone.start)

    def _signature_in(self, zone: _Span) -> None:
        text = zone.text
        copy_to = re.search(self.w.copy_to, text)
        limit = copy_to.start() if copy_to else len(text)
        for match in DATE.finditer(text[:limit]):
            after = text[match.end() : match.end() + 4]
            if re.match(rf"\s*(?:{self.w.printed})", after):
                continue  # X办公室 2018年4月24日印发: who printed it, not who issued it
            run = self._names_run(_run_before(text, match.start()))
            if run is not None:
                self._add_issuers(run[0], _Span(run[1].text, zone.start + run[1].start))
                self._set_issued(match, zone.start)
        for match in re.finditer(r"[（(]此件[^）)]{0,8}[）)]", text[:limit]):
            run = self._names_run(_run_before(text, match.start()))
            if run is not None:
                self._add_issuers(run[0], _Span(run[1].text, zone.start + run[1].start))
        self._signature_before_attachment(zone)

    def _names_run(self, run: _Span) -> tuple[list[str], _Span] | None:
        """The body names a run before a date holds: all of it, or what follows an
        attachment's title listed just before the signature (附件：X X局 2017年8月4日)."""
        if not run.text:
            return None
        names = split_body_names(run.text, self.gazetteer)
        if names:
            return names, run
        ends = [m.end() for m in self.w.genre_word.finditer(run.text)]
        if ends:
            rest = run.text[ends[-1] :]
            names = split_body_names(rest, self.gazetteer)
            if names:
                return names, _Span(rest, run.start + ends[-1])
        return None

    def _signature_before_attachment(self, zone: _Span) -> None:
        """A notice signed without a date: the names between its last sentence and the
        attachment's title line (……请认真组织实施。X局Y局<title>为…)."""
        title = self.header.title
        if not self.header.notice_title or not title:
            return
        text = zone.text
        for found in re.finditer(re.escape(title), text):
            stop = max(text.rfind(c, 0, found.start()) for c in "。\n")
            if stop < 0:
                continue
            run = text[stop + 1 : found.start()]
            # the attachment's title may open with a place the notice's title left out
            for end in range(len(run), max(len(run) - _MAX_PLACE_CHARS, 1) - 1, -1):
                names = split_body_names(run[:end], self.gazetteer)
                if names:
                    self._add_issuers(names, _Span(run[:end], zone.start + stop + 1))
                    return

    def _dated_title_or_line(self) -> None:
        """（2017年4月17日） after the title, or a date alone on a line of the head."""
        window = self.text[: self.head_end + _NOTICE_CHARS]
        for match in DATE.finditer(window):
            before = window[max(0, match.start() - 1) : match.start()]
            after = window[match.end() : match.end() + 1]
            alone = (before in ("", "\n") or before.isspace()) and after in ("", "\n")
            if (before in "（(" and after in "）)") or alone:
                self._set_issued(match, 0)
                return
        if "issued" in self.table:
            found = DATE.search(self.table["issued"].text)
            if found:
                self._set_issued(found, self.table["issued"].start)

    def _set_issued(self, match: re.Match[str], base: int) -> None:
        if self.header.issued is not None:
            return
        iso = iso_date(match)
        if iso:
            self.header.issued = iso
            self._note("issued", _Span(match.group(0), base + match.start()))

    def _add_issuers(self, names: list[str], span: _Span) -> None:
        for name in names:
            if name not in self.header.issuers:
                self.header.issuers.append(name)
        self._note("issuers", span)

    # work reports: ——2026年1月27日在…会议上; 来源 and 时间 lines

    def _report_line(self) -> None:
        head = self.text[:_HEAD_CHARS]
        meeting = re.search(rf"(?:——|－－|--)?\s*(?:{DATE_TEXT})\s*在[^。]{{2,60}}?会议上", head)
        if meeting:
            date_match = DATE.search(meeting.group(0))
            if date_match:
                self._set_issued(date_match, meeting.start())
        if self.header.title and "工作报告" in self.header.title and not self.header.issuers:
            self._report_issuer(meeting.group(0) if meeting else "")

    def _report_issuer(self, meeting: str) -> None:
        """A work report is the government's: the region's 人民政府 (国务院 for the country),
        the region named by the title, else by the meeting line (在广东省第十四届人民代表大会)."""
        title = self.header.title or ""
        if title.startswith(self.w.country) or self.w.national_bodies[0] in title:
            name = self.w.national_bodies[0]
        else:
            found = [
                m for text in (title, meeting) for m in self.gazetteer.find_all(text) if not m.short
            ]
            if not found:
                return
            name = found[0].region.name + "人民政府"
        self.header.issuers.append(name)
        self._infer("issuers", f"a government work report: the report of {name}")

    def _table_issuers(self) -> None:
        if "issuers" not in self.table:
            return
        span = self.table["issuers"]
        names = split_body_names(span.text, self.gazetteer)
        if names:
            self._add_issuers(names, span)

    # validity

    def _validity(self) -> None:
        text = self.text
        w = self.w
        date_pattern = DATE_TEXT
        from_date = list(
            re.finditer(rf"自\s*(?:{date_pattern})\s*(?:起|开始)?\s*(?:{w.effective})", text)
        )
        from_issue = list(
            re.finditer(
                rf"自(?:{w.issue_event})之日起(?:\s*(?P<days>\d+)\s*日后)?\s*(?:{w.effective})?",
                text,
            )
        )
        if from_date:
            match = from_date[-1]
            found = DATE.search(match.group(0))
            iso = iso_date(found) if found else None
            if iso:
                self.header.effective_from = iso
                self._note("effective_from", _Span(match.group(0), match.start()))
        elif from_issue and self.header.issued:
            match = from_issue[-1]
            days = int(match.group("days") or 0)  # 自下文之日起30日后施行
            issued = date.fromisoformat(self.header.issued)
            self.header.effective_from = (issued + timedelta(days=days)).isoformat()
            self._note("effective_from", _Span(match.group(0), match.start()))
        self._valid_until()

    def _valid_until(self) -> None:
        text = self.text
        until = list(
            re.finditer(rf"(?:{self.w.until})\s*(?:(?:{DATE_TEXT})|(?:{unnamed(YEAR_END)}))", text)
        )
        if until:
            match = until[-1]
            exact = DATE.search(match.group(0))
            iso = iso_date(exact) if exact else None
            if iso is None:
                period = YEAR_END.search(match.group(0))
                iso = end_of_period(period) if period else None
            if iso:
                self.header.valid_until = iso
                self._note("valid_until", _Span(match.group(0), match.start()))
                return
        years = list(
            re.finditer(
                rf"(?:{self.w.period})(?:为|是)?\s*([0-9一二三四五六七八九十两]+)\s*年", text
            )
        )
        start = self.header.effective_from or self.header.issued
        if years and start:
            match = years[-1]
            count = cn_number(match.group(1).replace("两", "二"))
            self.header.valid_until = plus_years(start, count)
            self._note("valid_until", _Span(match.group(0), match.start()))

    # genre

    def _genre(self) -> None:
        found = genre_of_title(self.header.title or "")
        if found is None and self.header.notice_title:
            found = "通知", "a notice"
        if found is None and "issued" in self.table and self._has_news_key():
            found = "news", "a news page: 来源/时间 lines and no document title"
        if found is not None:
            self.header.genre = found[0]
            self._infer("genre", found[1])

    def _has_news_key(self) -> bool:
        head = self.text[:_HEAD_CHARS]
        return any(re.search(rf"^\s*{key}\s*[:：]", head, re.M) for key in self.w.news_keys)


def genre_of_title(title: str) -> tuple[str, str] | None:
    """The genre a title's closing word names (…实施方案 → 实施方案, …十条 → 意见), and how."""
    w = words()
    found = [m for m in w.genre_word.finditer(title) if m.group(0) in w.genre_of]
    if found:
        last = max(found, key=lambda m: (m.end(), len(m.group(0))))
        return w.genre_of[last.group(0)], f"the title's closing word {last.group(0)}"
    if re.search(r"[0-9０-９十百一二三四五六七八九]+条$", title):
        return "意见", "a numbered list of measures (…条)"
    return None


def is_national(header: PlanHeader, gazetteer: Gazetteer | None = None) -> bool:
    """Issued by a central body — 国务院, 中共中央, a ministry (教育部, 工业和信息化部办公厅),
    a 国家…局 — that names no place: the plan is for the whole country."""
    if not header.issuers:
        return False
    w = words()
    first = header.issuers[0]
    if first in w.national_bodies:
        return True
    central = first.startswith(w.national_prefixes) or first.endswith(w.ministry_suffixes)
    return central and first[0] not in LEVEL_START and not _names_place(first, gazetteer)


def _names_place(name: str, gazetteer: Gazetteer | None) -> bool:
    """A division named in full, a province, or a short form with a suffix (安吉支行)."""
    for match in (gazetteer or default_gazetteer()).find_all(name):
        following = name[match.end : match.end + 1]
        if not match.short or match.region.level == "province" or following in "省市县区州盟旗支分":
            return True
    return False


def country_name() -> str:
    return words().country


def read_header(text: str, offset: int = 0, gazetteer: Gazetteer | None = None) -> PlanHeader:
    """Everything the header, signatures and closing articles of ``text`` state."""
    return HeaderReader(text, offset, gazetteer).read()


_CODES = re.compile(r"^(?:[\s★☆·●]+|[A-Za-z0-9]+(?:[－\-—_][A-Za-z0-9]+)+|\d+(?![\d\s]*年))+")


def _strip_codes(text: str) -> str:
    """An index code (JHYD01－2017－0038) or a stray mark before the masthead."""
    return _CODES.sub("", text)


def _clean_title_line(raw: str, start: int) -> _Span | None:
    """A head line without codes, masthead and document number: what may be the title."""
    text = raw
    cut = 0
    number = DOC_NUMBER.search(text)
    if number and not is_citation(text, number_start(number)):
        # a number before the title (温政发…号温岭市人民政府关于…) or after it (…意见兰政发…号)
        if number_start(number) < len(text) // 2:
            cut = number.end()
            text = text[number.end() :]
        elif number.end() >= len(text.rstrip()) - 2:
            text = text[: number_start(number)]
    masthead = re.search(r"^.{0,40}?文件(?=\S)", text)
    if masthead and split_body_names(_strip_codes(masthead.group(0)[:-2])):
        cut += masthead.end()
        text = text[masthead.end() :]
    stripped = _strip_codes(text)
    cut += len(text) - len(stripped)
    stripped = stripped.strip(" \t\u3000")
    if stripped[:1] in "（(" and stripped[-1:] in "）)":
        stripped = stripped[1:-1].strip()  # （皖政办秘〔2021〕82号） after its number is cut
    lead = len(text) - len(text.lstrip()) if not stripped else text.find(stripped[:1])
    if not stripped:
        return None
    return _Span(stripped.rstrip(), start + cut + max(lead, 0))


_SENTENCE_STOPS = frozenset("，。；;,")
_QUOTES_OPEN, _QUOTES_CLOSE = "“《〈(（", "”》〉)）"


def _clause_end(line: str) -> int:
    """Where the line's first clause ends: the first ，。：； outside quotes and brackets
    (民政部对“关于应对老龄社会，深化…的建议”的答复 is one clause)."""
    depth = 0
    for index, char in enumerate(line):
        if char in _QUOTES_OPEN:
            depth += 1
        elif char in _QUOTES_CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and char in "，。：:；;,":
            return index
    return len(line)


def _lines(text: str) -> list[tuple[str, int]]:
    """Each line of ``text`` with its offset."""
    out, position = [], 0
    for raw in text.split("\n"):
        out.append((raw, position))
        position += len(raw) + 1
    return out


def _joined_while_quoted(span: _Span, following: list[tuple[str, int]]) -> _Span:
    """关于印发《X市…与\n示范应用管理办法》的通知: a 《 left open continues on the next line."""
    text, end = span.text, span.end
    for raw, start in following:
        if text.count("《") <= text.count("》"):
            break
        text += raw.strip()
        end = start + len(raw.rstrip())
    return _Span(text, span.start, end - span.start)


def _after_parentheses(text: str, end: int) -> int:
    """Past （试行）, （2018年修订）, （2017—2019年） or an empty （） after a title word."""
    while True:
        match = re.match(r"\s*[（(][^（）()]{0,20}[）)]", text[end:])
        if match is None:
            return end
        inner = match.group(0).strip()[1:-1]
        if DATE.fullmatch(inner.strip()):
            return end  # （2017年4月17日） is the date, not part of the title
        end += match.end()


def _unquote(title: str) -> str:
    title = re.sub(r"[（(]\s*[）)]", "", title).strip()
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return title[1:-1].strip()
    return title


def _run_before(text: str, end: int) -> _Span:
    """The text between the last stop (punctuation, line break, closing bracket) and ``end``,
    or the line before when a date stands alone on its line."""
    stops = "。；;！!？?：:，,）)》\n"
    start = max(text.rfind(c, 0, end) for c in stops) + 1
    run = text[start:end]
    if not run.strip():
        # 安徽省人民政府办公厅\n\n　　2021年9月2日: the signature is on the lines before,
        # one body a line when several sign (X厅\nY厅\n2019年4月11日)
        lines: list[str] = []
        previous = text[:start].rstrip()
        first = len(previous)
        while previous and len(lines) < _MAX_SIGNATURE_LINES:
            line_start = previous.rfind("\n") + 1
            line = previous[line_start:].strip()
            if not line or any(c in line for c in stops[:-1]) or DATE.search(line):
                break
            if lines and split_body_names(line) is None:
                wrapped = line + lines[0]  # 济南市工业和\n信息化局
                if split_body_names(wrapped) is None:
                    break
                lines[0] = wrapped
            else:
                lines.insert(0, line)
            first = line_start
            previous = previous[:line_start].rstrip()
        if not lines:
            return _Span("", end)
        return _Span(" ".join(lines), first)
    leading = len(run) - len(run.lstrip())
    return _Span(run.strip(), start + leading)
