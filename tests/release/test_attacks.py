"""Attacks on a national bundle, as an attacker holding the bundle, a calendar and public facts.

One small bundle is built from synthetic reviews into which identifiers were planted in every
kind of place: an ``nhs_number`` column, ``Name``, ``address``, ``date_of_birth``, a raw
"Learning Points" column, review ids that are NHS numbers, and a row whose age cell holds a name
and an NHS number (it is quarantined). Each attack also runs against a naive release (what the
bundle held before the release schema) to show that it can succeed.
"""
from __future__ import annotations

import json
import re
import secrets
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from leder_insights.config import load_config
from leder_insights.io import WITHHELD_ID, shown_id
from leder_insights.corpus import nhs_checksum_ok, synthesize
from leder_insights.deid import PseudonymKey, date_offset
from leder_insights.jobs import build_submission
from leder_insights.release import Release, generalise_values, load_release_schema

# Every test here reads a bundle built by a module fixture (seconds of CPU): make test runs them.
pytestmark = pytest.mark.slow

N = 40
KEY_HEX = secrets.token_hex(32)
KEY = KEY_HEX.encode()


def _nhs_numbers(n: int, start: int = 943476590) -> list[str]:
    out, base = [], start
    while len(out) < n:
        base += 1
        for check in range(10):
            cand = f"{base}{check}"
            if nhs_checksum_ok(cand):
                out.append(cand)
                break
    return out


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The source corpus with planted identifiers, and the bundle built from it."""
    reviews = synthesize(n_reviews=N, seed=515).reviews.copy()
    ids = _nhs_numbers(2 * N + 1)
    reviews["review_id"] = ids[:N]                      # review ids that are NHS numbers
    reviews["nhs_number"] = ids[N:2 * N]
    reviews["Name"] = [f"Quenby Zarathustra{i:02d}" for i in range(N)]
    reviews["address"] = [f"{i + 1} Vexley Mews, Thornbury BS35 {i % 9}QX" for i in range(N)]
    reviews["date_of_birth"] = [f"19{40 + i % 50:02d}-0{1 + i % 9}-1{i % 9}" for i in range(N)]
    reviews["Learning Points"] = [f"Ring Mrs Yolanda Pritchard-Oyelaran{i:02d} on 07700 900{i:03d}"
                                  for i in range(N)]
    bad = reviews.iloc[[0]].copy()
    bad["review_id"] = ids[2 * N]
    bad["age_at_death"] = "47 (Xanthe Wolstenholme, NHS 943 476 5919)"
    source = pd.concat([reviews, bad], ignore_index=True)
    root = tmp_path_factory.mktemp("attack")
    src = root / "reviews.csv"
    source.to_csv(src, index=False)
    cfg = load_config(release={"text": "full"})  # the most exposed release: every text column
    result = build_submission(src, root / "bundle", key=KEY, config=cfg, chunk_rows=20,
                              n_process=1, sample_size=N)
    return {"source": source, "reviews": reviews, "bundle": root / "bundle", "result": result,
            "cfg": cfg, "bad": bad}


def _released_text(bundle: Path) -> dict[str, str]:
    """Every file the bundle directory holds, as text (Parquet as CSV)."""
    out = {}
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            out[str(path.relative_to(bundle))] = pd.read_parquet(path).to_csv(index=False)
        else:
            out[str(path.relative_to(bundle))] = path.read_text(encoding="utf-8", errors="replace")
    return out


def _spaced(nhs: str) -> str:
    return f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"


def test_attack_no_planted_identifier_or_key_anywhere(planted):
    files = _released_text(planted["bundle"])
    assert {"reviews.csv", "reviews.parquet", "audit.jsonl", "quarantine.csv", "qa_report.html",
            "manifest.json"} <= set(files)
    src = planted["source"]
    needles = {KEY_HEX, KEY_HEX[:16], "943 476 5919", "Xanthe", "Wolstenholme"}
    for col in ("review_id", "nhs_number"):
        needles |= set(src[col]) | {_spaced(v) for v in src[col]}
    needles |= {n.split()[1] for n in src["Name"]} | set(src["address"])
    needles |= {a.split(",")[0] for a in src["address"]} | set(src["date_of_birth"])
    needles |= {lp.split(" on ")[0] for lp in src["Learning Points"]}
    needles |= {"Pritchard-Oyelaran", "Zarathustra", "Vexley"}
    leaks = [(name, n) for name, text in files.items() for n in needles if n in text]
    assert leaks == []
    manifest = json.loads(files["manifest.json"])
    dropped = {d.get("column") or d["digest"] for d in manifest["release"]["dropped_columns"]}
    rel = Release(key=KEY)
    assert {rel.column_digest(c) for c in ("nhs_number", "Name", "address", "date_of_birth",
                                           "Learning Points")} <= dropped


def test_attack_quarantine_holds_pseudonym_column_reason_only(planted):
    quarantine = pd.read_csv(planted["bundle"] / "quarantine.csv", dtype=str)
    rel = Release(key=KEY)
    row = quarantine[quarantine["reason_code"] == "E114"]
    assert len(row) == 1
    raw = planted["bad"]["review_id"].iloc[0]
    # an id that is itself a person's identifier (this one is a valid NHS number) is never read from
    # the input into the quarantine (faults8 F2): its row gets the keyed pseudonym of the withheld
    # marker, and the operator finds it by its row number beside the bundle
    shown = shown_id(raw)
    assert shown == WITHHELD_ID and nhs_checksum_ok(raw)
    assert row["review_id"].iloc[0] == rel.pseudonym(shown) != raw
    assert "age_at_death" in row["reason"].iloc[0]
    manifest = planted["result"].manifest
    assert manifest["rows_in"] == N + 1 == manifest["rows_out"] + manifest["rows_quarantined"]


def test_attack_review_ids_are_one_keyed_pseudonym_everywhere(planted):
    bundle = planted["bundle"]
    reviews = pd.read_parquet(bundle / "reviews.parquet")
    rel = Release(key=KEY)
    expected = {rel.pseudonym(r) for r in planted["reviews"]["review_id"]}
    assert set(reviews["review_id"]) == expected
    lps = pd.read_parquet(bundle / "learning_points.parquet")
    audit = pd.read_json(bundle / "audit.jsonl", lines=True)
    assert set(lps["review_id"]) <= expected and set(audit["review_id"]) <= expected
    qa = (bundle / "qa_report.html").read_text()
    assert any(p in qa for p in expected)
    # without the key the pseudonyms cannot be recomputed
    assert not expected & {Release(key=secrets.token_bytes(32)).pseudonym(r)
                           for r in planted["reviews"]["review_id"]}


# --- the date-shift attack ------------------------------------------------------------------------
_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b|^(\d{4})$")


def _column_dates(value) -> list[date]:
    """Dates (or the 1st of January of a bare year) an attacker reads from a structured value."""
    if not isinstance(value, str):
        return []
    out = []
    for m in _DATE.finditer(value.strip()):
        y, mo, d, year_only = m.groups()
        try:
            out.append(date(int(year_only), 1, 1) if year_only else date(int(y), int(mo), int(d or 1)))
        except ValueError:
            pass
    return out


def _recovered_offsets(released: pd.DataFrame, true_death: dict) -> dict:
    """The attack: a released structured date of death, compared with the text's (shifted)
    death date, gives the offset. For each column, the reviews where column and text disagree
    by a non-zero number of days that is the true offset."""
    out = {}
    for col in released.columns:
        if col == "review_id":
            continue
        hits = 0
        for rid, value in zip(released["review_id"], released[col]):
            death, offset = true_death[rid]
            text_death = death + timedelta(days=offset)  # what the shifted timeline says
            for d in _column_dates(value):
                if len(str(value).strip()) == 4:  # a year: it leaks when it is the true year and
                    # the text's year differs (the offset crossed new year)
                    if d.year == death.year != text_death.year:
                        hits += 1
                elif (text_death - d).days == offset:
                    hits += 1
        out[col] = hits
    return out


def test_attack_date_shift_cannot_be_recovered_from_any_column(planted):
    reviews = planted["reviews"]
    rel = Release(key=KEY)
    k = PseudonymKey(KEY)
    true_death = {rel.pseudonym(r): (date.fromisoformat(d), date_offset(k, r, 365))
                  for r, d in zip(reviews["review_id"], reviews["death_date"])}
    crossing = sum(d.year != (d + timedelta(days=o)).year for d, o in true_death.values())
    assert crossing >= 5  # enough reviews whose shift crosses a new year for the attack to bite
    released = pd.read_csv(planted["bundle"] / "reviews.csv", dtype=str)
    assert set(_recovered_offsets(released, true_death).values()) == {0}
    # the released year is the shifted one: the same as the text's dates, never the true one
    for rid, year in zip(released["review_id"], released["death_year"]):
        death, offset = true_death[rid]
        if year != "*" and "\u2013" not in year:
            assert int(year) == (death + timedelta(days=offset)).year
    # control: the naive release (exact death_date beside the shifted text) gives every offset
    naive = pd.DataFrame({"review_id": list(true_death),
                          "death_date": [d.isoformat() for d, _ in true_death.values()],
                          "death_year": [str(d.year) for d, _ in true_death.values()]})
    hits = _recovered_offsets(naive, true_death)
    assert hits["death_date"] == N and hits["death_year"] == crossing


def test_attack_text_dates_move_with_the_structured_dates(planted):
    """The text's dates and the released year agree: the shifted date of death that the text
    gives falls in the released year (where the year is not generalised)."""
    released = pd.read_parquet(planted["bundle"] / "reviews.parquet")
    rel = Release(key=KEY)
    k = PseudonymKey(KEY)
    src = planted["reviews"].set_index(planted["reviews"]["review_id"].map(rel.pseudonym))
    checked = lines_seen = 0
    for rid, year, timeline in zip(released["review_id"], released["death_year"], released["timeline"]):
        raw = src.loc[rid]
        death = date.fromisoformat(raw["death_date"])
        shifted = death + timedelta(days=date_offset(k, raw["review_id"], 365))
        # the line that gives the death carries the shifted date, never the true one (another
        # event's shifted date may coincide with the true date of death by chance)
        death_lines = [line for line in timeline.splitlines() if "died" in line.lower()]
        lines_seen += len(death_lines)
        for line in death_lines:
            assert death.strftime("%d.%m.%y") not in line and death.isoformat() not in line
            assert death.strftime("%-d") + " " not in line or death.strftime("%B %Y") not in line
        if year not in ("*",) and "\u2013" not in str(year):
            assert int(year) == shifted.year
            checked += 1
    assert lines_seen > 0
    assert checked > 0 or planted["result"].manifest["release"]["plan"]["levels"]["year"]["level"] > 0


# --- linking on quasi-identifiers -----------------------------------------------------------------
def _attacker_view(source: pd.DataFrame, levels: dict) -> pd.DataFrame:
    """The attacker's public facts (true values), generalised as the manifest says."""
    schema = load_release_schema()
    out = {}
    for rule in schema.columns.values():
        if not rule.hierarchy:
            continue
        h = schema.hierarchies[rule.hierarchy]
        level = min(max(levels[h.name], rule.base_level), len(h.levels) - 1)
        values = source[h.source]
        if h.name == "year":
            values = values.str[:4]
        fb = source[h.levels[level].get("fallback_column", "region")] if "fallback_column" in h.levels[level] else None
        out[rule.output] = generalise_values(values.astype(object), h.levels[level], fb)
    return pd.DataFrame(out)


