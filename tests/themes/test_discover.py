"""ThemeDiscoverer: registered steps, every point assigned, c-TF-IDF names, emerging, stability."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from leder_insights import registry
from leder_insights.errors import ConfigError
from leder_insights.themes import ThemeDiscoverer

GROUPS = {
    "hoist": "the hoist was broken and {x} stayed in bed all day",
    "dentist": "dental pain went untreated because the dentist list was closed to {x}",
    "bowel": "the bowel chart for {x} was left blank for a week",
    "interpreter": "no interpreter was booked for the family of {x}",
}
WHO = ["him", "her", "the man", "the woman", "the resident", "the tenant", "the patient", "the client",
       "the young man", "the older woman"]


def _points():
    rows = []
    for g, tmpl in GROUPS.items():
        for w in WHO:
            themes = [] if g in ("hoist", "dentist") else (["constipation"] if g == "bowel" else ["equity_ethnicity"])
            rows.append({"text": tmpl.format(x=w), "group": g, "themes": themes,
                         "theme_scores": {"x": 0.2 if not themes else 0.9}})
    return pd.DataFrame(rows)


def test_discover_steps_are_registered():
    assert "tfidf" in registry.embedders.get_all()
    assert "svd" in registry.reducers.get_all()
    assert {"kmeans", "agglomerative"} <= set(registry.clusterers.get_all())


@pytest.mark.parametrize("clusterer", ["kmeans", "agglomerative"])
def test_discover_recovers_groups_and_flags_emerging(clusterer):
    df = _points()
    d = ThemeDiscoverer(k_range=(2, 8), clusterer=clusterer, n_components=10, random_state=0).fit(df)
    assert len(d.labels_) == len(df) and d.clusters_["size"].sum() == len(df)
    from sklearn.metrics import adjusted_rand_score

    assert adjusted_rand_score(df["group"], d.labels_) == 1.0
    by_group = d.points_.groupby("group")["cluster"].first()
    cl = d.clusters_.set_index("cluster")
    assert cl.loc[by_group["hoist"], "emerging"] and cl.loc[by_group["dentist"], "emerging"]
    assert not cl.loc[by_group["bowel"], "emerging"]
    assert "hoist" in cl.loc[by_group["hoist"], "top_terms"]
    assert all(len(ex) == 3 for ex in d.clusters_["examples"])


def test_discover_stability_across_seeds():
    st = ThemeDiscoverer(k_range=(2, 8), n_components=10).stability(_points(), seeds=(0, 1, 2))
    assert st["mean_ari"] == pytest.approx(1.0) and st["n_clusters"] == [4, 4, 4]


def test_discover_unknown_step_is_numbered_error():
    with pytest.raises(ConfigError, match=r"\[E004\]"):
        ThemeDiscoverer(clusterer="hdbscan_missing").fit(_points())


def test_discover_without_theme_columns_marks_nothing_emerging():
    d = ThemeDiscoverer(k_range=(2, 6), n_components=10).fit(_points()["text"].tolist())
    assert not d.clusters_["emerging"].any() and d.clusters_["no_theme_share"].isna().all()
    assert np.unique(d.labels_).size == d.n_clusters_


@pytest.mark.parametrize("texts", [
    ["Staff should adjust."] * 6,                      # faults f01: all the same
    ["the", "and it", "of the", "was"],                 # stop words only
    ["apple banana", "cherry date", "elder fig"],       # no word shared
    ["123", "!!!", "45 67", "..."],                     # no words at all
    ["", "", "", ""],
])
def test_points_too_few_or_alike_to_cluster_are_a_numbered_error(texts):
    """scikit-learn's "After pruning, no terms remain" reached users as a traceback (faults f01)."""
    from leder_insights.errors import InputError

    with pytest.raises(InputError, match=r"\[E405\] pts\.jsonl: its \d+ learning points cannot be "
                                         r"clustered.*themes predict"):
        ThemeDiscoverer().fit(texts, source="pts.jsonl")


@pytest.mark.parametrize("clusterer", ["kmeans", "agglomerative"])
def test_no_more_clusters_than_distinct_points(clusterer):
    texts = ["the hoist was broken and he stayed in bed", "the dentist list was closed to her",
             "no interpreter was booked for the family"] * 10
    d = ThemeDiscoverer(clusterer=clusterer).fit(texts)
    assert d.n_clusters_ == 3
    assert d.points_.groupby("text")["cluster"].nunique().eq(1).all()
