"""Named local services: care homes, hospitals, GP practices, trusts/ICBs, councils, providers."""
import pytest

from leder_insights.deid.recognizers.care import (CareHomeRecognizer, CareProviderRecognizer,
                                                  CouncilRecognizer, GpPracticeRecognizer,
                                                  HospitalRecognizer, NhsTrustRecognizer,
                                                  PublicServiceRecognizer)


def _found(rec, text):
    return [text[r.start:r.end] for r in rec.analyze(text, rec.supported_entities) if r.score >= 0.35]


@pytest.mark.parametrize("rec,text,expected", [
    (CareHomeRecognizer, "He moved to Vancouver House in 2019.", ["Vancouver House"]),
    (CareHomeRecognizer, "She lived at The Willows.", ["The Willows"]),
    (CareHomeRecognizer, "at Meadowview Care Home", ["Meadowview Care Home"]),
    (CareHomeRecognizer, "at St Anne's Care Home", ["St Anne's Care Home"]),
    (CareHomeRecognizer, "He moved to the care home.", []),
    (CareHomeRecognizer, "He had lived at Sunnyside in Ashford for years", ["Sunnyside"]),
    (CareHomeRecognizer, "She died at Southmead Hospital", []),      # a multi-word name is not cut
    (CareHomeRecognizer, "He lived at home", []),
    (HospitalRecognizer, "admitted to Leicester Royal Infirmary.", ["Leicester Royal Infirmary"]),
    (HospitalRecognizer, "at St Mary's Hospital", ["St Mary's Hospital"]),
    (HospitalRecognizer, "at Queen's Medical Centre", ["Queen's Medical Centre"]),
    (HospitalRecognizer, "admitted to the hospital", []),
    (GpPracticeRecognizer, "registered at Riverside Medical Centre", ["Riverside Medical Centre"]),
    (GpPracticeRecognizer, "registered at Park Lane Surgery", ["Park Lane Surgery"]),
    (GpPracticeRecognizer, "registered at the GP surgery", []),
    (NhsTrustRecognizer, "University Hospitals of Leicester NHS Trust", ["University Hospitals of Leicester NHS Trust"]),
    (NhsTrustRecognizer, "by Nottinghamshire Healthcare NHS Foundation Trust.",
     ["Nottinghamshire Healthcare NHS Foundation Trust"]),
    (NhsTrustRecognizer, "NHS Derby and Derbyshire ICB", ["NHS Derby and Derbyshire ICB"]),
    (NhsTrustRecognizer, "the NHS Foundation Trust", []),
    (CouncilRecognizer, "funded by Leicestershire County Council", ["Leicestershire County Council"]),
    (CouncilRecognizer, "the General Medical Council", []),
    (CareProviderRecognizer, "supported by Bright Path Support Ltd", ["Bright Path Support Ltd"]),
    (CareProviderRecognizer, "needs Social Care", []),
    (PublicServiceRecognizer, "transferred to HMP Aylesbury", ["HMP Aylesbury"]),
    (PublicServiceRecognizer, "British Transport Police attended", []),
])
def test_recognizers_care_services(rec, text, expected):
    assert _found(rec(), text) == expected
