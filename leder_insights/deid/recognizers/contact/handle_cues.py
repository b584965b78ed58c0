"""Online user names without an "@", told by the words around them (attacker 6's F5; cue words in
``conf/online_names.yaml``): ``A TikTok by user tiggy_99x``, ``On Snapchat he was kim61x``,
``His gaming name was xX_Kim_Xx``, ``posted updates as justice_for_kim on X``.

A user name leads to a family's public profile and so to the person; the token must look like one
(an underscore, dots between letters, or letters and digits mixed), so "his account of the day"
and "page 12" are not.

>>> r = SocialHandleCuesRecognizer()
>>> t = "A TikTok by user kim_forever_61 and, on Snapchat, he was kimmy61x; posted as save_kim on X."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["SOCIAL_HANDLE"]), key=lambda x: x.start)]
['kim_forever_61', 'kimmy61x', 'save_kim']
>>> r.analyze("His account of the 2nd visit; page 12; the Covid19 profile.", ["SOCIAL_HANDLE"])
[]
"""
from __future__ import annotations

from .... import registry
from ..._online_names import looks_like_user_name, user_name_after_cue, user_name_before_platform
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("social_handle_cues")
class SocialHandleCuesRecognizer(LederPatternRecognizer):
    """A user-name-like token after a platform or account word, or before "on X"."""

    ENTITY = "SOCIAL_HANDLE"
    PATTERNS = [
        Pattern("cue_then_user_name", user_name_after_cue().replace("(?P<name>", "(?P<ent>"), 0.6),
        Pattern("user_name_on_short_platform", user_name_before_platform().replace("(?P<name>", "(?P<ent>"), 0.6),
    ]
    CONTEXT = ["account", "username", "posted", "online"]

    def validate_result(self, pattern_text: str):
        """The token must look like a user name (see :func:`looks_like_user_name`)."""
        return looks_like_user_name(pattern_text)
