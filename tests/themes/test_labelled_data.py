"""Integrity of the hand-labelled theme data and of the theme labels on real coroners' reports.

Checks ``leder_insights/themes/data/labelled_points.jsonl`` (schema, theme ids from the taxonomy,
coverage per theme and per kind, uniqueness) and ``gold/pfd_themes.jsonl`` (offsets and SHA-1
checksums against ``../shared/data/pfd_reports.jsonl``; those tests skip when it is absent).
Run with ``-s`` or read the printed table to see the counts per theme, kind and polarity.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LABELLED = REPO_ROOT / "leder_insights" / "themes" / "data" / "labelled_points.jsonl"
PFD_GOLD = REPO_ROOT / "gold" / "pfd_themes.jsonl"
TAXONOMY_MD = REPO_ROOT.parent / "shared" / "spec" / "taxonomy.md"

# Used only when the shared taxonomy table is not beside the repo; kept in the taxonomy's order.
FALLBACK_THEME_IDS = (
    "aspiration_pneumonia", "sepsis_deterioration", "reasonable_adjustments", "mental_capacity",
    "dnacpr_end_of_life", "diagnostic_overshadowing", "communication_coordination",
    "health_checks_prevention", "cancer", "constipation", "epilepsy", "family_involvement",
    "staff_training", "delays_access", "medication", "safeguarding_neglect",
    "care_quality_governance", "mental_health", "equity_ethnicity",
)
POLARITIES = ("good_practice", "area_for_improvement", "recommendation")
KINDS = ("positive", "multi", "negated", "near_miss", "none")
KEYS = {"id", "text", "themes", "polarity", "kind"}
GOLD_KEYS = {"ref", "field", "start", "end", "themes", "sha1"}

MIN_PER_THEME = 40
MIN_NEGATED = 100
MIN_NEAR_MISS = 100
MIN_NONE = 150
MIN_GOLD_REFS = 60
MIN_GOLD_SPANS = 250


def _theme_ids() -> tuple[str, ...]:
    """Theme ids from the first column of the taxonomy table, else the fallback list."""
    if not TAXONOMY_MD.exists():
        return FALLBACK_THEME_IDS
    ids = re.findall(r"^\|\s*([a-z][a-z_]+)\s*\|", TAXONOMY_MD.read_text(encoding="utf-8"), re.M)
    ids = tuple(i for i in ids if i != "id")
    assert ids, f"no theme ids found in the table of {TAXONOMY_MD}"
    return ids


THEME_IDS = _theme_ids()


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name} line {n} is blank"
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - message only
            pytest.fail(f"{path.name} line {n} is not valid JSON: {exc}")
    return rows


@pytest.fixture(scope="module")
def points() -> list[dict]:
    return _read_jsonl(LABELLED)


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return _read_jsonl(PFD_GOLD)


def _sha1_10(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


# --- labelled_points.jsonl ----------------------------------------------------------------------
def test_labelled_data_taxonomy_has_19_themes():
    assert len(THEME_IDS) == 19 and len(set(THEME_IDS)) == 19
    assert set(THEME_IDS) == set(FALLBACK_THEME_IDS), "taxonomy changed: update the fallback list"


def test_labelled_data_rows_follow_the_schema(points):
    for row in points:
        assert set(row) == KEYS, row.get("id")
        assert re.fullmatch(r"lp-\d{4}", row["id"]), row["id"]
        assert isinstance(row["text"], str) and row["text"] == row["text"].strip(), row["id"]
        assert row["polarity"] in POLARITIES, row["id"]
        assert row["kind"] in KINDS, row["id"]
        assert isinstance(row["themes"], list), row["id"]
        assert all(t in THEME_IDS for t in row["themes"]), (row["id"], row["themes"])
        assert len(set(row["themes"])) == len(row["themes"]), row["id"]


def test_labelled_data_kind_agrees_with_themes(points):
    for row in points:
        n = len(row["themes"])
        if row["kind"] == "none":
            assert n == 0, row["id"]
        elif row["kind"] == "positive":
            assert n == 1, row["id"]
        elif row["kind"] == "multi":
            assert 2 <= n <= 3, row["id"]
        else:  # negated / near_miss carry whatever other themes apply, at most three
            assert n <= 3, row["id"]


def test_labelled_data_texts_are_8_to_60_words(points):
    bad = [(r["id"], len(r["text"].split())) for r in points
           if not 8 <= len(r["text"].split()) <= 60]
    assert not bad, bad


def test_labelled_data_ids_and_texts_are_unique(points):
    ids = Counter(r["id"] for r in points)
    assert [i for i, c in ids.items() if c > 1] == []
    texts = Counter(_norm(r["text"]) for r in points)
    assert [t for t, c in texts.items() if c > 1] == []


def test_labelled_data_has_enough_items_per_theme(points):
    counts = Counter(t for r in points for t in r["themes"])
    short = {t: counts[t] for t in THEME_IDS if counts[t] < MIN_PER_THEME}
    assert not short, f"themes below {MIN_PER_THEME} items: {short}"


def test_labelled_data_has_enough_hard_cases(points):
    kinds = Counter(r["kind"] for r in points)
    assert kinds["negated"] >= MIN_NEGATED, kinds
    assert kinds["near_miss"] >= MIN_NEAR_MISS, kinds
    assert kinds["none"] >= MIN_NONE, kinds
    assert kinds["multi"] >= 150, kinds
    assert sum(not r["themes"] for r in points) >= MIN_NONE


def test_labelled_data_polarities_cover_most_themes(points):
    seen: dict[str, set[str]] = {t: set() for t in THEME_IDS}
    for r in points:
        for t in r["themes"]:
            seen[t].add(r["polarity"])
    complete = [t for t, pols in seen.items() if pols == set(POLARITIES)]
    assert len(complete) >= 17, {t: sorted(p) for t, p in seen.items() if t not in complete}


def test_labelled_data_has_no_real_names_or_identifiers(points):
    # generic learning points only: no titles with surnames, NHS numbers, dates of birth, postcodes
    patterns = {
        "title+name": r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+",
        "nhs number": r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b",
        "full date": r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        "postcode": r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",
    }
    for r in points:
        for what, pat in patterns.items():
            assert not re.search(pat, r["text"]), (r["id"], what)


def test_labelled_data_counts_report(points):
    """Print the counts per theme (with polarity split) and per kind; always passes if data loads."""
    by_theme = Counter(t for r in points for t in r["themes"])
    by_pol = Counter((t, r["polarity"]) for r in points for t in r["themes"])
    kinds = Counter(r["kind"] for r in points)
    lines = [f"labelled_points.jsonl: {len(points)} items; kinds {dict(sorted(kinds.items()))}"]
    for t in THEME_IDS:
        pols = " ".join(f"{p[:4]}={by_pol[(t, p)]}" for p in POLARITIES)
        lines.append(f"  {t:28s} {by_theme[t]:4d}  {pols}")
    print("\n" + "\n".join(lines))
    assert sum(kinds.values()) == len(points)


# --- gold/pfd_themes.jsonl (offline checks) -----------------------------------------------------
def test_labelled_data_pfd_gold_rows_hold_offsets_not_text(gold):
    for n, row in enumerate(gold, 1):
        assert set(row) == GOLD_KEYS, n
        assert row["field"] == "concerns", n
        assert re.fullmatch(r"\d{4}-\d{4}", row["ref"]), n
        assert isinstance(row["start"], int) and isinstance(row["end"], int), n
        assert 0 <= row["start"] < row["end"], n
        assert re.fullmatch(r"[0-9a-f]{10}", row["sha1"]), n
        assert all(t in THEME_IDS for t in row["themes"]), (n, row["themes"])
        assert len(set(row["themes"])) == len(row["themes"]), n


def test_labelled_data_pfd_gold_spans_do_not_overlap_and_are_enough(gold):
    by_ref: dict[str, list[tuple[int, int]]] = {}
    for row in gold:
        by_ref.setdefault(row["ref"], []).append((row["start"], row["end"]))
    for ref, spans in by_ref.items():
        spans.sort()
        for (s1, e1), (s2, _) in zip(spans, spans[1:]):
            assert e1 <= s2, f"overlapping spans in {ref}: {s1}-{e1} and {s2}"
    assert len(by_ref) >= MIN_GOLD_REFS
    assert len(gold) >= MIN_GOLD_SPANS
    themed = Counter(t for row in gold for t in row["themes"])
    assert len(themed) >= 15, themed  # real concerns touch most of the taxonomy
    assert any(not row["themes"] for row in gold)  # and some matters carry no theme


# --- against the real reports ------------------------------------------------------------------
@pytest.fixture(scope="module")
def reports(pfd_reports_path) -> dict[str, dict]:
    rows = [json.loads(line) for line in pfd_reports_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return {r["ref"]: r for r in rows}


@pytest.mark.parametrize("name", ["pfd_themes.jsonl", "pfd_themes_second.jsonl", "pfd_concerns_train.jsonl"])
def test_labelled_data_pfd_labels_sha1_matches_span_text(name, reports):
    path = {"pfd_concerns_train.jsonl": LABELLED.parent / name}.get(name, REPO_ROOT / "gold" / name)
    for n, row in enumerate(_read_jsonl(path), 1):
        assert row["ref"] in reports, (n, row["ref"])
        text = reports[row["ref"]][row["field"]] or ""
        assert row["end"] <= len(text), (n, row["ref"], row["end"], len(text))
        span = text[row["start"]:row["end"]]
        assert span.strip() == span and span, (n, row["ref"])
        assert _sha1_10(span) == row["sha1"], (n, row["ref"], row["start"])


def test_labelled_data_pfd_gold_counts_report(gold, reports):
    refs = {r["ref"] for r in gold}
    themed = Counter(t for row in gold for t in row["themes"])
    print(f"\npfd_themes.jsonl: {len(gold)} spans in {len(refs)} of {len(reports)} reports; "
          f"{sum(not r['themes'] for r in gold)} spans with no theme")
    for t in THEME_IDS:
        print(f"  {t:28s} {themed[t]:4d}")
    assert len(refs) >= MIN_GOLD_REFS


def test_labelled_data_does_not_copy_pfd_text(points, reports):
    """No learning point shares a run of 8 words with a coroner's report."""
    def grams(text: str, n: int = 8) -> set[str]:
        words = _norm(text).split()
        return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}

    ours: dict[str, str] = {}
    for r in points:
        for g in grams(r["text"]):
            ours[g] = r["id"]
    hits = set()
    for rep in reports.values():
        for field in ("inquest", "circumstances", "concerns"):
            words = _norm(rep.get(field) or "").split()
            for i in range(len(words) - 7):
                g = " ".join(words[i:i + 8])
                if g in ours:
                    hits.add((ours[g], rep["ref"]))
    assert not hits, sorted(hits)[:10]


