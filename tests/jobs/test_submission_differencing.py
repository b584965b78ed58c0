"""Two releases fewer than k reviews apart (``submit --after`` adding a late review) must not
publish counts whose difference is those reviews' own (attacker 5's F4: ``by_source.care_home``
2 for the one added review: she lived in a care home)."""
from __future__ import annotations

import json

import pandas as pd

from leder_insights.jobs._composition import fewest_reviews_apart, withhold_differencing_counts
from leder_insights.jobs._qa_report import _audit_section


def _bundle(path, ids):
    path.mkdir()
    pd.DataFrame({"review_id": ids, "sex": ["female"] * len(ids)}).to_csv(path / "reviews.csv", index=False)
    (path / "manifest.json").write_text(json.dumps({"files": {"reviews.csv": "x"}, "releasable": True}))
    return path


def _audit():
    return {"n_documents": 61, "n_entities": 900, "n_replaced": 890, "n_kept": 10,
            "by_category": {"PERSON": 500}, "by_source": {"care_home": 40, "hospital": 60},
            "by_field": {"learning": 300}, "by_action": {"placeholder": 890, "kept": 10},
            "documents_by_replaced": {"5+": 61}, "small_cells_below": 5}


def test_one_late_review_withholds_the_counts_that_difference(tmp_path):
    earlier = [f"Rb{i:03d}" for i in range(60)]
    a = _bundle(tmp_path / "A", earlier)
    apart = fewest_reviews_apart([a], earlier + ["Rlate"])
    assert apart == 1
    gate = {"per_kind": {"NER_PERSON": 3}, "candidates_by_field": {"learning": 3}, "n_direct": 0}
    audit, gate_out = withhold_differencing_counts(_audit(), gate, apart, 5)
    shown = json.dumps(audit) + json.dumps(gate_out)
    assert "care_home" not in shown and "NER_PERSON" not in shown and "PERSON" not in audit
    assert not any(isinstance(v, dict) and v for v in audit.values())
    assert audit["n_documents"] == 61 and "withheld" in audit
    assert "care_home" not in _audit_section(audit) and "withheld" in _audit_section(audit)


def test_releases_k_or_more_reviews_apart_keep_their_counts(tmp_path):
    earlier = [f"Rb{i:03d}" for i in range(60)]
    a = _bundle(tmp_path / "A", earlier)
    apart = fewest_reviews_apart([a], earlier + [f"Rlate{i}" for i in range(5)])
    assert apart == 5
    audit, gate = withhold_differencing_counts(_audit(), {"per_kind": {"AGE": 1}}, apart, 5)
    assert audit == _audit() and gate == {"per_kind": {"AGE": 1}}
    # no earlier release: nothing to difference against
    assert fewest_reviews_apart([], earlier) is None
