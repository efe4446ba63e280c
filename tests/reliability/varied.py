"""Varied copies of the sample plans, for load and reliability runs (not for quality).

Each copy shifts the numbers, swaps the place names for other divisions and rotates the
plans' paragraphs, so that many documents differ the way plans do.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "seed-plans.txt"
PLACES = ["湘西", "常熟", "江苏", "南京", "建宁县", "将乐", "多拉特乡", "吉凤"]


def varied_copy(text: str, seed: int, names: list[str]) -> str:
    rng = random.Random(seed)
    out = re.sub(r"\d+", lambda m: str(int(m.group()) + seed % 7), text)
    for place in PLACES:
        out = out.replace(place, rng.choice(names))
    lines = out.split("\n")
    body = lines[1:]
    cut = rng.randrange(len(body)) if body else 0
    return "\n".join([lines[0], *body[cut:], *body[:cut]])
