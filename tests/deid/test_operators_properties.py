"""Property-based tests (hypothesis) of replacement: any text, any spans, any category."""
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leder_insights.config import load_config
from leder_insights.deid import Deidentifier, Entity, PseudonymKey
from leder_insights.deid._dates import shift_date_text
from leder_insights.deid._surrogates import nhs_checksum_ok, surrogate_nhs_number, surrogate_person

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_TYPES = [("PERSON", "PERSON"), ("CARE_HOME", "ORGANIZATION"), ("HOSPITAL", "ORGANIZATION"),
          ("UK_POSTCODE", "LOCATION"), ("LOCATION", "LOCATION"), ("DATE", "DATE"), ("AGE", "AGE"),
          ("UK_NHS", "ID"), ("HOSPITAL_NUMBER", "ID"), ("UK_PHONE", "CONTACT"),
          ("EMAIL_ADDRESS", "CONTACT")]


class Replay:
    """Returns the entities it was given, whatever the text."""

    model_name, model_version, recognizer_names = "replay", "0", ["replay"]

    def __init__(self, entities):
        self.entities = entities

    def analyze(self, text):
        return self.entities

    def analyze_many(self, texts, n_process=None, batch_size=None):
        return [self.entities for _ in texts]


@st.composite
def _text_and_entities(draw):
    text = draw(st.text(min_size=1, max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10, unique=True)))
    ents = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        if b > a:
            etype, cat = draw(st.sampled_from(_TYPES))
            ents.append(Entity(a, b, etype, cat, 0.9, "replay"))
    return text, ents


def _deid(operator, ents):
    cfg = load_config(deid={"profiles": {"national": {"operator": operator}}})
    return Deidentifier(config=cfg, profile="national", key=b"prop-key-0123456789abcdef",
                        detector=Replay(ents))


@_SETTINGS
@given(data=_text_and_entities(), operator=st.sampled_from(["placeholder", "surrogate"]))
def test_operators_replacement_offsets_are_exact_on_any_text(data, operator):
    text, ents = data
    res = _deid(operator, ents).deidentify(text, doc_key="d1")
    pos, new_pos = 0, 0
    for r in res.replacements:  # the text between replacements is copied unchanged
        assert text[pos:r.start] == res.text[new_pos:r.new_start]
        pos, new_pos = r.end, r.new_end
    assert text[pos:] == res.text[new_pos:]
    assert len(res.replacements) == len(ents)  # no organisation is kept in the national profile
    assert res.audit["n_entities"] == len(ents)


@_SETTINGS
@given(d=st.dates(min_value=date(1930, 1, 1), max_value=date(2035, 12, 31)),
       days=st.integers(-365, 365).filter(bool),
       fmt=st.sampled_from(["%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y",
                            "%A %d %B %Y"]))
def test_operators_date_shift_round_trips_any_date(d, days, fmt):
    from datetime import datetime

    out = shift_date_text(d.strftime(fmt), days)
    if d.month == 5 and "%b" in fmt:  # "May" reads as a full month name, so the full form is used
        fmt = fmt.replace("%b", "%B")
    back = datetime.strptime(out, fmt).date()
    assert back - d == timedelta(days=days)


@_SETTINGS
@given(digits=st.text("0123456789", min_size=10, max_size=10),
       sep=st.sampled_from(["", " ", "-"]))
def test_operators_nhs_surrogate_always_valid(digits, sep):
    original = sep.join([digits[:3], digits[3:6], digits[6:]])
    out = surrogate_nhs_number(PseudonymKey(b"prop-key-0123456789abcdef"), original)
    assert nhs_checksum_ok(out) and len(out) == len(original)


@_SETTINGS
@given(first=st.sampled_from(["Karen", "John", "Priya", "Emeka", "Ann-Marie"]),
       last=st.sampled_from(["Smith", "O'Brien", "Shah", "Mensah", "Lloyd-Jones"]))
def test_operators_person_surrogate_shapes_agree(first, last):
    key = PseudonymKey(b"prop-key-0123456789abcdef")
    full = surrogate_person(key, f"{first} {last}")
    assert surrogate_person(key, f"{first} {last}".upper()) == full.upper()
    assert surrogate_person(key, f"Dr {last}") == "Dr " + full.split(" ", 1)[1]
    assert first not in full.split() and last not in full.split()
