"""One synthetic review's facts: who the person was, where they lived, how they died.

A :class:`ReviewCase` draws the metadata, the cast (the person, family, staff) and the places, and
offers the slot writers that put identifiers into text with their gold spans recorded.

>>> import random
>>> from faker import Faker
>>> fake = Faker("en_GB"); fake.seed_instance(0)
>>> case = ReviewCase(random.Random(0), fake, 0)
>>> 18 <= case.age <= 90 and case.review_id.startswith("LDR-")
True
"""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from faker import Faker

from . import _ids as I
from . import _lexicon as L
from ._cast import PRONOUNS, Deceased, Relative, Staff, make_person, staff_origin
from ._scenario import SCENARIOS
from ._text import TextBuilder
from ._voice import Voice

_SEVERITY = (("mild", 0.26), ("moderate", 0.34), ("severe", 0.2), ("profound_multiple", 0.12),
             ("unknown", 0.08))
_LIVING = (("family", 0.22), ("alone", 0.06), ("supported_living", 0.3), ("residential", 0.27),
           ("nursing", 0.12), ("other", 0.03))
_GRADE = ((1, 0.07), (2, 0.3), (3, 0.34), (4, 0.18), (5, 0.08), (6, 0.03))


#: certificate wording -> how the pen portrait names the condition
_CAUSE_CONDITIONS = {
    "Down's syndrome": "Down's syndrome", "Alzheimer's disease": "Alzheimer's disease",
    "Parkinson's disease": "Parkinson's disease", "Angelman syndrome": "Angelman syndrome",
    "Crohn's disease": "Crohn's disease", "Cerebral palsy": "cerebral palsy", "Epilepsy": "epilepsy",
    "Type 2 diabetes": "type 2 diabetes", "Type 2 diabetes mellitus": "type 2 diabetes", "Asthma": "asthma",
    "Tuberous sclerosis": "tuberous sclerosis", "Spina bifida": "spina bifida", "COPD": "COPD",
}


def pick(rng: random.Random, pairs):
    vals, weights = zip(*pairs)
    return rng.choices(vals, weights)[0]


