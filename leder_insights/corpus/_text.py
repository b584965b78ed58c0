"""Build texts by concatenating segments while recording gold spans as they are written.

Nothing is ever searched for afterwards: an entity's offsets are the length of the text before it
was appended, so ``text[start:end]`` is the inserted value by construction.

>>> b = TextBuilder()
>>> _ = b.add("Seen by Dr ").ent("Patel", "PERSON", "PERSON").add(" on ")
>>> _ = b.ent("16.11.22", "DATE", "DATE").add(".")
>>> b.text()
'Seen by Dr Patel on 16.11.22.'
>>> [(e.start, e.end, e.category) for e in b.entities]
[(11, 16, 'PERSON'), (20, 28, 'DATE')]
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Callable, Mapping, Union


@dataclass(frozen=True)
class Span:
    """A gold identifier span inside one text field."""

    start: int
    end: int
    category: str
    entity_type: str
    text: str


@dataclass
class Item:
    """A gold learning-point span (one list item or sentence as written in the field)."""

    start: int
    end: int
    text: str
    polarity: str
    themes: tuple[str, ...]
    cue: str


class TextBuilder:
    """Append-only text with identifier and learning-point spans recorded on the fly."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.entities: list[Span] = []
        self.items: list[Item] = []
        #: treat an empty builder as mid-sentence (items after the first in a ``;`` list)
        self.start_lower = False

    def __len__(self) -> int:
        return self._len

    def add(self, s: str) -> "TextBuilder":
        """Append plain text (no identifier)."""
        if s:
            self._parts.append(s)
            self._len += len(s)
        return self

    def ent(self, s: str, category: str, entity_type: str) -> "TextBuilder":
        """Append an identifier and record its span."""
        if not s:
            raise ValueError("empty entity text")
        start = self._len
        self.add(s)
        self.entities.append(Span(start, self._len, category, entity_type, s))
        return self

    def text(self) -> str:
        return "".join(self._parts)

    def tail(self, n: int) -> str:
        """The last ``n`` characters written (used to decide capitalisation)."""
        out = ""
        for part in reversed(self._parts):
            out = part + out
            if len(out) >= n:
                break
        return out[-n:]

    def at_sentence_start(self) -> bool:
        """True when the next word should be capitalised."""
        t = self.tail(4)
        if not t.strip(" ") and self._len <= 4:
            return not self.start_lower
        return t.rstrip(" ").endswith((".", "!", "?", ":", "\n")) or t.endswith((" - ", " – "))

    def add_cased(self, s: str) -> "TextBuilder":
        """Append plain text, capitalising its first letter at the start of a sentence."""
        if s and self.at_sentence_start():
            s = s[:1].upper() + s[1:]
        return self.add(s)

    def extend(self, other: "TextBuilder") -> "TextBuilder":
        """Append another builder's text, shifting its spans."""
        off = self._len
        for e in other.entities:
            self.entities.append(Span(e.start + off, e.end + off, e.category, e.entity_type, e.text))
        for it in other.items:
            self.items.append(Item(it.start + off, it.end + off, it.text, it.polarity, it.themes, it.cue))
        for p in other._parts:
            self._parts.append(p)
        self._len += len(other)
        return self


#: a slot value: plain text, or a function that writes into the builder (to record entities)
Slot = Union[str, Callable[[TextBuilder], None]]

_ALT = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def expand(template: str, rng: random.Random) -> str:
    """Resolve ``[a|b|c]`` alternatives (nesting allowed, innermost first); ``[a|]`` is optional.

    >>> expand("[no|little] [concern|worry]", random.Random(0)) in {
    ...     "no concern", "no worry", "little concern", "little worry"}
    True
    """
    while True:
        new = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
        if new == template:
            new = re.sub(r"  +", " ", new).strip()
            return new.replace(" ,", ",").replace(" .", ".")
        template = new


def fill(b: TextBuilder, template: str, slots: Mapping[str, Slot]) -> None:
    """Write ``template`` into ``b``, replacing ``{name}`` with slot values (text or writers)."""
    pos = 0
    for m in _SLOT.finditer(template):
        b.add(template[pos:m.start()])
        val = slots[m.group(1)]
        if callable(val):
            val(b)
        else:
            b.add(val)
        pos = m.end()
    b.add(template[pos:])


def lower_first(template: str) -> str:
    """Lower-case a clause's first letter for use after a frame ("It was noted that ...")."""
    if template.startswith("{"):
        m = _SLOT.match(template)
        assert m is not None  # a template starting with "{" opens a slot
        name = m.group(1)
        if name[:1].isupper() and name.lower() in _PRONOUN_SLOTS:
            return "{" + name.lower() + "}" + template[m.end():]
        return template
    if len(template) > 1 and template[1].isupper():  # acronym: SALT, GP, DNACPR
        return template
    return template[:1].lower() + template[1:]


def upper_first(template: str) -> str:
    if template.startswith("{"):
        m = _SLOT.match(template)
        assert m is not None  # a template starting with "{" opens a slot
        name = m.group(1)
        if name.lower() in _PRONOUN_SLOTS:
            return "{" + name[:1].upper() + name[1:] + "}" + template[m.end():]
        return template
    return template[:1].upper() + template[1:]


_PRONOUN_SLOTS = {"he", "his", "him", "himself"}

__all__ = ["TextBuilder", "Span", "Item", "expand", "fill", "lower_first", "upper_first"]
