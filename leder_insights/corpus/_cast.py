"""The people and places of one synthetic review, and the ways a review writes them.

Each mention writes its identifier into a :class:`TextBuilder` so the gold span is recorded as
the text is made. Titles ("Dr", "Mr") and possessive endings are outside the span; the name,
initial or nickname itself is inside.

>>> import random
>>> from faker import Faker
>>> from leder_insights.corpus._text import TextBuilder
>>> rng = random.Random(0); fake = Faker("en_GB"); fake.seed_instance(0)
>>> p = make_person(rng, fake, "female", "british", title="Dr")
>>> b = TextBuilder(); title_last(b, p); b.text() == "Dr " + p.last
True
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

from . import _lexicon as L
from ._text import TextBuilder

PRONOUNS = {
    "male": {"he": "he", "his": "his", "him": "him", "himself": "himself"},
    "female": {"he": "she", "his": "her", "him": "her", "himself": "herself"},
}


@dataclass
class Person:
    """A named person in a review (the deceased, family member or member of staff)."""

    first: str
    last: str
    sex: str
    title: str = ""
    relation: str = ""
    nickname: str = ""
    introduced: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def honorific(self) -> str:
        if self.title:
            return self.title
        return "Mr" if self.sex == "male" else "Ms"


def _pool(rng: random.Random, fake: Faker, sex: str, origin: str) -> tuple[str, str]:
    m = sex == "male"
    if origin == "irish":
        return rng.choice(L.IRISH_FIRST_M if m else L.IRISH_FIRST_F), rng.choice(L.IRISH_LAST)
    if origin == "polish":
        last = rng.choice(L.POLISH_LAST)
        if not m and last.endswith("ski"):
            last = last[:-1] + "a"
        return rng.choice(L.POLISH_FIRST_M if m else L.POLISH_FIRST_F), last
    if origin == "south_asian":
        return rng.choice(L.SOUTH_ASIAN_FIRST_M if m else L.SOUTH_ASIAN_FIRST_F), rng.choice(L.SOUTH_ASIAN_LAST)
    if origin == "black":
        return rng.choice(L.BLACK_FIRST_M if m else L.BLACK_FIRST_F), rng.choice(L.BLACK_LAST)
    if origin == "chinese":
        return rng.choice(L.CHINESE_FIRST_M if m else L.CHINESE_FIRST_F), rng.choice(L.CHINESE_LAST)
    if origin == "arab":
        return rng.choice(L.ARAB_FIRST_M if m else L.ARAB_FIRST_F), rng.choice(L.ARAB_LAST)
    first = fake.first_name_male() if m else fake.first_name_female()
    last = fake.last_name()
    while last in L.SURNAME_STOPLIST or first in L.SURNAME_STOPLIST:
        last = fake.last_name()
        first = fake.first_name_male() if m else fake.first_name_female()
    if rng.random() < 0.03:  # double-barrelled
        other = fake.last_name()
        if other != last and other not in L.SURNAME_STOPLIST:
            last = f"{last}-{other}"
    return first, last


def staff_origin(rng: random.Random) -> str:
    """Origin of a member of staff's name (the NHS and care workforce is diverse)."""
    return rng.choices(["british", "south_asian", "black", "irish", "polish", "chinese", "arab"],
                       [0.5, 0.2, 0.13, 0.07, 0.05, 0.03, 0.02])[0]


def make_person(rng: random.Random, fake: Faker, sex: str, origin: str, *, title: str = "",
                relation: str = "", last: str | None = None) -> Person:
    first, surname = _pool(rng, fake, sex, origin)
    return Person(first=first, last=last or surname, sex=sex, title=title, relation=relation)


# --- mention writers ------------------------------------------------------------------------

def full(b: TextBuilder, p: Person, caps: bool = False) -> None:
    """"John Smith" or "John SMITH" as one PERSON span."""
    b.ent(f"{p.first} {p.last.upper() if caps else p.last}", "PERSON", "PERSON")


def first(b: TextBuilder, p: Person) -> None:
    b.ent(p.first, "PERSON", "PERSON")


def title_last(b: TextBuilder, p: Person, caps: bool = False) -> None:
    """"Dr Patel" (or "Dr PATEL"): the title is not part of the span."""
    b.add(p.honorific + " ").ent(p.last.upper() if caps else p.last, "PERSON", "PERSON")


def title_initial(b: TextBuilder, p: Person, of_first: bool = True) -> None:
    """"Mr J": an initial used as a name."""
    b.add(p.honorific + " ").ent((p.first if of_first else p.last)[0], "PERSON", "PERSON")


