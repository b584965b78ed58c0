"""UK recognizers: NHS (checksum), NI number, postcode, phones, hospital/GMC/NMC numbers, addresses."""
import pytest

from leder_insights.deid.recognizers.uk import (GmcNumberRecognizer, HospitalNumberRecognizer,
                                                NmcNumberRecognizer, StreetAddressRecognizer,
                                                TownRecognizer, UkNhsNumberRecognizer, UkNiNumberRecognizer,
                                                UkPhoneRecognizer, UkPostcodeRecognizer)


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text,expected", [
    ("NHS number 943 476 5919.", ["943 476 5919"]),
    ("NHS no: 9434765919", ["9434765919"]),
    ("NHS 943-476-5919", ["943-476-5919"]),
    ("NHS number 943 476 5918.", []),           # bad checksum
    ("call 0116 258 5000", []),                 # a phone number, not an NHS number
])
def test_recognizers_uk_nhs_number(text, expected):
    assert _found(UkNhsNumberRecognizer(), text) == expected


@pytest.mark.parametrize("text,expected", [
    ("NI number AB123456C", ["AB123456C"]),
    ("NINO JK 12 34 56 C.", ["JK 12 34 56 C"]),
    # QQ is the published example prefix, never issued; masked all the same (ATTACK_REPORT3 F4: a
    # number written with it is a typing slip or a test value, and the gate cannot tell)
    ("example QQ 12 34 56 C", ["QQ 12 34 56 C"]),
    ("NI number GB123456C", []),                # invalid prefix
    ("the code ab123456c", []),                 # lower case is not an NI number
])
def test_recognizers_uk_ni_number(text, expected):
    assert _found(UkNiNumberRecognizer(), text) == expected


@pytest.mark.parametrize("text,expected", [
    ("lived at LE1 5WW.", ["LE1 5WW"]),
    ("postcode SW1A 1AA", ["SW1A 1AA"]),
    ("M1 8AF", ["M1 8AF"]),
    ("NEWS2 of 5", []),
    ("GCS 15 at 10am", []),
])
def test_recognizers_uk_postcode(text, expected):
    rec = UkPostcodeRecognizer()
    found = rec.analyze(text, rec.supported_entities)
    assert [text[r.start:r.end] for r in found] == expected
    assert all(r.score >= 0.5 for r in found)  # usable without context


@pytest.mark.parametrize("text,expected", [
    ("Call 0116 258 5000 today", ["0116 258 5000"]),
    ("mobile 07700 900123", ["07700 900123"]),
    ("mobile 07700900123", ["07700900123"]),
    ("+44 7700 900123", ["+44 7700 900123"]),
    ("(0116) 496 0123", ["(0116) 496 0123"]),
    ("020 7946 0018", ["020 7946 0018"]),
    ("NHS 111 and 999", []),
    ("review in 2/52, 5ml", []),
])
def test_recognizers_uk_phone(text, expected):
    assert _found(UkPhoneRecognizer(), text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Hospital number: RX1234567", ["RX1234567"]),
    ("MRN 00123456", ["00123456"]),
    ("Hosp no M8601641", ["M8601641"]),
    ("Datix ref DTX-123456", ["DTX-123456"]),
    ("case reference 2019", []),               # a year is not a reference
])
def test_recognizers_uk_hospital_number(text, expected):
    found = [t for t in _found(HospitalNumberRecognizer(), text)]
    assert found == expected


def test_recognizers_uk_gmc_and_nmc():
    assert _found(GmcNumberRecognizer(), "GMC number 1234567") == ["1234567"]
    assert _found(GmcNumberRecognizer(), "1234567 tablets") == []
    assert _found(NmcNumberRecognizer(), "NMC PIN 12A3456E") == ["12A3456E"]


@pytest.mark.parametrize("text,expected", [
    ("at 12 Acacia Avenue.", ["12 Acacia Avenue"]),
    ("Flat 2, 17 Park Road", ["Flat 2, 17 Park Road"]),
    ("lived on Mill Lane", ["Mill Lane"]),
    ("walked down the road", []),
])
def test_recognizers_uk_street_address(text, expected):
    assert _found(StreetAddressRecognizer(), text) == expected


def test_recognizers_uk_town_in_address():
    text = "at 155 Park Road, Basildon SS6 9NW and 49 Evans Street, Reading, BN9 7DD."
    assert _found(TownRecognizer(), text) == ["Basildon", "Reading"]


@pytest.mark.parametrize("text,expected", [
    ("He lived in Widnes and later Stoke-on-Trent, Greater Manchester.",
     ["Widnes", "Stoke-on-Trent", "Greater Manchester"]),
    ("Reading was his hobby; he moved to Reading.", ["Reading"]),   # not at a sentence start
    ("In March the Street was busy", []),                            # everyday words are not places
])
def test_recognizers_uk_place_gazetteer(text, expected):
    from leder_insights.deid.recognizers.uk import PlaceGazetteerRecognizer

    assert _found(PlaceGazetteerRecognizer(), text) == expected


def test_recognizers_uk_road_numbers():
    text = "on the B3019 near the A38; vitamin B12 and A4 paper"
    assert _found(StreetAddressRecognizer(), text) == ["B3019", "A38"]


@pytest.mark.parametrize("text, district", [
    ("He grew up in the LS6 area.", "LS6"),
    ("She lived in the bd3 district for years.", "bd3"),
    ("Postcode area NG7 only.", "NG7"),
])
def test_a_postcode_district_named_as_an_area_is_found(text, district):
    """An outward code alone, named as an area (attacker 3, F6), narrows where a person lived."""
    from leder_insights.deid.recognizers.uk.postcode import UkPostcodeRecognizer

    assert district in [text[r.start:r.end] for r in UkPostcodeRecognizer().analyze(text, ["UK_POSTCODE"])]


@pytest.mark.parametrize("text", ["He was an A1 patient in the area.", "The W1 form was signed.", "Seen in the area."])
def test_a_code_not_named_as_an_area_is_not_a_district(text):
    from leder_insights.deid.recognizers.uk.postcode import UkPostcodeRecognizer

    assert [text[r.start:r.end] for r in UkPostcodeRecognizer().analyze(text, ["UK_POSTCODE"])] == []
