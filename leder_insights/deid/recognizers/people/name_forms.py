"""Names written in forms the capitalised patterns miss: in lower case after a title or a relation
(``mrs ellingham``, ``his brother gareth thistlewood``), an initial glued to a surname
(``R.Fenchurch``), a dotted lower-case pair (``rosalind.fenchurch``) and a file name holding a
name (``fenchurch_r_statement.docx``).

A lower-case word is taken only when it is not an everyday word (spaCy's stop words, Faker's word
list, the care-record nouns, ``lower_not_name_words`` in ``conf/words.yaml``), not on the
allow-list, and not a verb form (``-ed``, ``-ing``, ``-ly``) unless it is a listed name. After a
relation word the first word must also be a listed forename ("his brother gareth", not "his brother
came"). Word lists are data: ``lower_titles``, ``lower_not_name_words``, ``file_extensions``,
``file_name_words``, ``dotted_not_names``, ``not_name_after_initial`` (organisms: "E.Coli").

>>> t = "mrs ellingham rang; his brother gareth thistlewood came. Signed R.Fenchurch."
>>> [t[r.start:r.end] for r in LowerTitledNameRecognizer().analyze(t, ["TITLED_PERSON"])]
['ellingham']
>>> [t[r.start:r.end] for r in LowerRoleNameRecognizer().analyze(t, ["ROLE_PERSON"])]
['gareth thistlewood']
>>> [t[r.start:r.end] for r in NameFormRecognizer().analyze(t, ["PERSON_NAME"])]
['R.Fenchurch']
"""
from __future__ import annotations

import functools
import re

from .._base import Pattern

from .... import registry
from ..._wordlists import words
from .._base import LederPatternRecognizer
from .role_name import ROLES

#: one lower-case word, hyphenated parts and an apostrophe allowed ("okonkwo-baptiste", "o'hara")
_LOWER = r"[a-zß-öø-ÿā-ž][a-zß-öø-ÿā-ž'’]+(?:-[a-zß-öø-ÿā-ž][a-zß-öø-ÿā-ž'’]+)*"
#: a name particle between two lower-case name words ("siobhán ní bhriain", "iolo ap gruffydd")
_PARTICLE = "|".join(sorted(words("name_particles"), key=lambda w: (-len(w), w)))
_TITLES = "|".join(sorted(words("lower_titles"), key=lambda w: (-len(w), w)))
_VERB_FORM = re.compile(r"(?:ed|ing|ly)$")


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset:
    from .context_name import common_words

    return common_words() | words("lower_not_name_words") | words("titles")


@functools.lru_cache(maxsize=1)
def _known() -> frozenset:
    from .name_gazetteer import known_names

    return known_names()


@functools.lru_cache(maxsize=1)
def _forenames() -> frozenset:
    from .name_gazetteer import forenames_wide

    return forenames_wide()


def _allowed(word: str) -> bool:
    from ..._allow_list import load_allow_list

    return load_allow_list().is_allowed_text(word)


def could_be_name(word: str) -> bool:
    """Whether a lower-case word may be a name: not an everyday word, a verb form or allow-listed.

    >>> could_be_name("ellingham"), could_be_name("said"), could_be_name("reviewed"), could_be_name("morphine")
    (True, False, False, False)
    """
    w = word.lower().strip("'’")
    if len(w) < 2 or w in _not_names():
        return False
    if _VERB_FORM.search(w) and w not in _known():
        return False
    return not _allowed(w)


def _keep_pair(text: str, start: int, end: int, first_listed: bool) -> tuple[int, int] | None:
    """The span of one or two lower-case name words at ``[start, end)``, or ``None``.

    The second word is kept only after a listed forename ("sandra pickering", "mrs sandra pickering").
    """
    parts = text[start:end].split()
    if not could_be_name(parts[0]) or (first_listed and parts[0].lower() not in _forenames()):
        return None
    if len(parts) == 3:  # "siobhán ní bhriain": a particle between two name words
        return (start, end) if could_be_name(parts[2]) else (start, start + len(parts[0]))
    if len(parts) == 2 and parts[0].lower() in _forenames() and could_be_name(parts[1]):
        return start, end
    return start, start + len(parts[0])


class _LowerNames(LederPatternRecognizer):
    FIRST_LISTED = False

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        out = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            span = _keep_pair(text, r.start, r.end, self.FIRST_LISTED)
            if span is not None:
                r.start, r.end = span
                out.append(r)
        return out


@registry.recognizers.register("person_lower_titled")
class LowerTitledNameRecognizer(_LowerNames):
    """A lower-case title and one or two lower-case name words: ``mrs ellingham``, ``dr okonkwo-baptiste``.

    Not after an article: "the mr scan", "a dr appointment" use the letters as a word.
    """

    ENTITY = "TITLED_PERSON"
    PATTERNS = [Pattern("lower_title_name",
                        rf"(?<![\w.-])(?<!\b(?i:the|an?)\s)(?:{_TITLES})\.?\s+(?P<ent>{_LOWER}(?:\s+(?:{_PARTICLE})\s+{_LOWER}"
                        rf"|\s+{_LOWER})?)(?![\w-])(?!\s*\d)", 0.6)]
    REGEX_MODULE = ("lower_title_name",)


