"""Parts of an address written as a comma-separated list (issue 13, fourth round): each part is a
LOCATION, when one part is a listed place or a street/building and no part is only everyday
words. Invented addresses."""
import pytest

from leder_insights.deid.recognizers.uk import AddressChainRecognizer


def _found(text):
    rec = AddressChainRecognizer()
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]


@pytest.mark.parametrize("text, expected", [
    ("She got into Marlow Chambers, Holloway, N7; the door was open.", ["Marlow Chambers", "Holloway", "N7"]),
    ("He lived at Brook Farm, Little Henby, Kendal LA9 4QQ.", ["Brook Farm", "Little Henby", "Kendal", "LA9 4QQ"]),
    ("She fell at home, 17 Pellow, Trenwith, Milton Keynes and hurt her hip.",
     ["17 Pellow", "Trenwith", "Milton Keynes"]),
    ("at 4A Gower Road, Pinfold, Leeds, the police found him", ["4A Gower Road", "Pinfold", "Leeds"]),
    ("home at 9 Alder Avenue, Seaton Sluice, Tyne & Wear. She", ["9 Alder Avenue", "Seaton Sluice", "Tyne & Wear"]),
])
def test_address_parts(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "There were 3 Nurses, Doctors, Carers on the ward.",     # everyday words
    "Her bloods showed low Iron, Folate, B12.",             # a vitamin, not a district
    "Smith, Jones, SE1.",                                    # no place and no street or building
    "In 2019 Wilson, Hart, Leeds were named.",               # a year is not a house number
    "Ward 3, Bay 4, Bed 2 was empty.",
])
def test_not_an_address(text):
    assert _found(text) == []
