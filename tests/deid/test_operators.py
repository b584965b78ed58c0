"""Operators and surrogates: valid formats, keyed consistency, registry."""
import re

import pytest

from leder_insights import registry
from leder_insights.deid import Entity, PseudonymKey
from leder_insights.deid._operators import (
    NameResolver, PlaceholderOperator, ReplaceContext, SurrogateOperator, canonical_value,
    get_operator,
)
from leder_insights.deid._surrogates import (
    nhs_checksum_ok, surrogate_email, surrogate_identifier, surrogate_location, surrogate_nhs_number,
    surrogate_nino, surrogate_organization, surrogate_person, surrogate_phone, surrogate_postcode,
)
from leder_insights.errors import ConfigError

KEY = PseudonymKey(b"operator-test-key-0123456789abcdef")
OTHER = PseudonymKey(b"a-different-key-0123456789abcdef")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}$")


def _person(start, end):
    return Entity(start, end, "PERSON", "PERSON", 0.9, "test")


@pytest.mark.parametrize("name", ["placeholder", "surrogate"])
def test_operators_registered_by_name(name):
    assert name in registry.operators.get_all()
    assert get_operator(name).name == name


def test_operators_unknown_name_lists_registered():
    with pytest.raises(ConfigError, match=r"\[E004\].*placeholder.*surrogate"):
        get_operator("no_such_operator")


@pytest.mark.parametrize("original", ["943 476 5919", "9434765919", "401-023-2137", "485 777 3456"])
def test_operators_nhs_surrogate_valid_checksum_test_range_same_layout(original):
    for key in (KEY, OTHER):
        out = surrogate_nhs_number(key, original)
        assert nhs_checksum_ok(out), out
        assert re.sub(r"\D", "", out).startswith("999")
        assert re.sub(r"\d", "9", out) == re.sub(r"\d", "9", original)


def test_operators_nhs_surrogates_valid_over_many_values():
    outs = {surrogate_nhs_number(KEY, f"{n:010d}") for n in range(300)}
    assert all(nhs_checksum_ok(o) for o in outs) and len(outs) > 250


@pytest.mark.parametrize("original", ["LE1 5WW", "SW1A 1AA", "M1 1AE", "B338TH", "le1 5ww", "DN55 1PT"])
def test_operators_postcode_surrogate_valid_format(original):
    out = surrogate_postcode(KEY, original)
    assert POSTCODE.match(out.upper()), out
    assert (" " in out) == (" " in original)
    assert out.replace(" ", "").upper() != original.replace(" ", "").upper()
    assert out == surrogate_postcode(KEY, original)


@pytest.mark.parametrize("original,prefix", [
    ("07700 123456", "07700 900"), ("07911123456", "07700900"), ("0116 496 0123", "01632 960"),
    ("020 7123 4567", "020 7946 0"), ("+44 7911 123456", "+44 7700 900"),
    ("+44 116 496 0123", "+44 1632 960"),
])
def test_operators_phone_surrogate_uses_ofcom_drama_ranges(original, prefix):
    out = surrogate_phone(KEY, original)
    assert out.startswith(prefix), out
    assert re.fullmatch(r"[+\d ]+", out)


def test_operators_email_url_nino_identifier_surrogates():
    email = surrogate_email(KEY, "karen.smith@nhs.net")
    assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.org", email)
    nino = surrogate_nino(KEY, "AB 12 34 56 C")
    assert re.fullmatch(r"QQ \d\d \d\d \d\d [A-D]", nino)
    ident = surrogate_identifier(KEY, "RX1234567")
    assert re.fullmatch(r"[A-Z]{2}\d{7}", ident) and ident != "RX1234567"


def test_operators_person_variants_map_consistently():
    full = surrogate_person(KEY, "Karen Smith")
    first, last = full.split()
    assert surrogate_person(KEY, "KAREN SMITH") == full.upper()
    assert surrogate_person(KEY, "karen smith") == full.lower()
    assert surrogate_person(KEY, "Karen's") == first + "'s"
    assert surrogate_person(KEY, "Karen Smith\u2019s") == full + "\u2019s"
    assert surrogate_person(KEY, "Mrs Smith") == f"Mrs {last}"
    assert surrogate_person(KEY, "Mrs Karen Smith") == f"Mrs {full}"
    assert surrogate_person(KEY, "Smith", role="surname") == last
    assert "Karen" not in full and "Smith" not in full


def test_operators_person_keeps_sex_of_known_first_names():
    from leder_insights.deid._surrogates import FEMALE_SET, MALE_SET

    for name in ["Karen", "Margaret", "Susan", "Helen"]:
        assert surrogate_person(KEY, name).casefold() in FEMALE_SET
    for name in ["John", "David", "Peter", "Gary"]:
        assert surrogate_person(KEY, name).casefold() in MALE_SET


