"""Every recognizer is registered by a stable name and the default config uses only registered ones."""
from leder_insights import registry
from leder_insights.deid._engine import build_recognizers, read_recognizer_config
from leder_insights.deid.recognizers import DEFAULT_RECOGNIZERS
from leder_insights.deid.recognizers.contact import OfflineEmailRecognizer, UrlRecognizer
from leder_insights.errors import ConfigError

import pytest


def test_recognizers_registry_lists_all_defaults():
    registered = set(registry.recognizers.get_all())
    assert set(DEFAULT_RECOGNIZERS) <= registered
    assert set(read_recognizer_config()["recognizers"]) == set(DEFAULT_RECOGNIZERS)


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