@registry.recognizers.register("person_lower_role")
class LowerRoleNameRecognizer(_LowerNames):
    """A relation or role word and a lower-case listed forename (+ surname): ``his brother gareth
    thistlewood``, ``mum, sandra pickering, said``."""

    ENTITY = "ROLE_PERSON"
    FIRST_LISTED = True
    PATTERNS = [Pattern("lower_role_name",
                        rf"(?i:\b{ROLES})[,:]?\s+(?P<ent>{_LOWER}(?:\s+{_LOWER})?)(?![\w-])", 0.6)]
    REGEX_MODULE = ("lower_role_name",)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        # the role may be capitalised; the name must be lower case (capitalised ones: person_role)
        return [r for r in super().analyze(text, entities, nlp_artifacts, regex_flags) if text[r.start].islower()]


_EXT = "|".join(sorted(words("file_extensions"), key=lambda w: (-len(w), w)))


def _file_holds_name(name: str) -> bool:
    """Whether a file name's stem holds a word that may be a name ("fenchurch_r_statement.docx").

    >>> _file_holds_name("fenchurch_r_statement.docx"), _file_holds_name("discharge_summary_v2.pdf")
    (True, False)
    >>> _file_holds_name("MaureenFenchurchCarePlan.pdf"), _file_holds_name("CarePlanReview.pdf")
    (True, False)
    """
    stem = name.rsplit(".", 1)[0]
    for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", stem):  # CamelCase parts too ("DoreenHalsall")
        w = w.lower()
        if len(w) >= 3 and w not in words("file_name_words") and (w in _known() or could_be_name(w)):
            return True
    return False


def _camel_holds_name(token: str) -> bool:
    """Whether words run together in CamelCase hold a listed forename that is no everyday word
    ("DoreenHalsall_notes"); a Mc/Mac/Fitz name ("McDonald") or a product name ("PowerPoint",
    "SystmOne", "WhatsApp") does not, nor a token on the allow-list.

    >>> _camel_holds_name("MaureenFenchurch_notes"), _camel_holds_name("PowerPoint"), _camel_holds_name("McDonald")
    (True, False, False)
    """
    if re.match(r"(?:Ma?c|Fitz|De|Le|La|Van|Von|Di|Du|O)[A-Z]", token) or _allowed(token):
        return False
    parts = [p.lower() for p in re.findall(r"[A-Z][a-z]+", token)]
    return any(len(p) >= 3 and (p in _forenames() or p in _known()) and could_be_name(p) for p in parts)


def _dotted_pair_is_name(pair: str) -> bool:
    """Whether ``first.second`` in lower case may be a name: both parts may be names, and neither
    makes a domain or an abbreviation ("rosalind.fenchurch", not "nhs.uk" or "e.coli")."""
    parts = pair.lower().split(".")
    if any(len(p) < 3 or p in words("dotted_not_names") for p in parts):
        return False
    return all(p in _known() or could_be_name(p) for p in parts)


@registry.recognizers.register("person_name_forms")
class NameFormRecognizer(LederPatternRecognizer):
    """Names in a signature, a dotted lower-case pair, a file name or words run together in CamelCase."""

    ENTITY = "PERSON_NAME"
    PATTERNS = [
        # "R.Fenchurch", "R.Fenwick-Oduya": an initial glued to a surname
        Pattern("initial_glued", r"(?<![\w.@/])(?P<ent>[A-Z]\.[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)(?![\w@/]|\.\w)", 0.6),
        # "rosalind.fenchurch", "r.fenchurch" (no domain: an e-mail has its own recognizer)
        Pattern("dotted_lower", r"(?<![\w.@/:])(?P<ent>[a-z]{3,}\.[a-z]{3,})(?![\w@/-]|\.\w)", 0.55),
        # "fenchurch_r_statement.docx"
        Pattern("file_name", rf"(?<![\w./\\-])(?P<ent>[\w-]+(?:\.[\w-]+)*\.(?i:{_EXT}))(?![\w])", 0.6),
        # names run together in a file or folder name without an extension: "MaureenFenchurch_notes",
        # "FenchurchRosalind2021"
        Pattern("camel_name", r"(?<![\w./\\@-])(?P<ent>[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:[_-]?[A-Za-z0-9]+)*)(?![\w@/.-])",
                0.55),
    ]
    REGEX_MODULE = ("initial_glued", "dotted_lower", "file_name")

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        out = []
        for r in super().analyze(text, entities, nlp_artifacts, regex_flags):
            found = text[r.start:r.end]
            name = r.analysis_explanation.pattern_name if r.analysis_explanation else ""
            if name == "initial_glued":
                word = found[2:].split("-")[0].lower()
                keep = word not in words("not_name_after_initial") and (could_be_name(word) or word in _known())
            elif name == "dotted_lower":
                keep = _dotted_pair_is_name(found)
            elif name == "camel_name":
                keep = _camel_holds_name(found)
            else:
                keep = _file_holds_name(found)
            if keep:
                out.append(r)
        return out
