"""Every third-party module the project imports is declared in pyproject.toml.

A module that only arrives as a dependency of a dependency (starlette through
fastapi) works until that dependency changes; declaring it says the project relies on
it. Runtime packages must be in ``dependencies``; bench/, scripts/ and tests/ may
also rely on the ``dev`` extra.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
FIRST_PARTY = {"graph", "ingest", "api", "viz", "plangraph", "tests", "bench", "scripts"}
RUNTIME = ("graph", "ingest", "api", "viz", "plangraph")
TOOLS = ("bench", "scripts", "tests")


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(requirements: list[str]) -> set[str]:
    return {_normalise(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0]) for req in requirements}


def _imported(folder: str) -> set[str]:
    """Top-level names of the third-party modules imported under ``folder``."""
    names: set[str] = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - FIRST_PARTY - set(sys.stdlib_module_names)


def _undeclared(folders: tuple[str, ...], declared: set[str]) -> dict[str, list[str]]:
    distributions = packages_distributions()
    missing = {}
    for folder in folders:
        for module in sorted(_imported(folder)):
            dists = {_normalise(d) for d in distributions.get(module, [module])}
            if not dists & declared:
                missing[f"{folder}: {module}"] = sorted(dists)
    return missing


RUNTIME_DECLARED = _declared(PYPROJECT["project"]["dependencies"])
DEV_DECLARED = RUNTIME_DECLARED | _declared(PYPROJECT["project"]["optional-dependencies"]["dev"])


@pytest.mark.parametrize(
    ("folders", "declared"),
    [(RUNTIME, RUNTIME_DECLARED), (TOOLS, DEV_DECLARED)],
    ids=["runtime", "tools"],
)
def test_every_import_is_declared(folders: tuple[str, ...], declared: set[str]) -> None:
    assert _undeclared(folders, declared) == {}
