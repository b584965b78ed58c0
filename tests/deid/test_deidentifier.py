"""The Deidentifier façade with a fake detector: consistency, fail-closed, audit, no key out."""
import json
import pickle
import re

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.deid import Deidentifier, DeidResult, Entity
from leder_insights.errors import ConfigError, InputError
from test_deidentifier_fake import FakeDetector

KEY = b"9c1f0e7d2b3a48566f7e8d9c0b1a2f3e"
OTHER = b"00112233445566778899aabbccddeeff"

DOC = ("Mrs Karen Smith (DOB 28/6/42) lived at Vancouver House, LE1 5WW. Karen's sister rang "
       "0116 496 0123 on 17th August 2018; Mrs Smith was aged 54. NHS 943 476 5919, "
       "karen@example.com. Seen at Royal Hospital on 16.11.22. KAREN SMITH died.")
RAW_IDENTIFIERS = ["Karen", "Smith", "KAREN", "28/6/42", "Vancouver House", "LE1 5WW",
                   "0116 496 0123", "17th August 2018", "943 476 5919", "karen@example.com",
                   "Royal Hospital", "16.11.22", "aged 54"]


def _deid(profile="national", key=KEY, detector=None, **overrides):
    cfg = load_config(**overrides) if overrides else None
    return Deidentifier(config=cfg, profile=profile, key=key, detector=detector or FakeDetector())


def _surrogate_config():
    return {"deid": {"profiles": {"national": {"operator": "surrogate"}}}}


def _frame(n=6, fail_row=None):
    rows = []
    for i in range(n):
        text = f"Mrs Karen Smith met Dr Patel on 17/08/2018 (review {i})."
        if i == fail_row:
            text += " EXPLODE"
        rows.append({"review_id": f"R{i:03d}", "_row": i + 1, "care_grade": 3,
                     "pen_portrait": text, "learning": "John Jones rang 07700 123456." if i % 2 else None})
    return pd.DataFrame(rows)


@pytest.mark.slow  # a second or more of CPU (spaCy NER or many generated cases)
def test_deidentifier_placeholder_output_has_no_raw_identifiers():
    res = _deid().deidentify(DOC, doc_key="r001")
    assert isinstance(res, DeidResult)
    for raw in RAW_IDENTIFIERS:
        assert raw not in res.text, raw
    assert "Mrs [PERSON_" in res.text  # titles kept outside the placeholder


def test_deidentifier_surrogate_output_has_no_raw_identifiers():
    res = _deid(**_surrogate_config()).deidentify(DOC, doc_key="r001")
    for raw in RAW_IDENTIFIERS:
        assert raw not in res.text, raw
    assert "[" not in res.text  # every value got a realistic surrogate
    assert re.search(r"@example\.org", res.text) and re.search(r"01632 960\d{3}", res.text)


@pytest.mark.parametrize("overrides", [{}, _surrogate_config()])
def test_deidentifier_consistent_within_document(overrides):
    res = _deid(**overrides).deidentify(DOC, doc_key="r001")
    spans = {(r.category, DOC[r.start:r.end]): res.text[r.new_start:r.new_end]
             for r in res.replacements}
    mrs_full, full_caps = spans[("PERSON", "Mrs Karen Smith")], spans[("PERSON", "KAREN SMITH")]
    poss, mrs_last = spans[("PERSON", "Karen's")], spans[("PERSON", "Mrs Smith")]
    if overrides:  # surrogate: Karen Smith -> First Last everywhere, in each mention's shape
        first, last = mrs_full.split()[1:]
        assert full_caps == f"{first} {last}".upper() and poss == f"{first}'s" and \
            mrs_last == f"Mrs {last}"
    else:  # placeholder: one number for the person
        tag = mrs_full[4:]
        assert full_caps == tag and poss == tag + "'s" and mrs_last == "Mrs " + tag


# keyed numbering (the national profile numbers placeholders per review, so that a token does not
# link reviews; keyed numbering is what makes them consistent across documents)
@pytest.mark.parametrize("overrides", [{"deid": {"profiles": {"national": {"placeholder_numbering": "keyed"}}}},
                                       _surrogate_config()])
