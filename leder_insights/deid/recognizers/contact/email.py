"""E-mail addresses: Presidio's ``EmailRecognizer`` with an offline public-suffix check.

``tldextract`` uses its bundled suffix snapshot (``suffix_list_urls=()``), so no network.

>>> [x.entity_type for x in OfflineEmailRecognizer().analyze("mail j.smith@nhs.net", ["EMAIL_ADDRESS"])]
['EMAIL_ADDRESS']
"""
from __future__ import annotations

import functools

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from .... import registry


@functools.lru_cache(maxsize=1)
def _offline_extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@registry.recognizers.register("email")
class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail pattern; validation against the bundled public-suffix list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("name", "email")
        super().__init__(**kwargs)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """No ``@``, no address: skip the (slow) pattern scan."""
        if "@" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool:
        return _offline_extractor()(pattern_text).fqdn != ""
