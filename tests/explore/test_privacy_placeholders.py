"""C4: numbered placeholders never reach the room (they link learning points to one review)."""
from __future__ import annotations

import re


from _explore_fixtures import TAXONOMY, make_frames
from leder_insights.explore import ExplorerState
from leder_insights.explore._privacy import plain_placeholders
from leder_insights.explore._state import _model_line


def test_plain_placeholders_moves_offsets():
    text = "Dr [PERSON_141636] saw [PERSON_637588] about swallowing on [DATE_315194]."
    new, where = plain_placeholders(text)
    assert new == "Dr [PERSON] saw [PERSON] about swallowing on [DATE]."
    a = text.index("swallowing")
    assert new[where[a]:where[a + len("swallowing")]] == "swallowing"
    assert len(where) == len(text) + 1 and where[-1] == len(new)


def test_the_same_person_cannot_be_followed_across_learning_points(tmp_path):
    rv, lp = make_frames(30)
    lp["text"] = [f"[PERSON_{1000 + i // 3}] had a seizure plan reviewed by [PERSON_9] on [DATE_{i}]."
                  for i in range(len(lp))]
    lp["evidence"] = [{"epilepsy": [[t.index("seizure plan"), t.index("seizure plan") + 12]]} for t in lp["text"]]
    st = ExplorerState.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    page = st.lp_page()
    shown = " ".join(page["text"])
    assert not re.search(r"\[[A-Z_]+_\d+\]", shown) and "[PERSON] had" in shown
    ex = st.select_row(0).excerpt()
    assert not re.search(r"_\d+\]", ex["text"])
    a, b, _t = ex["spans"][0]
    assert ex["text"][a:b] == "seizure plan"
    assert st.set_filter("search", "person_100").views().n_learning_points == 0  # tokens not searchable


def test_about_models_line_has_no_hashes_or_recognizers():
    line = _model_line({"deid": {"model": "en_core_web_sm", "model_version": "3.8.0",
                                 "config_hash": "12f80b32b85015bf", "presidio_version": "2.2.366",
                                 "recognizers": ["uk_nhs_number", "person_gazetteer"], "key_mode": "ephemeral"},
                        "themes": {"theme_model": "themes-v1-085bcde64a04"}})
    assert line == "de-identification: language model en_core_web_sm 3.8.0; themes: theme model themes-v1"
    for bad in ("12f80b32", "presidio", "uk_nhs_number", "ephemeral", "085bcde64a04"):
        assert bad not in line
