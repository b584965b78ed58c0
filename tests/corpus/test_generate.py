"""Tests of ``synthesize``: schema, determinism, gold identifier spans, confounders."""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leder_insights import schema
from leder_insights.corpus import SyntheticCorpus, nhs_checksum_ok, synthesize

CONFOUNDERS = ("Down's syndrome", "Parkinson's", "Angelman syndrome", "Crohn's", "Alzheimer's",
               "Mental Capacity Act", "Equality Act", "Care Act", "NHS England", "CQC", "the GP",
               "the coroner", "the learning disability liaison nurse", "2/52", "3/12", "NEWS2 of 5", "5ml",
               "10mg", "BMI 17", "SpO2 88%", "RESTORE2", "Oliver McGowan training", "STOMP", "ReSPECT",
               "IMCA", "DoLS", "SALT")


def test_generate_columns_and_dtypes(corpus200):
    df = corpus200.reviews
    assert isinstance(corpus200, SyntheticCorpus)
    assert list(df.columns) == list(schema.REVIEW_COLUMNS)
    assert len(df) == 200 and df.review_id.is_unique
    assert df.age_at_death.dtype == "int64" and df.care_grade.dtype == "int64"
    assert df.autistic.dtype == bool
    for col in ("notification_date", "death_date"):
        assert df[col].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
        pd.to_datetime(df[col], format="%Y-%m-%d")  # raises if not a real date
    assert (df.notification_date >= df.death_date).all()
    lo, hi = schema.CARE_GRADE_RANGE
    assert df.care_grade.between(lo, hi).all() and df.care_grade.nunique() == 6
    assert df.age_at_death.between(18, 90).all()
    for col, allowed in schema.ALLOWED_VALUES.items():
        assert set(df[col]) <= set(allowed), col
    assert set(df.region) <= set(schema.NHS_REGIONS)
    assert df.region.nunique() == len(schema.NHS_REGIONS)
    for col in schema.FREE_TEXT_COLUMNS:
        assert df[col].map(type).eq(str).all(), col


@pytest.mark.slow
def test_generate_realistic_distributions(corpus500):
    df = corpus500.reviews
    assert 55 <= df.age_at_death.median() <= 68
    assert 0.7 < (df.review_type == "initial").mean() < 0.95
    assert df.ethnic_group.nunique() >= 10
    assert df.icb.nunique() >= 30
    words = df.pen_portrait[df.pen_portrait != ""].str.split().str.len()
    assert words.between(80, 250).mean() > 0.95, words.describe()
    entries = df.timeline[df.timeline != ""].map(lambda t: len(t.split("\n")))
    assert entries.between(6, 16).all(), entries.describe()
    for col in schema.TEXT_FIELDS:  # some fields are empty, most are not
        empty = (df[col] == "").mean()
        assert empty < 0.35, col
    assert (df[list(schema.TEXT_FIELDS)] == "").any(axis=None)


def test_generate_metadata_matches_text(corpus200):
    df = corpus200.reviews
    for row in df.itertuples():
        if row.pen_portrait:
            assert str(row.age_at_death) in row.pen_portrait, row.review_id
            pron = " she " if row.sex == "female" else " he "
            assert pron in f" {row.pen_portrait.lower()} ", row.review_id
        assert re.match(r"(1a|I\(a\))", row.cause_of_death), row.cause_of_death


def test_generate_certificate_conditions_in_pen_portrait(corpus200):
    checked = 0
    for row in corpus200.reviews.itertuples():
        for cond in ("Down's syndrome", "Parkinson's disease", "Angelman syndrome", "Crohn's disease"):
            if cond in row.cause_of_death and row.pen_portrait:
                assert cond in row.pen_portrait, (row.review_id, cond)
                checked += 1
    assert checked > 10


def test_generate_deterministic_per_seed():
    a, b, c = synthesize(40, seed=3), synthesize(40, seed=3), synthesize(40, seed=4)
    pd.testing.assert_frame_equal(a.reviews, b.reviews)
    pd.testing.assert_frame_equal(a.entities, b.entities)
    pd.testing.assert_frame_equal(a.learning_points, b.learning_points)
    assert not a.reviews.equals(c.reviews)
    assert set(a.reviews.pen_portrait) != set(c.reviews.pen_portrait)