def _unique_links(released: pd.DataFrame, attacker: pd.DataFrame, truth: list) -> int:
    cols = list(attacker.columns)
    keys = released[cols].fillna("\x00").astype(str).apply(tuple, axis=1)
    index: dict = {}
    for rid, key in zip(released["review_id"], keys):
        index.setdefault(key, []).append(rid)
    wanted = attacker.fillna("\x00").astype(str).apply(tuple, axis=1)
    return sum(1 for key, rid in zip(wanted, truth) if index.get(key) == [rid])


def test_attack_linking_on_quasi_identifiers_stays_below_threshold(planted):
    reviews = planted["reviews"]
    rel = Release(key=KEY)
    truth = [rel.pseudonym(r) for r in reviews["review_id"]]
    released = pd.read_parquet(planted["bundle"] / "reviews.parquet")
    levels = {h: v["level"] for h, v in
              planted["result"].manifest["release"]["plan"]["levels"].items()}
    share = _unique_links(released, _attacker_view(reviews, levels), truth) / len(reviews)
    assert share <= planted["cfg"].release.max_unique_share
    risk = planted["result"].manifest["release"]["risk"]
    assert risk["k"] is None or risk["k"] >= planted["cfg"].release.k
    # control: released at the narrowest levels, most reviews are linked uniquely
    naive_levels = {h: 0 for h in levels}
    naive = rel.transform(reviews, rel.plan(reviews, k=1))
    naive_share = _unique_links(naive, _attacker_view(reviews, naive_levels), truth) / len(reviews)
    assert naive_share > 0.3


