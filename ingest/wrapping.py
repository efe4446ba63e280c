"""Re-join the lines a PDF wrapped in the middle of a sentence, and so of a name.

A PDF's text layer has a line break wherever the page ran out of width: 技术示范基地
becomes 技术示 / 范基地, and the sentence splitter, which ends a sentence at a line break,
cuts the name in two (the same plan gave 39 entities from its PDF and 55 from its text).
A break is taken for a wrap when the line before it is full (nearly as long as the
page's longest), ends in a character rather than a sentence end, and the next line
does not open a new item (一、 （二） 3. 第…).
"""

from __future__ import annotations

import re

#: A line at least this share of the page's longest line is full: its break is a wrap.
FULL_LINE_SHARE = 0.85
#: Pages whose longest line is shorter than this are not prose; they are left alone.
MIN_LINE_CHARS = 12
_ENDS_ITEM = re.compile(r"[。！？；：!?;:」』”）)]\s*$")
_OPENS_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|"
    r"\d+\s*[、.．]|第\s*[一二三四五六七八九十\d]+\s*[章节条篇部分]|[•·●■◆\-—])"
)
_CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")


def rejoin_wrapped_lines(page: str) -> str:
    """``page`` with each wrapped line joined to the next (a break between two words of
    Latin script becomes a space, between CJK characters nothing)."""
    lines = page.split("\n")
    longest = max((len(line.strip()) for line in lines), default=0)
    if longest < MIN_LINE_CHARS:
        return page
    out: list[str] = []
    previous = ""  # the last physical line, whether or not it was joined
    for line in lines:
        if out and _wrapped(previous, line, longest):
            joiner = " " if previous.rstrip()[-1:].isascii() and line.lstrip()[:1].isascii() else ""
            out[-1] = out[-1].rstrip() + joiner + line.lstrip()
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


def _wrapped(previous: str, line: str, longest: int) -> bool:
    head, tail = previous.strip(), line.strip()
    if not head or not tail or _ENDS_ITEM.search(head) or _OPENS_ITEM.match(tail):
        return False
    full = len(head) >= FULL_LINE_SHARE * longest
    return full and bool(_CJK_OR_DIGIT.match(tail[0]) or tail[0].isalpha())
