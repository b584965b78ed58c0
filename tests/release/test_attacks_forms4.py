"""ATTACK_REPORT4 F1-F3: direct identifiers typed with other separators, dates of birth with any
separator, and names in the forms relatives use online, run through the national release path as
``submit`` runs it (de-identify, release text rules, gate). Invented values only.

A planted value passes only when it is masked, or when the gate finds a direct identifier (the
release is refused, fail closed).
"""
from __future__ import annotations

import pytest
from _release_path import released

from leder_insights.deid import ResidualRiskScanner
from leder_insights.nhs_number import nhs_check_digit

# The release path (conftest: one de-identifier and spaCy model per session) costs seconds of CPU:
# make test runs these, make test-fast skips them.
pytestmark = pytest.mark.slow

SEPARATORS = {"space": " ", "hyphen": "-", "en dash": "\u2013", "em dash": "\u2014", "minus": "\u2212",
              "slash": "/", "backslash": "\\", "dot": ".", "underscore": "_", "pipe": "|", "tilde": "~",
              "colon": ":", "middle dot": "\u00b7", "comma": ",", "plus": "+", "asterisk": "*"}
_OUTWARD = "ABDEFGHJLNPQRSTUWXYZ"


def _nhs(k: int) -> str:
    for j in range(100):
        body = f"55{k:02d}{j:05d}"
        check = nhs_check_digit(body)
        if check is not None:
            return body + str(check)
    raise AssertionError("no valid NHS number")


def _f1_plants():
    out = []
    for k, (name, s) in enumerate(SEPARATORS.items()):
        nhs = _nhs(k)
        out += [(f"nhs {name}", f"His NHS number {s.join([nhs[:3], nhs[3:6], nhs[6:]])} was wrong.",
                 s.join([nhs[:3], nhs[3:6], nhs[6:]])),
                (f"mobile {name}", f"Call his sister on {s.join(['07700', f'9{k:02d}', f'{k:03d}'])} today.",
                 s.join(["07700", f"9{k:02d}", f"{k:03d}"])),
                (f"landline {name}", f"The home's phone is {s.join(['0113', '496', f'{k:04d}'])} at night.",
                 s.join(["0113", "496", f"{k:04d}"])),
                (f"postcode {name}", f"He lived near HX{k + 1}{s}{k % 10}{_OUTWARD[k]}{_OUTWARD[-1 - k]} with his mum.",
                 f"HX{k + 1}{s}{k % 10}{_OUTWARD[k]}{_OUTWARD[-1 - k]}"),
                (f"ni {name}", f"His NI number {s.join(['HL', f'{40 + k}', '21', '06', 'D'])} was on file.",
                 s.join(["HL", f"{40 + k}", "21", "06", "D"]))]
    for k, e in enumerate(["oriel dot brannoc at gmail", "orielbrannoc at gmail", "oriel_brannoc (at) gmail",
                           "oriel-brannoc[at]gmail", "orielbrannoc AT hotmail"]):
        out.append((f"email {k}", f"Email his sister ({e}) about the meeting.", e))
    return out


F2_PLANTS = [(f"dob {name}", f"DOB 03{s}09{s}1951 was wrong on the form.", f"03{s}09{s}1951")
             for name, s in SEPARATORS.items()] + [
    ("birthdate", "His birthdate 03-03-1951 was on file.", "03-03-1951"),
    ("bday", "bday 3/3/51 on the form.", "3/3/51"),
    ("date-of-birth", "Date-of-birth: 1951.03.03 on the form.", "1951.03.03")]

F3_PLANTS = [
    ("hashtag", "His family ran the #JusticeForBrannoc campaign after he died.", "JusticeForBrannoc"),
    ("hashtag digit", "The family's #Justice4Quillon hashtag trended locally.", "Quillon"),
    ("camel case", "His mum's blog, OrielBrannocsJourney, described the admission.", "Brannoc"),
    ("quoted title", "The GoFundMe page 'Bring Quillon Home' raised money for the inquest.", "Quillon"),
    ("domain", "The family set up justicefororiel.org.uk to share the story.", "justicefororiel"),
    ("url path", "The petition at change.org/p/justice-for-quillon-brannoc was shared widely.", "brannoc"),
]


def test_attack4_f1_identifiers_with_any_separator_are_notreleased(release_path):
    plants = _f1_plants()
    assert released(release_path(plants), plants) == []


def test_attack4_f2_dates_of_birth_are_masked_whole(release_path):
    results = release_path(F2_PLANTS)
    for label, text, _direct in results:
        assert "[DATE_OF_BIRTH]" in text and "death]" not in text, (label, text)
    assert released(results, F2_PLANTS) == []


def test_attack4_f3_online_names_are_notreleased(release_path):
    assert released(release_path(F3_PLANTS), F3_PLANTS) == []


def test_attack4_gate_finds_the_raw_forms():
    """With nothing masked, the gate alone refuses every F1/F2 plant, and counts every F3 one."""
    scanner = ResidualRiskScanner(use_ner=False)
    for label, text, _secret in _f1_plants() + F2_PLANTS:
        assert [c for c in scanner.direct_identifiers(text)], label
    for label, text, _secret in F3_PLANTS:
        assert scanner.scan(text), label
