"""Hostile and careless inputs, made by code rather than stored as binaries.

Each generator returns the bytes (or writes the file) of one kind of input that a real
user once fed plangraph and that broke it: a document without line breaks, text with
one damaged byte, a file name in GBK, a symlink loop. The tests and
``bench/reliability.py`` share them.
"""

from __future__ import annotations

from bench.extract import SAMPLE

#: A sentence the extractor reads several entities and relations from.
PHRASE = "支持丰达合金与北京科技大学联合组建锰产业工程技术研究中心"


def sized(text: str, megabytes: float) -> str:
    """``text`` repeated until it is at least ``megabytes`` of UTF-8."""
    size = len(text.encode("utf-8"))
    return text * (int(megabytes * 1024 * 1024) // size + 1)


def one_line_plans(megabytes: float) -> bytes:
    """The sample collection with every line break removed, repeated: one line of text."""
    return sized(SAMPLE.read_text(encoding="utf-8").replace("\n", ""), megabytes).encode()


def unpunctuated(megabytes: float) -> bytes:
    """One sentence without any sentence end or comma, ``megabytes`` long."""
    return sized(PHRASE, megabytes).encode()
