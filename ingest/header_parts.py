"""The pieces of a document header: dates, document numbers (文号) and runs of body names.

They are read the same way wherever they stand — in a masthead, a title, a signature or
a web page's table — so the header reader and the metadata scorer share them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ingest.gazetteer import Gazetteer, default_gazetteer
from ingest.header_words import words

# --- dates ---------------------------------------------------------------------------

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0}
_NUM = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR_NUM = r"(?:19|20|１９|２０)[0-9０-９]{2}|[〇○零一二][〇○零一二三四五六七八九]{3}"
DATE = re.compile(
    rf"(?P<y>{_YEAR_NUM})\s*年\s*(?P<m>{_NUM})\s*月\s*(?P<d>{_NUM})\s*日"
    rf"|(?P<iy>(?:19|20)\d{{2}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?!\d)"
)
YEAR_END = re.compile(rf"(?P<y>{_YEAR_NUM})\s*年\s*(?:底|末|(?P<m>{_NUM})\s*月(?:底|末)?)")


def unnamed(pattern: re.Pattern[str]) -> str:
    """The pattern's text without group names, to embed in a larger pattern."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)


DATE_TEXT = unnamed(DATE)


def cn_number(text: str) -> int:
    """12, １２, 十二, 二十一 or 二〇一八 as an int."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    return int("".join(str(_CN_DIGIT[c]) for c in text))


def iso_date(match: re.Match[str]) -> str | None:
    """The ISO form of a DATE match, or None for an impossible date."""
    if match.group("y"):
        parts = (match.group("y"), match.group("m"), match.group("d"))
    else:
        parts = (match.group("iy"), match.group("im"), match.group("id"))
    try:
        return date(*(cn_number(p) for p in parts)).isoformat()
    except (ValueError, KeyError):
        return None


def end_of_period(match: re.Match[str]) -> str | None:
    """2020年底 → 2020-12-31; 2020年6月 → 2020-06-30."""
    try:
        year = cn_number(match.group("y"))
        month = cn_number(match.group("m")) if match.group("m") else 12
        first_of_next = date(year + month // 12, month % 12 + 1, 1)
    except (ValueError, KeyError):
        return None
    return (first_of_next - timedelta(days=1)).isoformat()


def plus_years(iso: str, years: int) -> str:
    start = date.fromisoformat(iso)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return (end - timedelta(days=1)).isoformat()


# --- document numbers ----------------------------------------------------------------

_OPEN = re.escape("〔[［(（【﹝〖")
_CLOSE = re.escape("〕]］)）】﹞〗")
DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fff]{{0,12}}?)\s*(?:[{_OPEN}]\s*(?P<year>(?:19|20)\d{{2}})\s*[{_CLOSE}]"
    rf"|(?P<bare>(?:19|20)\d{{2}}))\s*(?:第\s*)?(?P<serial>\d{{1,4}})\s*号"
)
# What may stand before a number's prefix without being part of it: a masthead (…文件),
# a title run into the number (…的实施意见兰政发〔2016〕76号).
_PREFIX_CUT = re.compile(r".*(?:文件|的|》)")
_MIN_BODY_BEFORE_PREFIX = 4


def doc_number_parts(text: str) -> tuple[str, int, int] | None:
    """(issuer code, year, serial) of a 文号 written with any brackets or none."""
    match = DOC_NUMBER.search(text)
    if match is None:
        return None
    return number_parts(match)


def number_parts(match: re.Match[str]) -> tuple[str, int, int]:
    year = match.group("year") or match.group("bare")
    return _prefix(match.group("prefix")), int(year), int(match.group("serial"))


def _prefix(raw: str) -> str:
    """The issuer code of a number, without a masthead, title or body name run into it
    (台州市黄岩区风景旅游管理局黄旅〔2016〕35号 → 黄旅; 区委办 stays whole)."""
    cut = _PREFIX_CUT.match(raw)
    prefix = raw[cut.end() :] if cut else raw
    titled = list(words().genre_word.finditer(prefix))
    if titled:
        prefix = prefix[titled[-1].end() :]
    for end in range(len(prefix) - 2, _MIN_BODY_BEFORE_PREFIX - 1, -1):
        if split_body_names(prefix[:end]):
            return prefix[end:]
    return prefix


def number_start(match: re.Match[str]) -> int:
    """Where the number starts once its prefix is cut."""
    return (
        match.start("year" if match.group("year") else "bare")
        - len(_prefix(match.group("prefix")))
        - (1 if match.group("year") else 0)
    )


def format_doc_number(parts: tuple[str, int, int]) -> str:
    return f"{parts[0]}〔{parts[1]}〕{parts[2]}号"


def is_citation(text: str, start: int) -> bool:
    """A number quoted after a cited title (《…》（浙政发〔2018〕26号）, …的通知（…号）精神) or
    in a list of them is not this plan's; the plan's own stands alone, or in brackets on a
    line of its own (（皖政办秘〔2021〕82号）)."""
    before = text[max(0, start - 3) : start].rstrip(" \t\u3000")
    if before.endswith(("》", "号、", "号）、", "号)、")):
        return True
    if before.endswith(("（", "(")):
        preceding = before[:-1]
        return bool(preceding) and preceding[-1] not in "\n"
    return False


# --- body names ----------------------------------------------------------------------

_NAME_CHARS = re.compile(r"[\u4e00-\u9fff（）()“”\"]+")

LEVEL_START = "省市县区州镇乡"
SPACES = re.compile(r"[\s\u3000\xa0]+")
# Between joint issuers: spaces, or a 、 (嘉兴市科学技术局、嘉兴市财政局关于印发…).
_NAME_SEPARATORS = re.compile(r"[\s\u3000\xa0、]+")


def split_body_names(run: str, gazetteer: Gazetteer | None = None) -> list[str] | None:
    """The bodies a run of names holds (中共X市委X市人民政府 → two), or None when the run
    is not made of body names only.

    A run is cut where the text so far ends in a body suffix (局, 委, 人民政府 …) and a new
    name begins: a place's full name, a level character (县财政局), or an opener (中共).
    """
    w = words()
    names: list[str] = []
    for piece in _NAME_SEPARATORS.split(run.strip()):
        if not piece:
            continue
        if not _NAME_CHARS.fullmatch(piece) or w.not_in_name.search(piece):
            return None
        starts = _name_starts(piece, gazetteer or default_gazetteer())
        begin = 0
        for cut in sorted(starts):
            if cut > begin and w.suffix.search(piece[begin:cut]) and len(piece[begin:cut]) >= 2:
                names.append(piece[begin:cut])
                begin = cut
        last = piece[begin:]
        if not w.suffix.search(last) or len(last) < 2:
            return None
        names.append(last)
    return names or None


def _name_starts(text: str, gazetteer: Gazetteer) -> set[int]:
    w = words()
    starts = {i for i, c in enumerate(text) if c in LEVEL_START}
    starts |= {m.start for m in gazetteer.find_all(text) if not m.short}
    for opener in w.openers:
        starts |= {m.start() for m in re.finditer(re.escape(opener), text)}
    # A place right after an opener belongs to it (中共柯桥区委, 中国人民银行湖州市中心支行).
    for opener in w.openers:
        starts -= {m.end() for m in re.finditer(re.escape(opener), text)}
    return starts
