"""Names in the forms relatives use online (attacker 4's F3): hashtags (``#JusticeForJake``),
CamelCase page and blog names (``JakeThornburysJourney``) and quoted titles of pages, campaigns
and posts (``the GoFundMe page 'Bring Kayden Home'``). One web search of any of them can name the
person, so each is masked whole (fail closed), whatever the words inside it are.

>>> t = "The #Justice4Kayden tag and the blog JakeThornburysJourney; #1 on the list."
>>> [t[x.start:x.end] for x in HashtagRecognizer().analyze(t, ["ONLINE_NAME"])]
['#Justice4Kayden']
>>> [t[x.start:x.end] for x in CamelCaseNameRecognizer().analyze(t, ["ONLINE_NAME"])]
['JakeThornburysJourney']
>>> t = "The GoFundMe page 'Bring Kayden Home' raised money; she said 'thank you'."
>>> [t[x.start:x.end] for x in CampaignTitleRecognizer().analyze(t, ["ONLINE_NAME"])]
['Bring Kayden Home']
"""
from __future__ import annotations

import re

from .... import registry
from ..._wordlists import words
from .._base import LederPatternRecognizer, Pattern

#: one hump of a CamelCase word: a capital and lower-case letters, or digits ("4Kayden")
_HUMP = re.compile(r"[A-Z][a-z]+|\d+")
#: a Mc/Mac surname: a person's name, left to the people recognizers
_MAC = re.compile(r"Ma?c[A-Z][a-z]+$")
_CUES = "|".join(sorted(words("campaign_cues"), key=lambda w: (-len(w), w)))


@registry.recognizers.register("hashtag")
class HashtagRecognizer(LederPatternRecognizer):
    """``#`` and a word with at least one letter (``#1``, ``C#`` and ``page#top`` are not tags)."""

    ENTITY = "ONLINE_NAME"
    PATTERNS = [Pattern("hashtag", r"(?<![\w#&/])#(?=[\w']*[^\W\d_])[\w']*\w", 0.6)]
    REQUIRED = {"hashtag": ("#",)}
    CONTEXT = ["hashtag", "campaign", "trended", "posted"]


@registry.recognizers.register("online_name")
class CamelCaseNameRecognizer(LederPatternRecognizer):
    """Words joined without spaces, each capitalised: three or more (``JakeThornburysJourney``),
    or two with a number between them or a forename among them (``Justice4Kayden``, ``TeamTilly``); product and
    service names in ``camel_case_words`` (``GoFundMe``, ``SystmOne``) are kept."""

    ENTITY = "ONLINE_NAME"
    PATTERNS = [Pattern("camel_case", r"(?<![\w#@./-])[A-Z][a-z]+(?:\d+|[A-Z][a-z]+)(?:\d*[A-Z][a-z]+|\d+)*"
                                      r"(?![\w@-]|\.[a-z])", 0.6)]

    def validate_result(self, pattern_text: str):
        if pattern_text.lower() in words("camel_case_words") or _MAC.match(pattern_text):
            return False  # a product, or a surname ("McDonald": the people recognizers' name)
        humps = _HUMP.findall(pattern_text)
        if len(humps) >= 3 and not humps[-1].isdigit() or re.search(r"\d[A-Z]", pattern_text):
            return True  # "JakeThornburysJourney", "Justice4Kayden"; not "June2022", "Covid19"
        from ..people.name_gazetteer import forenames

        names = forenames()
        return any(h.lower() in names or h.lower().rstrip("s") in names for h in humps)


@registry.recognizers.register("campaign_title")
class CampaignTitleRecognizer(LederPatternRecognizer):
    """A quoted title with a capitalised word, a few words after a campaign, page or appeal word
    (``campaign_cues``): ``the GoFundMe page 'Bring Kayden Home'``, ``the Facebook group "Team Ann"``."""

    ENTITY = "ONLINE_NAME"
    PATTERNS = [Pattern("quoted_title",
                        rf"(?i:\b(?:{_CUES})\b)(?:[ \t]+[\w'’-]+){{0,3}}?[ \t]*[:,]?[ \t]*"
                        r"(?<![\w'’])['‘\"“](?P<ent>(?=[^\n'‘’\"“”]{0,60}[A-Z])[^\n\"“”]{1,60}?)['’\"”](?![\w])", 0.6)]


__all__ = ["HashtagRecognizer", "CamelCaseNameRecognizer", "CampaignTitleRecognizer"]
