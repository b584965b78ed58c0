"""Identifier forms beyond the usual layout: compact/mixed dates, lower-case postcodes and NI numbers,
international phone prefixes, social handles, NHS numbers in any grouping."""
import pytest

from leder_insights.deid.recognizers.contact import SocialHandleRecognizer
from leder_insights.deid.recognizers.dates import NumericDateRecognizer, WrittenDateRecognizer
from leder_insights.deid.recognizers.uk import (UkNhsNumberRecognizer, UkNiNumberRecognizer, UkPhoneRecognizer,
                                                UkPostcodeRecognizer)


def _found(recs, text):
    out = []
    for rec in recs:
        out += [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities)]
    return out


_DATES = (NumericDateRecognizer(), WrittenDateRecognizer())


@pytest.mark.parametrize("text, date", [
    ("admitted 09-Nov-2018 via ED", "09-Nov-2018"), ("form dated 30Apr2020.", "30Apr2020"),
    ("entered as 20191231 by the clerk", "20191231"), ("clinic on 2018.07.04", "2018.07.04"),
    ("seen Wed 2/3/21 at home", "Wed 2/3/21"), ("letter of 22nd/Jun/2017", "22nd/Jun/2017"),
    ("died 7 Oct 19 in hospital", "7 Oct 19"), ("last check 2017-03 per GP", "2017-03"),
])
def test_compact_and_mixed_dates_are_found_whole(text, date):
    assert date in _found(_DATES, text)


@pytest.mark.parametrize("text", ["20 mg daily", "version 2.10.4", "ref 2019-13", "id 20191332",
                                  "BP 130/85", "3/7 of antibiotics"])
def test_compact_date_patterns_leave_other_numbers(text):
    assert _found(_DATES, text) == []


def test_a_dose_after_a_date_is_not_its_year():
    assert "7 Oct 19" not in _found(_DATES, "on 7 Oct 19 mg given")


@pytest.mark.parametrize("rec, text, expected", [
    (UkPostcodeRecognizer(), "lived at 2 Mill Row, ls12 4qd.", ["ls12 4qd"]),
    (UkPostcodeRecognizer(), "on the 2nd floor at b1 2nd", []),
    (UkNiNumberRecognizer(), "NINO kp 10 22 84 d on file", ["kp 10 22 84 d"]),
    (UkNiNumberRecognizer(), "NI KP102284D", ["KP102284D"]),
    (UkPhoneRecognizer(), "rang 0044 7700 900 552 nightly", ["0044 7700 900 552"]),
    (UkPhoneRecognizer(), "cousin on +353 87 123 4567", ["+353 87 123 4567"]),
    (UkPhoneRecognizer(), "score +3 today", []),
    (SocialHandleRecognizer(), "as @mo_ride99 online", ["@mo_ride99"]),
    (SocialHandleRecognizer(), "mail a.b@example.org", []),
    (UkNhsNumberRecognizer(), "number 40 56 08 65 67 and 4056.0865.67", ["40 56 08 65 67", "4056.0865.67"]),
    (UkNhsNumberRecognizer(), "number 4056086568 is wrong", []),
])
def test_identifier_forms(rec, text, expected):
    assert _found([rec], text) == expected
