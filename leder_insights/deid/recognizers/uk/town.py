"""Towns in addresses: after a street (``12 Park Road, Reading``) or before a postcode
(``Basildon SS6 9NW``), and after ``lived in`` / ``born in``.

>>> r = TownRecognizer()
>>> t = "at 155 Park Road, Basildon SS6 9NW."
>>> [t[x.start:x.end] for x in r.analyze(t, ["TOWN"])]
['Basildon']
"""
from __future__ import annotations

from .._base import Pattern

from .... import registry
from .._base import NAME_WORD, LederPatternRecognizer

_TOWN = rf"{NAME_WORD}(?:(?:\s+|-)(?:{NAME_WORD}|upon|on|super|under|le|in|de|St\.?)){{0,3}}"
_STREET_END = (r"(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Place|Terrace|Gardens|Walk|"
               r"Rise|View|Court|Row|Square|Mews|Hill|Park|Green|Parade)")
_POSTCODE = r"(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b"


@registry.recognizers.register("uk_town")
class TownRecognizer(LederPatternRecognizer):
    """Town names recognised by their place in an address or after ``lived in``."""

    ENTITY = "TOWN"
    PATTERNS = [
        Pattern("after_street", rf"(?<=\b{_STREET_END},\s)(?P<ent>{_TOWN})(?=,?\s|[.,;]|$)", 0.6),
        Pattern("before_postcode", rf"\b(?P<ent>{_TOWN}),?\s+(?={_POSTCODE})", 0.6),
        Pattern("lived_in", rf"(?i:\b(?:lived|living|born|grew\s+up|raised|resident|settled)\s+in\s+)"
                            rf"(?P<ent>{_TOWN})", 0.45),
        Pattern("named_place", rf"(?<=\b(?:at|on|near|to|from)\s(?:the\s)?)(?P<ent>{_TOWN})\s+(?=(?:beach|bay|cove|"
                               rf"harbour|estuary|river|reservoir|lake|quarry|industrial\s+estate|retail\s+park)\b)",
                0.5),
        # a hyphenated town stands out anywhere: "Stockwell-on-Tees", "Bramley-Upon-Avon", "Newton-le-Moor"
        Pattern("hyphenated_town", r"\b(?P<ent>[A-Z][a-z]+-(?:[Oo]n|[Uu]pon|[Uu]nder|le|la|en|in|by|[Ss]uper|cum|next)"
                                   r"(?:-(?:the|[Tt]he|[Ss]ea))?-[A-Z][a-z]+)\b", 0.6),
        Pattern("industrial_estate", rf"\b(?P<ent>{_TOWN}\s+(?:Industrial|Business|Trading|Retail)\s+(?:Estate|Park))\b",
                0.6),
    ]
    CONTEXT = ["lived", "address", "town", "born", "moved"]
    REQUIRED = {"named_place": ("beach", "bay", "cove", "harbour", "estuary", "river", "reservoir", "lake",
                                "quarry", "industrial", "retail"),
                "industrial_estate": ("Estate", "Park")}
