"""Replacement operators: typed placeholders and realistic surrogates, both keyed.

An operator turns one detected identifier into its replacement. Operators are registered by name
in :data:`leder_insights.registry.operators`, so a profile can name a plug-in operator::

    @registry.operators.register("my_operator")
    class MyOperator(Operator): ...

Both built-in operators are consistent within a document and across a corpus: the replacement is
derived with HMAC from the pseudonym key and the *normalised* value (case, possessive, titles and
spacing removed; a lone first name or surname is resolved against the full names in the same
document). Dates and ages are handled before the operator by the profile (shifted / banded).

>>> from ._keys import PseudonymKey
>>> from ._entities import Entity
>>> ctx = ReplaceContext(PseudonymKey(b"k" * 32), doc_key="r1")
>>> ctx.prepare(["Mrs Karen Smith", "Karen"])
>>> op = PlaceholderOperator()
>>> a = op.replace("Mrs Karen Smith", Entity(0, 15, "PERSON", "PERSON", 0.9, "spacy"), ctx)
>>> b = op.replace("Karen's", Entity(0, 7, "PERSON", "PERSON", 0.9, "spacy"), ctx)
>>> a.startswith("Mrs [PERSON_") and b == a[4:] + "'s"
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import registry
from ._dates import band_age_text, shift_date_text
from ._keys import PseudonymKey
from ._surrogates import (
    FEMALE_SET, MALE_SET, SURNAME_SET, _sex_of, looks_like_initials, normalise, parse_name,
    surrogate_email, surrogate_identifier, surrogate_location, surrogate_nhs_number, surrogate_nino,
    surrogate_organization, surrogate_person, surrogate_phone, surrogate_postcode, surrogate_url,
)

PLACEHOLDER = "placeholder"
SURROGATE = "surrogate"
OPERATOR_NAMES = (PLACEHOLDER, SURROGATE)

#: what happened to an entity (recorded in the audit, counted per category)
ACTIONS = ("placeholder", "surrogate", "date_shifted", "age_banded", "kept")


class NameResolver:
    """Links the name mentions of one document: ``Karen`` and ``Mrs Smith`` to ``Karen Smith``.

    Examples
    --------
    >>> r = NameResolver(["Karen Smith", "Dr Patel"])
    >>> r.canonical("KAREN"), r.role("Smith"), r.role("Karen")
    ('karen smith', 'surname', 'first')
    """

    def __init__(self, mentions=()):
        self.full: dict[str, dict] = {}       # canonical full name -> {first, last, sex}
        self.by_first: dict[str, set] = {}
        self.by_last: dict[str, set] = {}
        self.titled_sexes: dict[str, set] = {}
        for m in mentions:
            self.add(m)

    def add(self, mention: str) -> None:
        titles, tokens, _ = parse_name(mention)
        if len(tokens) == 1 and titles:  # "Ms Wall": remember which sexes the surname is used with
            sex = _sex_of(None, titles)
            if sex:
                self.titled_sexes.setdefault(normalise(tokens[0]), set()).add(sex)
        if len(tokens) < 2 or looks_like_initials(tokens):
            return
        norm = [normalise(t) for t in tokens]
        canon = " ".join(norm)
        sex = _sex_of(tokens[0], titles)
        info = self.full.setdefault(canon, {"first": norm[0], "last": norm[-1], "sex": None})
        info["sex"] = info["sex"] or sex
        self.by_first.setdefault(norm[0], set()).add(canon)
        self.by_last.setdefault(norm[-1], set()).add(canon)

    def _single(self, token: str, titled: bool, sex: str | None = None) -> str | None:
        if not titled:
            hits = self.by_first.get(token, set())
            if len(hits) == 1:
                return next(iter(hits))
        # "Ms Wall" is not "David Wall", "Mr Ball" is "Tom Ball" rather than "Ann Ball"
        both = len(self.titled_sexes.get(token, ())) > 1  # "Ms Wall" and "Mr Wall": two people
        hits = {h for h in self.by_last.get(token, set())
                if sex is None or self.full[h]["sex"] == sex or (self.full[h]["sex"] is None and not both)}
        if len(hits) == 1:
            return next(iter(hits))
        return None

    def canonical(self, mention: str) -> str:
        """The normalised full name this mention refers to (itself when it cannot be linked).

        A titled surname that cannot be linked keeps the sex of its title, so that "Mr Wall" and
        "Ms Wall" stay two people.

        >>> r = NameResolver(["David Wall", "Tom Ball", "Ann Ball"])
        >>> r.canonical("Ms Wall") != r.canonical("David"), r.canonical("Mr Ball"), r.canonical("Mr Wall")
        (True, 'tom ball', 'david wall')
        """
        titles, tokens, _ = parse_name(mention)
        norm = " ".join(normalise(t) for t in tokens)
        if len(tokens) == 1:
            sex = _sex_of(None, titles) if titles else None
            full = self._single(norm, bool(titles), sex)
            if full:
                return full
            if sex:
                return f"{norm} ({sex})"
        return norm

    def role(self, mention: str) -> str:
        """For a single-token mention: ``first`` or ``surname``."""
        titles, tokens, _ = parse_name(mention)
        if titles:
            return "surname"
        tok = normalise(tokens[0]) if tokens else ""
        if tok in self.by_first:
            return "first"
        if tok in self.by_last:
            return "surname"
        if tok in SURNAME_SET and tok not in FEMALE_SET and tok not in MALE_SET:
            return "surname"
        return "first"

    def sex(self, mention: str) -> str | None:
        info = self.full.get(self.canonical(mention))
        return info["sex"] if info else None


@dataclass
class ReplaceContext:
    """Everything an operator needs for one document (a review with several fields).

    Parameters
    ----------
    key : PseudonymKey
    doc_key : str
        The review id: the date offset and document numbering are per review.
    date_offset : int
        Days to shift dates (0 when dates are not shifted).
    numbering : {"keyed", "document"}
        Placeholder numbers from the HMAC (corpus-consistent) or 1, 2, ... per document.
    """

    key: PseudonymKey
    doc_key: str = ""
    date_offset: int = 0
    numbering: str = "keyed"
    shift_dates: bool = False
    age_bands: bool = False
    names: NameResolver = field(default_factory=NameResolver)
    #: a title written just before the current person mention, outside its span ("Ms" of "Ms Wall")
    title_before: str = ""
    _numbers: dict = field(default_factory=dict, repr=False)

    def prepare(self, person_mentions) -> None:
        """Register the document's person mentions before replacing (links lone names)."""
        for m in person_mentions:
            self.names.add(m)

    def number(self, category: str, canonical: str) -> int:
        """Placeholder number for a value (same value -> same number)."""
        slot = (category, canonical)
        if slot not in self._numbers:
            if self.numbering == "document":
                self._numbers[slot] = 1 + sum(1 for c, _ in self._numbers if c == category)
            else:
                self._numbers[slot] = 99_999 + self.key.integer(f"ph:{category}", canonical, 900_000)
        return self._numbers[slot]


