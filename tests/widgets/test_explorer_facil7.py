"""FACIL7 findings in the view: what a blocked selection tells the room to do (F4), the status
line written after every panel (F10)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from leder_insights.widgets import ThemeExplorer
from leder_insights.widgets._explorer import blocked_advice, blocked_key

from _widget_fixtures import TAXONOMY, make_frames


def _group_frames(n=60, outside=2):
    """Every review has a clinical learning point except ``outside`` of them (theme group on its
    own: fewer than 5 reviews left out)."""
    rv, lp = make_frames(n)
    lp = lp.copy()
    clinical = set(TAXONOMY["groups"]["clinical"])
    out = set(rv["review_id"][:outside])
    themes = []
    for rid, ts, j in zip(lp["review_id"], lp["themes"], [int(x.rsplit("-", 1)[1]) for x in lp["lp_id"]]):
        if rid in out:
            themes.append(["family_involvement"])
        elif j == 0 and not clinical & set(ts):
            themes.append(list(ts) + ["epilepsy"])
        else:
            themes.append(list(ts))
    lp["themes"] = themes
    lp["evidence"] = [{t: e for t, e in ev.items() if t in ts} for ev, ts in zip(lp["evidence"], themes)]
    return rv, lp


def _fake(blocked, threshold=5, **filters):
    return SimpleNamespace(blocked=blocked, threshold=threshold, filters=filters)


@pytest.mark.parametrize("filters, why, key, words", [
    ({"theme_group": "clinical"}, "It differs from the wider selection without the group of themes filter by fewer "
     "than 5 reviews or learning points, so ...", "theme_group", ("Choose one theme instead", '"Clinical"')),
    ({"icb": "ICB-L1", "sex": "Male"}, "It differs from the wider selection without the ICB filter by fewer than 5",
     "icb", ("region instead of an ICB",)),
    ({"year_from": "2020", "year_to": "2020"}, "Set against the other year of death choices it would reveal",
     "year", ("All years",)),
    ({"polarity": "good_practice"}, "Set against the other kind of point choices it would reveal", "polarity",
     ("back to All",)),
])
def test_blocked_advice_names_what_to_do_for_the_filter_the_block_names(filters, why, key, words):
    st = _fake(why, **filters)
    assert blocked_key(st) == key
    advice = blocked_advice(st, lambda k, v: {"clinical": "Clinical"}.get(v, v))
    for w in words:
        assert w in advice, advice
    # "almost all have one" only where the choice leaves out a few, never for a small choice
    assert ("Almost all" in advice) == ("without the" in why and key in ("theme_group", "theme", "polarity"))
    assert "region instead of an ICB" not in advice or key == "icb"


def test_blocked_advice_is_empty_when_not_blocked_and_general_when_no_filter_is_named():
    assert blocked_advice(_fake(None, icb="ICB-L1")) == ""
    assert "back to All" in blocked_advice(_fake("Some other reason.", icb="ICB-L1"))


def test_theme_group_alone_is_still_blocked_and_the_notice_says_choose_one_theme():
    rv, lp = _group_frames()
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    # not offered, and the Filters tab says so beside the controls
    assert "clinical" not in [v for _l, v in ex.controls["theme_group"].options]
    assert "ways of working" in [v for _l, v in ex.controls["theme_group"].options]
    assert "not offered" in ex.not_offered_note.value and "Clinical" in ex.not_offered_note.value
    # chosen anyway (a restored selection): still blocked, and the notice says what to do
    ex.state.set_filter("theme_group", "clinical")
    ex._sync_controls()
    ex.refresh()
    assert ex.controls["theme_group"].value == "clinical"
    assert ex.state.blocked, "the block stays (F4 asks for words, not a weaker rule)"
    box = ex.blocked_box.value
    assert "Choose one theme instead" in box and "region instead of an ICB" not in box, box
    assert "Reset filters" in box


def test_status_line_is_written_after_every_panel(monkeypatch):
    """F10: while the panels are drawn the status still says "Working out"; the new numbers come last."""
    rv, lp = make_frames(60)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    seen = []
    for name, obj in (("findings", ex.findings), ("actions", ex.actions)):
        orig = obj.refresh

        def spy(orig=orig, name=name):
            seen.append((name, ex.summary.value))
            return orig()
        monkeypatch.setattr(obj, "refresh", spy)
    ex.controls["region"].value = "London"
    assert [n for n, _ in seen] == ["findings", "actions"]
    assert all("Working out" in status for _n, status in seen), seen
    assert "Working out" not in ex.summary.value and "reviews match" in ex.summary.value


def test_icb_list_follows_the_region_and_an_icb_outside_it_is_cleared():
    """F11: only the region's ICBs are offered; an ICB from another region is not left set."""
    rv, lp = make_frames(60)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    offered = lambda: [v for _l, v in ex.controls["icb"].options if v]  # noqa: E731
    assert offered() == ["ICB-L1", "ICB-L2", "ICB-M1", "ICB-N1"]
    ex.controls["icb"].value = "ICB-M1"
    ex.controls["region"].value = "London"
    assert offered() == ["ICB-L1", "ICB-L2"]
    assert ex.state.filters.get("icb") is None and ex.controls["icb"].value == ""
    assert "ICB-M1" not in ex.summary.value and "*" not in ex.summary.value.split("</strong>")[0]
    ex.controls["icb"].value = "ICB-L2"                 # inside the region: kept when the region stays
    ex.controls["region"].value = ""
    assert offered() == ["ICB-L1", "ICB-L2", "ICB-M1", "ICB-N1"] and ex.state.filters["icb"] == "ICB-L2"


