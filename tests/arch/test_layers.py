"""Layer facts of the package, read from the source with ``ast`` (no module is imported).

* no import cycle between units (a unit is a sub-package or a top-level module);
* no unit imports another unit's private (``_x``) module;
* ``deid`` imports neither ``themes`` nor ``widgets``;
* only the UI (``widgets``) and the CLI import ``widgets``; nothing below ``jobs`` imports a job.
"""
from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "leder_insights"
#: top-level private modules shared by the whole package (not a unit's internals)
ROOT_INTERNALS = {"_files", "_version"}


def _unit_of(module: str) -> str:
    """``leder_insights.deid._engine`` -> ``deid``; ``leder_insights.errors`` -> ``errors``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__root__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Absolute names of every ``leder_insights`` module imported by ``path`` (any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = _module_name(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names if a.name.startswith("leder_insights")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("leder_insights"):
                continue
            out.append((mod, node.lineno))
            for alias in node.names:  # `from . import _x` / `from .deid import _engine`
                out.append((f"{mod}.{alias.name}", node.lineno))
    return out


def _edges():
    edges = []
    for path in sorted(PACKAGE.rglob("*.py")):
        src = _module_name(path)
        for target, line in _imports(path):
            edges.append((src, target, f"{path.relative_to(PACKAGE.parent)}:{line}"))
    return edges


@functools.cache
def _package_edges() -> tuple:
    """Every import edge of the package, read once per process when a test first asks (not at
    collection, so workers that run no layer test never parse the package)."""
    return tuple(_edges())


@functools.cache
def _units() -> frozenset:
    return frozenset(_unit_of(_module_name(p)) for p in PACKAGE.rglob("*.py"))


def _unit_edges():
    """(unit, unit, where) for imports across units; only names that are real modules or units."""
    out = []
    for src, target, where in _package_edges():
        a, b = _unit_of(src), _unit_of(target)
        if a != b and b in _units() and a != "__root__" and b != "__root__":
            out.append((a, b, where))
    return out


def test_layers_package_is_found():
    assert {"deid", "themes", "widgets", "jobs", "cli", "io"} <= _units()


@pytest.mark.slow
def test_layers_no_import_of_another_units_private_module():
    bad = []
    for src, target, where in _package_edges():
        parts = target.split(".")
        if len(parts) < 3:
            continue
        unit = parts[1]
        private = [p for p in parts[2:] if p.startswith("_") and not p.startswith("__")]
        if private and _unit_of(src) != unit and unit not in ROOT_INTERNALS:
            bad.append(f"{where} imports {target}")
    assert not bad, "\n".join(bad)


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
def test_layers_no_cycle_between_units():
    graph: dict[str, set[str]] = {}
    where: dict[tuple[str, str], str] = {}
    for a, b, w in _unit_edges():
        graph.setdefault(a, set()).add(b)
        where.setdefault((a, b), w)
    cycles = []
    for a, targets in graph.items():
        for b in targets:
            # a -> b and b reaches a: report the first step back
            seen, stack = set(), [b]
            while stack:
                n = stack.pop()
                if n == a:
                    cycles.append(f"{a} -> {b} ({where[(a, b)]}) and {b} reaches {a}")
                    break
                if n not in seen:
                    seen.add(n)
                    stack.extend(graph.get(n, ()))
    assert not cycles, "\n".join(sorted(cycles))


@pytest.mark.parametrize("forbidden", ["themes", "widgets", "jobs", "explore"])
def test_layers_deid_does_not_import(forbidden):
    bad = [w for a, b, w in _unit_edges() if a == "deid" and b == forbidden]
    assert not bad, bad


def test_layers_only_ui_and_cli_import_widgets():
    bad = [f"{w} ({a})" for a, b, w in _unit_edges() if b == "widgets" and a not in ("cli",)]
    assert not bad, bad


def test_layers_only_cli_imports_jobs():
    bad = [f"{w} ({a})" for a, b, w in _unit_edges() if b == "jobs" and a not in ("cli",)]
    assert not bad, bad
