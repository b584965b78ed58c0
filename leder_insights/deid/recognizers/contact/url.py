"""Web addresses (``https://...``, ``www....``) that may reach a person or a page about them.

>>> [(x.start, x.end) for x in UrlRecognizer().analyze("see www.example.org/x.", ["URL"])]
[(4, 21)]
>>> UrlRecognizer().analyze("guidance at www.gov.uk/guidance", ["URL"])
[]
"""
from __future__ import annotations

import re

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("url")
class UrlRecognizer(LederPatternRecognizer):
    """Scheme or ``www.`` prefixed addresses; trailing punctuation is left out."""

    ENTITY = "URL"
    PATTERNS = [Pattern("url", r"(?i:\b(?:https?://|www\.))[^\s<>\"')\]]+(?<![.,;:!?])", 0.6)]
    CONTEXT = ["website", "url", "link", "online", "facebook", "profile", "page"]
    #: publication and public-body sites: they do not reach a person
    PUBLIC_HOSTS = re.compile(r"(?i)(?:^|\.)(?:gov\.uk|nhs\.uk|nhs\.net|gov\.wales|gov\.scot|ac\.uk|bmj\.com|"
                              r"nice\.org\.uk|judiciary\.uk|legislation\.gov\.uk|who\.int|cqc\.org\.uk|"
                              r"mencap\.org\.uk|parliament\.uk|bnf\.org|doi\.org|ncbi\.nlm\.nih\.gov)$")

    def invalidate_result(self, pattern_text: str) -> bool:
        host = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", pattern_text).split("/")[0].split(":")[0]
        return bool(self.PUBLIC_HOSTS.search(host))