class ReviewCase:
    """Everything needed to write one review."""

    def __init__(self, rng: random.Random, fake: Faker, index: int) -> None:
        self.rng = rng
        self.fake = fake
        r = rng
        self.region = pick(r, L.REGION_WEIGHTS.items())
        self.icb = r.choice(L.ICBS[self.region])
        self.scenario = pick(r, [(k, v["weight"]) for k, v in SCENARIOS.items()])
        sc = SCENARIOS[self.scenario]
        self.sex = "male" if r.random() < 0.57 else "female"
        # skewed to later life (median ~62), with a small group of young adults
        age = r.randrange(18, 36) if r.random() < 0.06 else 18 + int(72 * r.betavariate(3.0, 2.0))
        if self.scenario == "dementia":
            age = max(age, 45 + r.randrange(25))
        self.age = min(age, 90)
        self.eth, self.origin = self._ethnicity()
        self.severity = pick(r, _SEVERITY)
        self.autistic = r.random() < (0.45 if self.age < 40 else 0.22)
        #: LeDeR also reviews the deaths of autistic adults without a learning disability
        self.autism_only = self.autistic and self.severity == "unknown" and r.random() < 0.5
        self.living = pick(r, _LIVING)
        self.grade = pick(r, _GRADE)
        self.review_type = "focused" if r.random() < 0.14 else "initial"
        place = dict(sc["place"])
        if self.living in ("residential", "nursing"):
            place["home"] = 0.0
        else:
            place["care_home"] = 0.0
        self.place = pick(r, place.items())
        start = dt.date(2019, 1, 1).toordinal()
        self.death = dt.date.fromordinal(start + r.randrange(6 * 365))
        self.notified = self.death + dt.timedelta(days=min(int(r.expovariate(1 / 5)), 60))
        self.dob = self.death - dt.timedelta(days=365 * self.age + r.randrange(1, 360) + self.age // 4)
        self.review_id = f"LDR-{self.death.year}-{index + 1:05d}"
        self.conditions = self._conditions()
        sc_causes = SCENARIOS[self.scenario]
        self.cause_parts = [p for p in (r.choice(opts) for opts in sc_causes["causes"]) if p]
        self.cause_part2 = r.choice(sc_causes["part2"])
        for term in self.cause_parts + [self.cause_part2]:  # the certificate matches the pen portrait
            cond = _CAUSE_CONDITIONS.get(term)
            if cond and cond not in self.conditions:
                self.conditions.insert(0, cond)
        #: themes whose negation ("he did not have epilepsy") would contradict this review
        self.cannot_negate = {t for t, hit in (
            ("epilepsy", "epilepsy" in self.conditions),
            ("aspiration_pneumonia", "dysphagia" in self.conditions or self.scenario in ("aspiration", "choking")),
            ("constipation", "chronic constipation" in self.conditions or self.scenario == "bowel"),
            ("sepsis_deterioration", self.scenario == "sepsis"),
            ("cancer", self.scenario == "cancer"),
            ("dnacpr_end_of_life", True)) if hit}
        self._cast()
        self.voice = Voice.draw(rng)

    # --- set-up -------------------------------------------------------------------------
    def _ethnicity(self) -> tuple[str, str]:
        groups = [(g, w) for g, w, _ in L.ETHNIC_GROUPS]
        if self.region == "London":
            groups = [(g, w * (0.45 if g.startswith("White: English") else 2.2)) for g, w in groups]
        eth = pick(self.rng, groups)
        origin = next(o for g, _, o in L.ETHNIC_GROUPS if g == eth)
        if eth.startswith("Mixed") or eth.startswith("Other") or eth == "Not stated":
            origin = self.rng.choice([origin, "british"])
        return eth, origin

    def _conditions(self) -> list[str]:
        r = self.rng
        out = []
        if r.random() < 0.22 or self.scenario == "dementia":
            out.append("Down's syndrome")
        if self.scenario == "epilepsy" or r.random() < 0.3:
            out.append("epilepsy")
        if r.random() < 0.15:
            out.append("cerebral palsy")
        if r.random() < 0.03:
            out.append("Angelman syndrome")
        if r.random() < 0.12:
            out.append("type 2 diabetes")
        if r.random() < 0.1:
            out.append("asthma")
        if r.random() < 0.05 and self.age > 45:
            out.append("Parkinson's disease")
        if r.random() < 0.03:
            out.append("Crohn's disease")
        if ("Down's syndrome" in out and self.age > 45 and r.random() < 0.4) or self.scenario == "dementia":
            out.append("Alzheimer's disease")
        if r.random() < 0.25 or self.scenario == "aspiration":
            out.append("dysphagia")
        if r.random() < 0.2 or self.scenario == "bowel":
            out.append("chronic constipation")
        return out

    def _cast(self) -> None:
        r, f = self.rng, self.fake
        self.pron = PRONOUNS[self.sex]
        self.person = make_person(r, f, self.sex, self.origin)
        p = self.person
        nick = L.NICKNAMES.get(p.first)
        if nick and r.random() < 0.45:
            p.nickname = nick
        elif r.random() < 0.04:
            p.nickname = r.choice(L.GENERIC_NICKNAMES)
        self.dec = Deceased(r, p)
        # family
        rels = []
        n_fam = r.choices([0, 1, 2, 3], [0.1, 0.45, 0.33, 0.12])[0]
        options = (["mother", "father", "sister", "brother"] if self.age < 45 else
                   ["sister", "brother", "niece", "nephew", "cousin", "sister-in-law", "mother"] if self.age < 65
                   else ["niece", "nephew", "sister", "brother", "cousin"])
        for rel in r.sample(options, k=min(n_fam, len(options))):
            sex = "female" if rel in ("mother", "sister", "niece", "sister-in-law") else (
                "male" if rel in ("father", "brother", "nephew") else r.choice(["male", "female"]))
            same = rel in ("mother", "father", "brother") or r.random() < 0.4
            title = "Mrs" if sex == "female" and rel in ("mother", "sister-in-law") else ""
            q = make_person(r, f, sex, self.origin if r.random() < 0.9 else "british",
                            relation=rel, last=p.last if same else None, title=title)
            rels.append(Relative(r, q, self.pron["his"]))
        self.family = rels
        # staff
        self.gp = Staff(r, make_person(r, f, r.choice(["male", "female"]), staff_origin(r), title="Dr"),
                        "GP", "title")
        self.consultant = Staff(r, make_person(r, f, r.choice(["male", "female"]), staff_origin(r),
                                               title="Dr"),
                                r.choice(["consultant", "respiratory consultant", "consultant physician",
                                          "geriatrician", "registrar"]), "title")
        self.nurse = Staff(r, make_person(r, f, r.choice(["female", "female", "male"]), staff_origin(r),
                                          title=r.choice(["Nurse", "Sister", "Staff Nurse"])),
                           "ward nurse", "title")
        self.liaison = Staff(r, make_person(r, f, "female" if r.random() < 0.8 else "male", staff_origin(r)),
                             "learning disability liaison nurse", "full")
        mgr_sex = r.choice(["female", "female", "male"])
        self.manager = Staff(r, make_person(r, f, mgr_sex, staff_origin(r),
                                            title="Mrs" if mgr_sex == "female" and r.random() < 0.5 else ""),
                             r.choice(["home manager", "registered manager", "service manager", "team leader"]),
                             r.choice(["title", "first", "full"]))
        self.support = Staff(r, make_person(r, f, r.choice(["female", "male"]), staff_origin(r)),
                             r.choice(["support worker", "carer", "senior support worker", "keyworker"]),
                             "first")
        self.salt = Staff(r, make_person(r, f, "female" if r.random() < 0.85 else "male", staff_origin(r)),
                          "speech and language therapist", "full")
        # places
        self.town = r.choice(L.TOWNS[self.region])
        self.hospital, self.trust = r.choice(L.HOSPITALS[self.region])
        self.community_trust = r.choice(L.COMMUNITY_TRUSTS[self.region])
        self.gp_practice = self._gp_practice()
        self.home_name = self._care_home() if self.living in ("residential", "nursing", "supported_living") else ""
        self.provider = self._provider()
        self.council = r.choice(L.COUNCILS[self.region])
        self.hospice = r.choice(L.HOSPICES)
        self.street = self._street()
        self.postcode = self._postcode()
        self.nhs = I.nhs_number(r)

    def _gp_practice(self) -> str:
        r = self.rng
        k = r.randrange(4)
        if k == 0:
            return f"{self.town} {r.choice(L.GP_SUFFIX)}"
        if k == 1:
            return f"{self.fake.last_name()} {r.choice(['Surgery', 'Medical Centre', 'Practice'])}"
        return f"{r.choice(L.GP_PREFIX)} {r.choice(L.GP_SUFFIX)}"

    def _care_home(self) -> str:
        r = self.rng
        k = r.randrange(4)
        if k == 0:
            return r.choice(L.CARE_HOME_PLURAL)
        if k == 1:
            return r.choice(L.CARE_HOME_NAMED)
        if k == 2:
            return f"{r.choice(L.CARE_HOME_TREES)}{r.choice(L.CARE_HOME_SUFFIX)} {r.choice(L.CARE_HOME_KIND)}"
        return f"{self.fake.last_name()} {r.choice(['House', 'Lodge', 'Court'])}"

    def _provider(self) -> str:
        a, b = self.rng.choice(L.PROVIDER_WORDS)
        return f"{a}{b if ' ' not in b else ' ' + b} {self.rng.choice(L.PROVIDER_SUFFIX)}"

    def _street(self) -> str:
        r = self.rng
        num = r.randrange(1, 160)
        name = r.choice(L.STREET_COMMON) if r.random() < 0.5 else f"{self.fake.last_name()} {r.choice(L.STREET_KINDS)}"
        if r.random() < 0.15:
            return f"Flat {r.randrange(1, 12)}, {num} {name}"
        return f"{num} {name}"

    def _postcode(self) -> str:
        r = self.rng
        if r.random() < 0.25:
            return self.fake.postcode()
        area = r.choice(L.POSTCODE_AREAS[self.region])
        district = str(r.randrange(1, 30 if len(area) == 2 else 20))
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return f"{area}{district} {r.randrange(10)}{r.choice(letters)}{r.choice(letters)}"

    # --- slot writers ---------------------------------------------------------------------
    def slots(self) -> dict:
        pr = self.pron
        s: dict[str, Any] = dict(pr)
        s.update({k[:1].upper() + k[1:]: v[:1].upper() + v[1:] for k, v in pr.items()})
        s["name"] = self.dec.mention
        s["Name"] = self.dec.mention
        s["name_poss"] = self.dec.poss
        if self.family:
            fam = self.rng.choice(self.family)
            s["fam"] = fam.mention
            s["fam_poss"] = fam.poss
        else:
            s["fam"] = lambda b: b.add_cased(f"{pr['his']} advocate")
            s["fam_poss"] = lambda b: b.add_cased(f"{pr['his']} advocate's")
        s["home"] = self.home_writer
        s["hosp"] = self.hosp_writer
        s["gpp"] = self.gpp_writer
        s["doc"] = self.gp.mention
        s["cons"] = self.consultant.mention
        s["nurse"] = self.nurse.mention
        s["liaison"] = self.liaison.mention
        s["manager"] = self.manager.mention
        s["support"] = self.support.mention
        s["salt"] = self.salt.mention
        s["town"] = lambda b: b.ent(self.town, "LOCATION", "TOWN")
        s["trust"] = lambda b: b.ent(self.trust, "ORGANIZATION", "TRUST")
        s["ctrust"] = lambda b: b.ent(self.community_trust, "ORGANIZATION", "TRUST")
        s["date"] = lambda b: self.date(b, self.death - dt.timedelta(days=self.rng.randrange(3, 400)))
        s["monthyear"] = lambda b: b.ent(
            I.month_year(self.death - dt.timedelta(days=self.rng.randrange(30, 700)), self.rng), "DATE", "DATE")
        s["daylist"] = self.daylist
        s["org"] = self.org_writer
        s["hospice"] = lambda b: b.ent(self.hospice, "ORGANIZATION", "HOSPICE")
        ltc = [c for c in self.conditions if c in ("type 2 diabetes", "asthma", "epilepsy", "Parkinson's disease",
                                                   "Crohn's disease")]
        s["ltc"] = self.rng.choice(ltc) if ltc else self.rng.choice(
            ["type 2 diabetes", "asthma", "COPD", "heart failure", "hypothyroidism"])
        s["council"] = lambda b: b.ent(self.council, "ORGANIZATION", "COUNCIL")
        s["agethen"] = lambda b: self.age_ent(b, self.rng.randrange(18, max(19, self.age - 2)),
                                              self.rng.choice(["aged", "age_of"]))
        s["ageschool"] = lambda b: self.age_ent(b, self.rng.randrange(16, 20), self.rng.choice(["aged", "age_of"]))
        s["ldreason"] = "Down's syndrome" if "Down's syndrome" in self.conditions else self.rng.choice(
            ["learning disability", "\"learning disabilities\"", "severe learning disability"])
        return s

    def home_writer(self, b: TextBuilder) -> None:
        if self.home_name:
            b.ent(self.home_name, "ORGANIZATION", "CARE_HOME")
        elif self.living == "alone":
            b.ent(self.provider, "ORGANIZATION", "PROVIDER")
        elif self.living == "family":
            b.add_cased("the family home")
        else:
            b.add_cased("the Shared Lives home")

    def contradicts(self, template: str) -> bool:
        """True when a clause would contradict this review's facts (place of death, living)."""
        if "to die" in template and self.place not in ("home", "care_home"):
            return True
        if "did not die in" in template and self.place in ("home", "care_home"):
            return True
        if "PEG" in template and "dysphagia" not in self.conditions:
            return True
        return "{home}" in template and not self.home_name and "staff at {home}" in template

    def daylist(self, b: TextBuilder) -> None:
        d0 = self.death - dt.timedelta(days=self.rng.randrange(20, 300))
        days = self.rng.sample(range(1, 29), self.rng.randrange(2, 4))
        b.ent(I.day_list(days, d0.month, d0.year if self.rng.random() < 0.4 else None), "DATE", "DATE")

    def org_writer(self, b: TextBuilder) -> None:
        """A named local organisation as the subject of a recommendation."""
        k = self.rng.randrange(4)
        if k == 0 and self.home_name:
            b.ent(self.home_name, "ORGANIZATION", "CARE_HOME")
        elif k == 1 and self.living in ("supported_living", "alone"):
            b.ent(self.provider, "ORGANIZATION", "PROVIDER")
        elif k == 2:
            b.ent(self.gp_practice, "ORGANIZATION", "GP_PRACTICE")
        else:
            b.ent(self.rng.choice([self.trust, self.community_trust]), "ORGANIZATION", "TRUST")

    def hosp_writer(self, b: TextBuilder) -> None:
        if self.rng.random() < 0.85:
            b.ent(self.hospital, "ORGANIZATION", "HOSPITAL")
        else:
            b.add_cased("the hospital")

    def gpp_writer(self, b: TextBuilder) -> None:
        if self.rng.random() < 0.8:
            b.ent(self.gp_practice, "ORGANIZATION", "GP_PRACTICE")
        else:
            b.add_cased("the GP practice")

    def date(self, b: TextBuilder, d: dt.date, style: str | None = None, dob: bool = False) -> None:
        style = style or self.rng.choice(I.DATE_STYLES)
        b.ent(I.fmt_date(d, style), "DATE", "DOB" if dob else "DATE")

    def age_ent(self, b: TextBuilder, age: int, form: str | None = None) -> None:
        """Write an age: the span is the number and any attached unit ("54-year-old"), not "aged"."""
        form = form or self.rng.choice(["aged", "year_old", "years_old", "comma", "age_of"])
        if form == "aged":
            b.add("aged ").ent(str(age), "AGE", "AGE")
        elif form == "year_old":
            b.add("a " if str(age)[0] != "8" and age not in (11, 18) else "an ").ent(
                f"{age}-year-old", "AGE", "AGE")
        elif form == "years_old":
            b.ent(f"{age} years old", "AGE", "AGE")
        elif form == "age_of":
            b.add("at the age of ").ent(str(age), "AGE", "AGE")
        else:
            b.add(", ").ent(str(age), "AGE", "AGE").add(",")


__all__ = ["ReviewCase", "pick"]
