"""ATTACK_REPORT5 F1-F3: record numbers and location codes, exact ages and dates in unread forms,
and lone names, run through the national release path as ``submit`` runs it (de-identify, release
text rules, gate). Invented values only.

A planted value passes only when it is masked, or when the gate finds a direct identifier (the
release is refused, fail closed).
"""
from __future__ import annotations


import pytest
from _release_path import released

# The release path (conftest: one de-identifier and spaCy model per session) costs seconds of CPU:
# make test runs these, make test-fast skips them.
pytestmark = pytest.mark.slow

F1_PLANTS = [
    ("rio", "Her RiO ID 2207731 was not linked to the GP record.", "2207731"),
    ("emis", "The practice should have flagged EMIS number 6610428 for a check.", "6610428"),
    ("mosaic", "Social care (Mosaic ID 883107) did not share the referral.", "883107"),
    ("crime ref", "Police crime reference 14/55210/22 should have led to a referral.", "14/55210/22"),
    ("prison", "His prison number B7730QD was not passed to healthcare.", "B7730QD"),
    ("blue badge", "Her blue badge number 4411 2299 7733 was cancelled.", "441122997733"),
    ("uprn", "The flat (UPRN 200004417782) had no adaptations.", "200004417782"),
    ("steis", "It was logged on STEIS as 2020/22417 and closed.", "22417"),
    ("w3w", "The family gave ///pebble.lantern.quiet to the crew too late.", "pebblelanternquiet"),
    ("grid", "Crews went to grid reference SD 41122 56780 by mistake.", "4112256780"),
    ("lat long", "The tracker showed her at 51.44712, -2.58391 at night.", "5144712"),
    ("cqc", "The home's CQC location 1-2233445566 was rated inadequate.", "2233445566"),
    ("ods", "Practice P81022 did not offer an annual health check.", "P81022"),
    ("ipv6", "The camera at 2001:db8:4f2a::91c:7e1 was never checked.", "2001db84f2a"),
]
F2_PLANTS = [
    ("47M", "A 53M with Down's syndrome should have had a health check.", "53M"),
    ("(F, 62)", "Pt (F, 71) was not offered an adjustment for the scan.", "71"),
    ("would have been", "She would have been 39 next month and never had a check.", "39"),
    ("months old", "At 611 months old he had never had a hearing test.", "611"),
    ("all n of his years", "He had epilepsy for all 58 of his years.", "58"),
    ("years and days", "She was 52 years and 140 days old when she died.", "140"),
    ("day/month", "He was pronounced dead at 04:40 on 17/09 by the crew.", "17/09"),
    ("w/c", "In the w/c 21/3 the eating plan was not followed.", "21/3"),
    ("roman", "On 9.vii.21 the eating plan was not followed.", "9.vii.21"),
    ("serial", "The referral dated 44012 in the export was never triaged.", "44012"),
    ("year words", "Since two thousand and eighteen no check was offered.", "eighteen"),
    ("twenty twenty", "In twenty twenty-two the GP stopped visits.", "twentytwentytwo"),
    ("decade", "Born in the early 1960s, she lived in a long-stay hospital.", "1960s"),
    # F8: the age at death by arithmetic
    ("event + years", "She moved into the home at 31 and lived there for 20 years.", "31"),
    ("life of", "In a life of 51 years she never had a hearing test.", "51"),
    ("short years", "Her 51 short years were spent mostly in hospital.", "51"),
    ("born ago", "Born 51 years ago with cerebral palsy, she had no assessment.", "51"),
    ("ordinal year", "In her 52nd year she lost a stone.", "52nd"),
]
F3_PLANTS = [
    ("surname alone", "Trebilcock was not weighed for five months.", "Trebilcock"),
    ("name (age)", "Morvoren (51) was not offered reasonable adjustments.", "Morvoren"),
    ("nickname", 'Known to everyone as "Pickle", she was not included in decisions.', "Pickle"),
    ("welsh ap", "Adjustments were not made for Dafydd ap Iorwerth at the clinic.", "Iorwerth"),
    ("everyday-word name", "Staff should have noticed that Joy was losing weight.", "Joy"),
    ("wide letters", "Tr\u1ea7n V\u0103n Minh was not given easy-read information.", "Tr\u1ea7n"),
]


@pytest.mark.parametrize("plants", [F1_PLANTS, F2_PLANTS, F3_PLANTS], ids=["F1", "F2", "F3"])
def test_attack5_plants_are_notreleased(release_path, plants):
    assert released(release_path(plants), plants) == []


def test_attack5_clinical_shorthand_and_doses_survive(release_path):
    """The age and date forms leave doses, scores and fractions as they were."""
    kept = [("dose", "Give 5 mg twice daily and a 2 M solution.", ""),
            ("score", "He scored 8/10 on 3/4 occasions; BP 120/80.", ""),
            ("fraction", "Reduce to 1/2 tablet at night.", "")]
    for (label, text, _), (_, out, _direct) in zip(kept, release_path(kept)):
        assert out == text, label
