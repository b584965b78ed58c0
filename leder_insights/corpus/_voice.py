"""A reviewer's writing habits: abbreviations, contractions and the odd misspelling.

Reviews are written by busy people. Each synthetic review gets a voice that rewrites its
templates *before* identifiers are inserted, so gold offsets are unaffected.

>>> import random
>>> v = Voice(random.Random(0), abbreviate=True, contract=True, typo_rate=0.0)
>>> v("The best interests meeting was not held for the learning disability team")
"The BI meeting wasn't held for the LD team"
"""
from __future__ import annotations

import random
import re

ABBREVIATIONS = (
    ("community learning disability team", "CLDT"),
    ("learning disability liaison nurse", "LD liaison nurse"),
    ("learning disabilities", "LD"),
    ("learning disability", "LD"),
    ("annual health checks", "AHCs"),
    ("annual health check", "AHC"),
    ("best interests meeting", "BI meeting"),
    ("speech and language therapy", "SALT"),
    ("emergency department", "ED"),
    ("lower respiratory tract infection", "LRTI"),
    ("urinary tract infection", "UTI"),
    ("Mental Capacity Act", "MCA"),
    ("nil by mouth", "NBM"),
    ("Nil by mouth", "NBM"),
    ("health action plan", "HAP"),
    ("as required", "PRN"),
)
CONTRACTIONS = (("did not", "didn't"), ("was not", "wasn't"), ("were not", "weren't"),
                ("had not", "hadn't"), ("could not", "couldn't"), ("does not", "doesn't"))
TYPOS = (("received", "recieved"), ("occurred", "occured"), ("separate", "seperate"),
         ("necessary", "neccessary"), ("appointment", "appointmnet"), ("assessment", "assesment"),
         ("recommend", "reccomend"), ("independent", "independant"), ("referral", "referal"),
         ("commissioners", "commisioners"), ("deterioration", "deteroration"), ("reviewed", "reveiwed"),
         ("family", "famliy"), ("recognised", "recognized"), ("organised", "organized"))

_COMPILED = {pairs: [(re.compile(rf"\b{re.escape(a)}\b"), b) for a, b in pairs]
             for pairs in (ABBREVIATIONS, CONTRACTIONS, TYPOS)}


class Voice:
    """Rewrite template text in one reviewer's style (outside ``{slot}`` markers)."""

    def __init__(self, rng: random.Random, abbreviate: bool = False, contract: bool = False,
                 typo_rate: float = 0.0) -> None:
        self.rng = rng
        self.abbreviate = abbreviate
        self.contract = contract
        self.typo_rate = typo_rate

    @classmethod
    def draw(cls, rng: random.Random) -> "Voice":
        """A voice with realistic frequencies: most reviews are written plainly."""
        return cls(rng, abbreviate=rng.random() < 0.25, contract=rng.random() < 0.15,
                   typo_rate=0.25 if rng.random() < 0.15 else 0.0)

    def __call__(self, template: str) -> str:
        out = template
        if self.abbreviate:
            for pat, rep in _COMPILED[ABBREVIATIONS]:
                out = pat.sub(rep, out)
        if self.contract:
            for pat, rep in _COMPILED[CONTRACTIONS]:
                out = pat.sub(rep, out)
        if self.typo_rate:
            for pat, rep in _COMPILED[TYPOS]:
                if pat.search(out) and self.rng.random() < self.typo_rate:
                    out = pat.sub(rep, out, count=1)
        return out


__all__ = ["Voice", "ABBREVIATIONS", "CONTRACTIONS", "TYPOS"]
