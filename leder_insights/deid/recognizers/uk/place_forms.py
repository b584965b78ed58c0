"""Named places by their form: a motorway junction (``Junction 14``), a place named with its
junction (``Oakby Junction``), a place before a station (``Oakby railway station``: the place, not
the generic words), and a named quay, wharf, pier or viaduct (``Kings Quay``).

>>> r = PlaceFormRecognizer()
>>> t = "He left the M5 at Junction 14 and walked from Oakby railway station to Kings Quay."
>>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["PLACE"]), key=lambda x: x.start)]
['Junction 14', 'Oakby', 'Kings Quay']
"""
from __future__ import annotations

import re

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


#: capitalised words that make no street before "road"/"street" in lower case ("Main road", "High street")
_NOT_STREET_FIRST = (r"(?!(?:The|A|An|This|That|His|Her|Their|Our|Its|High|Main|Back|Side|Private|Same|Next|"
                     r"Busy|Each|Every|Any|No|One|Which|What|Slip|Ring|Trunk|Service|Access|Link|Relief|"
                     r"Bypass|Dual|Single|Country|Rural|Local|Minor|Major|Public)\s)")


#: the linking word of a hyphenated town ("Oakby-on-Sea", "Elm-upon-Tyne", "Ash-le-Street")
_LINK = r"(?:on|upon|under|in|by|le|super|sub|cum|with|next|the)"


@registry.recognizers.register("uk_street_forms")
class StreetFormRecognizer(LederPatternRecognizer):
    """Street names in forms the address patterns miss: a lower-case street word after a name
    (``Alder Gate street``; the gold keeps it inside), an abbreviated one after a possessive
    (``St Aldwyn’s Rd``), and a hyphenated town cut by a space or line break (``Oakby-on- Sea``).

    >>> r = StreetFormRecognizer()
    >>> t = "moved to Alder Gate street, then St Aldwyn’s Rd in Oakby-on- Sea; the Main road shut."
    >>> [t[x.start:x.end] for x in sorted(r.analyze(t, ["PLACE"]), key=lambda x: x.start)]
    ['Alder Gate street', 'St Aldwyn’s Rd', 'Oakby-on- Sea']
    """

    ENTITY = "PLACE"
    PATTERNS = [
        Pattern("street_lower", rf"\b{_NOT_STREET_FIRST}{NAME_WORD}(?:\s+{NAME_WORD})?\s+(?:street|road|lane|avenue)\b",
                0.45),
        Pattern("street_abbreviated",
                rf"\b{_NOT_STREET_FIRST}{NAME_WORD}(?:['’]s)?(?:\s+{NAME_WORD}(?:['’]s)?){{0,2}}\s+(?:Rd|Ave)\b\.?", 0.5),
        Pattern("hyphen_town_cut", rf"\b[A-Z][a-z]+(?:-\s+{_LINK}\s*-\s*|-{_LINK}\s+-\s*|-{_LINK}-\s+)[A-Z][a-z]+\b",
                0.5),
    ]
    REQUIRED = {"street_lower": ("street", "road", "lane", "avenue"), "street_abbreviated": ("Rd", "Ave"),
                "hyphen_town_cut": ("-",)}

    def invalidate_result(self, pattern_text: str) -> bool:
        """A street named only by everyday words ("Police road", "Every street") is no address."""
        from ..people.context_name import common_words

        ws = re.findall(r"[A-Z][a-z]+", pattern_text)
        return bool(ws) and all(w.lower() in common_words() for w in ws) and "-" not in pattern_text
