"""Computer account names in paths and logins (attacker 9's F2; words in ``conf/account_names.yaml``):
a user's profile folder (``C:\\Users\\hvexworth\\notes.docx``, ``/home/jquenby/x``), a network share
(``\\\\trust-fs01\\Staff\\PQuenby\\``), a ``DOMAIN\\user`` login and a token after a login word
(``EMIS login PQUENBY01``). An account name is usually an initial and a surname, so the whole path
or login is masked.

>>> r = AccountNameRecognizer()
>>> t = r"Saved to C:\\Users\\hvexworth\\Documents\\a.docx by BLACKSHIRE\\tmarchbank (EMIS login PQUENBY01)."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["USER_ACCOUNT"]), key=lambda x: x.start)]
['C:\\\\Users\\\\hvexworth\\\\Documents\\\\a.docx', 'BLACKSHIRE\\\\tmarchbank', 'PQUENBY01']
>>> r.analyze("The login details were shared; see C:\\\\Program Files\\\\app.", ["USER_ACCOUNT"])
[]
"""
from __future__ import annotations

import functools
from pathlib import Path

from .... import registry
from ..._wordlists import read_lists, word_alternation
from .._base import LederPatternRecognizer, Pattern

ACCOUNT_NAMES_PATH = Path(__file__).parents[2] / "conf" / "account_names.yaml"


@functools.lru_cache(maxsize=1)
def account_words() -> dict:
    """The parsed word file (``login_cues``, ``not_accounts``, ``profile_folders``, ``url_person_segments``)."""
    return read_lists(ACCOUNT_NAMES_PATH, ("login_cues", "not_accounts", "profile_folders",
                                           "url_person_segments"))


def _patterns() -> list[Pattern]:
    d = account_words()
    folders = word_alternation(d["profile_folders"])
    #: the rest of a path: parts joined by back or forward slashes, no spaces
    rest = r"(?:[\\/][^\s\\/<>\"'|?*]+)*[\\/]?"
    return [
        # a drive letter or "~" and a profile folder, then the account and the rest of the path
        Pattern("profile_path", rf"(?i)(?<![\w])(?:[A-Z]:|~)?[\\/](?:{folders})[\\/][^\s\\/<>\"'|?*]+{rest}"
                                r"(?<![.,;:!?)])", 0.7),
        # a network share: \\server\share\... (every part may be a person's folder)
        Pattern("unc_path", rf"(?<![\w\\])\\\\[\w.$-]+\\[^\s\\<>\"'|?*]+{rest}(?<![.,;:!?)])", 0.7),
        # DOMAIN\user: an upper-case domain and an account
        Pattern("domain_login", r"(?<![\w\\])[A-Z][A-Z0-9-]{1,14}\\[A-Za-z][\w.-]{1,30}(?<![.-])(?![\w\\])", 0.7),
        # a login word, "as"/"was"/":" maybe, then a token (not a word listed in not_accounts)
        Pattern("after_login_cue",
                rf"(?i)(?<![\w-])(?:{word_alternation(d['login_cues'])})(?:\s+(?:was|is|of))?(?:\s*[:=(]\s*|\s+)"
                rf"['\"\u2018\u201c]?(?!(?:{word_alternation(d['not_accounts'])})(?![\w-]))"
                r"(?P<ent>[A-Za-z][\w.-]{1,30}(?<![.-]))(?![\w@])", 0.65),
    ]


@registry.recognizers.register("account_name")
class AccountNameRecognizer(LederPatternRecognizer):
    """Profile paths, network shares, ``DOMAIN\\user`` and tokens after a login word."""

    ENTITY = "USER_ACCOUNT"
    PATTERNS = _patterns()
    REQUIRED = {"profile_path": ("\\", "/"), "unc_path": ("\\\\",), "domain_login": ("\\",)}
    CONTEXT = ["login", "saved", "folder", "drive", "account", "user"]


__all__ = ["AccountNameRecognizer", "account_words"]