@pytest.mark.parametrize("cells, flat", [
    ([["30", "1.0x", "0.9x"], ["1.0x", "20", "1.1x"], ["0.9x", "1.1x", "25"]], True),
    ([["30", "2.4x", "*"], ["2.4x", "20", "1.0x"], ["*", "1.0x", "25"]], False),
    ([["30", "*"], ["*", "20"]], False),                    # nothing shown: nothing said about pairs
])
def test_themes_together_grid_is_explained_in_words_and_says_when_nothing_stands_out(cells, flat):
    from leder_insights.widgets._explorer import heat_words

    words = heat_words(cells)
    assert "as often as if they were unrelated" in words and "Lift" not in words
    assert ("no pair of themes stands out" in words) == flat
    if flat:
        assert "(0.9x to 1.1x)" in words


def test_screens_use_plain_words_not_jargon():
    """F13: no "drill-down", no "LD severity"; the marks for hidden numbers explained beside them."""
    rv, lp = make_frames(60)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    assert ex.clear_drill_btn.description == "Show all learning points"
    assert "drill" not in ex.reset_btn.tooltip.lower()
    assert all("LD" not in label for label, _v in ex.findings.choice.options)
    assert "&quot;&lt;5&quot; = 1 to 4" in ex.findings.key.value
    assert "Lift" not in ex.heat_note.value and "as often as if they were unrelated" in ex.heat_note.value
    assert ex._heat_cells[0][1].tooltip.endswith("as often as chance")


def test_filters_tab_says_once_what_the_unfamiliar_filters_mean_and_the_listing_says_where_text_came_from():
    """F13: "Theme group" and "Type of learning" explained (now "Group of themes", "Kind of learning
    point"); the Learning points column names the review's section, not a judgement."""
    from leder_insights.explore import filter_label

    rv, lp = make_frames(60)
    ex = ThemeExplorer.from_frames(rv, lp, taxonomy=TAXONOMY, threshold=5, deidentified=True)
    help_text = ex.filter_help.value
    assert help_text.count("<li>") == 2
    n = len(ex.state.data.themes.group_names)
    assert n > 1 and f"{filter_label('theme_group')}: the themes gathered into {n} broad groups (Clinical," in help_text
    assert f"{filter_label('polarity')}: good practice, an area for improvement or a recommendation" in help_text
    assert "not a judgement" in help_text
    assert "Theme group" not in help_text and "Type of learning" not in help_text
    ex.refresh_listing()
    assert "From the review&#x27;s section</th>" in ex.lp_table.value and ">Type</th>" not in ex.lp_table.value
    sections = set(ex.state.lp_page()["section"])
    assert sections and all(f"<td>{s}</td>" in ex.lp_table.value for s in sections)
    assert "Area for improvement</td>" not in ex.lp_table.value
    ex._on_open(0)
    assert "From the review&#x27;s section" in ex.excerpt.value


def test_blocked_advice_names_the_filters_set_when_the_reason_names_none():
    """facil8 F5: ICB with Sex hid every number and said "Set a filter back to All"."""
    advice = blocked_advice(_fake("How many reviews match is hidden: ... Widen it.", icb="ICB-L1", sex="Female"))
    assert advice == "Change one of the filters you set: set ICB or Sex back to All."