def test_operators_person_of_unknown_sex_gets_a_neutral_name():
    from leder_insights.deid._surrogates import NEUTRAL_FIRST

    for name in ["Folake Adeyemi", "Terry Taylor", "Xyzzy Smith"]:
        assert surrogate_person(KEY, name).split()[0] in NEUTRAL_FIRST
    assert surrogate_person(KEY, "Mrs Folake Adeyemi").split()[1] not in NEUTRAL_FIRST  # title says F


def test_operators_person_different_key_gives_different_names():
    names = ["Karen Smith", "John Jones", "Priya Shah", "Sam O'Brien", "Ann Lee"]
    assert [surrogate_person(KEY, n) for n in names] != [surrogate_person(OTHER, n) for n in names]


def test_operators_initials_keep_shape():
    out = surrogate_person(KEY, "J.S.")
    assert re.fullmatch(r"[A-Z]\.[A-Z]\.", out) and out != "J.S."


def test_operators_organization_stays_same_kind():
    out = surrogate_organization(KEY, "Vancouver House")
    assert out.endswith(" House") and "Vancouver" not in out
    assert surrogate_organization(KEY, "vancouver house") == out.lower()
    trust = surrogate_organization(KEY, "University Hospitals of Leicester NHS Trust")
    assert trust.endswith("NHS Trust") and "Leicester" not in trust
    assert surrogate_organization(KEY, "Oakwood Surgery").endswith(" Surgery")
    assert surrogate_organization(KEY, "Leicester City Council").endswith(" City Council")


def test_operators_location_keeps_numbers_and_street_type():
    out = surrogate_location(KEY, "12 Acacia Avenue, Leicester LE1 5WW")
    m = re.fullmatch(r"(\d+) ([A-Z][a-z]+) Avenue, ([A-Z][a-z]+) (\S+ \S+)", out)
    assert m, out
    assert m.group(2) != "Acacia" and m.group(3) != "Leicester" and POSTCODE.match(m.group(4))


def test_operators_name_resolver_links_lone_names():
    r = NameResolver(["Mrs Karen Smith", "Dr Raj Patel"])
    assert r.canonical("Karen") == r.canonical("KAREN SMITH") == "karen smith"
    assert r.canonical("Mrs Smith") == "karen smith"
    assert r.canonical("Patel") == "raj patel"
    assert r.role("Smith") == "surname" and r.role("Karen") == "first"
    assert r.sex("Karen") == "F"


def test_operators_placeholder_consistent_within_document_and_keeps_title():
    ctx = ReplaceContext(KEY, doc_key="r1")
    ctx.prepare(["Mrs Karen Smith"])
    op = PlaceholderOperator()
    a = op.replace("Mrs Karen Smith", _person(0, 15), ctx)
    b = op.replace("Karen", _person(0, 5), ctx)
    c = op.replace("KAREN SMITH's", _person(0, 13), ctx)
    d = op.replace("Mr John Jones", _person(0, 13), ctx)
    tag = b
    assert re.fullmatch(r"\[PERSON_\d{6}\]", tag)
    assert a == f"Mrs {tag}" and c == f"{tag}'s"
    assert d != f"Mr {tag}" and d.startswith("Mr [PERSON_")


def test_operators_placeholder_keyed_numbers_consistent_across_documents():
    op = PlaceholderOperator()
    e = Entity(0, 12, "UK_NHS", "ID", 1.0, "t")
    one = op.replace("943 476 5919", e, ReplaceContext(KEY, doc_key="r1"))
    two = op.replace("9434765919", e, ReplaceContext(KEY, doc_key="r2"))
    other = op.replace("943 476 5919", e, ReplaceContext(OTHER, doc_key="r1"))
    assert one == two and one != other


def test_operators_placeholder_document_numbering():
    ctx = ReplaceContext(KEY, doc_key="r1", numbering="document")
    op = PlaceholderOperator()
    outs = [op.replace(n, _person(0, len(n)), ctx) for n in ["Karen Smith", "John Jones", "Karen Smith"]]
    assert outs == ["[PERSON_1]", "[PERSON_2]", "[PERSON_1]"]


def test_operators_canonical_phone_ignores_international_prefix():
    e = Entity(0, 1, "UK_PHONE", "CONTACT", 1.0, "t")
    ctx = ReplaceContext(KEY)
    assert canonical_value("+44 116 496 0123", e, ctx) == canonical_value("0116 4960123", e, ctx)


def test_operators_surrogate_operator_dispatches_by_type():
    op, ctx = SurrogateOperator(), ReplaceContext(KEY, doc_key="r1")
    nhs = op.replace("943 476 5919", Entity(0, 12, "UK_NHS", "ID", 1, "t"), ctx)
    mail = op.replace("k@x.com", Entity(0, 7, "EMAIL_ADDRESS", "CONTACT", 1, "t"), ctx)
    pc = op.replace("LE1 5WW", Entity(0, 7, "UK_POSTCODE", "LOCATION", 1, "t"), ctx)
    home = op.replace("Vancouver House", Entity(0, 15, "CARE_HOME", "ORGANIZATION", 1, "t"), ctx)
    assert nhs_checksum_ok(nhs) and mail.endswith("@example.org") and POSTCODE.match(pc)
    assert home.endswith(" House")
