"""Lone first names in short text (an action, an owner): the words a name recognizer scores too
low on their own ("Ask Ayesha", "Kwame, community nurse").

>>> forename_words("Follow up with Ayesha; Kwame's team")
['Ayesha', 'Kwame']
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def forename_words(text: str) -> list[str]:
    """Words of ``text`` that are listed forenames (the name gazetteer's ``forenames``: everyday
    words such as "Hope" or "Will" are not on it) and not everyday English words, in order, once
    each; words inside a phrase of the allow list ("Oliver McGowan Mandatory Training") are not.

    >>> forename_words("Ask Bronwen whether the hospital passport was read")
    ['Bronwen']
    >>> forename_words("the ICB LD lead; Named GP lead")
    []
    >>> forename_words("Ask Oliver to book the Oliver McGowan Mandatory Training")
    ['Oliver']
    """
    from ._allow_list import load_allow_list
    from ._case import everyday_words
    from .recognizers.people.name_gazetteer import forenames

    names, everyday = forenames(), everyday_words()
    out: list[str] = []
    allowed = load_allow_list().spans(text)
    for m in _WORD.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in allowed):
            continue
        word = _POSSESSIVE.sub("", m.group())
        low = word.lower()
        if low in names and low not in everyday and word not in out:
            out.append(word)
    return out


__all__ = ["forename_words"]
