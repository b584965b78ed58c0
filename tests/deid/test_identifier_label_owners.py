"""Each record-number or reference label has one owner (``deid/conf/identifier_labels.yaml``):
``uk_record_number`` reads ``labels`` and ``self_labels``, ``uk_reference_number`` reads
``reference_labels``, and only the owner finds the number after the label. Invented values."""
from __future__ import annotations

import re

import pytest

from leder_insights.deid._identifier_labels import OWNERS, identifier_labels, labelled_lead, owned_labels
from leder_insights.deid._gate import ResidualRiskScanner
from leder_insights.deid.recognizers.uk.record_number import RecordNumberRecognizer
from leder_insights.deid.recognizers.uk.reference_number import ReferenceNumberRecognizer

RECOGNIZER = {"record": RecordNumberRecognizer, "reference": ReferenceNumberRecognizer}


def _key(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip().lower())


def _every_label() -> list[tuple[str, str, bool]]:
    """(owner, label, stands alone) for every label of the file."""
    out = []
    for owner in OWNERS:
        typed, alone = owned_labels(owner)
        out += [(owner, w, False) for w in typed] + [(owner, w, True) for w in alone]
    return out


def test_no_label_has_two_owners():
    d = identifier_labels()
    seen: dict[str, str] = {}
    for owner, keys in OWNERS.items():
        for w in {_key(str(w)) for k in keys for w in d[k]}:
            assert w not in seen, f"{w!r} belongs to {owner} and {seen[w]}"
            seen[w] = owner


def test_every_key_of_the_file_has_one_owner():
    keys = [k for o in OWNERS.values() for k in o]
    assert sorted(keys) == sorted(set(keys)) == ["labels", "reference_labels", "self_labels"]


@pytest.mark.parametrize("owner,label,alone", _every_label(), ids=[f"{o}:{w}" for o, w, _ in _every_label()])
def test_only_the_owner_finds_the_number(owner, label, alone):
    text = f"The form gave {label} {'' if alone else 'number '}48217730 and nothing else."
    found = {name: [text[r.start:r.end] for r in rec().analyze(text, [rec.ENTITY])]
             for name, rec in RECOGNIZER.items()}
    assert found[owner] == ["48217730"], (label, found)
    assert all(v == [] for name, v in found.items() if name != owner), (label, found)


def test_the_gate_reads_every_owner():
    """The gate refuses the number after any label (as LABELLED_ID, or a kind of its own such as
    BANK_ACCOUNT for "rent account number")."""
    scanner = ResidualRiskScanner(use_ner=False)
    for _owner, label, alone in _every_label():
        text = f"The form gave {label} {'' if alone else 'number '}48217730 and nothing else."
        assert re.search(labelled_lead(), text), label
        spans = [text[c.start:c.end] for c in scanner.direct_identifiers(text)]
        assert any("48217730" in s for s in spans), (label, spans)
