"""A Presidio ``PatternRecognizer`` that is case-sensitive by default and can report a sub-span.

Patterns may contain a named group ``ent``: when it matched, the result covers only that group
(e.g. the name after a title: ``Dr (?P<ent>Patel)``). Subclasses set class constants
``ENTITY``, ``PATTERNS``, ``CONTEXT`` and ``FLAGS`` and may override ``validate_result`` /
``invalidate_result`` like any Presidio recognizer. ``REQUIRED`` maps a pattern name to literal
strings of which every match contains at least one ("Police" for a police force): the pattern is
not run on texts that contain none of them (the same results, without scanning the text).

>>> from presidio_analyzer import Pattern
>>> class Demo(LederPatternRecognizer):
...     ENTITY = "PERSON"
...     PATTERNS = [Pattern("title", r"\\bDr\\s+(?P<ent>[A-Z][a-z]+)", 0.6)]
>>> [(r.start, r.end) for r in Demo().analyze("Seen by Dr Patel.", ["PERSON"])]
[(11, 16)]
"""
from __future__ import annotations

import re
from typing import ClassVar, Dict, List, Optional, Tuple

import regex
import presidio_analyzer

from ._prescan import LiteralIndex, Needed, compile_skipping, required_literals
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, PatternRecognizer, RecognizerResult

#: month names for date-like patterns (shared by several recognizers)
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: month names written in full only ("May" but not "Mar")
FULL_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
               r"December)")
#: characters typed between the groups of a number or code ("943|476|5919", "LS6\\3QP", "07700:900:123"):
#: the one separator class of the identifier recognizers (NHS, phone, postcode, NI number). Unicode
#: dashes, minus signs and middle dots reach them as "-" and "." (the normaliser folds them)
SEP_CHARS = r" .\-/\\_|~:,+*"
SEP = f"[{SEP_CHARS}]"
#: upper-case Latin letters, accented ones included ("Łukasz", "WÓJCIK", "Émile"), for classes
UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper() and ch.isalpha())
#: a capitalised word that can be part of a proper name (allows O'Brien, McDonald, Smith-Jones)
NAME_WORD = (r"(?:[A-Z][a-z]+(?:-[a-z]+)+-[A-Z][a-z]+|[A-Z][a-z]*['’][A-Z][\w]+|Ma?c[A-Z][a-z]+|"
             r"[A-Z][a-z]+[A-Z][a-z]+|"
             rf"[{UPPER}][^\W\d_{UPPER}]+(?:-[{UPPER}][^\W\d_{UPPER}]+)?)")
#: an ALL-CAPS name word ("SMITH", "O'BRIEN", "WÓJCIK")
CAPS_WORD = rf"[{UPPER}]{{2,}}(?:['’-][{UPPER}]{{2,}})?"
#: a word inside an organisation name: also possessives ("Queen's", "St Thomas'")
ORG_WORD = rf"(?:{NAME_WORD}(?:['’]s?(?!\w))?)"


_SHARED_FLAGS = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE")


def _std_flags(flags: int) -> Optional[int]:
    """``regex`` flags as ``re`` flags, or ``None`` when one has no ``re`` equivalent."""
    std = 0
    rest = flags
    for name in _SHARED_FLAGS:
        bit = getattr(regex, name)
        if flags & bit:
            std |= getattr(re, name)
            rest &= ~bit
    return None if rest else std


def _compile(pattern: str, flags: int):
    """The standard library's ``re`` when it compiles the pattern (about 1.7 times faster on our
    patterns, same matches), else the ``regex`` module (variable-length look-behind and the like).
    ``re`` patterns skip, in C, every position where no match can start (:func:`compile_skipping`).

    >>> type(_compile(r"\\bDr\\s+[A-Z]", regex.MULTILINE)).__module__, type(_compile(r"(?<=\\bin\\s+)X", 0)).__module__
    ('re', '_regex')
    """
    std = _std_flags(flags)
    if std is not None:
        try:
            return compile_skipping(pattern, std)
        except re.error:
            pass
    return regex.compile(pattern, flags=flags)


#: characters outside printable ASCII on which ``re`` and ``regex`` agree in every respect a
#: pattern can test (none is a word character, a digit, a space or cased; a test checks both
#: engines): typographic quotes, dashes, bullet, ellipsis, middle dot, pound and degree signs
PLAIN_EXTRA = "\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026\u00b7\u00a3\u00b0"
_NOT_PLAIN = re.compile(f"[^\t\n\r\x20-\x7e{PLAIN_EXTRA}]")