# --- the gate ---------------------------------------------------------------------------------------
class _BlindDeidentifier:
    """A de-identifier whose detection misses everything (returns the text unchanged)."""

    model_info = {"model": "blind"}

    def deidentify_frame(self, df, text_columns, id_column, n_process=None, return_spans=False):
        audit = pd.DataFrame({id_column: df[id_column], "n_entities": 0})
        quarantine = pd.DataFrame(columns=["_row", id_column, "reason_code", "reason"])
        out = (df.copy(), audit, quarantine)
        return (*out, {}) if return_spans else out


def test_attack_missed_nhs_number_makes_the_gate_refuse(tmp_path):
    reviews = synthesize(n_reviews=6, seed=9).reviews.copy()
    reviews["pen_portrait"] = reviews["pen_portrait"].str.replace(
        r"^", "NHS no. 943 476 5919. ", regex=True)
    src = tmp_path / "reviews.csv"
    reviews.to_csv(src, index=False)
    res = build_submission(src, tmp_path / "b", key=KEY, n_process=1,
                           deidentifier=_BlindDeidentifier())
    gate = res.manifest["residual_risk"]
    assert gate["n_direct"] >= 6 and gate["direct_per_kind"]["NHS_NUMBER"] >= 6
    assert res.manifest["releasable"] is False
    # the refused bundle withholds its data; the manifest and QA report say where, not what
    rel = Release(key=KEY)
    located = {(d["review_id"], d["field"], d["kind"]) for d in gate["direct_locations"]}
    assert {(rel.pseudonym(r), "pen_portrait", "NHS_NUMBER") for r in reviews["review_id"]} <= located
    qa = (tmp_path / "b" / "qa_report.html").read_text()
    assert rel.pseudonym(reviews["review_id"].iloc[0]) in qa and "943 476 5919" not in qa
    assert not (tmp_path / "b" / "reviews.csv").exists()


