"""Web addresses that may reach a person or a page about them: with a scheme or ``www.``
(``https://...``, ``www....``), and bare domains with a known top-level domain
(``justiceforjake.org.uk``, ``change.org/p/justice-for-a-name``), masked whole, path and all.

Public-body and publication sites (``gov.uk``, ``nhs.uk``, ``judiciary.uk`` ...) are left as they
are, unless a word of the path is a name (``www.judiciary.uk/.../jane-doe-prevention-...``) or the
path goes through a staff or user folder (``.../staff/p.quenby/profile``, ``/~jq``: attacker 9's F2).

>>> [(x.start, x.end) for x in UrlRecognizer().analyze("see www.example.org/x.", ["URL"])]
[(4, 21)]
>>> UrlRecognizer().analyze("guidance at www.gov.uk/guidance", ["URL"])
[]
>>> len(UrlRecognizer().analyze("see https://intranet.x.nhs.uk/staff/p.quenby/profile", ["URL"]))
1
>>> t = "The family set up justiceforjake.org.uk and change.org/p/justice-for-tom-lee."
>>> [t[x.start:x.end] for x in UrlRecognizer().analyze(t, ["URL"])]
['justiceforjake.org.uk', 'change.org/p/justice-for-tom-lee']
"""
from __future__ import annotations

import re

from .... import registry
from ..._wordlists import words
from .._base import LederPatternRecognizer, Pattern

_TLD = "|".join(sorted((re.escape(w) for w in words("web_tlds")), key=lambda w: (-len(w), w)))
_UK2 = "|".join(sorted(words("web_uk_second_levels"), key=lambda w: (-len(w), w)))
#: a path after a host: anything up to a space, a quote or a closing bracket
_PATH = r"(?:/[^\s<>\"')\]]*)?"


@registry.recognizers.register("url")
class UrlRecognizer(LederPatternRecognizer):
    """Scheme or ``www.`` prefixed addresses, and bare domains; trailing punctuation is left out."""

    ENTITY = "URL"
    PATTERNS = [Pattern("url", r"(?i:\b(?:https?://|www\.))[^\s<>\"')\]]+(?<![.,;:!?])", 0.6),
                # a bare domain ("justiceforjake.org.uk", "change.org/p/..."): labels of two or more
                # characters, a known top-level domain in lower case (not "Mr.Com"), not part of an e-mail address or a file name
                Pattern("domain",
                        rf"(?i)(?<![\w@.\-/])(?:[a-z0-9][a-z0-9-]{{0,61}}[a-z0-9]\.)+"
                        rf"(?-i:(?:{_UK2})\.uk|{_TLD})(?![\w-]|\.[a-z0-9]|@){_PATH}(?<![.,;:!?])", 0.6)]
    CONTEXT = ["website", "url", "link", "online", "facebook", "profile", "page"]
    #: publication and public-body sites: they do not reach a person
    PUBLIC_HOSTS = re.compile(r"(?i)(?:^|\.)(?:gov\.uk|nhs\.uk|nhs\.net|gov\.wales|gov\.scot|ac\.uk|bmj\.com|"
                              r"nice\.org\.uk|judiciary\.uk|legislation\.gov\.uk|who\.int|cqc\.org\.uk|"
                              r"mencap\.org\.uk|parliament\.uk|bnf\.org|doi\.org|ncbi\.nlm\.nih\.gov)$")

    def invalidate_result(self, pattern_text: str) -> bool:
        """A public site's address stays, unless its path holds a name."""
        rest = re.sub(r"(?i)^(?:https?://)?(?:www\.)?", "", pattern_text)
        host, _, path = rest.partition("/")
        if not self.PUBLIC_HOSTS.search(host.split(":")[0]):
            return False
        from ..people.name_gazetteer import forenames
        from .account_names import account_words

        parts = [p for p in re.split(r"[/?#&=]", path.lower()) if p]
        person_dirs = {str(w).lower() for w in account_words()["url_person_segments"]}
        if any(p in person_dirs or p.startswith("~") for p in parts[:-1]) or any(p.startswith("~") for p in parts):
            return False  # a staff or user page ("/staff/p.quenby/profile", "/~jquenby"): a person
        return not any(w in forenames() for w in re.findall(r"[a-z]+", path.lower()))
