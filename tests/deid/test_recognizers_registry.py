"""Every recognizer is registered by a stable name and the default config uses only registered ones."""
from leder_insights import registry
from leder_insights.deid._engine import build_recognizers, read_recognizer_config
from leder_insights.deid.recognizers.contact import OfflineEmailRecognizer, UrlRecognizer
from leder_insights.errors import ConfigError

import pytest


def test_recognizers_registry_config_is_the_one_list():
    import leder_insights.deid.recognizers  # noqa: F401  (registers ours)

    registered = set(registry.recognizers.get_all())
    listed = read_recognizer_config()["recognizers"]
    assert len(listed) == len(set(listed))
    # the YAML names only registered recognizers, and every one of ours is in it
    ours = {n for n in registered if registry.recognizers.get(n).__module__.startswith(
        "leder_insights.deid.recognizers")}
    assert set(listed) <= registered and ours <= set(listed)


def test_recognizers_registry_names_are_sources():
    recs = build_recognizers(["uk_nhs_number", "date_written"])
    assert [r.name for r in recs] == ["uk_nhs_number", "date_written"]


def test_recognizers_registry_unknown_name_is_numbered_error():
    with pytest.raises(ConfigError, match=r"\[E004\]"):
        build_recognizers(["no_such_recognizer"])


def test_recognizers_contact_email_offline_and_url():
    rec = OfflineEmailRecognizer()
    text = "mail j.smith@nhs.net or karen@example.invalidtld"
    assert [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)] == ["j.smith@nhs.net"]
    url = UrlRecognizer()
    t2 = "see www.example.org/x."
    assert [t2[r.start:r.end] for r in url.analyze(t2, url.supported_entities)] == ["www.example.org/x"]
