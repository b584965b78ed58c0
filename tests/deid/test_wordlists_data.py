"""Word lists live in deid/conf/words.yaml; code holds none (checked by walking the source)."""
import ast
from pathlib import Path

import pytest

import leder_insights.deid as deid
from leder_insights.deid._wordlists import WORDS_PATH, words


def test_every_list_loads_lower_case():
    import yaml

    names = [k for k in yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8")) if k != "version"]
    assert len(names) >= 10
    for n in names:
        ws = words(n)
        assert ws and all(w == w.lower() for w in ws), n


def test_unknown_list_names_the_lists():
    with pytest.raises(KeyError, match="stop_tokens"):
        words("no_such_list")


def _long_word_list_literals(path: Path):
    """Line numbers of ``"a b c ...".split()`` literals of 10+ plain words in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            toks = node.func.value.value.split()
            if len(toks) >= 10 and all(t.isalpha() for t in toks):
                yield node.lineno


def test_no_word_list_left_in_deid_code():
    root = Path(deid.__file__).parent
    found = {str(p.relative_to(root)): list(_long_word_list_literals(p)) for p in root.rglob("*.py")}
    assert {k: v for k, v in found.items() if v} == {}
