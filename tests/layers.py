"""Which project modules each module imports, and whose private names it reaches for.

Read statically with ``ast``, so nothing is imported and every import counts: at module
level, inside functions (a lazy import is still a dependency), relative ones, and
``importlib.import_module`` with a literal name (or the literal start of an f-string).
``tests/test_layers.py`` states the rules; this module only finds what breaks them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Violation:
    module: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.message}"


def module_names(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Every module of ``packages`` under ``root``, by dotted name (a package by its own)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


@dataclass(frozen=True)
class Import:
    """One imported module, the names taken from it, and what each local name binds."""

    target: str
    line: int
    names: tuple[str, ...] = ()  # names taken from the target (``from target import x``)
    bindings: tuple[tuple[str, str], ...] = ()  # (local name, dotted name it stands for)


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _resolve_from(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(module, path).split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def _import_module_target(node: ast.Call) -> str | None:
    """The module an ``importlib.import_module(...)`` call names, as far as it is literal."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name != "import_module" or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values:
        first = arg.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value.rstrip(".") or None
    return None


def imports(tree: ast.AST, module: str, path: Path, known: Mapping[str, Path]) -> Iterator[Import]:
    """Every import in ``tree``, wherever it sits; ``from p import m`` of a submodule
    ``m`` is an import of ``p.m``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    binding = (alias.asname, alias.name)
                else:  # ``import a.b`` binds ``a``
                    binding = (alias.name.split(".")[0], alias.name.split(".")[0])
                yield Import(alias.name, node.lineno, bindings=(binding,))
        elif isinstance(node, ast.ImportFrom):
            source = _resolve_from(node, module, path)
            for alias in node.names:
                local = alias.asname or alias.name
                submodule = f"{source}.{alias.name}"
                if submodule in known:
                    yield Import(submodule, node.lineno, bindings=((local, submodule),))
                else:
                    yield Import(
                        source, node.lineno, (alias.name,), ((local, f"{source}.{alias.name}"),)
                    )
        elif isinstance(node, ast.Call) and (target := _import_module_target(node)):
            yield Import(target, node.lineno)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _is_project(target: str, known: Mapping[str, Path]) -> bool:
    top = target.split(".")[0]
    return any(name.split(".")[0] == top for name in known)


def _allowed(target: str, allowed: Iterable[str]) -> bool:
    return any(target == unit or target.startswith(unit + ".") for unit in allowed)


def layer_violations(
    root: Path, rules: Mapping[str, Iterable[str]], packages: Iterable[str] | None = None
) -> list[Violation]:
    """Imports of a project module that the importing package's rule does not allow.

    ``rules`` maps a top-level package to the units it may import: packages
    (``"graph"``) or single modules (``"plangraph.settings"``), its own included.
    """
    known = module_names(root, packages or rules)
    found: list[Violation] = []
    for module, path in known.items():
        allowed = rules.get(module.split(".")[0])
        if allowed is None:  # a package outside the layers (bench): only known, not checked
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for item in imports(tree, module, path, known):
            if _is_project(item.target, known) and not _allowed(item.target, allowed):
                found.append(Violation(module, item.line, f"imports {item.target}"))
    return sorted(set(found))


def _dotted(node: ast.expr) -> list[str] | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


def private_name_violations(root: Path, packages: Iterable[str]) -> list[Violation]:
    """Private names (``_x``, not dunders) one module takes from another project module:
    ``from m import _x``, or ``m._x`` / ``Cls._x`` on a name imported from ``m``."""
    known = module_names(root, packages)
    found: list[Violation] = []
    for module, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        bound: dict[str, str] = {}  # local name -> what it is, dotted
        for item in imports(tree, module, path, known):
            if not _is_project(item.target, known) or item.target == module:
                continue
            found.extend(
                Violation(module, item.line, f"imports {item.target}.{name}")
                for name in item.names
                if _is_private(name)
            )
            bound.update(item.bindings)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
                continue
            chain = _dotted(node)
            if chain and chain[0] in bound:
                used = ".".join([bound[chain[0]], *chain[1:]])
                found.append(Violation(module, node.lineno, f"uses {used}"))
    return sorted(set(found))
