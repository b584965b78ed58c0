"""The dataset's own review ids written in the text in another spelling (attacker 8's F2) are
masked by every release, with the ids of the same series; invented ids and text."""
from __future__ import annotations

import pandas as pd
import pytest

from leder_insights.jobs._release_text import release_texts
from leder_insights.release import OwnIds, own_id_spans

IDS = OwnIds(["QRV-2019-00412", "QRV-2019-00413"])


def _found(text, ids=IDS):
    return [text[s:e] for s, e, _ in own_id_spans(text, ids)]


@pytest.mark.parametrize("spelling", ["QRV-2019-00412", "qrv 2019 00412", "QRV/2019/00412", "Qrv2019.00412",
                                      "QRV_2019_00412", "qrv201900412", "QRV \u2013 2019 \u2013 00412",
                                      "QRV 2019 00977", "qrv-2020-01234", "QRV 00999"])
def test_own_ids_any_spelling_masked(spelling):
    assert _found(f"Compare with {spelling}, which found the same gap.") == [spelling]


@pytest.mark.parametrize("text", ["The QRV 2019 report was read.", "In 2019 00412 letters were sent? No.",
                                  "QRV teams met twice.", "He took 412 mg.", "Q 2019 00412",
                                  "QRV 111 was rung."])
def test_own_ids_leave_other_text(text):
    assert _found(text) == []


def test_own_ids_short_ids_are_not_looked_for():
    assert _found("R1 and R2 were seen.", OwnIds(["R1", "R2", None])) == []


def test_release_texts_masks_an_own_id_of_another_spelling():
    df = pd.DataFrame({"review_id": ["QRV-2019-00412"],
                       "learning": ["Like qrv 2019 00413 and QRV/2019/00412, the plan was late."]})
    out, _spans = release_texts(df, ["learning"])
    assert out.loc[0, "learning"] == "Like [REVIEW_ID] and [REVIEW_ID], the plan was late."
