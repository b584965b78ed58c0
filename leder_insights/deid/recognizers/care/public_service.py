"""Local public services: prisons and YOIs (``HMP Aylesbury``), regional police forces, ambulance
and fire services, health boards, named wards and units, military stations.

National services (British Transport Police, the Welsh Ambulance Service) are on the allow-list.

>>> r = PublicServiceRecognizer()
>>> t = "He was moved from HMP Aylesbury; Greater Manchester Police attended."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PUBLIC_SERVICE"])]
['HMP Aylesbury', 'Greater Manchester Police']
>>> t = "She went to Oakby GP Walk-in Centre, not the Minor Injuries Unit."
>>> [t[x.start:x.end] for x in r.analyze(t, ["PUBLIC_SERVICE"])]
['Oakby GP Walk-in Centre']
"""
from __future__ import annotations

import re
from pathlib import Path

from .._base import Pattern

from .... import registry
from .._base import LederPatternRecognizer, proper_sequence

#: case-sensitive acronyms of the regional (not national) ambulance services
_AMBULANCE = tuple(ln.strip() for ln in (Path(__file__).resolve().parents[2] / "conf" / "regional_ambulance_acronyms.txt")
                   .read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))

#: kinds of NHS unit that a place's name before them makes a named unit (conf/place_unit_heads.txt)
_UNIT_HEADS = tuple(ln.strip() for ln in (Path(__file__).resolve().parents[2] / "conf" / "place_unit_heads.txt")
                    .read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))
_UNIT_HEAD_RX = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(_UNIT_HEADS, key=lambda w: (-len(w), w)))


@registry.recognizers.register("public_service")
class PublicServiceRecognizer(LederPatternRecognizer):
    """Prisons, police/ambulance/fire services, health boards, wards and units, RAF stations."""

    ENTITY = "PUBLIC_SERVICE"
    PATTERNS = [
        Pattern("prison", rf"\b(?:HMP(?:\s*(?:&|and)\s*YOI)?|HMYOI|HM\s+Prison|HMP/YOI|RAF)\s+{proper_sequence(3)}",
                0.75),
        Pattern("police", rf"\b{proper_sequence(4)}\s+(?:Police|Constabulary|Police\s+Service)\b", 0.6),
        Pattern("ambulance", rf"\b{proper_sequence(4)}\s+Ambulance\s+Service(?:\s+NHS\s+(?:Foundation\s+)?Trust)?\b",
                0.65),
        Pattern("fire", rf"\b{proper_sequence(4)}\s+Fire\s+(?:and|&)\s+Rescue(?:\s+Service)?\b", 0.6),
        Pattern("health_board", rf"\b{proper_sequence(5)}\s+(?:University\s+)?(?:Health\s+Board|Teaching\s+Health\s+Board)\b",
                0.65),
        Pattern("ward", rf"\b{proper_sequence(2)}(?:\s+\d{{1,2}}[A-Z]?)?\s+(?:Ward|Suite)\b", 0.5),
        # a named unit with its generic word in lower case: "Hartley ward", "the Oakby unit", "a Rowan
        # birth centre midwife" (a unit named only by kind, "the Stroke unit", is dropped as generic)
        Pattern("ward_lower", rf"\b{proper_sequence(2)}\s+(?:ward|unit|wing|suite|birth\s+centre)\b", 0.45),
        # "the Oak and then Ash wards": the names, the shared "wards" outside
        Pattern("wards_plural", rf"\b(?P<ent>{proper_sequence(2)})\s+[Ww]ards\b", 0.45),
        # the acronyms of England's regional ambulance services (conf/regional_ambulance_acronyms.txt)
        Pattern("ambulance_acronym", rf"(?<![\w&-])(?:{'|'.join(sorted(_AMBULANCE, key=lambda w: (-len(w), w)))})(?![\w&-])",
                0.6),
        # a place's walk-in centre or minor injuries unit: "Oakby GP Walk-in Centre"
        Pattern("place_unit", rf"\b{proper_sequence(2)}\s+(?:{_UNIT_HEAD_RX})\b", 0.55),
        Pattern("school", rf"\b{proper_sequence(4)}\s+(?:Primary\s+School|Secondary\s+School|High\s+School|"
                          rf"School|Academy|College)\b", 0.5),
    ]
    CONTEXT = ["prison", "police", "officers", "ambulance", "ward", "admitted", "school", "attended"]
    REQUIRED = {"prison": ("HM", "RAF"), "police": ("Police", "Constabulary"), "ambulance": ("Ambulance",),
                "fire": ("Fire",), "health_board": ("Board",), "ward": ("Ward", "Suite"),
                "ward_lower": ("ward", "unit", "wing", "suite", "birth"),
                "school": ("School", "Academy", "College"), "ambulance_acronym": _AMBULANCE,
                "place_unit": ("Centre", "Unit")}

    def invalidate_result(self, pattern_text: str) -> bool:
        first = pattern_text.split()[0]
        return first in {"British", "Transport", "Welsh", "Metropolitan", "Royal", "Health", "Local",
                         "University", "Medical", "Surgical", "Acute", "Assessment", "General",
                         "Special", "Specialist", "Secure", "Labour", "Maternity", "Children's",
                         "Childrens", "Psychiatric", "Stroke", "Day", "Private", "Boarding",
                         "Residential", "Mainstream", "Further", "Higher", "Sixth", "Nursing",
                         "Fire", "Police", "Ambulance", "Emergency", "Community", "Regional",
                         "Isolation", "Segregation", "Healthcare", "Inpatient", "Female", "Male",
                         "Final", "Respiratory", "Cardiology", "Cardiac", "Orthopaedic", "Elderly",
                         "Covid", "COVID", "Renal", "Oncology", "Gastro", "Neurology", "Haematology",
                         "Paediatric", "Trauma", "Rehabilitation", "Rehab", "Admissions", "Discharge",
                         "Short", "Frailty", "Observation", "Dementia", "Older", "Adult", "Adults",
                         "Forensic", "Low", "Medium", "High", "Open", "Locked", "Intensive",
                         "Hospital", "Same", "Another", "Other", "Different", "Previous", "New"} or (
            first in {"East", "West", "North", "South"} and pattern_text.split()[-1].islower())  # "a West wing"
