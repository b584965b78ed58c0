"""Care homes and supported-living houses: ``Vancouver House``, ``Oak Lodge``, ``The Willows``,
``Meadowbank Care Home``. A ``-field``/``-wood`` word right after a capitalised word is a
surname ("Rowena Ashfield"), not a house.

>>> r = CareHomeRecognizer()
>>> [(x.start, x.end) for x in r.analyze("He moved to Vancouver House in 2019.", ["CARE_HOME"])]
[(12, 27)]
>>> r.analyze("He moved to the care home.", ["CARE_HOME"])
[]
"""
from __future__ import annotations

from presidio_analyzer import Pattern

from .... import registry
from ..._wordlists import words
from .._base import LederPatternRecognizer, proper_sequence

_TREES = (r"(?:Willows|Beeches|Elms|Limes|Oaks|Laurels|Cedars|Pines|Poplars|Hollies|Maples|Larches|"
          r"Firs|Birches|Sycamores|Chestnuts|Rowans|Hawthorns|Orchards?|Paddocks|Meadows|Gables|Maltings|"
          r"Cottages?|Firs|Acorns|Brambles|Heathers|Hazels|Laburnums|Lilacs|Magnolias|Ferns|Poppies|"
          r"Elders|Spinney|Coppice|Rookery|Grange|Lodge|Manor|Hollows|Mount|Croft|Glebe)")


_NOT_HOMES = words("not_care_home_words")


@registry.recognizers.register("care_home")
class CareHomeRecognizer(LederPatternRecognizer):
    """Named residential services; ``The <plural noun>`` names score low and lean on context."""

    ENTITY = "CARE_HOME"
    PATTERNS = [
        Pattern("named_home",
                rf"\b{proper_sequence(4)}\s+(?:(?:Residential|Nursing|Care)\s+(?:and\s+Nursing\s+)?[Hh]ome|"
                rf"Care\s+Centre|Care\s+Village|Supported\s+Living|House|Lodge|Manor|Grange|Hall|Court|View|Gardens|"
                rf"Cottage|Villa|Mews)\b(?!\s+(?:of\s+(?:Commons|Lords)))", 0.55),
        Pattern("the_trees", rf"\bThe\s+{_TREES}\b", 0.55),
        Pattern("the_plural", r"\bThe\s+[A-Z][a-z]{3,}s\b", 0.25),
        Pattern("house_name", r"(?<![\w'’-])(?<![A-Z][a-z]+\s)[A-Z][a-z]{2,}(?:side|view|field|wood|dene|croft|lea|mead|bank|hurst|"
                              r"brook|ley|gate|lands|holme|garth|haven)\b(?![ -][A-Z])", 0.4),
        Pattern("lived_at", r"(?i:\b(?:lived|living|resident|moved|returned|discharged(?:\s+back)?|died|placed|"
                            r"placement|transferred\s+back|went\s+back)\s+(?:at|to|in)\s+)"
                            r"(?P<ent>[A-Z][a-z]+(?:[A-Z][a-z]+)?)\b(?!\s+[A-Z&]|['’-])", 0.45),
    ]
    CONTEXT = ["lived", "living", "moved", "home", "placement", "house", "residential", "nursing",
               "supported", "resident", "care", "staff", "returned", "transferred"]
    REQUIRED = {"named_home": ("Home", "home", "Centre", "Village", "Supported", "House", "Lodge", "Manor", "Grange",
                               "Hall", "Court", "View", "Gardens", "Cottage", "Villa", "Mews"),
                "the_trees": ("The",), "the_plural": ("The",)}

    def invalidate_result(self, pattern_text: str) -> bool:
        """National or generic places that share the suffixes; everyday words after "lived at"."""
        if " " not in pattern_text:
            from ..people.context_name import common_words
            from ..uk.place_gazetteer import place_index

            # an everyday word ("Outside", "Overview") or a town ("Huddersfield") is not a home
            return (pattern_text.lower() in common_words() or pattern_text in place_index()[1]
                    or pattern_text.lower() in _NOT_HOMES)
        return pattern_text.split()[0] in {"White", "Town", "City", "Village", "Court", "Downing",
                                           "Coroner", "Coroners", "Crown", "Opera", "Country",
                                           "Public", "Open", "Full"}
