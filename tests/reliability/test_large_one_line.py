"""Ingest time grows linearly with the size of a one-line document.

10 MB once took 17 s, 20 MB 46 s and 50 MB 386 s: a run-on sentence was matched as one
piece by every rule, and the garbage collector walked all the provenance piling up.
Four times the text must take less than ``MAX_RATIO`` times the CPU time (linear is 4,
quadratic 16).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.hostile import one_line_plans, unpunctuated
from tests.reliability.hostile_checks import growth_ratio

MAX_RATIO = 5.5


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "megabytes"),
    [(one_line_plans, 0.5), (unpunctuated, 0.25)],
    ids=["sample-without-line-breaks", "one-sentence-without-an-end"],
)
def test_four_times_the_one_line_text_takes_about_four_times_as_long(
    tmp_path: Path, make: Callable[[float], bytes], megabytes: float
) -> None:
    ratio = growth_ratio(make, megabytes, tmp_path)

    assert ratio < MAX_RATIO
