"""Fixtures for the themes tests: a small seed set of our own (no dependency on other areas' data)."""
from __future__ import annotations

import itertools

import pytest

# four core phrases per theme; frames turn each into several learning points
SEED_PHRASES = {
    "aspiration_pneumonia": ["no SALT referral after choking episodes", "his modified diet texture was not followed",
                             "the eating and drinking care plan was ignored", "aspiration pneumonia after a PEG feed"],
    "sepsis_deterioration": ["NEWS2 scores were not escalated", "sepsis was not recognised on the ward",
                             "soft signs of deterioration were missed", "baseline observations were not recorded"],
    "reasonable_adjustments": ["no hospital passport was used", "the learning disability flag was missing",
                               "no easy read letter was offered", "the liaison nurse was not contacted"],
    "mental_capacity": ["no capacity assessment was recorded", "the best interests meeting did not happen",
                        "no IMCA was instructed", "DoLS authorisation had lapsed"],
    "dnacpr_end_of_life": ["the DNACPR cited learning disability", "no ReSPECT form was completed",
                           "end of life care was not planned", "palliative care was arranged late"],
    "diagnostic_overshadowing": ["his distress was put down to autism", "pain was attributed to his learning disability",
                                 "changed behaviour was seen as part of her disability", "diagnostic overshadowing occurred"],
    "communication_coordination": ["the discharge summary was not shared with the GP", "handover between services failed",
                                   "no care coordinator was named", "multi-agency information sharing broke down"],
    "health_checks_prevention": ["no annual health check for three years", "his diabetes was not reviewed",
                                 "flu vaccination was not offered", "the health action plan was out of date"],
    "cancer": ["bowel cancer screening was missed", "the breast lump was not investigated",
               "cervical screening was never offered", "the tumour was diagnosed late"],
    "constipation": ["the bowel chart was not completed", "laxatives were stopped without review",
                     "faecal impaction was not recognised", "constipation was chronic and unmanaged"],
    "epilepsy": ["the seizure chart was not kept", "rescue medication was not available",
                 "no epilepsy care plan existed", "SUDEP risk was not discussed"],
    "family_involvement": ["his mother's concerns were not listened to", "the family were not involved in planning",
                           "carers were excluded from the review", "his sister raised concerns that were ignored"],
    "staff_training": ["staff had no Oliver McGowan training", "support workers lacked epilepsy training",
                       "staff were not trained in dysphagia", "no autism awareness training was given"],
    "delays_access": ["the referral waited six months", "there was a long delay for the scan",
                      "the waiting list for therapy was long", "the missed appointment was not followed up"],
    "medication": ["antipsychotics were not reviewed under STOMP", "a medication error went unreported",
                   "polypharmacy was not addressed", "doses were omitted on the MAR chart"],
    "safeguarding_neglect": ["no safeguarding referral was made", "financial abuse went unnoticed",
                             "self-neglect was not acted on", "a section 42 enquiry was not opened"],
    "care_quality_governance": ["the risk assessment was out of date", "staffing levels were too low at night",
                                "record keeping was poor", "the incident was not reported on Datix"],
    "mental_health": ["the crisis team did not assess him", "self-harm risk was not assessed",
                      "no psychiatric review took place", "his low mood and anxiety were untreated"],
    "equity_ethnicity": ["no interpreter was booked", "culturally appropriate food was not provided",
                         "her ethnicity was not recorded", "his faith needs were not respected"],
}
FRAMES = ["{p}.", "The review found that {p}.", "It was noted that {p}.", "Of concern, {p}.",
          "The family told the reviewer that {p}."]
NONE_TEXTS = ["He enjoyed music and going to the park.", "She liked bright colours and her cat.",
              "He lived with two friends in a bungalow.", "She attended a day centre on Tuesdays.",
              "He was a keen football supporter.", "The reviewer met the team in person."]
NEGATED = [("No concerns with swallowing were raised.", []), ("Sepsis was ruled out.", []),
           ("There was no evidence of constipation.", []), ("Epilepsy was not a factor in his death.", []),
           ("He did not require PEG feeding.", [])]


def seed_set() -> tuple[list[str], list[list[str]]]:
    texts, labels = [], []
    for theme, phrases in SEED_PHRASES.items():
        for phrase, frame in itertools.product(phrases, FRAMES):
            texts.append(frame.format(p=phrase[0].upper() + phrase[1:] if frame.startswith("{") else phrase))
            labels.append([theme])
    # multi-label points
    themes = list(SEED_PHRASES)
    for i, (a, b) in enumerate(zip(themes, themes[1:] + themes[:1])):
        texts.append(f"{SEED_PHRASES[a][i % 4].capitalize()} and {SEED_PHRASES[b][(i + 1) % 4]}.")
        labels.append([a, b])
    for t in NONE_TEXTS * 3:
        texts.append(t)
        labels.append([])
    for t, y in NEGATED * 3:
        texts.append(t)
        labels.append(y)
    return texts, labels


@pytest.fixture(scope="session")
def seed_data():
    return seed_set()


@pytest.fixture(scope="session")
def fitted_clf(seed_data):
    from leder_insights.themes import ThemeClassifier

    texts, labels = seed_data
    return ThemeClassifier(cv=2, max_char_features=5000, random_state=0).fit(texts, labels)
