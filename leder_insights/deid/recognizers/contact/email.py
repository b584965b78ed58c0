"""E-mail addresses: Presidio's ``EmailRecognizer`` with an offline public-suffix check.

``tldextract`` uses its bundled suffix snapshot (``suffix_list_urls=()``), so no network.

>>> [x.entity_type for x in OfflineEmailRecognizer().analyze("mail j.smith@nhs.net", ["EMAIL_ADDRESS"])]
['EMAIL_ADDRESS']
"""
from __future__ import annotations

import functools
import re

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from .... import registry


#: the run of non-space characters around an "@"
_AT_RUN = re.compile(r"\S*@\S*")


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
        """The (slow) pattern runs only on the whitespace-free run around each ``@``: an address
        holds no space, so the results are the same as a scan of the whole text."""
        if "@" not in text:
            return []
        out, pos = [], 0
        for m in _AT_RUN.finditer(text):
            if m.start() < pos:
                continue
            for r in super().analyze(m.group(), entities, None, regex_flags):
                r.start += m.start()
                r.end += m.start()
                out.append(r)
            pos = m.end()
        return out

    def validate_result(self, pattern_text: str) -> bool:
        return _offline_extractor()(pattern_text).fqdn != ""