# --- second labeller (gold/pfd_themes_second.jsonl, gold/labelled_points_second.jsonl) ---------
PFD_SECOND = REPO_ROOT / "gold" / "pfd_themes_second.jsonl"
LABELLED_SECOND = REPO_ROOT / "gold" / "labelled_points_second.jsonl"


def test_labelled_data_pfd_second_labeller_covers_the_same_spans(gold):
    second = _read_jsonl(PFD_SECOND)
    assert [(r["ref"], r["start"], r["end"], r["sha1"]) for r in second] == \
        [(r["ref"], r["start"], r["end"], r["sha1"]) for r in gold]
    for n, row in enumerate(second, 1):
        assert set(row) == GOLD_KEYS, n
        assert all(t in THEME_IDS for t in row["themes"]) and len(row["themes"]) <= 3, n
    # an independent labelling, not a copy of the first one
    assert sum(a["themes"] != b["themes"] for a, b in zip(gold, second)) > 0


def test_labelled_data_second_labeller_sample_matches_points(points):
    second = _read_jsonl(LABELLED_SECOND)
    by_id = {p["id"]: p for p in points}
    assert len(second) >= 300
    assert len({r["id"] for r in second}) == len(second)
    for row in second:
        assert set(row) == {"id", "text", "themes"}, row["id"]
        assert row["text"] == by_id[row["id"]]["text"], row["id"]
        assert all(t in THEME_IDS for t in row["themes"]) and len(row["themes"]) <= 3, row["id"]