def plain_text(text: str) -> bool:
    """Whether ``text`` holds only printable ASCII, tabs, line breaks and :data:`PLAIN_EXTRA`:
    there the standard library's ``re`` and the ``regex`` module match alike (they differ on
    some letters under IGNORECASE, on the spaces ``\\s`` takes and on the digits ``\\w`` takes).

    >>> plain_text("Seen by Dr Patel \u2013 10:30."), plain_text("K\u0130NG"), plain_text("a\x1cb")
    (True, False, False)
    """
    return _NOT_PLAIN.search(text) is None


def _plain_twin(pattern: str, flags: int):
    """``pattern`` compiled with ``re`` (:func:`compile_skipping`) for :func:`plain_text` texts,
    or ``None`` when ``re`` cannot compile it."""
    std = _std_flags(flags)
    if std is None:
        return None
    try:
        return compile_skipping(pattern, std)
    except re.error:
        return None


class Pattern(presidio_analyzer.Pattern):
    """Presidio's ``Pattern`` without its compile-to-validate at construction.

    Presidio compiles every pattern with the ``regex`` module as soon as it is made; our patterns
    are class constants, so that cost (about 1.5 s for ~270 patterns) was paid by every process
    that imported the recognizers. :class:`LederPatternRecognizer` compiles each pattern once when
    it is instantiated, and a bad pattern fails there.

    >>> Pattern("title", r"\\bDr\\s+(?P<ent>[A-Z][a-z]+)", 0.6).score
    0.6
    >>> Pattern("bad", "x", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: Invalid score: 1.5. Score should be between 0 and 1
    """

    def __init__(self, name: str, regex: str, score: float):
        if not 0 <= score <= 1:
            raise ValueError(f"Invalid score: {score}. Score should be between 0 and 1")
        self.name = name
        self.regex = regex
        self.score = score
        self.compiled_regex = None
        self.compiled_with_flags = None


class LederPatternRecognizer(PatternRecognizer):
    """Base class of our regex recognizers (case-sensitive; optional ``ent`` sub-span)."""

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[List[Pattern]] = []
    CONTEXT: ClassVar[List[str]] = []
    FLAGS: ClassVar[int] = regex.MULTILINE
    COUNTRY_CODE: ClassVar[Optional[str]] = None
    #: pattern name -> literals one of which every match contains (a cheap pre-check)
    REQUIRED: ClassVar[Dict[str, Tuple[str, ...]]] = {}
    #: patterns compiled with the ``regex`` module although ``re`` accepts them, because ``regex``
    #: scans them faster (measured: case-insensitive word alternations, leading look-behinds)
    REGEX_MODULE: ClassVar[Tuple[str, ...]] = ()

    def __init__(self, patterns: Optional[List[Pattern]] = None, context: Optional[List[str]] = None,
                 supported_language: str = "en", supported_entity: Optional[str] = None,
                 name: Optional[str] = None):
        super().__init__(supported_entity=supported_entity or self.ENTITY,
                         patterns=list(patterns if patterns is not None else self.PATTERNS),
                         context=list(context if context is not None else self.CONTEXT),
                         supported_language=supported_language,
                         name=name or type(self).__name__,
                         global_regex_flags=self.FLAGS)
        self._compiled = [(p, regex.compile(p.regex, flags=self.FLAGS) if p.name in self.REGEX_MODULE
                           else _compile(p.regex, self.FLAGS), self.REQUIRED.get(p.name, ()))
                          for p in self.patterns]
        # a pattern kept on the ``regex`` module is also compiled with ``re`` where it can be: on a
        # text of plain characters (:func:`plain_text`) both engines find the same matches, and
        # ``re`` with :func:`compile_skipping` is the faster one there
        self._plain = [_plain_twin(p.regex, self.FLAGS) if p.name in self.REGEX_MODULE else None
                       for p in self.patterns]
        # strings every match contains (read from each pattern): a text lacking one set of them
        # is not scanned with that pattern (same results; most patterns find nothing in a text)
        std = _std_flags(self.FLAGS)
        self._needed = [Needed(required_literals(p.regex, std, regex_module=not isinstance(rx, re.Pattern))
                               if std is not None else ()) or None for p, rx, _ in self._compiled]
        self.use_literal_index(self.own_literal_index())

    def own_literal_index(self) -> LiteralIndex:
        """A :class:`LiteralIndex` of the strings this recognizer's patterns need."""
        return LiteralIndex(folded=[s for n in self._needed if n for strings in n.sets for s in strings],
                            raw=[w for _, _, required in self._compiled for w in required])

    def use_literal_index(self, index: LiteralIndex) -> None:
        """Check the strings the patterns need with ``index``, which must hold them all (the
        detector gives every recognizer one index, so that a text is read once for all of them)."""
        checks = []
        for (_, _, required), needed in zip(self._compiled, self._needed):
            raw = frozenset(required) if required and "" not in required else None
            sets = tuple(frozenset(strings) for strings in needed.sets) if needed else None
            if not (raw or frozenset()) <= index.raw or not all(s <= index.folded for s in sets or ()):
                raise ValueError(f"the literal index lacks strings of {self.name}")
            checks.append((raw, sets))
        self._checks = checks
        self._index = index

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None,
                regex_flags: Optional[int] = None) -> List[RecognizerResult]:
        """Run every pattern; keep a match unless validation rejects it."""
        results: list[RecognizerResult] = []
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        # which needed strings the text holds: one pass for all patterns (all recognizers of the
        # detector share the pass through the per-text cache it puts on ``nlp_artifacts``)
        cache = getattr(nlp_artifacts, "leder_literals", None)
        if cache is None:
            raw, folded = self._index.present(text)
        else:
            key = (self._index, text)
            got = cache.get(key)
            if got is None:
                got = cache[key] = self._index.present(text)
            raw, folded = got
        plain = None
        for (pattern, rx, _), (required, sets), twin in zip(self._compiled, self._checks, self._plain):
            if required is not None and raw.isdisjoint(required):
                continue
            if sets is not None:  # plain loops: this runs ~150 times per text
                absent = False
                for strings in sets:
                    if folded.isdisjoint(strings):
                        absent = True
                        break
                if absent:
                    continue
            if twin is not None:
                if plain is None:
                    plain = plain_text(text)
                if plain:
                    rx = twin
            for m in rx.finditer(text):
                if "ent" in rx.groupindex and m.start("ent") >= 0:
                    start, end = m.span("ent")
                else:
                    start, end = m.span()
                if start == end:
                    continue
                found = text[start:end]
                score = pattern.score
                valid = self.validate_result(found)
                if valid is not None:
                    score = EntityRecognizer.MAX_SCORE if valid else EntityRecognizer.MIN_SCORE
                if self.invalidate_result(found):
                    score = EntityRecognizer.MIN_SCORE
                if score > EntityRecognizer.MIN_SCORE:
                    why = AnalysisExplanation(recognizer=self.name, original_score=pattern.score,
                                              pattern_name=pattern.name,
                                              validation_result=valid)  # type: ignore[arg-type]  # None: not validated
                    results.append(RecognizerResult(self.supported_entities[0], start, end, score,
                                                    analysis_explanation=why,
                                                    recognition_metadata=dict(meta)))
        # (most calls find nothing or one thing, which de-duplication leaves as it is)
        return EntityRecognizer.remove_duplicates(results) if len(results) > 1 else results


