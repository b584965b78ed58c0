"""Named places by their form: a motorway junction (``Junction 14``), a place named with its
junction (``Oakby Junction``), a place before a station (``Oakby railway station``: the place, not
the generic words), and a named quay, wharf, pier or viaduct (``Kings Quay``).

>>> r = PlaceFormRecognizer()
>>> t = "He left the M5 at Junction 14 and walked from Oakby railway station to Kings Quay."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["PLACE"]), key=lambda x: x.start)]
['Junction 14', 'Oakby', 'Kings Quay']
"""
from __future__ import annotations

from .... import registry
from .._base import NAME_WORD, LederPatternRecognizer, Pattern

#: capitalised words that start no place name here ("The", "A", a weekday)
_NOT_FIRST = (r"(?!(?:The|A|An|This|That|His|Her|Their|Our|Its|Each|Every|Any|Local|Main|Nearest|Next|"
              r"Same|Old|New|North|South|East|West|Central|Monday|Tuesday|Wednesday|Thursday|Friday|"
              r"Saturday|Sunday|On|At|In|To|From|By|Of|And|Or|When|Whilst|While|After|Before|He|She|"
              r"They|It|We|I)\b)")
#: a capitalised word that goes on naming a place ("East End", "North Portal"), not a sentence's start
_TAIL_WORD = r"(?!(?:The|A|An|And|Or|On|At|In|To|From|By|Of|He|She|They|It|We|I|When|After|Before)\b)[A-Z][a-z]+"
_PLACE = rf"{_NOT_FIRST}{NAME_WORD}(?:['’]s)?(?:\s+{NAME_WORD}(?:['’]s)?)?"


@registry.recognizers.register("uk_place_forms")
class PlaceFormRecognizer(LederPatternRecognizer):
    """Junctions, places before a station, quays and the like."""

    ENTITY = "PLACE"
    PATTERNS = [
        Pattern("motorway_junction", r"\bJunction\s+\d{1,2}[A-Za-z]?\b(?!\s*(?:mg|ml|%))", 0.55),
        Pattern("named_junction", rf"\b(?P<ent>{_PLACE}\s+Junction)\b(?!\s+\d)", 0.5),
        Pattern("before_station",
                rf"\b(?P<ent>{_PLACE})\s+(?=(?:railway|rail|tube|underground|train|bus|coach|lifeboat)\s+station\b)",
                0.5),
        # with the capitalised words that go on naming a part of it ("Oakby Viaduct North Portal")
        Pattern("named_quay", rf"\b(?P<ent>{_PLACE}\s+(?:Quay|Wharf|Pier|Viaduct)(?:\s+{_TAIL_WORD}){{0,3}})\b", 0.5),
    ]
    REQUIRED = {"motorway_junction": ("Junction",), "named_junction": ("Junction",),
                "before_station": ("station",), "named_quay": ("Quay", "Wharf", "Pier", "Viaduct")}