def test_labelled_data_second_labeller_kappa_is_computable(points, gold):
    from leder_insights.themes import cohen_kappa
    from leder_insights.themes._metrics import to_indicator

    ids = list(THEME_IDS)
    second = {r["id"]: r["themes"] for r in _read_jsonl(LABELLED_SECOND)}
    first = {p["id"]: p["themes"] for p in points if p["id"] in second}
    keys = sorted(second)
    k = cohen_kappa(to_indicator([first[i] for i in keys], ids), to_indicator([second[i] for i in keys], ids), ids)
    assert 0.0 < k["pooled"] <= 1.0
    k2 = cohen_kappa(to_indicator([r["themes"] for r in gold], ids),
                     to_indicator([r["themes"] for r in _read_jsonl(PFD_SECOND)], ids), ids)
    assert 0.0 < k2["pooled"] <= 1.0
    print(f"\nkappa, labelled sample (n={len(keys)}): {k['pooled']:.3f}; real concerns (n={len(gold)}): "
          f"{k2['pooled']:.3f}")


# --- training-only labels on other reports (themes/data/pfd_concerns_train.jsonl) ---------------
PFD_TRAIN = REPO_ROOT / "leder_insights" / "themes" / "data" / "pfd_concerns_train.jsonl"


def test_labelled_data_pfd_train_rows_hold_offsets_and_avoid_gold_reports(gold):
    rows = _read_jsonl(PFD_TRAIN)
    assert len(rows) >= 1000
    for n, row in enumerate(rows, 1):
        assert set(row) == GOLD_KEYS, n
        assert row["field"] == "concerns" and 0 <= row["start"] < row["end"], n
        assert all(t in THEME_IDS for t in row["themes"]) and len(row["themes"]) <= 3, n
    assert not {r["ref"] for r in rows} & {r["ref"] for r in gold}, "training-only labels reuse a gold report"
    keys = [(r["ref"], r["start"]) for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_labelled_data_pfd_loader_rejects_a_changed_report(tmp_path, reports):
    from leder_insights.errors import InputError
    from leder_insights.themes._data import load_pfd_gold

    row = _read_jsonl(PFD_TRAIN)[0]
    changed = dict(reports[row["ref"]])
    changed["concerns"] = "X" + changed["concerns"]  # every offset now points one character early
    rep = tmp_path / "reports.jsonl"
    rep.write_text(json.dumps(changed) + "\n", encoding="utf-8")
    lab = tmp_path / "labels.jsonl"
    lab.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no longer matches its sha1"):
        load_pfd_gold(lab, rep, source="pfd_train")
