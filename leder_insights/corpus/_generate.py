"""Generate synthetic LeDeR reviews with gold identifier spans and themed learning points.

>>> c = synthesize(n_reviews=3, seed=1)
>>> len(c.reviews), list(c.entities.columns)[:3]
(3, ['review_id', 'field', 'start'])
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import pandas as pd
from faker import Faker

from .. import schema
from ..errors import Errors, InputError
from ._fields import cause_of_death, learning_field, pen_portrait, timeline
from ._review import ReviewCase
from ._text import TextBuilder

GENERATOR_VERSION = "1.0.0"

ENTITY_COLUMNS = ("review_id", "field", "start", "end", "category", "entity_type", "text")
LP_COLUMNS = ("lp_id", "review_id", "source_field", "polarity", "start", "end", "text", "themes", "cue")


@dataclass
class SyntheticCorpus:
    """Synthetic reviews with gold labels.

    Attributes
    ----------
    reviews : pandas.DataFrame
        Columns exactly :data:`leder_insights.schema.REVIEW_COLUMNS`, in order.
    entities : pandas.DataFrame
        One row per identifier: review_id, field, start, end, category, entity_type, text.
    learning_points : pandas.DataFrame
        One row per learning point: lp_id, review_id, source_field, polarity, start, end, text,
        themes (list of theme ids), cue (positive, negated, near_miss, none).
    seed, n_reviews, version
        How the corpus was made.
    """

    reviews: pd.DataFrame
    entities: pd.DataFrame
    learning_points: pd.DataFrame
    seed: int
    n_reviews: int
    version: str = GENERATOR_VERSION


def _review_row(rv: ReviewCase) -> tuple[dict, dict[str, TextBuilder]]:
    r = rv.rng
    g = rv.grade
    n_aif = {1: r.randrange(0, 2), 2: r.randrange(1, 3), 3: r.randrange(2, 5), 4: r.randrange(3, 6),
             5: r.randrange(4, 7), 6: r.randrange(4, 8)}[g]
    n_gp = r.randrange(1, 5) if g <= 4 else r.randrange(0, 3)
    n_learn = r.randrange(2, 7)
    n_rec = 0 if r.random() < 0.25 else r.randrange(1, 5)
    if rv.review_type == "focused":  # focused reviews look further and recommend more
        n_aif += r.randrange(1, 3)
        n_learn += r.randrange(1, 3)
        n_rec = max(n_rec, r.randrange(2, 5))
    fields = {
        "cause_of_death": cause_of_death(rv),
        "pen_portrait": pen_portrait(rv) if r.random() > 0.02 else TextBuilder(),
        "timeline": timeline(rv) if r.random() > 0.03 else TextBuilder(),
        "good_practice": learning_field(rv, "good_practice", "good_practice", n_gp if r.random() > 0.06 else 0),
        "areas_for_improvement": learning_field(rv, "areas_for_improvement", "area_for_improvement",
                                           n_aif if r.random() > 0.04 else 0),
        "learning": learning_field(rv, "learning", "area_for_improvement", n_learn if r.random() > 0.05 else 0),
        "recommendations": learning_field(rv, "recommendations", "recommendation", n_rec),
    }
    row = {
        "review_id": rv.review_id, "icb": rv.icb, "region": rv.region,
        "notification_date": rv.notified.isoformat(), "death_date": rv.death.isoformat(),
        "review_type": rv.review_type, "age_at_death": rv.age, "sex": rv.sex, "ethnic_group": rv.eth,
        "ld_severity": rv.severity, "autistic": rv.autistic, "living_arrangement": rv.living,
        "place_of_death": rv.place, "care_grade": g,
    }
    for k, v in fields.items():
        row[k] = v.text()
    return row, fields


def synthesize(n_reviews: int = 100, seed: int = 0) -> SyntheticCorpus:
    """Generate ``n_reviews`` synthetic LeDeR reviews with gold labels (deterministic per seed).

    Parameters
    ----------
    n_reviews : int
        Number of reviews.
    seed : int
        Random seed; the same seed always gives identical frames.

    Returns
    -------
    SyntheticCorpus

    Examples
    --------
    >>> c = synthesize(n_reviews=5, seed=0)
    >>> list(c.reviews.columns) == list(schema.REVIEW_COLUMNS)
    True
    """
    if isinstance(n_reviews, bool) or not isinstance(n_reviews, int) or n_reviews < 0:
        raise InputError(Errors.E150, value=n_reviews)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InputError(Errors.E152, value=seed)
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rows, ents, lps = [], [], []
    for i in range(n_reviews):
        rv = ReviewCase(rng, fake, i)
        row, fields = _review_row(rv)
        rows.append(row)
        n_lp = 0
        for field, b in fields.items():
            for e in b.entities:
                ents.append((rv.review_id, field, e.start, e.end, e.category, e.entity_type, e.text))
            for it in b.items:
                n_lp += 1
                lps.append((f"{rv.review_id}-lp{n_lp:02d}", rv.review_id, field, it.polarity, it.start,
                            it.end, it.text, list(it.themes), it.cue))
    reviews = pd.DataFrame(rows, columns=list(schema.REVIEW_COLUMNS))
    reviews = reviews.astype({"age_at_death": "int64", "care_grade": "int64", "autistic": "bool"})
    entities = pd.DataFrame(ents, columns=list(ENTITY_COLUMNS)).astype({"start": "int64", "end": "int64"})
    learning_points = pd.DataFrame(lps, columns=list(LP_COLUMNS)).astype({"start": "int64", "end": "int64"})
    return SyntheticCorpus(reviews=reviews, entities=entities, learning_points=learning_points, seed=seed,
                           n_reviews=n_reviews)


__all__ = ["synthesize", "SyntheticCorpus", "GENERATOR_VERSION", "ENTITY_COLUMNS", "LP_COLUMNS"]
