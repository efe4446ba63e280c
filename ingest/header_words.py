"""The word lists the header reader reads headers with, from ``header_words.json``.

Genre words, body suffixes, table keys, validity phrases and the like are data, not
code: extending the reader to a new kind of header should mostly mean adding words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_WORDS_FILE = Path(__file__).with_name("header_words.json")


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Words:
    """The word lists of ``header_words.json``, compiled once."""

    genre_of: dict[str, str]
    genre_word: re.Pattern[str]
    suffix: re.Pattern[str]
    openers: tuple[str, ...]
    notice: re.Pattern[str]
    notice_verb: re.Pattern[str]
    body_cue: re.Pattern[str]
    keys: dict[str, tuple[str, ...]]
    key_line: re.Pattern[str]
    key_pair: re.Pattern[str]
    effective: str
    issue_event: str
    until: str
    period: str  # 有效期, 执行期 …: a validity stated as a number of years
    trial: tuple[str, ...]
    printed: str
    copy_to: str
    news_keys: tuple[str, ...]
    not_in_name: re.Pattern[str]  # words of a sentence or a title, never of a body's name
    handout: str  # 印发给你们: the notice's sentence that hands the plan out
    not_title_start: str  # 本要点旨在…: a sentence about the text, not its title
    national_bodies: tuple[str, ...]
    national_prefixes: tuple[str, ...]
    ministry_suffixes: tuple[str, ...]
    country: str


@lru_cache(maxsize=1)
def words() -> Words:
    raw = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))
    genre_of = {word: genre for genre, ws in raw["genres"].items() for word in ws}
    end_words = alternation(list(genre_of))
    numbered = (
        rf"(?<!第)[0-9０-９一二三四五六七八九十百两]+(?:{alternation(raw['title_end_words'])})"
    )
    keys = {field: tuple(ws) for field, ws in raw["header_keys"].items()}
    all_keys = [k for ws in keys.values() for k in ws]
    return Words(
        genre_of=genre_of,
        genre_word=re.compile(rf"(?:{end_words}|{numbered})"),
        suffix=re.compile(rf"(?:{alternation(raw['body_suffixes'])})$"),
        openers=tuple(raw["body_openers"]),
        notice=re.compile(
            rf"^(?P<org>.*?)(?:关于)?(?P<verb>{alternation(raw['notice_verbs'])})"
            rf"(?P<x>.+?)的通知$"
        ),
        notice_verb=re.compile(rf"(?:{alternation(raw['notice_verbs'])})"),
        body_cue=re.compile(rf"(?:{alternation(raw['body_cues'])})"),
        keys=keys,
        key_pair=re.compile(
            rf"(?:^|(?<=[\s|｜]))(?P<key>{alternation(all_keys)})\s*[:：]?[ \t\u3000]*"
            rf"(?P<value>(?:(?!\s*(?:{alternation(all_keys)})\s*[:：])[^\n|｜])*)",
            re.M,
        ),
        key_line=re.compile(
            rf"^[ \t\u3000【\[]*(?P<key>{alternation(all_keys)})[】\]]?"
            r"\s*[:：]\s*(?P<value>[^\n]*)$",
            re.M,
        ),
        effective=alternation(raw["effective_verbs"]),
        issue_event=alternation(raw["issue_events"]),
        until=alternation(raw["until_words"]),
        period=alternation(raw["period_words"]),
        trial=tuple(raw["trial_words"]),
        printed=alternation(raw["printed_words"]),
        copy_to=alternation(raw["copy_to_words"]),
        news_keys=tuple(raw["news_keys"]),
        handout=alternation(raw["handout_phrases"]),
        not_title_start=raw["not_title_start"],
        national_bodies=tuple(raw["national_bodies"]),
        national_prefixes=tuple(raw["national_prefixes"]),
        ministry_suffixes=tuple(raw["ministry_suffixes"]),
        country=raw["country_name"],
        not_in_name=re.compile(
            rf"{alternation(raw['not_in_names'])}|^[{re.escape(raw['not_name_start'])}]"
        ),
    )
