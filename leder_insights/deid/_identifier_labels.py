"""Labels of local record numbers (``conf/identifier_labels.yaml``) as one regular expression.

Shared by the recognizer ``uk_record_number`` and the residual-risk gate (its direct kind
``LABELLED_ID``): the labels are data, each reader builds its own pattern from them. The pattern
ends where the number starts; the number itself is each reader's own.

>>> import re
>>> m = re.search(labelled_lead(), "His RiO ID 1048823 was not linked.")
>>> m.group(), m.end()
('RiO ID ', 11)
>>> re.search(labelled_lead(), "Seen in the RiO notes on 3 May") is None
True
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors

LABELS_PATH = Path(__file__).parent / "conf" / "identifier_labels.yaml"


@functools.lru_cache(maxsize=1)
def identifier_labels() -> dict:
    """The parsed label file (``labels``, ``self_labels``, ``type_words``, ``links``, ``min_digits``)."""
    try:
        data = yaml.safe_load(LABELS_PATH.read_text(encoding="utf-8")) or {}
        for key in ("labels", "self_labels", "type_words", "links", "min_digits"):
            data[key]  # noqa: B018  (a missing key is a broken file)
    except (OSError, yaml.YAMLError, KeyError) as exc:
        raise ConfigError(Errors.E001, path=LABELS_PATH, reason=exc) from exc
    return data


def _alts(words) -> str:
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                    for w in sorted({str(w) for w in words}, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def labelled_lead() -> str:
    """Regex (case-insensitive inside) for a label, its type word and linking words, up to the number."""
    d = identifier_labels()
    label = rf"(?<![\w-])(?:{_alts(d['labels'])})\s*(?:{_alts(d['type_words'])})(?![A-Za-z])\.?"
    self_label = rf"(?<![\w-])(?:{_alts(d['self_labels'])})(?![A-Za-z])\.?"
    links = rf"(?:\s*(?:{_alts(d['links'])})(?![A-Za-z]))*"
    return rf"(?i:(?:{label}|{self_label}){links})\s*"


def min_digits() -> int:
    """How many digits a labelled number has at least."""
    return int(identifier_labels()["min_digits"])


__all__ = ["identifier_labels", "labelled_lead", "min_digits", "LABELS_PATH"]
