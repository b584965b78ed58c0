"""Fixture frames with the contract columns (a local taxonomy fallback, tests only)."""
from __future__ import annotations

import numpy as np
import pytest
import pandas as pd

#: local fallback of a few taxonomy ids (tests only)
THEMES = ("aspiration_pneumonia", "sepsis_deterioration", "epilepsy", "medication",
          "family_involvement", "mental_capacity")
TAXONOMY = {"ids": list(THEMES),
            "labels": {t: t.replace("_", " ").capitalize() for t in THEMES},
            "groups": {"clinical": list(THEMES[:4]), "ways of working": ["family_involvement"],
                       "rights and decisions": ["mental_capacity"]}}
KEYWORDS = {"aspiration_pneumonia": "swallowing assessment", "sepsis_deterioration": "NEWS2 score",
            "epilepsy": "seizure plan", "medication": "medication review",
            "family_involvement": "family concerns", "mental_capacity": "best interests"}


def make_frames(n_reviews: int = 60, seed: int = 0, lps_per_review: int = 3):
    """Reviews + learning points (themes, scores, evidence offsets into text)."""
    rng = np.random.default_rng(seed)
    regions = ["London", "Midlands", "North West"]
    icbs = {"London": ["ICB-L1", "ICB-L2"], "Midlands": ["ICB-M1"], "North West": ["ICB-N1"]}
    rv = []
    for i in range(n_reviews):
        reg = regions[i % 3]
        rv.append({"review_id": f"R{i:05d}", "region": reg, "icb": icbs[reg][i % len(icbs[reg])],
                   "notification_date": "2020-01-01",
                   "death_date": f"{2019 + i % 4}-0{1 + i % 9}-15", "review_type": "initial",
                   "age_at_death": int(20 + (i * 7) % 60), "sex": ["Female", "Male"][i % 2],
                   "ethnic_group": ["White", "Asian", "Black"][i % 3],
                   "ld_severity": ["mild", "moderate", "severe"][i % 3], "autistic": bool(i % 2),
                   "living_arrangement": "family", "place_of_death": ["hospital", "home"][i % 2],
                   "cause_of_death": "1a pneumonia", "care_grade": 1 + i % 6})
    lps = []
    for i in range(n_reviews):
        for j in range(lps_per_review):
            k = rng.integers(1, 3)
            themes = list(rng.choice(THEMES, size=k, replace=False))
            text = "Staff noted " + " and ".join(KEYWORDS[t] for t in themes) + f" for [PERSON] ({i}-{j})."
            ev = {t: [[text.index(KEYWORDS[t]), text.index(KEYWORDS[t]) + len(KEYWORDS[t])]] for t in themes}
            scores = {t: float(rng.uniform(0.55, 0.99)) if t in themes else float(rng.uniform(0, 0.45))
                      for t in THEMES}
            lps.append({"lp_id": f"R{i:05d}-{j}", "review_id": f"R{i:05d}", "source_field": "learning",
                        "polarity": ["good_practice", "area_for_improvement", "recommendation"][j % 3],
                        "start": 0, "end": len(text), "text": text, "themes": themes,
                        "theme_scores": scores, "evidence": ev,
                        "residue": []})  # scanned clean (tests of the residue scan make their own)
    return pd.DataFrame(rv), pd.DataFrame(lps)




def make_store(path, n_reviews: int = 30):
    """A real ProjectStore filled from the fixture frames (reviews, de-identified text, themes)."""
    from leder_insights.store import ProjectStore

    rv, lp = make_frames(n_reviews)
    rv = rv.assign(pen_portrait=[f"Person {i} lived at home." for i in range(len(rv))])
    store = ProjectStore(path)
    store.save_reviews(rv)
    run = store.start_run("deid", "cfg", {"deid": "fixture-deid"})
    learning = lp.groupby("review_id")["text"].agg(" ".join)
    store.save_deid_texts(pd.concat([
        pd.DataFrame({"review_id": rv.review_id, "field": "pen_portrait", "text": "[PERSON] lived at home."}),
        pd.DataFrame({"review_id": learning.index, "field": "learning", "text": learning.to_numpy()})]), run)
    store.save_entities(pd.DataFrame({"review_id": rv.review_id, "field": "pen_portrait", "start": 0,
                                      "end": [len(f"Person {i}") for i in range(len(rv))],
                                      "entity_type": "PERSON", "category": "PERSON", "score": 0.9,
                                      "source": "fixture"}), run)
    store.finish_run(run)
    deid_run = run
    run = store.start_run("themes", "cfg", {"themes": "fixture-model-1"})
    store.save_learning_points(lp, run, deid_run_id=deid_run)
    store.save_predictions(lp, run, "fixture-model-1")
    store.finish_run(run)
    return store, rv, lp


@pytest.fixture
def frames():
    """Reviews and learning points of :func:`make_frames` (fresh for every test)."""
    return make_frames()


@pytest.fixture
def state(frames):
    """An :class:`~leder_insights.explore.ExplorerState` over ``frames``, threshold 5."""
    from leder_insights.explore import ExplorerState

    rv, lp = frames
    return ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5,
                                     meta={"model_versions": {"themes": "test-1"}}, deidentified=True)
