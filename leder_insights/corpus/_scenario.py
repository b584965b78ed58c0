"""Clinical scenarios: the cause of death and the story around it.

A scenario fixes the certificate wording (1a/1b/1c/2), the themes a review of such a death
tends to raise, and the episodes of the dated timeline.

>>> sorted(SCENARIOS)[:3]
['aspiration', 'bowel', 'cancer']
"""
from __future__ import annotations

#: name -> weight, causes (1a, 1b, 1c options), part-2 options, boosted themes, place-of-death weights
SCENARIOS: dict[str, dict] = {
    "aspiration": dict(
        weight=0.22,
        causes=[["Aspiration pneumonia"], ["Dysphagia", "Oropharyngeal dysphagia", ""],
                ["Cerebral palsy", "Down's syndrome", "Severe learning disability", ""]],
        part2=["Down's syndrome", "Epilepsy", "Alzheimer's disease", "Parkinson's disease",
               "Cerebral palsy", "Dementia", ""],
        themes=["aspiration_pneumonia", "sepsis_deterioration", "staff_training", "dnacpr_end_of_life",
                "care_quality_governance"],
        place={"hospital": 0.75, "care_home": 0.1, "home": 0.08, "hospice": 0.02, "other": 0.05}),
    "respiratory": dict(
        weight=0.16,
        causes=[["Lower respiratory tract infection", "Community-acquired pneumonia", "COVID-19 pneumonia",
                 "Bronchopneumonia"], ["COPD", "Influenza", ""], [""]],
        part2=["Down's syndrome", "Asthma", "Obesity", "Type 2 diabetes", "Learning disability", ""],
        themes=["health_checks_prevention", "sepsis_deterioration", "dnacpr_end_of_life", "delays_access"],
        place={"hospital": 0.7, "care_home": 0.12, "home": 0.13, "hospice": 0.0, "other": 0.05}),
    "sepsis": dict(
        weight=0.12,
        causes=[["Sepsis", "Urosepsis", "Septic shock"], ["Urinary tract infection", "Cellulitis",
                                                          "Infected pressure ulcer", "Perforated bowel"],
                ["Crohn's disease", "Neurogenic bladder", ""]],
        part2=["Cerebral palsy", "Epilepsy", "Type 2 diabetes", "Spina bifida", ""],
        themes=["sepsis_deterioration", "diagnostic_overshadowing", "delays_access", "family_involvement"],
        place={"hospital": 0.88, "care_home": 0.04, "home": 0.04, "hospice": 0.0, "other": 0.04}),
    "bowel": dict(
        weight=0.06,
        causes=[["Bowel obstruction", "Faecal peritonitis", "Volvulus"], ["Faecal impaction",
                                                                        "Chronic constipation"], [""]],
        part2=["Clozapine therapy", "Cerebral palsy", "Severe learning disability", ""],
        themes=["constipation", "diagnostic_overshadowing", "medication", "care_quality_governance"],
        place={"hospital": 0.85, "care_home": 0.05, "home": 0.05, "hospice": 0.0, "other": 0.05}),
    "epilepsy": dict(
        weight=0.09,
        causes=[["SUDEP", "Status epilepticus", "Sudden unexpected death in epilepsy"], ["Epilepsy", ""],
                ["Angelman syndrome", "Tuberous sclerosis", ""]],
        part2=["Angelman syndrome", "Cerebral palsy", "Learning disability", ""],
        themes=["epilepsy", "medication", "staff_training", "care_quality_governance"],
        place={"hospital": 0.35, "care_home": 0.25, "home": 0.35, "hospice": 0.0, "other": 0.05}),
    "cancer": dict(
        weight=0.14,
        causes=[["Metastatic bowel cancer", "Carcinoma of the oesophagus", "Breast cancer with liver metastases",
                 "Lung cancer", "Metastatic prostate cancer", "Cervical cancer"], [""], [""]],
        part2=["Down's syndrome", "Learning disability", "Type 2 diabetes", ""],
        themes=["cancer", "delays_access", "reasonable_adjustments", "dnacpr_end_of_life", "mental_capacity"],
        place={"hospital": 0.35, "care_home": 0.15, "home": 0.2, "hospice": 0.28, "other": 0.02}),
    "cardiac": dict(
        weight=0.11,
        causes=[["Ischaemic heart disease", "Congestive cardiac failure", "Myocardial infarction"],
                ["Congenital heart disease", "Hypertension", "Type 2 diabetes mellitus", ""], [""]],
        part2=["Down's syndrome", "Obesity", "Chronic kidney disease", ""],
        themes=["health_checks_prevention", "sepsis_deterioration", "reasonable_adjustments",
                "diagnostic_overshadowing"],
        place={"hospital": 0.6, "care_home": 0.12, "home": 0.25, "hospice": 0.0, "other": 0.03}),
    "dementia": dict(
        weight=0.07,
        causes=[["Alzheimer's disease", "Dementia", "Alzheimer's disease"], [""], [""]],
        part2=["Down's syndrome", "Epilepsy", ""],
        themes=["dnacpr_end_of_life", "mental_capacity", "aspiration_pneumonia", "diagnostic_overshadowing"],
        place={"hospital": 0.35, "care_home": 0.5, "home": 0.08, "hospice": 0.05, "other": 0.02}),
    "choking": dict(
        weight=0.03,
        causes=[["Asphyxia", "Choking"], ["Obstruction of the airway by a food bolus", ""], [""]],
        part2=["Autism", "Learning disability", ""],
        themes=["aspiration_pneumonia", "care_quality_governance", "staff_training", "safeguarding_neglect"],
        place={"hospital": 0.45, "care_home": 0.25, "home": 0.25, "hospice": 0.0, "other": 0.05}),
}

#: what the admitting team found, by scenario (used in the timeline)
PRESENTATION = {
    "aspiration": ["coughing after meals and a temperature", "reduced oral intake and chesty cough",
                   "drowsiness and rattly breathing"],
    "respiratory": ["a productive cough and shortness of breath", "fever and breathlessness",
                    "low oxygen saturations"],
    "sepsis": ["a high temperature and confusion", "being drowsy and off food", "vomiting and a fast heart rate"],
    "bowel": ["a distended abdomen and vomiting", "abdominal pain and not opening bowels for 8 days",
              "faecal vomiting"],
    "epilepsy": ["prolonged seizures", "a cluster of tonic-clonic seizures", "a seizure lasting over 5 minutes"],
    "cancer": ["weight loss and tiredness", "abdominal pain and jaundice", "a breast lump noticed by staff"],
    "cardiac": ["chest pain and breathlessness", "swollen ankles and breathlessness", "collapse at home"],
    "dementia": ["increasing confusion and loss of skills", "weight loss and reduced mobility",
                 "a fall and increased frailty"],
    "choking": ["choking on a sandwich at lunch", "a choking episode at the day centre",
                "an airway obstruction at teatime"],
}

DIAGNOSIS = {
    "aspiration": "aspiration pneumonia", "respiratory": "a lower respiratory tract infection",
    "sepsis": "sepsis", "bowel": "bowel obstruction", "epilepsy": "status epilepticus",
    "cancer": "cancer", "cardiac": "heart failure", "dementia": "advanced dementia",
    "choking": "a hypoxic brain injury after choking",
}

__all__ = ["SCENARIOS", "PRESENTATION", "DIAGNOSIS"]