@pytest.mark.parametrize("kwargs,code", [({"n_reviews": -1}, "E150"), ({"n_reviews": 2.5}, "E150"),
                                         ({"n_reviews": "10"}, "E150"), ({"n_reviews": 1, "seed": "x"}, "E152")])
def test_generate_rejects_bad_arguments(kwargs, code):
    with pytest.raises(ValueError, match=rf"\[{code}\]"):
        synthesize(**kwargs)


def test_generate_empty_corpus_has_schema():
    c = synthesize(0)
    assert len(c.reviews) == 0 and list(c.reviews.columns) == list(schema.REVIEW_COLUMNS)
    assert len(c.entities) == 0 and len(c.learning_points) == 0


def test_generate_entity_spans_equal_inserted_text(corpus200):
    reviews = corpus200.reviews.set_index("review_id")
    ents = corpus200.entities
    assert list(ents.columns) == ["review_id", "field", "start", "end", "category", "entity_type", "text"]
    assert set(ents.field) <= set(schema.FREE_TEXT_COLUMNS)
    for e in ents.itertuples():
        field_text = reviews.at[e.review_id, e.field]
        assert 0 <= e.start < e.end <= len(field_text)
        assert field_text[e.start:e.end] == e.text, e
        assert e.text == e.text.strip()


def test_generate_entity_spans_do_not_overlap(corpus200):
    for _, g in corpus200.entities.groupby(["review_id", "field"]):
        spans = sorted(zip(g.start, g.end))
        for (_s1, e1), (s2, _e2) in zip(spans, spans[1:]):
            assert e1 <= s2, (g.review_id.iloc[0], spans)


def test_generate_every_category_and_type(corpus200):
    ents = corpus200.entities
    assert set(ents.category) == set(schema.ENTITY_CATEGORIES)
    expected = {"PERSON", "UK_NHS", "UK_NINO", "HOSPITAL_NUMBER", "UK_POSTCODE", "STREET_ADDRESS", "TOWN",
                "CARE_HOME", "GP_PRACTICE", "HOSPITAL", "TRUST", "DATE", "DOB", "AGE", "PHONE_NUMBER",
                "EMAIL_ADDRESS", "COUNCIL", "PROVIDER"}
    assert expected <= set(ents.entity_type), expected - set(ents.entity_type)
    assert (ents.field == "cause_of_death").any()
    per_field = ents.groupby("field").size()
    for f in schema.TEXT_FIELDS:
        assert per_field.get(f, 0) > 0, f


def test_generate_nhs_numbers_pass_modulus_11(corpus200):
    nhs = corpus200.entities[corpus200.entities.entity_type == "UK_NHS"].text
    assert len(nhs) > 10
    assert nhs.map(lambda s: nhs_checksum_ok(s.replace(" ", ""))).all()
    assert nhs.str.contains(" ").any() and (~nhs.str.contains(" ")).any()


@pytest.mark.parametrize("pattern", [
    r"^[A-Z][a-z]+ [A-Z]{2,}$",          # ALL-CAPS surname
    r"^[A-Z]$",                          # initial used as a name ("Mr J")
    r"^[A-Z]{2}$",                       # initials ("JS")
    r"^[a-z]",                           # lowercase typo
])
def test_generate_person_variants_present(corpus500, pattern):
    persons = corpus500.entities[corpus500.entities.category == "PERSON"].text
    assert persons.str.contains(pattern).any(), pattern


def test_generate_possessives_and_titles_outside_spans(corpus500):
    reviews = corpus500.reviews.set_index("review_id")
    after, before = set(), set()
    for e in corpus500.entities[corpus500.entities.category == "PERSON"].itertuples():
        t = reviews.at[e.review_id, e.field]
        after.add(t[e.end:e.end + 2])
        before.add(t[max(0, e.start - 3):e.start])
    assert "'s" in after and any(a.startswith("s") for a in after)  # "Karen's" and "Karens"
    assert {"Dr ", "Mr "} & before


