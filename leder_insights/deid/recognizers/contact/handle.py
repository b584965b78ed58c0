"""Social-media handles (``@bramble_rides``): they reach a person as surely as a phone number.

>>> [(x.start, x.end) for x in SocialHandleRecognizer().analyze("posted as @bramble_rides.", ["SOCIAL_HANDLE"])]
[(10, 24)]
>>> SocialHandleRecognizer().analyze("mail ann@example.org", ["SOCIAL_HANDLE"])
[]
"""
from __future__ import annotations

from presidio_analyzer import Pattern

from .... import registry
from .._base import LederPatternRecognizer


@registry.recognizers.register("social_handle")
class SocialHandleRecognizer(LederPatternRecognizer):
    """``@`` + 2-30 letters, digits, underscores or dots, not inside an e-mail address."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [Pattern("handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"
                                  r"(?!\.[A-Za-z]{2,})", 0.6)]
    CONTEXT = ["twitter", "instagram", "tiktok", "facebook", "account", "handle", "posted"]
    REQUIRED = {"handle": ("@",)}

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """No ``@``, no handle."""
        return [] if "@" not in text else super().analyze(text, entities, nlp_artifacts, regex_flags)