def initials(b: TextBuilder, p: Person) -> None:
    """"JS": initials used as a name."""
    b.ent(p.first[0] + p.last[0], "PERSON", "PERSON")


def possessive(b: TextBuilder, writer, p: Person, apostrophe: bool = True) -> None:
    """"Karen's" (span "Karen"), or the typo "Karens" (span "Karen")."""
    writer(b, p)
    b.add("'s" if apostrophe else "s")


class Deceased:
    """How this review refers to the person who died (consistent style, rare variants)."""

    def __init__(self, rng: random.Random, p: Person) -> None:
        self.rng = rng
        self.p = p
        self.style = rng.choices(["first", "initials", "title_initial", "nickname", "title_last"],
                                 [0.62, 0.12, 0.08, 0.1 if p.nickname else 0.0, 0.08])[0]

    def _writer(self):
        r = self.rng.random()
        p = self.p
        if r < 0.03:
            return lambda b, p=p: b.ent(p.first.lower(), "PERSON", "PERSON")  # typo
        if r < 0.06:
            return lambda b, p=p: title_last(b, p)
        if r < 0.08:
            return lambda b, p=p: b.ent(p.last, "PERSON", "PERSON")  # surname alone
        if r < 0.10 and p.nickname:
            return lambda b, p=p: b.ent(p.nickname, "PERSON", "PERSON")
        if self.style == "first":
            return lambda b, p=p: first(b, p)
        if self.style == "initials":
            return lambda b, p=p: initials(b, p)
        if self.style == "title_initial":
            return lambda b, p=p: title_initial(b, p)
        if self.style == "nickname":
            return lambda b, p=p: b.ent(p.nickname, "PERSON", "PERSON")
        return lambda b, p=p: title_last(b, p)

    def mention(self, b: TextBuilder) -> None:
        self._writer()(b)

    def poss(self, b: TextBuilder) -> None:
        self._writer()(b)
        b.add("s" if self.rng.random() < 0.04 else "'s")


class Relative:
    """A family member: introduced with the relation ("his sister Karen"), then by name."""

    def __init__(self, rng: random.Random, p: Person, his: str) -> None:
        self.rng = rng
        self.p = p
        self.his = his

    def mention(self, b: TextBuilder) -> None:
        p = self.p
        if not p.introduced:
            p.introduced = True
            k = self.rng.randrange(4)
            if k == 0:
                b.add_cased(f"{self.his} {p.relation} ")
                first(b, p)
            elif k == 1:
                first(b, p)
                b.add(f" ({self.his} {p.relation})")
            elif k == 2:
                b.add_cased(f"{self.his} {p.relation}, ")
                full(b, p)
            else:
                title_last(b, p)
                b.add(f" ({p.relation})")
            return
        r = self.rng.random()
        if r < 0.75:
            first(b, p)
        elif r < 0.9:
            b.add_cased(f"{self.his} {p.relation} ")
            first(b, p)
        else:
            b.add_cased(f"{self.his} {p.relation}")

    def poss(self, b: TextBuilder) -> None:
        if not self.p.introduced or self.rng.random() < 0.85:
            if not self.p.introduced:
                b.add_cased(f"{self.his} {self.p.relation} ")
                self.p.introduced = True
            first(b, self.p)
            b.add("s" if self.rng.random() < 0.05 else "'s")
        else:
            b.add_cased(f"{self.his} {self.p.relation}'s")


class Staff:
    """A named member of staff with a role ("Dr Patel", "Nurse O'Brien", "support worker Jade")."""

    def __init__(self, rng: random.Random, p: Person, role: str, form: str) -> None:
        self.rng = rng
        self.p = p
        self.role = role
        self.form = form  # title | first | full

    def mention(self, b: TextBuilder) -> None:
        p = self.p
        if self.form == "title":
            if not p.introduced and self.rng.random() < 0.5:
                p.introduced = True
                if self.rng.random() < 0.5:
                    b.add_cased(f"the {self.role}, ")
                    title_last(b, p)
                else:
                    title_last(b, p)
                    b.add(f" ({self.role})")
                return
            title_last(b, p, caps=self.rng.random() < 0.05)
        elif self.form == "first":
            if not p.introduced:
                p.introduced = True
                b.add_cased(f"{self.role} ")
            first(b, p)
        else:
            if not p.introduced:
                p.introduced = True
                full(b, p)
                b.add(f" ({self.role})")
            else:
                first(b, p) if self.rng.random() < 0.5 else full(b, p)


__all__ = ["Person", "Deceased", "Relative", "Staff", "PRONOUNS", "make_person", "staff_origin", "full",
           "first", "title_last", "title_initial", "initials", "possessive"]
