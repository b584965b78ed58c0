"""Indicative findings: age at death, place and causes of death, care grades, over time."""
from __future__ import annotations

import pytest

import numpy as np

from leder_insights.explore import ExplorerState, cause_groups, cause_labels, findings_tables

from _explore_fixtures import TAXONOMY, make_frames


def _state(n=120, **filters):
    rv, lp = make_frames(n)
    causes = ["1a) Aspiration pneumonia; 1b) Dysphagia", "I(a) Myocardial infarction", "1a: Urosepsis",
              "1a) Breast cancer with liver metastases", "1a: SUDEP", "1a) Frailty of old age"]
    rv["cause_of_death"] = [causes[i % len(causes)] for i in range(len(rv))]
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    return st.set_filters(**filters), rv


def test_cause_groups_from_text():
    got = cause_groups(["1a) COVID-19 pneumonia", "1a Choking 1b food bolus", "I(a) Pulmonary embolism",
                        "1a Lower respiratory tract infection", "2) Dementia; 1a) Sepsis", None, "1a: Old age"])
    assert got == ["covid", "choking", "cardiac", "respiratory", "dementia", "unknown", "other"]
    assert cause_labels()["respiratory"].startswith("Respiratory (incl. aspiration")


def test_cause_text_never_kept_only_its_group():
    st, _rv = _state()
    assert "cause_of_death" not in st.data.reviews.columns
    assert set(st.data.reviews["cause_group"]) == {"respiratory", "cardiac", "sepsis", "cancer", "epilepsy", "other"}


def test_findings_match_pandas():
    st, rv = _state()
    f = findings_tables(st)
    assert list(f)[0] == "Key findings"
    by_sex = f["Age at death by sex"].set_index("Sex")
    for sex, g in rv.groupby("sex"):
        assert by_sex.loc[sex, "Median age at death"] == f"{np.median(g.age_at_death):.0f}"
        assert by_sex.loc[sex, "Reviews"] == str(len(g))
    place = f["Place of death"].set_index("Place of death")
    share = (rv.place_of_death == "hospital").mean() * 100
    assert place.loc["Hospital", "% of reviews"] == f"{share:.1f}%"
    causes = f["Causes of death"]
    assert causes["Cause of death (grouped)"].iloc[-1] == "Other or not grouped"
    grades = f["Care grades"].set_index("Care grade")
    assert grades.loc["6 Fell far short, contributed to death", "Reviews"] == str((rv.care_grade == 6).sum())
    per_year = f["Findings over time"]
    assert per_year["Reviews"].map(int).sum() == len(rv)
    key = " ".join(f["Key findings"]["Finding"])
    assert f"Median age at death {np.median(rv.age_at_death):.0f}" in key and "died in hospital" in key


@pytest.mark.slow
def test_findings_suppressed_in_small_groups():
    st, _rv = _state(60, region="London", year_from="2019", year_to="2019")
    f = findings_tables(st)
    n = int(st.views().denominator)
    assert 5 <= n < 20
    for name in ("Place of death", "Causes of death", "Care grades"):
        for r, p in zip(f[name]["Reviews"], f[name]["% of reviews"]):
            assert r in ("<5", "*") or int(r) >= 5 or r == "0"
            if r in ("<5", "*"):
                assert p == "*"
    for name in ("Age at death by learning disability", "Age at death by sex"):
        t = f[name]
        for _, row in t.iterrows():
            if row["Reviews"] == "<5":
                assert row["Median age at death"] == "*"
            for c in t.columns:
                if c.startswith("Aged "):
                    v = row[c]
                    assert v in ("<5", "*", "0") or int(v) >= 5


def test_findings_follow_a_theme_selection():
    st, rv = _state()
    st.set_filter("theme", "epilepsy")
    f = findings_tables(st)
    n_sel = st.views().n_selected
    total = sum(int(x) for x in f["Place of death"]["Reviews"] if x.isdigit())
    assert total <= n_sel < len(rv)


