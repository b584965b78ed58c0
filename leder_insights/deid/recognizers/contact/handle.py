"""Social-media handles (``@bramble_rides``), and the same without the ``@`` where the text says
whose account it is (``kim_taylor56 on Facebook``, ``Instagram: kt.rides``, ``username bramble_rides``):
they reach a person as surely as a phone number.

Without the ``@``, a candidate must look like a user name (an underscore, a digit or an inner dot),
so ``messages on Facebook`` is not one.

>>> r = SocialHandleRecognizer()
>>> [(x.start, x.end) for x in r.analyze("posted as @bramble_rides.", ["SOCIAL_HANDLE"])]
[(10, 24)]
>>> r.analyze("mail ann@example.org", ["SOCIAL_HANDLE"])
[]
>>> t = "He messaged kim_taylor56 on Facebook; she sent messages on Facebook."
>>> [t[x.start:x.end] for x in r.analyze(t, ["SOCIAL_HANDLE"])]
['kim_taylor56']
"""
from __future__ import annotations

import re

from .... import registry
from .._base import LederPatternRecognizer, Pattern

_PLATFORM = r"(?:Facebook|Instagram|Twitter|TikTok|Tiktok|Snapchat|YouTube|Youtube|Threads|Reddit|WhatsApp|Discord|Twitch)"
_NAME = r"[A-Za-z0-9][A-Za-z0-9_.]{1,28}[A-Za-z0-9_]"
_LOOKS_LIKE_USER = re.compile(r"_|\d|[a-z]\.[a-z]", re.IGNORECASE)


@registry.recognizers.register("social_handle")
class SocialHandleRecognizer(LederPatternRecognizer):
    """``@`` + 2-30 letters, digits, underscores or dots, not inside an e-mail address; or a user
    name next to a platform's name or the word "username"/"handle"."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [
        Pattern("handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"
                          r"(?!\.[A-Za-z]{2,})", 0.6),
        # "kim_taylor56 on Facebook", "kim_taylor56 (Instagram)"
        Pattern("name_on_platform", rf"(?<![\w@.])(?P<ent>{_NAME})(?=\s+(?:on|via)\s+{_PLATFORM}\b|\s+\({_PLATFORM}\))",
                0.6),
        # "Instagram: kt.rides", "her Facebook account kim_taylor56", "TikTok name 'bramble_rides'"
        Pattern("platform_then_name", rf"\b{_PLATFORM}(?:\s+(?:account|name|handle|username|user\s+name|page|profile|"
                                      rf"as|was|is))*\s*[:(]?\s*['\"‘“]?(?P<ent>{_NAME})(?![\w@])", 0.6),
        # "username bramble_rides", "handle: kt.rides"
        Pattern("username", r"(?i:\b(?:user\s?name|handle|screen\s?name|gamertag)\s*(?:is|was|:)?\s*['\"‘“]?)"
                            rf"(?P<ent>{_NAME})(?![\w@])", 0.6),
    ]
    CONTEXT = ["twitter", "instagram", "tiktok", "facebook", "account", "handle", "posted"]
    REQUIRED = {"handle": ("@",),
                "name_on_platform": ("Facebook", "Instagram", "Twitter", "TikTok", "Tiktok", "Snapchat", "YouTube",
                                     "Youtube", "Threads", "Reddit", "WhatsApp", "Discord", "Twitch")}
    REQUIRED["platform_then_name"] = REQUIRED["name_on_platform"]
    REQUIRED["username"] = ("username", "Username", "user name", "User name", "USERNAME", "handle", "Handle",
                            "screen", "Screen", "gamertag", "Gamertag")

    def validate_result(self, pattern_text: str):
        """An ``@`` handle is taken as it is; without one, the text must look like a user name."""
        if pattern_text.startswith("@"):
            return None
        return bool(_LOOKS_LIKE_USER.search(pattern_text))