def test_deidentifier_consistent_across_documents_with_same_key(overrides):
    a = _deid(**overrides).deidentify("Karen Smith rang 0116 496 0123.", doc_key="r1")
    b = _deid(**overrides).deidentify("Later, 0116 496 0123 and Karen Smith again.", doc_key="r2")
    c = _deid(key=OTHER, **overrides).deidentify("Karen Smith rang 0116 496 0123.", doc_key="r1")
    person_a, phone_a = (a.text[r.new_start:r.new_end] for r in a.replacements)
    phone_b, person_b = (b.text[r.new_start:r.new_end] for r in b.replacements)
    person_c, phone_c = (c.text[r.new_start:r.new_end] for r in c.replacements)
    assert (person_a, phone_a) == (person_b, phone_b)
    assert person_c != person_a


def test_deidentifier_replacements_hold_offsets_only():
    res = _deid().deidentify(DOC, doc_key="r001")
    assert res.replacements
    for r in res.replacements:
        assert tuple(type(x) for x in r) == (int, int, int, int, str, str)
        assert r.category in ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "AGE", "ID", "CONTACT")
    assert [r.new_start for r in res.replacements] == sorted(r.new_start for r in res.replacements)
    # text between replacements is unchanged
    r0, r1 = res.replacements[0], res.replacements[1]
    assert DOC[r0.end:r1.start] == res.text[r0.new_end:r1.new_start]


@pytest.mark.parametrize("overrides", [{}, _surrogate_config()])
def test_deidentifier_audit_has_counts_and_no_raw_text(overrides):
    deid = _deid(**overrides)
    res = deid.deidentify(DOC, doc_key="r001")
    blob = json.dumps(res.audit)
    for raw in RAW_IDENTIFIERS + [res.text[r.new_start:r.new_end] for r in res.replacements]:
        assert raw not in blob, raw
    assert KEY.decode() not in blob
    a = res.audit
    assert a["n_entities"] == len(res.entities) == sum(a["by_category"].values())
    assert a["by_source"] == {"fake_regex": len(res.entities)}
    assert a["profile"] == "national" and a["model"] == "fake_regex" and a["config_hash"]
    assert "date_offset" not in blob and "offset" not in a


def test_deidentifier_national_replaces_hospitals_local_keeps_them():
    text = "Admitted to Royal Hospital from Vancouver House."
    nat = _deid("national").deidentify(text, doc_key="r1")
    loc = _deid("local").deidentify(text, doc_key="r1")
    assert "Royal Hospital" not in nat.text and "Vancouver House" not in nat.text
    assert "Royal Hospital" in loc.text and "Vancouver House" not in loc.text
    assert loc.audit["by_action"]["kept"] == 1


def test_deidentifier_score_threshold_filters_weak_entities():
    deid = _deid("local")
    assert all(e.score >= 0.35 for e in deid.analyze("weakname met Karen"))
    assert "weakname" in deid.deidentify("weakname met Karen", doc_key="x").text


def test_deidentifier_propagates_undetected_repeats():
    class OnlyFirst(FakeDetector):
        def analyze(self, text):
            return [e for e in super().analyze(text) if e.start == 0]

    res = _deid(detector=OnlyFirst()).deidentify(
        "Karen Smith arrived. Later Smith and Karen left. SMITH signed.", doc_key="r1")
    assert "Karen" not in res.text and "Smith" not in res.text and "SMITH" not in res.text
    assert res.audit["by_source"].get("propagated") == 3
    tags = re.findall(r"\[PERSON_\d+\]", res.text)
    assert len(tags) == 4 and len(set(tags)) == 1  # all linked to the one person


def test_deidentifier_propagates_lower_case_names_but_not_common_words():
    class OnlyFirst(FakeDetector):
        def analyze(self, text):
            return [e for e in super().analyze(text) if e.start == 0]

    text = "Sam O'Brien rang. Later sam said he will call Will."
    det = OnlyFirst()
    res = _deid(detector=det).deidentify(text, doc_key="r1")
    assert "sam" not in res.text and "will call" in res.text

    class WillDetected(FakeDetector):
        def analyze(self, text):
            return [Entity(0, 4, "PERSON", "PERSON", 0.9, "t")]

    res = _deid(detector=WillDetected()).deidentify("Will said he will come.", doc_key="r1")
    assert res.text.endswith(" said he will come.")


