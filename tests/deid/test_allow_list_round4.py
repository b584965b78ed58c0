"""Clinical terms, roles and a national body that were masked on real coroners' text (issue 13,
fourth round) survive detection; a name beside them is still caught. Invented sentences."""



def test_clinical_terms_roles_and_national_bodies_survive(detector):
    text = ("The CTG trace was stopped to enable the Caesarean to take place. A Consultant "
            "Neonatologist said UVC and IO access took too long on NICU. Midwives were trained. "
            "She had Fibromyalgia and Trisomy 21. The conclusion was Neglect; cause 1a Hanging, "
            "II Frailty. Group A Streptococcus grew. The GP referred him to the CRT. The "
            "Commissioners were told, as was the College of Policing.")
    found = [text[e.start:e.end] for e in detector.analyze(text)]
    assert found == [], found


def test_a_name_beside_the_terms_is_still_caught(detector):
    text = "Midwives told Kezia Brannigan that the CTG was normal."
    found = {text[e.start:e.end] for e in detector.analyze(text)}
    assert "Kezia Brannigan" in found, found