def share_literal_index(recognizers) -> None:
    """Give the :class:`LederPatternRecognizer` among ``recognizers`` one :class:`LiteralIndex`
    of all the strings their patterns need, so that a text is read once for all of them (when
    the caller puts a per-text ``leder_literals`` dict on the ``nlp_artifacts`` it passes)."""
    ours = [r for r in recognizers if isinstance(r, LederPatternRecognizer)]
    if ours:
        shared = LiteralIndex(folded=frozenset().union(*[r._index.folded for r in ours]),
                              raw=frozenset().union(*[r._index.raw for r in ours]))
        for rec in ours:
            rec.use_literal_index(shared)


__all__ = ["LederPatternRecognizer", "Pattern", "share_literal_index", "MONTHS", "NAME_WORD", "ORG_WORD", "SEP", "SEP_CHARS"]

#: first words that never start a local-service name ("The care home", "His GP Surgery")
NOT_A_NAME_START = (r"(?!(?:The|A|An|This|That|These|Those|His|Her|Their|Our|Its|My|Your|Each|Every|"
                    r"Any|Local|Residential|Nursing|Supported|Care|Private|General|District|Acute|"
                    r"Community|Specialist|Mental|Emergency|In|At|On|To|From|Of|And|For|With|By|When|"
                    r"Whilst|While|After|Before|During|He|She|They|It|We|I|NHS|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Nurse|"
                    r"Sister|Dear|Department|Departments|Seen|Admitted|Discharged|Transferred|Attended|Visited|Called)\b)")


def proper_sequence(max_words: int = 5) -> str:
    """Regex for 1..``max_words`` capitalised words, allowing ``of``/``and``/``St``/``&`` inside."""
    inner = rf"(?:{ORG_WORD}|St\.?|&|of|and|upon|on|in|the|[A-Z]{{2,5}})"
    return rf"{NOT_A_NAME_START}(?:{ORG_WORD}|St\.?)(?:\s+{inner}){{0,{max_words - 1}}}"


__all__ += ["NOT_A_NAME_START", "proper_sequence"]
