"""The versioned allow-list: terms that look like identifiers but are not (and must survive).

Clinical eponyms (Down's syndrome), legislation (Mental Capacity Act), national bodies (NHS
England, CQC), generic roles (the GP, the coroner) and clinical acronyms (NEWS2, SALT, DNACPR).
A detected span is dropped when its text equals an allowed term or it lies inside an occurrence
of one; identifiers with a fixed shape (ID, CONTACT, DATE, AGE) are never dropped.

>>> al = load_allow_list()
>>> al.is_allowed_text("Down's syndrome"), al.is_allowed_text("Karen")
(True, False)
>>> text = "He had Down's syndrome."
>>> al.covers(text, 7, 11)   # "Down" inside "Down's syndrome"
True
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from ..errors import ConfigError, Errors
from ._entities import Entity

ALLOW_LIST_PATH = Path(__file__).parent / "conf" / "allow_list.yaml"
#: categories whose shape proves they are identifiers; the allow-list never removes them
NEVER_ALLOWED_CATEGORIES = frozenset({"ID", "CONTACT", "DATE", "AGE"})
_TOKEN_RX = re.compile(r"[\w&]+(?:['’][\w]+)*")


def _norm_token(tok: str) -> str:
    # str.replace, not a regex: this runs for every word of every text
    return tok.replace("'", "").replace("’", "").lower()


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(_norm_token(m.group()) for m in _TOKEN_RX.finditer(phrase))


@dataclass
class AllowList:
    """Allowed phrases (matched token by token, case- and apostrophe-insensitive) and acronyms
    (case-sensitive single tokens).

    Parameters
    ----------
    phrases : sequence of str
    acronyms : sequence of str
    version : str
    """

    phrases: Sequence[str]
    acronyms: Sequence[str]
    version: str = "1"
    _keys: frozenset = field(init=False, repr=False)
    _max_len: dict = field(init=False, repr=False)

    def __post_init__(self):
        keys = {_phrase_key(p) for p in self.phrases}
        keys.discard(())
        self._keys = frozenset(keys)
        self._max_len = {}
        for k in keys:
            self._max_len[k[0]] = max(self._max_len.get(k[0], 0), len(k))
        self._acronyms = frozenset(self.acronyms)
        self._last = None

    def is_allowed_text(self, span_text: str) -> bool:
        """Whether ``span_text`` is itself an allowed term (a leading "the" is ignored)."""
        stripped = span_text.strip(" \t\n.,;:()'\"’")
        if stripped in self._acronyms:
            return True
        key = _phrase_key(stripped)
        if key and key[0] == "the" and key not in self._keys:
            key = key[1:]
        return bool(key) and key in self._keys

    def _scan(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        found = list(_TOKEN_RX.finditer(text, lo, hi))
        raws = [m.group() for m in found]
        norms = [t.replace("'", "").replace("’", "").lower() for t in raws]  # _norm_token, inline
        # only tokens that start an allowed phrase or are an acronym are looked at (few of them)
        starts = self._max_len
        todo = [i for i, w in enumerate(norms) if w in starts]
        if not self._acronyms.isdisjoint(raws):
            todo = sorted(set(todo).union(i for i, r in enumerate(raws) if r in self._acronyms))
        out = []
        for i in todo:
            s = found[i].start()
            if raws[i] in self._acronyms:
                out.append((s, found[i].end()))
            n = starts.get(norms[i], 0)
            for j in range(min(n, len(found) - i), 0, -1):
                if tuple(norms[i:i + j]) in self._keys:
                    out.append((s, found[i + j - 1].end()))
                    break
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of every allowed-term occurrence in ``text`` (the last text's are kept:
        the detector filters one text twice, before and after its second pass)."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        found = sorted(self._scan(text, 0, len(text)))
        self._last = (text, found)
        return found

    def spans_near(self, text: str, start: int, end: int, margin: int = 120) -> list[tuple[int, int]]:
        """Allowed-term occurrences found in ``[start - margin, end + margin)``."""
        lo, hi = max(start - margin, 0), min(end + margin, len(text))
        while lo > 0 and not text[lo - 1].isspace():  # do not start mid-word
            lo -= 1
        return self._scan(text, lo, hi)

    def covers(self, text: str, start: int, end: int, spans: Iterable[tuple[int, int]] | None = None
               ) -> bool:
        """Whether ``text[start:end]`` is allowed (equals a term or lies inside an occurrence)."""
        if self.is_allowed_text(text[start:end]):
            return True
        for s, e in (self.spans_near(text, start, end) if spans is None else spans):
            if s <= start and end <= e:
                return True
        return False

    def filter(self, text: str, entities: Sequence[Entity]) -> list[Entity]:
        """Drop entities that the allow-list covers (never ID, CONTACT, DATE or AGE)."""
        candidates = [e for e in entities if e.category not in NEVER_ALLOWED_CATEGORIES]
        if len(candidates) < 4:  # a few look-ups near each entity beat one scan of the text
            return [e for e in entities
                    if e.category in NEVER_ALLOWED_CATEGORIES or not self.covers(text, e.start, e.end)]
        spans = self.spans(text)  # one scan of the whole text serves every entity
        return [e for e in entities
                if e.category in NEVER_ALLOWED_CATEGORIES or not self.covers(text, e.start, e.end, spans)]


@functools.lru_cache(maxsize=4)
def load_allow_list(path: str | Path | None = None) -> AllowList:
    """Load the allow-list YAML (defaults to the one shipped in ``deid/conf``)."""
    path = Path(path) if path else ALLOW_LIST_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    groups = data.get("phrases") or {}
    phrases = [p for v in (groups.values() if isinstance(groups, dict) else [groups]) for p in v]
    return AllowList(phrases=phrases, acronyms=list(data.get("acronyms") or []),
                     version=str(data.get("version", "1")))


__all__ = ["AllowList", "load_allow_list", "ALLOW_LIST_PATH", "NEVER_ALLOWED_CATEGORIES"]