@pytest.mark.slow
def test_key_findings_say_so_for_tiny_selections():
    st, _rv = _state(60, region="London", sex="Female", year_from="2019", year_to="2019", age_band="25-49")
    f = findings_tables(st)
    # "fewer than 5", or (when even that would give a group away beside the other choices) a
    # notice that the numbers are hidden: never a count
    (finding,) = f["Key findings"]["Finding"].tolist()
    assert finding in ("Fewer than 5 reviews match: no findings shown.",) or finding.startswith(
        "Numbers hidden for this selection."), finding
    if finding.startswith("Numbers hidden"):  # blocked: no other table is shown at all
        assert list(f) == ["Key findings"]
        return
    # a zero beside a small total would say what all of them had in common: every cell is hidden
    for name in ("Place of death", "Causes of death", "Care grades"):
        assert set(f[name]["Reviews"]) == {"*"} and set(f[name]["% of reviews"]) == {"*"}
    for name in ("Age at death by learning disability", "Age at death by sex"):
        bands = f[name][[c for c in f[name].columns if c.startswith("Aged ")]]
        assert set(bands.to_numpy().ravel()) == {"*"}


def test_key_findings_name_the_most_common_causes_in_order_of_their_shares():
    rv, lp = make_frames(150)
    # over the whole project respiratory then cardiac lead (the tables keep that order); within
    # London, cancer then sepsis do
    london = ["1a) Breast cancer with liver metastases"] * 3 + ["1a: Urosepsis"] * 2 + ["1a) Aspiration pneumonia"]
    rest = ["1a) Aspiration pneumonia"] * 3 + ["I(a) Myocardial infarction"] * 2 + ["1a: Urosepsis"]
    rv["cause_of_death"] = [(london if reg == "London" else rest)[i % 6] for i, reg in enumerate(rv["region"])]
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    st.set_filters(region="London")
    f = findings_tables(st)
    line = next(x for x in f["Key findings"]["Finding"] if x.startswith("Most common causes"))
    parts = [part.strip().rsplit(" ", 1) for part in line.split(":", 1)[1].rstrip(".").split(";")]
    labels = cause_labels()
    assert [name for name, _p in parts][:2] == [labels["cancer"], labels["sepsis"]], line
    shares = [float(p.rstrip("%")) for _name, p in parts]
    assert shares == sorted(shares, reverse=True), line


def test_findings_count_the_reviews_the_match_line_counts():
    rv, lp = make_frames(120)
    lp = lp.copy()
    lp["themes"] = [[] if i % 7 == 0 else t for i, t in enumerate(lp["themes"])]   # some carry no theme
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    st.set_filters(search="Staff noted")
    m = st.match_summary()
    line = next(x for x in findings_tables(st)["Key findings"]["Finding"] if x.startswith("Median age"))
    assert f"({m['selected']} reviews)" in line, (m["text"], line)


def _causes_table(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["Cause of death (grouped)", "Reviews", "% of reviews"])


@pytest.mark.parametrize("rows, want, never", [
    # every non-zero cause hidden: no "most common" at all, the reason in words (facil7 F5)
    ([("Cancer", "<5", "*"), ("Sepsis", "*", "*"), ("Choking", "0", "0.0%"), ("COVID-19", "0", "0.0%")],
     "Causes of death: hidden for this selection because the numbers are small.", (" 0.0%", "Cancer", "Sepsis")),
    # some shown, some hidden: zeros left out, the hidden ones said without naming them
    ([("Cancer", "12", "40.0%"), ("Sepsis", "<5", "*"), ("Choking", "0", "0.0%")],
     "Most common causes of death shown (grouped): Cancer 40.0%. Some other causes are hidden because "
     "their numbers are small.", (" 0.0%", "Sepsis")),
    # nothing hidden: the usual sentence, zeros left out
    ([("Cancer", "12", "40.0%"), ("Sepsis", "6", "20.0%"), ("Choking", "0", "0.0%")],
     "Most common causes of death (grouped): Cancer 40.0%; Sepsis 20.0%.", (" 0.0%", "Choking", "hidden")),
])
def test_key_findings_causes_leave_out_zeros_and_say_when_hidden(rows, want, never):
    from leder_insights.explore._findings import _causes_line

    line = _causes_line(_causes_table(rows))
    assert line == want
    for word in never:
        assert word not in line


def test_key_findings_causes_say_nothing_when_none_recorded():
    from leder_insights.explore._findings import _causes_line

    assert _causes_line(_causes_table([("Cancer", "0", "0.0%"), ("Not recorded", "7", "100.0%")])) == ""