def canonical_value(text: str, entity, ctx: ReplaceContext) -> str:
    """The normalised form of an identifier used for consistent pseudonyms.

    >>> from ._keys import PseudonymKey
    >>> from ._entities import Entity
    >>> ctx = ReplaceContext(PseudonymKey(b"k" * 32))
    >>> e = Entity(0, 12, "UK_NHS", "ID", 1.0, "uk_nhs_number")
    >>> canonical_value("943 476 5919", e, ctx) == canonical_value("943-476-5919", e, ctx)
    True
    """
    cat, etype = entity.category, entity.entity_type
    if cat == "PERSON":
        return ctx.names.canonical(f"{ctx.title_before} {text}" if ctx.title_before else text)
    if cat == "ID":
        return re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if cat == "CONTACT":
        if etype == "UK_PHONE" or re.fullmatch(r"[\d\s()+-]+", text.strip()):
            digits = re.sub(r"\D", "", text)
            return "0" + digits[2:] if digits.startswith("44") else digits
        return text.strip().casefold()
    if etype == "UK_POSTCODE":
        return re.sub(r"\s", "", text).upper()
    norm = normalise(text)
    if cat == "ORGANIZATION" and norm.startswith("the "):
        norm = norm[4:]
    return norm


class Operator:
    """Base class: ``replace(text, entity, ctx) -> str``."""

    name = "operator"

    def replace(self, text: str, entity, ctx: ReplaceContext) -> str:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


