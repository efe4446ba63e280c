"""Word lists the learned readers use as features, read from ``data/`` once."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ingest.wordlists import any_of, read_words

DATA = Path(__file__).with_name("data")


@cache
def relation_cues() -> re.Pattern[str]:
    """Any relation cue word, longest first."""
    return any_of(read_words(DATA / "relation_cues.txt"))
