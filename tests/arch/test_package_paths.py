"""The package finds its own files next to its code, never through the repository root.

A module at ``leder_insights/a/b.py`` may climb ``Path(__file__).parents[0..1]`` (up to the
package directory); ``parents[2]`` would be the repository root, which an installed package does
not have. Data outside the package (``gold/``, ``../shared/data``) is found through
``config.paths`` instead (read with ``ast``; no module is imported).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "leder_insights"


def _climbs(path: Path) -> list[tuple[int, int]]:
    """``(line, n)`` of every ``Path(__file__)...parents[n]`` subscript in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "parents" and isinstance(node.slice, ast.Constant)
                and "__file__" in ast.unparse(node.value)):
            out.append((node.lineno, int(node.slice.value)))
    return out


def _parent_attributes(path: Path) -> list[tuple[int, int]]:
    """``(line, k)`` of every ``Path(__file__)`` followed by ``k`` ``.parent`` attributes (a chain
    of three is also reported as its inner chains of two and one)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        k, inner = 0, node
        while isinstance(inner, ast.Attribute) and inner.attr == "parent":
            k, inner = k + 1, inner.value
        if k and "__file__" in ast.unparse(inner):
            out.append((node.lineno, k))
    return out


@pytest.mark.slow
def test_no_module_reaches_above_the_package_directory():
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        depth = len(path.relative_to(PACKAGE).parts) - 1  # directories between the package and the file
        # parents[depth] is the package directory; anything higher is outside the package
        bad += [f"{path.relative_to(PACKAGE.parent)}:{line} parents[{n}]"
                for line, n in _climbs(path) if n > depth]
        # Path(__file__).parent is parents[0]: k attributes reach parents[k - 1]
        bad += [f"{path.relative_to(PACKAGE.parent)}:{line} .parent x{k}"
                for line, k in _parent_attributes(path) if k - 1 > depth]
    assert not bad, "modules that find files through the repository root: " + ", ".join(bad)


def test_the_climb_check_sees_a_repository_root_path(tmp_path):
    f = tmp_path / "m.py"
    f.write_text("from pathlib import Path\nROOT = Path(__file__).resolve().parents[2] / 'gold'\n"
                 "UP = Path(__file__).parent.parent.parent\n")
    assert _climbs(f) == [(2, 2)]
    assert max(k for _, k in _parent_attributes(f)) == 3


def test_the_shipped_theme_model_is_package_data():
    from leder_insights.themes import SHIPPED_MODEL_DIR

    assert SHIPPED_MODEL_DIR.is_relative_to(PACKAGE)
    assert (SHIPPED_MODEL_DIR / "model.joblib").is_file() and (SHIPPED_MODEL_DIR / "meta.json").is_file()
    pyproject = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert "models/**/*.joblib" in pyproject  # so a wheel carries the model too
