"""A cause of death stated in a released learning point must not give back the cause group the
release generalises or suppresses (release 2's hand-off: "died of cancer" inside learning points
was the main leak left under the default ``text: learning_points``).

The intruder reads the released learning points (the text goes through ``release_texts``, the
split and the text policy, as in the bundle), takes the words after "died of", "cause of death
was" or "death was due to", and classifies them with the release's own cause groups. The
control (the same text with the mention masks off, as the text was released before) must give
most causes back, so a passing test cannot be one whose attack never worked.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest

from leder_insights.corpus import synthesize
from leder_insights.explore._findings import cause_groups
from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release
from leder_insights.themes import split_learning_points

KEY = b"release-text-cause-key-0123456789abcd"
N = 60
#: invented learning-point wordings that state the subject's cause of death
WORDINGS = ("The review found that {he} died of {cause} and staff had not recognised the signs.",
            "It was noted that the cause of death was {cause}, and the GP was not told about the weight loss.",
            "Staff did not escalate the concerns and {his} death was due to {cause} after a delay in treatment.",
            "The review found that {he} died from {cause} while waiting for an ambulance for six hours.")
_READ = re.compile(r"(?:died\s+(?:of|from)|cause\s+of\s+death\s+was|death\s+was\s+due\s+to)\s+([^.;]{2,80})", re.I)


def _first_cause(text: str) -> str:
    """The part 1a of a synthetic certificate ("1a) Bronchopneumonia; 2) Asthma", "I(a) Sepsis II
    Epilepsy", "1a: Urosepsis\n1b: ...")."""
    first = re.split(r"\s*[;\n]\s*|\s+(?:1b|I\(b\)|II|2)\b", str(text))[0]
    return re.sub(r"^\s*(?:1a|I\(a\))\s*[:)]?\s*", "", first).strip().lower()


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    df = synthesize(n_reviews=N, seed=77).reviews.copy()
    lines = []
    for k, (sex, cause) in enumerate(zip(df["sex"], df["cause_of_death"])):
        he, his = ("she", "her") if sex == "female" else ("he", "his")
        lines.append(WORDINGS[k % len(WORDINGS)].format(he=he, his=his, cause=_first_cause(cause)))
    df["learning"] = lines
    return df


def _released(df: pd.DataFrame, policy: str, masks: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    rel = Release(key=KEY, text_policy=policy, mask_text_mentions=masks)
    cols = rel.text_columns(df.columns)
    out, _ = release_texts(df, cols, {}, release=rel)
    lps = split_learning_points(out)
    return rel.apply_text_policy(out, lps, cols)


def _attack(reviews_out: pd.DataFrame, lps: pd.DataFrame, truth: pd.DataFrame) -> tuple[int, int]:
    """(right, made): cause groups read from each review's released words, scored on the truth."""
    words = lps.groupby("review_id")["text"].apply(" ".join).to_dict() if "text" in lps else {}
    right = made = 0
    true = dict(zip(truth["review_id"], cause_groups(truth["cause_of_death"])))
    text_cols = [c for c in ("learning", "pen_portrait") if c in reviews_out.columns]
    for rid in truth["review_id"]:
        text = words.get(rid, "") + " " + " ".join(
            str(v) for v in reviews_out.loc[reviews_out["review_id"] == rid, text_cols].to_numpy().ravel())
        m = _READ.search(text)
        guess = cause_groups([m.group(1)])[0] if m else None
        if guess in (None, "other", "unknown"):
            continue
        made += 1
        right += guess == true[rid]
    return right, made


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["learning_points", "full"])
def test_attack_cause_group_from_learning_points(reviews, policy):
    before = _attack(*_released(reviews, policy, masks=False), reviews)
    after = _attack(*_released(reviews, policy, masks=True), reviews)
    # control: with the text as released before, the stated cause gives the group back
    assert before[0] >= 0.8 * N, before
    assert after == (0, 0), after


@pytest.mark.slow
def test_cause_mask_keeps_the_learning_point(reviews):
    _out, lps = _released(reviews, "learning_points", masks=True)
    joined = " ".join(lps["text"])
    # every review keeps its learning point, with the cause masked and the rest of the point left
    assert lps["review_id"].nunique() == N
    assert joined.count("[CAUSE_OF_DEATH]") >= N
    assert "staff had not recognised the signs" in joined and "waiting for an ambulance" in joined
    # (the cause words themselves stay wherever a point discusses them without stating a death:
    # "sepsis was not recognised" is the learning)
    assert all(m.group(1).startswith("[CAUSE_OF_DEATH]") for m in _READ.finditer(joined))


def test_certificate_quoted_in_parts_is_masked_whole():
    """A quoted certificate keeps no part: the label's dot, colon or the semicolon before the next
    part does not end the cause (found on how coroners quote it; invented wording)."""
    text = ("The medical cause of death was: 1a. Aspiration pneumonia 1b. Dysphagia; 2) Epilepsy. "
            "Staff had not followed the eating and drinking plan.")
    out, _ = release_texts(pd.DataFrame({"review_id": ["r1"], "learning": [text]}), ["learning"], {},
                           release=Release(key=KEY))
    released = out.loc[0, "learning"]
    assert released.startswith("The medical cause of death was: [CAUSE_OF_DEATH]. Staff had not")
    assert cause_groups([released])[0] == "other"  # no cause word left