def test_deidentifier_propagates_across_fields_of_a_review():
    class OnlyPortrait(FakeDetector):
        def analyze(self, text):
            return super().analyze(text) if text.startswith("Portrait") else []

    df = pd.DataFrame([{"review_id": "R1", "pen_portrait": "Portrait: Karen Smith loved music.",
                        "learning": "Staff knew Karen well."}])
    out, audit, _ = _deid(detector=OnlyPortrait()).deidentify_frame(
        df, text_columns=["pen_portrait", "learning"])
    assert "Karen" not in out["learning"].iloc[0]
    assert audit["by_field"].iloc[0] == {"learning": 1, "pen_portrait": 1}


def test_deidentifier_unknown_profile_is_e307():
    with pytest.raises(ConfigError, match=r"\[E307\].*local.*national"):
        _deid("regional")


def test_deidentifier_frame_fails_closed_and_accounts_for_every_row():
    df = _frame(6, fail_row=2)
    deid = _deid(detector=FakeDetector(fail_on="EXPLODE"))
    out, audit, quarantine = deid.deidentify_frame(df, text_columns=["pen_portrait", "learning"])
    assert len(out) + len(quarantine) == len(df)
    assert list(quarantine["review_id"]) == ["R002"] and list(quarantine["_row"]) == [3]
    assert quarantine["reason_code"].tolist() == ["E304"]
    reason = quarantine["reason"].iloc[0]
    assert "[E304]" in reason and "pen_portrait" in reason and "RuntimeError" in reason
    assert "Karen" not in reason and "EXPLODE" not in reason  # the exception quoted raw text
    assert "R002" not in set(out["review_id"]) and len(audit) == len(out)
    assert set(out.columns) == set(df.columns)
    assert not out["pen_portrait"].str.contains("Karen|Patel|17/08/2018").any()
    assert out["care_grade"].tolist() == [3] * 5
    assert out["learning"].isna().sum() == 2  # empty text stays empty (rows 0 and 4)


def test_deidentifier_frame_quarantines_bad_offsets():
    class BadOffsets(FakeDetector):
        def analyze(self, text):
            if "review 1" in text:
                return [Entity(0, len(text) + 5, "PERSON", "PERSON", 0.9, "bad")]
            return super().analyze(text)

    out, audit, quarantine = _deid(detector=BadOffsets()).deidentify_frame(
        _frame(3), text_columns=["pen_portrait"])
    assert list(quarantine["review_id"]) == ["R001"] and len(out) == 2
    assert "replacement failed" in quarantine["reason"].iloc[0]


def test_deidentifier_frame_whole_batch_failure_isolated_per_row():
    class BatchBreaks(FakeDetector):
        def analyze_many(self, texts, n_process=None, batch_size=None):
            raise MemoryError("batch too big")

    out, _, quarantine = _deid(detector=BatchBreaks()).deidentify_frame(
        _frame(4), text_columns=["pen_portrait", "learning"])
    assert len(out) == 4 and quarantine.empty


def test_deidentifier_frame_same_review_shares_numbering_and_offset():
    df = _frame(2)
    out, _, _ = _deid().deidentify_frame(df, text_columns=["pen_portrait", "learning"])
    a, b = out["pen_portrait"].tolist()
    assert re.sub(r"review \d", "", a) != re.sub(r"review \d", "", b)  # different date offsets
    assert a.split(" met ")[0] == b.split(" met ")[0]  # same person, same key -> same placeholder


def test_deidentifier_frame_return_spans_point_at_replacements():
    out, _, _, spans = _deid().deidentify_frame(_frame(2), text_columns=["pen_portrait", "learning"],
                                                return_spans=True)
    text = out.loc[out["review_id"] == "R001", "learning"].iloc[0]
    found = [text[s:e] for s, e in spans[("R001", "learning")]]
    assert len(found) == 2 and found[0].startswith("[PERSON_") and found[1].startswith("[CONTACT_")
    assert spans[("R000", "learning")] == []


