"""faults8 F2: a review_id that is a person's identifier (an NHS number, a name, an e-mail, a
phone) is never shown in a message or in the quarantine, whatever the row's problem."""
import pytest

from leder_insights.io import WITHHELD_ID, identifier_like, read_reviews, shown_id

# invented values; 401 023 2137 is a made-up number that passes the modulus-11 check
IDENTIFIER_IDS = ["401 023 2137", "4010232137", "Quentin Marlowe-Fisk",
                  "q.marlowe7@example.org", "07700 900456", "+44 7700 900456"]
REVIEW_IDS = ["LDR-2023-0042", "R17", "17", "4010232138", "2023/ABC/9"]


@pytest.mark.parametrize("value", IDENTIFIER_IDS)
def test_an_identifier_used_as_an_id_is_not_shown(value):
    assert identifier_like(value)
    assert shown_id(value) == WITHHELD_ID


@pytest.mark.parametrize("value", REVIEW_IDS)
def test_a_review_id_is_shown(value):
    assert not identifier_like(value)
    assert shown_id(value) == value


def test_quarantine_and_messages_hide_identifier_ids_of_rows_with_a_bad_value(tmp_path):
    path = tmp_path / "in.csv"
    rows = [f"{rid},9,text {i}" for i, rid in enumerate(IDENTIFIER_IDS)]
    # a repeated identifier id (E111) and a valid row with an id in a warning (E115 kept)
    rows += [f"{IDENTIFIER_IDS[1]},2,again", "LDR-7,9,shown"]
    path.write_text("review_id,care_grade,learning\n" + "\n".join(rows) + "\n", encoding="utf-8")
    res = read_reviews(path)
    assert res.n_rows == len(res.valid) + len(res.quarantine) == len(rows)
    shown = set(res.quarantine["review_id"])
    assert shown == {WITHHELD_ID, "LDR-7"}
    text = "\n".join(str(p) for p in res.problems) + res.quarantine.to_csv(
        columns=["_row", "review_id", "reason_code", "reason"])
    for value in IDENTIFIER_IDS:
        assert value not in text
    assert "(review_id LDR-7)" in text  # an id that is an id is still shown
    assert sum("review_id not shown" in str(p) for p in res.problems) == len(IDENTIFIER_IDS) + 1
