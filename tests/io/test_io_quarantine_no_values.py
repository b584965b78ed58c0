"""The reader's row errors name the row and column but never repeat the cell's value: the
reason text reaches quarantine files, which travel with released bundles."""
from __future__ import annotations

from leder_insights.io import read_reviews

RAW = "47 (First Surname, NHS 943 476 5919)"


def test_io_quarantine_reason_never_repeats_the_value(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("review_id,age_at_death,death_date,care_grade,autistic\n"
                    f"R1,\"{RAW}\",2020-01-01,2,yes\n"
                    f"R2,50,\"{RAW}\",2,yes\n"
                    f"R3,50,2020-01-01,\"{RAW}\",yes\n"
                    f"R4,50,2020-01-01,2,\"{RAW}\"\n"
                    "R1,50,2020-01-01,2,yes\n", encoding="utf-8")
    res = read_reviews(path)
    assert sorted(res.quarantine["reason_code"]) == ["E111", "E112", "E113", "E114", "E121"]
    for reason in res.quarantine["reason"]:
        assert "943" not in reason and "Surname" not in reason and "'R1'" not in reason
    for problem in res.problems:
        assert "943" not in problem.message and "Surname" not in problem.message
    # the column is still named, so the user can find the cell
    assert any("age_at_death" in r for r in res.quarantine["reason"])


def test_io_warnings_never_repeat_the_value_either(tmp_path):
    """faults F4: E115 (a coded column holding something else) printed up to 60 characters of the
    cell on stderr and in `corpus validate --json`."""
    path = tmp_path / "r.csv"
    path.write_text("review_id,living_arrangement,place_of_death\n"
                    f"R1,\"with {RAW}\",\"{RAW}\"\n", encoding="utf-8")
    res = read_reviews(path)
    codes = [p.code for p in res.problems]
    assert codes.count("E115") == 2 and len(res.valid) == 1
    for problem in res.problems:
        assert "943" not in problem.message and "Surname" not in problem.message, problem.message
        assert "943" not in str(problem.to_dict())
    assert any("living_arrangement is not one of" in p.message for p in res.problems)


def test_no_row_problem_template_has_a_place_for_the_value():
    """The one rule behind both tests: row and column problems (E11x-E12x) never format a value,
    and make_problem drops one if a caller passes it."""
    from leder_insights.errors import Errors
    from leder_insights.io._problems import make_problem

    for code in (c for c in vars(Errors) if c.startswith(("E11", "E12"))):
        assert "{value" not in getattr(Errors, code), code
    p = make_problem("E112", "error", "r.csv", 2, "death_date", "R2", value=RAW)
    assert "943" not in p.message and "death_date" in p.message


def test_a_split_rows_narrative_is_not_taken_for_its_review_id(tmp_path):
    """faults F3: an unquoted line break split a row; the continuation line's first cell (here an
    invented name and address) became its "review_id" in quarantine and messages."""
    path = tmp_path / "r.csv"
    path.write_text("review_id,death_date,pen_portrait,learning\n"
                    "T-2,2024-03-01,She lived with her brother\n"
                    "Zorbal Quintrell at 7 Plumtree Row, and liked music,Staff should adjust.\n"
                    "Zorbal,x\n", encoding="utf-8")
    res = read_reviews(path)
    assert res.n_rows == 3 and len(res.quarantine) == 3
    assert list(res.quarantine["review_id"]) == ["T-2", "(not shown)", "(not shown)"]
    text = " ".join(str(p) for p in res.problems) + " ".join(res.quarantine["reason"])
    assert "Zorbal" not in text and "Plumtree" not in text
    assert "row 2 (review_id not shown)" in text
