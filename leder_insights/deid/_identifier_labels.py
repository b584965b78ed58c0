"""Labels of record numbers and references (``conf/identifier_labels.yaml``) as regular expressions.

One file, one owner per label: ``labels`` and ``self_labels`` belong to the recognizer
``uk_record_number``, ``reference_labels`` to ``uk_reference_number``; the residual-risk gate
(its direct kind ``LABELLED_ID``) reads all of them. Each reader builds its pattern with
:func:`labelled_lead`; the pattern ends where the number starts, and the number itself is each
reader's own.

>>> import re
>>> m = re.search(labelled_lead(), "His RiO ID 1048823 was not linked.")
>>> m.group(), m.end()
('RiO ID ', 11)
>>> re.search(labelled_lead(), "Seen in the RiO notes on 3 May") is None
True
>>> re.search(labelled_lead(), "The StEIS reference 2021/18833 was open").group()
'StEIS reference '

>>> re.search(labelled_lead("record"), "Her Blue Badge number AB12 3456") is None   # not its label
True
>>> re.search(labelled_lead("reference"), "Her Blue Badge number AB12 3456").group()
'Blue Badge number '
"""
from __future__ import annotations

import functools
from pathlib import Path


from ._wordlists import read_lists, word_alternation

LABELS_PATH = Path(__file__).parent / "conf" / "identifier_labels.yaml"


@functools.lru_cache(maxsize=1)
def identifier_labels() -> dict:
    """The parsed label file (``labels``, ``self_labels``, ``reference_labels``, ``type_words``, ``links``,
    ``min_digits``)."""
    return read_lists(LABELS_PATH, ("labels", "self_labels", "reference_labels", "type_words", "links",
                                    "min_digits"))


_alts = word_alternation


#: which labels each owner reads (``None``: all, for the gate)
OWNERS = {"record": ("labels", "self_labels"), "reference": ("reference_labels",)}


def owned_labels(owner: str) -> tuple[list[str], list[str]]:
    """``(labels needing a type word, labels standing alone)`` of ``"record"`` or ``"reference"``."""
    d = identifier_labels()
    keys = OWNERS[owner]
    return ([str(w) for k in keys if k != "self_labels" for w in d[k]],
            [str(w) for w in d["self_labels"]] if "self_labels" in keys else [])


@functools.lru_cache(maxsize=4)
def labelled_lead(owner: str | None = None) -> str:
    """Regex (case-insensitive inside) for a label, its type word and linking words, up to the number.

    ``owner`` (``"record"``, ``"reference"``) keeps that recognizer's labels; ``None`` takes all.
    """
    d = identifier_labels()
    owners = [owner] if owner else list(OWNERS)
    typed = [w for o in owners for w in owned_labels(o)[0]]
    alone = [w for o in owners for w in owned_labels(o)[1]]
    label = rf"(?<![\w-])(?:{_alts(typed)})\s*(?:{_alts(d['type_words'])})(?![A-Za-z])\.?"
    links = rf"(?:\s*(?:{_alts(d['links'])})(?![A-Za-z]))*"
    if not alone:
        return rf"(?i:{label}{links})\s*"
    # a type word may follow a label that stands alone too ("StEIS reference 2021/18833": without it
    # the number read "reference 2021" and left the serial, attacker 7)
    self_label = (rf"(?<![\w-])(?:{_alts(alone)})(?![A-Za-z])\.?"
                  rf"(?:\s*(?:{_alts(d['type_words'])})(?![A-Za-z])\.?)?")
    return rf"(?i:(?:{label}|{self_label}){links})\s*"


def min_digits() -> int:
    """How many digits a labelled number has at least."""
    return int(identifier_labels()["min_digits"])


__all__ = ["identifier_labels", "labelled_lead", "min_digits", "owned_labels", "OWNERS", "LABELS_PATH"]