@registry.operators.register(PLACEHOLDER)
class PlaceholderOperator(Operator):
    """``[PERSON_482913]`` (keyed numbering) or ``[PERSON_1]`` (document numbering).

    Titles and possessives of person mentions stay outside the placeholder
    (``Mrs [PERSON_204817]'s``) so the sentence still reads naturally.
    """

    name = PLACEHOLDER

    def replace(self, text: str, entity, ctx: ReplaceContext) -> str:
        n = ctx.number(entity.category, canonical_value(text, entity, ctx))
        tag = f"[{entity.category}_{n}]"
        if entity.category == "PERSON":
            titles, tokens, poss = parse_name(text)
            lead = " ".join(titles) + " " if titles and tokens else ""
            return f"{lead}{tag}{poss}"
        return tag


@registry.operators.register(SURROGATE)
class SurrogateOperator(Operator):
    """Realistic UK surrogates of the same shape (see :mod:`._surrogates`)."""

    name = SURROGATE

    def replace(self, text: str, entity, ctx: ReplaceContext) -> str:
        cat, etype, key = entity.category, entity.entity_type, ctx.key
        if cat == "PERSON":
            return surrogate_person(key, text, role=ctx.names.role(text), sex_hint=ctx.names.sex(text))
        if cat == "ORGANIZATION":
            return surrogate_organization(key, text)
        if cat == "LOCATION":
            if etype == "UK_POSTCODE":
                return surrogate_postcode(key, text)
            return surrogate_location(key, text)
        if cat == "ID":
            if etype == "UK_NHS":
                return surrogate_nhs_number(key, text)
            if etype == "UK_NINO":
                return surrogate_nino(key, text)
            return surrogate_identifier(key, text)
        if cat == "CONTACT":
            if etype == "SOCIAL_HANDLE":
                return "@" + surrogate_identifier(key, text.lstrip("@"))
            if "@" in text and etype != "URL":
                return surrogate_email(key, text)
            if etype == "URL" or re.search(r"(?i)https?://|www\.|\.[a-z]{2,4}/", text):
                return surrogate_url(key, text)
            if sum(c.isdigit() for c in text) >= 6:
                return surrogate_phone(key, text)
            return surrogate_identifier(key, text)
        # DATE and AGE reach an operator only when they could not be shifted or banded
        return PlaceholderOperator().replace(text, entity, ctx)


def replace_entity(text: str, entity, ctx: ReplaceContext, operator: Operator,
                   keep_org_types=()) -> tuple[str, str]:
    """Replace one identifier under the profile rules; returns ``(action, replacement)``.

    Order: local organisations of a kept type stay; dates are shifted (format kept) when the
    profile shifts dates or the operator is a surrogate, otherwise or when unparseable they become
    ``[DATE_n]``; ages are banded likewise; everything else goes to ``operator``.
    """
    cat = entity.category
    if cat == "ORGANIZATION" and entity.entity_type in keep_org_types:
        return "kept", text
    surrogate = operator.name == SURROGATE
    if cat == "DATE" and (ctx.shift_dates or surrogate) and ctx.date_offset:
        new = shift_date_text(text, ctx.date_offset)
        if new is not None and new != text:
            return "date_shifted", new
        return "placeholder", PlaceholderOperator().replace(text, entity, ctx)
    if cat == "AGE" and (ctx.age_bands or surrogate):
        new = band_age_text(text)
        if new is not None:
            return ("kept" if new == text else "age_banded"), new
        return "placeholder", PlaceholderOperator().replace(text, entity, ctx)
    return operator.name, operator.replace(text, entity, ctx)


def get_operator(name: str) -> Operator:
    """The registered operator ``name`` (``[E004]`` listing the registered ones if unknown)."""
    factory = registry.get(registry.operators, name)
    return factory() if isinstance(factory, type) else factory


__all__ = ["Operator", "PlaceholderOperator", "SurrogateOperator", "ReplaceContext", "NameResolver",
           "replace_entity", "canonical_value", "get_operator", "PLACEHOLDER", "SURROGATE",
           "OPERATOR_NAMES", "ACTIONS"]
