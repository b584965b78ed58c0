"""The one list/dict codec (schema.as_list / as_dict) used by the store and the explorer."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from leder_insights.schema import as_dict, as_list


@pytest.mark.parametrize("cell, expected", [
    (None, []), (float("nan"), []), (pd.NA, []), ("", []), ("   ", []),
    ("epilepsy", ["epilepsy"]),
    ("sepsis_deterioration; epilepsy", ["sepsis_deterioration", "epilepsy"]),
    ("a;;b; ", ["a", "b"]),
    ('["a", "b"]', ["a", "b"]),
    ('["a; b"]', ["a; b"]),  # a JSON list is never split further
    (["a", "b"], ["a", "b"]), (("a",), ["a"]),
    (np.array(["a", "b"], dtype=object), ["a", "b"]),
    ([np.array([1, 4]), np.array([6, 9])], [[1, 4], [6, 9]]),
])
def test_schema_as_list_one_rule(cell, expected):
    out = as_list(cell)
    assert out == expected and type(out) is list


def test_schema_as_list_broken_json_list_raises():
    with pytest.raises(ValueError):
        as_list('["a", ')
    with pytest.raises(ValueError):
        as_list({"a": 1})


def test_schema_as_dict_rules():
    assert as_dict(None) == {} and as_dict(float("nan")) == {} and as_dict("") == {}
    assert as_dict('{"a": 0.5}') == {"a": 0.5} and as_dict({"a": 1}) == {"a": 1}
    with pytest.raises(ValueError):
        as_dict("[1, 2]")
    with pytest.raises(ValueError):
        as_dict("not json")


def test_schema_codec_store_and_explorer_agree(tmp_path):
    """A ;-separated themes cell means the same in the store and in the explorer."""
    from leder_insights.explore import ExplorerData
    from leder_insights.store import ProjectStore

    lp = pd.DataFrame({"lp_id": ["l1"], "review_id": ["r1"], "source_field": ["learning"],
                       "polarity": ["good_practice"], "text": ["x"],
                       "themes": ["epilepsy; medication"],
                       "theme_scores": [json.dumps({"epilepsy": 0.9, "medication": 0.8})]})
    with ProjectStore(tmp_path / "project.duckdb") as store:
        store.save_learning_points(lp, "run")
        store.save_predictions(lp, "run", "m")
        stored = sorted(store.predictions()["themes"][0])
    data = ExplorerData.build(pd.DataFrame({"review_id": ["r1"]}), lp,
                              taxonomy={"ids": ["epilepsy", "medication"]}, deidentified=True)
    assert stored == sorted(data.lps["themes"][0]) == ["epilepsy", "medication"]