def test_attack_f4_reported_k_is_the_k_of_the_released_rows(planted):
    """The manifest's k and n_records are those of reviews.csv (each review counted once)."""
    risk = planted["result"].manifest["release"]["risk"]
    released = pd.read_csv(planted["bundle"] / "reviews.csv", dtype=str, keep_default_na=False)
    qis = risk["quasi_identifiers"]
    assert qis and set(qis) <= set(released.columns)
    assert risk["n_records"] == len(released)
    carrying = released[~(released[qis] == "*").all(axis=1)]
    sizes = carrying.groupby(qis, dropna=False).size()
    assert risk["k"] == (int(sizes.min()) if len(sizes) else None)
    assert risk["n_suppressed"] == len(released) - len(carrying)


def test_attack_f2a_audit_gives_no_original_offsets_or_lengths(planted):
    """The length attack read each original date's length from the audit's per-entity start/end
    (and the row order from ``_row``): a released audit holds no offsets. (It held counts per
    review until attacker 2 read living arrangement from them: it now holds an attestation per
    review and the counts added up in the manifest -- tests/release/test_attacks_audit_channel.py.)"""
    lines = (planted["bundle"] / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        rec = json.loads(line)
        assert not {"entities", "_row", "start", "end"} & set(rec)
        assert not {"by_category", "by_action", "by_source", "n_entities"} & set(rec)
        assert rec["profile"] == "national" and rec["config_hash"]
    assert planted["result"].manifest["audit"]["by_action"]


# --- row order ----------------------------------------------------------------------------------------
def _spearman(a: list, b: list) -> float:
    return float(pd.Series(a).rank().corr(pd.Series(b).rank()))


def test_attack_row_order_does_not_link_the_release_to_the_source_listing(planted):
    """Released rows are ordered by the keyed pseudonym: the n-th released review is not the
    n-th of the source listing (in input order it was, for every review)."""
    rel = Release(key=KEY)
    bundle = planted["bundle"]
    released = list(pd.read_csv(bundle / "reviews.csv", dtype=str)["review_id"])
    assert released == sorted(released)
    source = [rel.pseudonym(r) for r in planted["reviews"]["review_id"]]
    assert set(released) == set(source)
    position = {rid: i for i, rid in enumerate(source)}
    # the attack: match the n-th released row with the n-th source row / rank correlation
    assert _spearman(list(range(len(released))), [position[r] for r in released]) < 0.6
    assert _spearman(list(range(len(source))), [position[r] for r in source]) == 1.0  # input order
    # every other file keyed by review follows the same order
    lps = list(pd.read_csv(bundle / "learning_points.csv", dtype=str)["review_id"])
    assert lps == sorted(lps) and set(lps) <= set(released)
    audit = [json.loads(line)["review_id"] for line in (bundle / "audit.jsonl").read_text().splitlines()]
    assert audit == sorted(audit) == released
    # the candidates file stays local (attacker 3's F8), in the same order
    assert not (bundle / "residual_risk_candidates.csv").exists()
    local = bundle.with_name(bundle.name + ".local") / "residual_risk_candidates.csv"
    cands = list(pd.read_csv(local, dtype=str)["review_id"])
    assert cands == sorted(cands)
