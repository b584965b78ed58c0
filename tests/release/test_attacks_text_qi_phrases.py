"""Attacker 3's F6: quasi-identifier phrases the release's masks did not know were left in the
text ("lived with mum", "lived with his elderly parents", "care-home", "passed away at home",
"described as severe", "of Somali heritage", "Polish man", "attended the mosque", a first language,
a vehicle registration, a town typed in lower case). Each narrows a column the plan generalises or suppresses.

Each invented phrase is planted in one review's learning field, as a learning point, and read in
what the release carries under ``text: learning_points`` (the learning points) and ``text: full``
(the text columns too). Control: with the masks off (the release as it was) every probe is read
back, so the learning point survives the split and the attack works.
"""
from __future__ import annotations

import pandas as pd
import pytest

import leder_insights.jobs._release_text as release_text_module
from leder_insights.corpus import synthesize
from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release
from leder_insights.themes import split_learning_points

KEY = b"release-text-phrases-key-0123456789ab"
#: (probe the intruder reads, invented learning point carrying it, token that must replace it)
PLANTS = (
    ("lived with mum", "The review found that he lived with mum and she was not invited to the best interests meeting.", "[HOME_SETTING]"),
    ("elderly parents", "Staff did not involve him because he lived with his elderly parents who were not told about the diagnosis.", "[HOME_SETTING]"),
    ("care-home", "The review found that staff at the care-home did not record his weight for three months.", "[HOME_SETTING]"),
    ("passed away at home", "The review found that he passed away at home without the end of life plan being shared.", "[PLACE_OF_DEATH]"),
    ("described as severe", "The review found that his learning disability was described as severe but no reasonable adjustments were made.", "[LD_SEVERITY]"),
    ("somali", "The review found that he was of Somali heritage and no interpreter was offered to his family.", "[ETHNIC_GROUP]"),
    ("polish", "The review found that as a Polish man his cultural needs were not assessed by the ward.", "[ETHNIC_GROUP]"),
    ("mosque", "The review found that he attended the mosque but the chaplaincy team was not contacted.", "[FAITH]"),
    ("sylheti", "The review found that his first language was Sylheti and no interpreter was booked for the clinic.", "[LANGUAGE]"),
    ("kx19", "The review found that the minibus KX19 ABC had no wheelchair restraints fitted.", "[VEHICLE_REG]"),
    ("scunthorpe", "The review found that he grew up in scunthorpe and the new GP did not have his records.", "[LOCATION]"),
    # not F6, found with it (set B): a lower-case weekday gives the death's weekday beside a date
    ("on weds", "The review found that he was seen on weds by the GP but no observations were taken.", "[WEEKDAY]"),
)


@pytest.fixture(scope="module")
def planted() -> pd.DataFrame:
    df = synthesize(n_reviews=len(PLANTS), seed=91).reviews.copy()
    df["learning"] = [text for _probe, text, _token in PLANTS]
    df["pen_portrait"] = df["pen_portrait"] + " " + df["learning"]
    return df


def _carried(df: pd.DataFrame, policy: str, masks: bool) -> list[str]:
    """Per planted review, all the words the release carries for it (learning points, and the
    text columns under ``full``)."""
    rel = Release(key=KEY, text_policy=policy, mask_text_mentions=masks)
    cols = rel.text_columns(df.columns)
    out, _ = release_texts(df, cols, {}, release=rel)
    reviews, lps = rel.apply_text_policy(out, split_learning_points(out), cols)
    words = lps.groupby("review_id")["text"].apply(" ".join).to_dict()
    kept = [c for c in cols if c in reviews.columns]
    return [(words.get(rid, "") + " " + " ".join(str(v) for v in row)).lower()
            for rid, row in zip(reviews["review_id"], reviews[kept].itertuples(index=False))]


@pytest.mark.parametrize("policy", ["learning_points", "full"])
def test_attack_quasi_identifier_phrases_are_masked(planted, policy, monkeypatch):
    after = _carried(planted, policy, masks=True)
    leaked = [probe for (probe, _t, _k), text in zip(PLANTS, after) if probe in text]
    missing = [token for (_p, _t, token), text in zip(PLANTS, after) if token.lower() not in text]
    assert leaked == [] and missing == [], (leaked, missing)
    # control: the release as it was (mention masks off, no identifier list) gives every probe back
    monkeypatch.setattr(release_text_module, "identifier_spans", lambda text: [])
    monkeypatch.setattr(release_text_module, "lower_case_places", lambda text: [])
    monkeypatch.setattr(release_text_module, "calendar_spans", lambda text: [])
    before = _carried(planted, policy, masks=False)
    assert [probe for (probe, _t, _k), text in zip(PLANTS, before) if probe in text] == [p for p, _t, _k in PLANTS]


def test_masks_leave_ordinary_words():
    """Near misses keep their words: a temple of the head, numbered recommendations, information
    "passed on", a learning disability named without its severity, a lower-case place name that
    is an everyday word."""
    text = ("He had a bruise on his temple. 1a) The GP should review his medicines. The advice was "
            "passed on from the ward to the home. His learning disability was not recognised. "
            "Staff helped him in bath time and spoke to the warden.")
    out, _ = release_texts(pd.DataFrame({"review_id": ["r1"], "learning": [text]}), ["learning"], {},
                           release=Release(key=KEY))
    assert out.loc[0, "learning"] == text