def test_generate_date_and_age_formats(corpus500):
    ents = corpus500.entities
    dates = ents[ents.category == "DATE"].text
    for pattern in (r"^\d{2}/\d{2}/\d{4}$", r"^\d{1,2}/\d{1,2}/\d{2}$", r"^\d{2}\.\d{2}\.\d{2}$",
                    r"^\d{1,2}(?:st|nd|rd|th) [A-Z][a-z]+ \d{4}$", r"^[A-Z][a-z]+ \d{4}$",
                    r"^\d{1,2}(?:st|nd|rd|th), .* and \d{1,2}(?:st|nd|rd|th) [A-Z][a-z]+"):
        assert dates.str.contains(pattern).any(), pattern
    ages = ents[ents.category == "AGE"].text
    assert ages.str.fullmatch(r"\d{1,3}").any() and ages.str.fullmatch(r"\d{1,3}-year-old").any()


@pytest.mark.slow
def test_generate_confounders_present_and_never_labelled(corpus200):
    reviews = corpus200.reviews.set_index("review_id")
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for e in corpus200.entities.itertuples():
        spans.setdefault((e.review_id, e.field), []).append((e.start, e.end))
    found = dict.fromkeys(CONFOUNDERS, 0)
    for rid, row in reviews.iterrows():
        for field in schema.FREE_TEXT_COLUMNS:
            text = row[field]
            for conf in CONFOUNDERS:
                for m in re.finditer(r"(?<![\w/.])" + re.escape(conf) + r"(?![\w/])", text):
                    found[conf] += 1
                    for s, e in spans.get((rid, field), []):
                        assert not (s < m.end() and m.start() < e), (rid, field, conf, text[s:e])
    missing = [c for c, n in found.items() if n < 3]
    assert not missing, missing


@pytest.mark.slow
def test_generate_timing_1000_reviews():
    import time

    t0 = time.perf_counter()
    c = synthesize(n_reviews=1000, seed=0)
    elapsed = time.perf_counter() - t0
    print(f"\nsynthesize(1000): {elapsed:.2f} s, {len(c.entities)} entities, "
          f"{len(c.learning_points)} learning points")
    assert len(c.reviews) == 1000
    assert elapsed < 60


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**31), n=st.integers(min_value=1, max_value=4))
def test_generate_spans_valid_for_any_seed(seed, n):
    c = synthesize(n_reviews=n, seed=seed)
    reviews = c.reviews.set_index("review_id")
    for e in c.entities.itertuples():
        assert reviews.at[e.review_id, e.field][e.start:e.end] == e.text
        assert e.category in schema.ENTITY_CATEGORIES
    for lp in c.learning_points.itertuples():
        assert reviews.at[lp.review_id, lp.source_field][lp.start:lp.end] == lp.text


def _parse_date(text: str):
    import datetime as dt

    for fmt in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", text).replace(" of ", " "),
                                        fmt).date()
        except ValueError:
            continue
    return None


def test_generate_dates_consistent_with_metadata(corpus200):
    import datetime as dt

    reviews = corpus200.reviews.set_index("review_id")
    ents = corpus200.entities
    checked_dob = checked_tl = 0
    for e in ents[ents.entity_type == "DOB"].itertuples():
        d = _parse_date(e.text)
        if d is None:
            continue
        death = dt.date.fromisoformat(reviews.at[e.review_id, "death_date"])
        age = death.year - d.year - ((death.month, death.day) < (d.month, d.day))
        assert age == reviews.at[e.review_id, "age_at_death"], e
        checked_dob += 1
    for e in ents[(ents.field == "timeline") & (ents.category == "DATE")].itertuples():
        d = _parse_date(e.text)
        if d is None:
            continue
        assert d <= dt.date.fromisoformat(reviews.at[e.review_id, "death_date"]), e
        checked_tl += 1
    assert checked_dob > 20 and checked_tl > 500
