"""Settings that weaken a national release's protection are refused unless accepted explicitly,
and every changed release/gate setting is recorded (attacker 5's F7: ``mask_text_mentions:
false`` and ``text_dates: shifted`` gave a releasable bundle that did not say so)."""
from __future__ import annotations

import pytest

from leder_insights.config import load_config
from leder_insights.errors import ConfigError
from leder_insights.jobs import build_submission
from leder_insights.jobs._qa_report import _settings_paragraph
from leder_insights.jobs._settings import check_settings, settings_record

WEAK = {"mask_text_mentions": False, "text_dates": "shifted"}


@pytest.mark.parametrize("overrides", [
    {"release": WEAK},
    {"submit": {"residual_risk_threshold_per_1k_words": 5.0}},
    {"release": {"k": 3}},
    {"release": {"max_unique_share": 0.1}},
])
def test_weakened_settings_are_refused_with_what_to_do(overrides):
    cfg = load_config(**overrides)
    with pytest.raises(ConfigError) as err:
        check_settings(cfg)
    msg = str(err.value)
    assert msg.startswith("[E706]") and "--accept-weakened-protection" in msg
    for section, values in overrides.items():
        for name in values:
            assert f"{section}.{name}" in msg


def test_submit_refuses_weakened_settings_before_writing(tmp_path):
    (tmp_path / "reviews.csv").write_text("review_id,sex\nLDR-1,female\n", encoding="utf-8")
    out = tmp_path / "bundle"
    with pytest.raises(ConfigError, match=r"\[E706\]"):
        build_submission(tmp_path / "reviews.csv", out, key=b"k" * 32,
                         config=load_config(release=WEAK))
    assert not out.exists()


def test_accepted_weakened_settings_are_recorded_in_manifest_and_verdict():
    cfg = load_config(release={**WEAK, "accept_weakened": True, "max_suppressed_share": 0.1})
    record = check_settings(cfg)
    assert record["weakened"] == ["release.mask_text_mentions", "release.text_dates"]
    changed = record["changed_from_defaults"]
    assert changed["release.text_dates"] == {"value": "shifted", "default": "relative", "weakens": True}
    assert changed["release.max_suppressed_share"]["weakens"] is False  # recorded, not a weakening
    verdict = _settings_paragraph(record)
    assert "release.mask_text_mentions" in verdict and "shifted" in verdict and "accepted" in verdict
    # shipped defaults: nothing recorded, nothing refused
    assert settings_record(load_config())["changed_from_defaults"] == {}
    assert _settings_paragraph(check_settings(load_config())) == ""


def test_qa_report_text_risk_says_what_weakened_text_settings_mean():
    from leder_insights.jobs._qa_report import _text_risk

    record = check_settings(load_config(release={**WEAK, "accept_weakened": True}))
    weak = _text_risk("learning_points", record)
    assert "NOT masked" in weak and "as a mask" not in weak and "shifted" in weak
    default = _text_risk("learning_points", check_settings(load_config()))
    assert "as a mask" in default and "NOT masked" not in default
