"""The packages' layers, as the README's "How it is built" draws them, and no private
names taken across modules.

    plangraph (the CLI: wires everything, owns the settings)
    api       (the web app; reads ``plangraph.settings``, serves ``viz`` views, ingests uploads)
    viz       (views over graph data; receives values, reads no settings)
    ingest    (reads documents into graph batches)
    graph     (schema, stores, queries; imports nothing above it)

Settings are passed down as values (``graph.factory.StoreConfig``), never imported from
below. ``bench/`` sits over everything, so only the private-name rule applies to it;
``tests/`` may reach into internals (monkeypatching a private class is a test's job).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.layers import Violation, layer_violations, module_names, private_name_violations

ROOT = Path(__file__).resolve().parent.parent

#: Per top-level package, the units (packages, or single modules) it may import.
LAYERS: dict[str, frozenset[str]] = {
    "graph": frozenset({"graph"}),
    "ingest": frozenset({"ingest", "graph"}),
    "viz": frozenset({"viz", "graph"}),
    "api": frozenset({"api", "viz", "ingest", "graph", "plangraph.settings"}),
    "plangraph": frozenset({"plangraph", "api", "viz", "ingest", "graph"}),
}
#: Every package of the project's own code: the layered ones and the benchmarks.
PACKAGES = (*LAYERS, "bench")


def test_every_installed_package_has_a_layer() -> None:
    """A new top-level package must be given a rule, or it would go unchecked."""
    installed = {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "scripts"}
    }

    assert installed <= set(LAYERS)


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_a_package_imports_only_what_its_layer_allows(package: str) -> None:
    found = layer_violations(ROOT, LAYERS, packages=PACKAGES)

    assert [str(v) for v in found if v.module.split(".")[0] == package] == []


def test_no_module_takes_another_modules_private_names() -> None:
    assert [str(v) for v in private_name_violations(ROOT, PACKAGES)] == []


# -- the checker itself, on tiny trees: each rule can fail ------------------------------------

SMALL_LAYERS = {"low": {"low"}, "high": {"high", "low", "top.settings"}, "top": {"top", "high"}}


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in ("low", "high", "top"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"low/a.py": "import high.b\n"}, [Violation("low.a", 1, "imports high.b")]),
        (
            {"low/a.py": "def f():\n    from high import b\n", "high/b.py": ""},
            [Violation("low.a", 2, "imports high.b")],
        ),
        ({"low/a.py": "from high.b import thing\n"}, [Violation("low.a", 1, "imports high.b")]),
        (
            {"low/a.py": "import importlib\nimportlib.import_module('top.cli')\n"},
            [Violation("low.a", 2, "imports top.cli")],
        ),
        (
            {"low/a.py": "import importlib\nimportlib.import_module(f'high.{x}')\n"},
            [Violation("low.a", 2, "imports high")],
        ),
        (
            {"high/a.py": "from top import cli\n", "top/cli.py": ""},
            [Violation("high.a", 1, "imports top.cli")],
        ),
        ({"high/a.py": "from top.settings import S\nimport low.b\nimport json\n"}, []),
        ({"high/sub/__init__.py": "", "high/sub/a.py": "from .. import b\n"}, []),
        (
            {"low/sub/__init__.py": "", "low/sub/a.py": "from ...high import b\n"},
            [Violation("low.sub.a", 1, "imports high")],
        ),
    ],
    ids=[
        "module-level",
        "function-local",
        "from-import",
        "import_module",
        "import_module-fstring",
        "cli-module-from-above",
        "allowed",
        "relative-allowed",
        "relative-upwards",
    ],
)
def test_the_layer_checker_flags_imports_against_the_rules(
    tmp_path: Path, files: dict[str, str], expected: list[Violation]
) -> None:
    root = _tree(tmp_path, files)

    assert layer_violations(root, SMALL_LAYERS) == expected


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"low/a.py": "_x = 1\n", "high/b.py": "from low.a import _x\n"},
            [Violation("high.b", 1, "imports low.a._x")],
        ),
        (
            {"low/a.py": "_x = 1\n", "high/b.py": "import low.a\nlow.a._x\n"},
            [Violation("high.b", 2, "uses low.a._x")],
        ),
        (
            {"low/a.py": "", "high/b.py": "from low import a as m\ndef f():\n    return m._x\n"},
            [Violation("high.b", 3, "uses low.a._x")],
        ),
        (
            {"low/a.py": "class C:\n    _k = 1\n", "high/b.py": "from low.a import C\nC._k\n"},
            [Violation("high.b", 2, "uses low.a.C._k")],
        ),
        ({"low/a.py": "class C:\n    _k = 1\n\nC._k\n__all__ = []\n"}, []),
        ({"high/b.py": "from low import __doc__\nimport json\njson._default_encoder\n"}, []),
    ],
    ids=["from-import", "module-attribute", "aliased-module", "class-attribute", "own", "other"],
)
def test_the_private_name_checker_flags_names_taken_across_modules(
    tmp_path: Path, files: dict[str, str], expected: list[Violation]
) -> None:
    root = _tree(tmp_path, files)

    assert private_name_violations(root, SMALL_LAYERS) == expected


def test_module_names_cover_packages_and_their_modules(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"low/a.py": ""})

    assert set(module_names(root, ["low"])) == {"low", "low.a"}
