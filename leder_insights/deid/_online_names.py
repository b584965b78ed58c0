"""Cues of an online user name written without "@" (``conf/online_names.yaml``) as regular
expressions, and the test a token must pass to be taken as a user name.

Shared by the recognizer ``social_handle_cues`` and the residual-risk gate (its direct kind
``SOCIAL_PROFILE``): the cue words are data, each reader builds its own match from them.

>>> import re
>>> m = re.search(user_name_after_cue(), "A TikTok by user tiggy_99x showed the ward.")
>>> m.group("name"), looks_like_user_name(m.group("name"))
('tiggy_99x', True)
>>> [looks_like_user_name(t) for t in ("Covid19", "2nd", "e.g", "records", "kim.taylor")]
[False, False, False, False, True]
"""
from __future__ import annotations

import functools
import re
from pathlib import Path


from ._wordlists import read_lists, word_alternation

ONLINE_NAMES_PATH = Path(__file__).parent / "conf" / "online_names.yaml"

#: a user name as written: letters, digits, "_" and "." (not at either end but "_")
USER_TOKEN = r"[A-Za-z0-9_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_]"


@functools.lru_cache(maxsize=1)
def online_names() -> dict:
    """The parsed cue file (``platforms``, ``cues``, ``short_platforms``, ``max_fillers``, ``not_names``)."""
    return read_lists(ONLINE_NAMES_PATH, ("platforms", "cues", "short_platforms", "max_fillers", "not_names"))


_alts = word_alternation


@functools.lru_cache(maxsize=1)
def user_name_after_cue() -> str:
    """Regex: a platform or cue word, up to ``max_fillers`` lower-case words (or a comma, colon,
    quote), then the token (group ``name``)."""
    d = online_names()
    cue = rf"(?<![\w@.-])(?i:{_alts(d['platforms'])}|{_alts(d['cues'])})(?![\w-])"
    # words between cue and name are separated by spaces only; one comma, colon or bracket and
    # one quote may stand before the name (so a JSON record's '"profile":"national","x":' is not read)
    filler = rf"(?:\s+(?-i:[a-z][a-z']*)(?![\w@.])){{0,{int(d['max_fillers'])}}}"
    return (rf"{cue}(?:\s*,)?{filler}(?:\s*[,:(]\s*|\s+)['\"\u2018\u201c]?"
            rf"(?=[A-Za-z0-9_.]*(?:_|\d|[A-Za-z]\.[A-Za-z]))(?P<name>{USER_TOKEN})"
            r"(?![\w@]|\.[A-Za-z0-9])")


@functools.lru_cache(maxsize=1)
def user_name_before_platform() -> str:
    """Regex: the token (group ``name``) before "on" and a short platform name ("... on X")."""
    d = online_names()
    return (rf"(?<![\w@.])(?P<name>{USER_TOKEN})\s+on\s+(?-i:{_alts(d['short_platforms'])})"
            r"(?![\w@-])")


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset:
    return frozenset(str(w).lower() for w in online_names()["not_names"])


def looks_like_user_name(token: str) -> bool:
    """Whether ``token`` reads as a user name, not a word, count or term: an underscore with a
    letter, dots between letters (5 characters or more), or a letter first, three letters or more
    with a lower-case one, and a digit."""
    if token.lower() in _not_names() or not re.search(r"[A-Za-z]", token):
        return False
    letters = sum(ch.isalpha() for ch in token)
    if "_" in token:
        return letters >= 2
    if re.search(r"[A-Za-z]\.[A-Za-z0-9]", token) and len(token) >= 5 and letters >= 4:
        return True
    return (token[0].isalpha() and letters >= 3 and any(ch.isdigit() for ch in token)
            and any(ch.islower() for ch in token))


__all__ = ["online_names", "user_name_after_cue", "user_name_before_platform", "looks_like_user_name",
           "ONLINE_NAMES_PATH", "USER_TOKEN"]