def test_deidentifier_frame_missing_columns_are_numbered_errors():
    deid = _deid()
    with pytest.raises(InputError, match=r"\[E603\]"):
        deid.deidentify_frame(_frame(1), text_columns=["timeline"])
    with pytest.raises(InputError, match=r"\[E104\]"):
        deid.deidentify_frame(_frame(1).drop(columns=["review_id"]), text_columns=["pen_portrait"])


def test_deidentifier_key_never_in_any_output():
    deid = _deid(**_surrogate_config())
    df = _frame(5, fail_row=1)
    deid._detector = FakeDetector(fail_on="EXPLODE")
    out, audit, quarantine = deid.deidentify_frame(df, text_columns=["pen_portrait", "learning"])
    blobs = [out.to_csv(), audit.to_json(orient="records"), quarantine.to_csv(), repr(deid),
             json.dumps(deid.model_info), repr(deid._key)]
    for blob in blobs:
        assert KEY.decode() not in blob and KEY.decode()[:16] not in blob and KEY.hex() not in blob


def test_deidentifier_iter_streams_in_bounded_batches():
    class Counting(FakeDetector):
        sizes: list = []

        def analyze_many(self, texts, n_process=None, batch_size=None):
            self.sizes.append(len(texts))
            return super().analyze_many(texts)

    det = Counting()
    det.sizes = []
    records = ({"review_id": f"R{i}", "pen_portrait": f"Karen Smith visit {i}" if i != 7 else
                "EXPLODE", "learning": None} for i in range(25))
    det.fail_on = "EXPLODE"
    items = list(_deid(detector=det).iter_deidentify(records, text_columns=["pen_portrait", "learning"],
                                                     batch_size=10))
    assert [it.id for it in items] == [f"R{i}" for i in range(25)]
    assert det.sizes == [10, 10, 5]
    bad = [it for it in items if not it.ok]
    assert [it.id for it in bad] == ["R7"] and bad[0].record is None and bad[0].reason_code == "E304"
    ok = items[0]
    assert ok.record["pen_portrait"].startswith("[PERSON_") and ok.audit["review_id"] == "R0"


def test_deidentifier_model_info_records_versions():
    info = _deid().model_info
    for k in ("model", "model_version", "spacy_version", "presidio_version", "recognizers",
              "config_hash", "profile", "allow_list_version", "package_version"):
        assert k in info
    assert info["model"] == "fake_regex" and info["recognizers"] == ["fake_regex"]
    assert info["config_hash"] == load_config().hash()


def test_deidentifier_pickles_for_worker_processes_without_losing_key():
    deid = _deid(**_surrogate_config())
    clone = pickle.loads(pickle.dumps(deid))
    clone._detector = FakeDetector()
    assert clone.deidentify(DOC, doc_key="r1").text == deid.deidentify(DOC, doc_key="r1").text


def test_deidentifier_builds_default_detector_lazily(monkeypatch):
    from leder_insights.deid import _deidentifier

    built = []
    monkeypatch.setattr(_deidentifier, "_default_detector",
                        lambda cfg: built.append(cfg) or FakeDetector())
    deid = Deidentifier(profile="local", key=KEY)
    assert built == []
    deid.analyze("Karen")
    assert len(built) == 1 and built[0] is deid.config


@pytest.mark.parametrize("dtype", ["object", "string"])
def test_deidentifier_frame_keeps_text_column_dtype(dtype):
    df = _frame(3).astype({"pen_portrait": dtype})
    out, _, _ = _deid().deidentify_frame(df, text_columns=["pen_portrait"])
    assert out["pen_portrait"].dtype == df["pen_portrait"].dtype
    assert out["pen_portrait"].str.startswith("Mrs [PERSON_").all()


def test_deidentifier_frame_numeric_text_column_becomes_text():
    df = pd.DataFrame({"review_id": ["R1", "R2"], "cause_of_death": [9434765919, 12]})
    out, _, _ = _deid().deidentify_frame(df, text_columns=["cause_of_death"])
    assert re.fullmatch(r"\[ID_\d+\]", out["cause_of_death"].iloc[0])
    assert str(out["cause_of_death"].iloc[1]) == "12"
