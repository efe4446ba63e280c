"""The bounds every reader of the graph shares, each defined here and nowhere else.

The API's parameters, the views, the CLI and ``graph.service`` all import these, so a
bound cannot differ between the door that checks it and the code that relies on it.
"""

from __future__ import annotations

#: Page size bounds of a list answer.
MAX_LIMIT = 100
#: Far beyond any real graph; keeps a huge integer from reaching a driver as a 64-bit overflow.
MAX_OFFSET = 1_000_000_000
#: A path is 1..MAX_HOPS relations long.
MIN_HOPS = 1
MAX_HOPS = 4
#: Node cap of a neighbourhood (every view): the nearest, most connected are kept.
MAX_NODES = 300
