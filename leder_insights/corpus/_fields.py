"""The free-text fields of a review: pen portrait, timeline, cause of death, learning fields.

Each writer returns a :class:`TextBuilder` whose text is the field and whose ``entities`` and
``items`` are its gold identifier spans and learning points.

>>> import random
>>> from faker import Faker
>>> fake = Faker("en_GB"); fake.seed_instance(0)
>>> case = ReviewCase(random.Random(0), fake, 0)
>>> b = pen_portrait(case)
>>> all(b.text()[e.start:e.end] == e.text for e in b.entities)
True
"""
from __future__ import annotations

import datetime as dt
import random

from . import _bank as K
from . import _ids as I
from . import _lexicon as L
from ._cast import first, full, title_initial
from ._learning import LIST_STYLES, draft, write_items
from ._review import ReviewCase, pick
from ._scenario import DIAGNOSIS, PRESENTATION, SCENARIOS
from ._text import TextBuilder, expand, fill

_SEVERITY_PHRASE = {"mild": "a mild learning disability", "moderate": "a moderate learning disability",
                    "severe": "a severe learning disability",
                    "profound_multiple": "profound and multiple learning disabilities",
                    "unknown": "a learning disability"}
#: base rate of each theme among the areas for improvement of a review
_THEME_BASE = {
    "aspiration_pneumonia": 0.06, "sepsis_deterioration": 0.06, "reasonable_adjustments": 0.1,
    "mental_capacity": 0.08, "dnacpr_end_of_life": 0.06, "diagnostic_overshadowing": 0.05,
    "communication_coordination": 0.12, "health_checks_prevention": 0.08, "cancer": 0.02,
    "constipation": 0.03, "epilepsy": 0.03, "family_involvement": 0.09, "staff_training": 0.06,
    "delays_access": 0.07, "medication": 0.05, "safeguarding_neglect": 0.03,
    "care_quality_governance": 0.1, "mental_health": 0.03, "equity_ethnicity": 0.02}


_BACKGROUND = (
    "{He} was born in {town} and [grew up|was brought up] with {his} [parents and two brothers|mother and sisters|large family].",
    "{He} went to a special school [locally|in {town}] and later [attended|went to] a day centre [three days a week|on weekdays].",
    "[Until the pandemic|Before {his} health declined], {he} [volunteered in a charity shop|had a paid job at a garden centre|helped out at a local café].",
    "{He} moved [out of a long-stay hospital|out of the family home] [in the 1990s|when {he} was in {his} twenties|after {his} father died].",
    "{He} [had been known to|was supported by] the community learning disability team for many years.",
    "{He} [attended|loved going to] [college|a day service|a drama group|a gardening project] [twice a week|every Monday and Thursday].",
    "{He} left [school|special school] {ageschool}.",
    "{He} [moved out of the family home|started at the day centre|moved into {his} first flat] {agethen}.",
)
_PERSONALITY = (
    "{He} was [a sociable|a gentle|a cheeky|a determined|an independent] {man} with [a great sense of humour|a big smile|a strong personality].",
    "[People|Staff] who knew {him} said {he} [could light up a room|had a wicked sense of humour|was fiercely independent|knew exactly what {he} wanted].",
    "{He} liked [routine|a predictable day] and [became anxious|found it hard] when plans changed[| without warning].",
    "{He} was proud of {his} [bedroom|garden|collection of DVDs|independence|family photographs].",
    "{He} [was a big fan of|supported] {his} local football team and [never missed a match on television|had a season ticket].",
)
_SUPPORT = (
    "{He} needed [support with all aspects of personal care|help with washing and dressing|prompting with personal care] and used a wheelchair [outdoors|for longer distances|at all times].",
    "{He} needed [one-to-one support during the day|two staff for personal care|support to manage {his} money].",
    "{He} [did not like|was frightened of] [needles|hospitals|doctors] and needed [careful preparation|reassurance] before appointments.",
    "{He} [could walk short distances|walked with a frame|was fully mobile][ but was at risk of falls|].",
    "{He} had a hospital passport which [was kept up to date by|had been written with] {manager}.",
    "{He} had a Care Act assessment [by|from] {council} [in|during] [2019|2020|2021] and {his} support hours were [increased|reviewed].",
    "The learning disability liaison nurse at {hosp} knew {him} well from previous admissions.",
    "{He} had a DoLS [in place|authorisation] and an IMCA had been involved in [decisions about {his} care|the decision about where {he} should live].",
)
_HEALTH = (
    "{He} had [regular|annual] health checks at {gpp}[| and knew {doc} well].",
    "{He} took [several|a number of] regular medicines, including [sodium valproate|levetiracetam|risperidone|omeprazole and laxatives].",
    "In the months before {his} death {his} [health|mobility] had [deteriorated|declined] and {he} had [lost weight|had several chest infections|become more withdrawn].",
    "{He} had [two|three|several] admissions to {hosp} in the [year|two years] before {he} died.",
)
_MATTERED = (
    "What mattered most to {him} was [being with {his} family|{his} routine and familiar people|going out every day|{his} friends at the day centre].",
    "{His} [support team|family] said {he} [would be greatly missed|had touched the lives of everyone who knew {him}].",
    "{His} family described {him} as \"[the life and soul of the party|a gentle giant|cheeky and funny|stubborn but kind]\".",
)


def pen_portrait(rv: ReviewCase) -> TextBuilder:
    r, pr, p = rv.rng, rv.pron, rv.person
    b = TextBuilder()
    man = "man" if rv.sex == "male" else "woman"
    eth = L.ETHNIC_PHRASE.get(rv.eth, "")
    ld = _SEVERITY_PHRASE[rv.severity] + (" and autism" if rv.autistic else "")
    if rv.autism_only:
        ld = "autism and no learning disability"
    k = r.randrange(5)
    if k == 0:
        full(b, p, caps=r.random() < 0.5)
        b.add(" (DOB ")
        rv.date(b, rv.dob, r.choice(["d/m/yy", "dd/mm/yyyy", "dd.mm.yy"]), dob=True)
        b.add(") was ")
        rv.age_ent(b, rv.age, "year_old")
        b.add(f" {eth + ' ' if eth else ''}{man} with {ld}.")
    elif k == 1:
        b.add("This review concerns ")
        full(b, p, caps=r.random() < 0.3)
        rv.age_ent(b, rv.age, "comma")
        b.add(f" who had {ld}.")
    elif k == 2:
        first(b, p)
        if p.nickname and r.random() < 0.6:
            b.add(", known to everyone as ").ent(p.nickname, "PERSON", "PERSON").add(",")
        b.add(" was ")
        rv.age_ent(b, rv.age, "years_old")
        b.add(f" when {pr['he']} died. {pr['he'].capitalize()} was a {eth + ' ' if eth else ''}{man} with {ld}.")
    elif k == 3:
        full(b, p, caps=r.random() < 0.4)
        b.add(" was born on ")
        rv.date(b, rv.dob, r.choice(["ordinal_month_year", "d_month_year"]), dob=True)
        b.add(" and died ")
        rv.age_ent(b, rv.age, "aged")
        b.add(f". {pr['he'].capitalize()} had {ld}.")
    else:
        title_initial(b, p)
        b.add(" was ")
        rv.age_ent(b, rv.age, "year_old")
        b.add(f" {eth + ' ' if eth else ''}{man} with {ld}. In this review {pr['he']} is referred to as ")
        title_initial(b, p)
        b.add(".")
        rv.dec.style = "title_initial"
    if r.random() < 0.3:
        b.add(r.choice([" NHS number: ", " NHS No ", " (NHS number "]))
        b.ent(I.nhs_number(r), "ID", "UK_NHS")
        b.add(")." if b.tail(20).find("(NHS") >= 0 else ".")
    if r.random() < 0.06:
        b.add(" NI number ").ent(I.nino(r), "ID", "UK_NINO").add(".")
    # mandatory: where the person lived, how they communicated, their health
    if rv.living in ("residential", "nursing"):
        home = (f"{{He}} had lived at {{home}} in {{town}} for [{r.randrange(2, 30)}|many|"
                f"{r.randrange(2, 12)}] years[| and saw it as {{his}} home].")
    elif rv.living == "supported_living":
        home = "{He} lived in a supported living flat at {addr}, with support from {provider}[| 24 hours a day| for 40 hours a week]."
    elif rv.living == "family":
        home = "{He} lived with {fam} at {addr}[| and they were very close]."
    elif rv.living == "alone":
        home = "{He} lived alone at {addr} with [a few hours of|daily] support from {provider}."
    else:
        home = "{He} lived [with a Shared Lives carer|in a Shared Lives placement] in {town}."
    comm = "{He} " + r.choice(L.COMMUNICATION) + "."
    conds = rv.conditions
    health = []
    if conds:
        cl = ", ".join(conds[:-1]) + (" and " if len(conds) > 1 else "") + conds[-1]
        health.append(f"{{He}} [had|lived with] {cl}.")
    if "dysphagia" in conds:
        health.append("{He} had a SALT [plan|assessment] and [ate|was on] [a level 5 minced and moist diet|a pureed diet|IDDSI level 4 food] with [stage 1|level 2|mildly thick] fluids.")
    likes = r.sample(L.LIKES, 2)
    swap = ("his ", "her ") if rv.sex == "female" else ("her ", "his ")
    likes = [x.replace(*swap) for x in likes]
    # (section, template); None is a relative's age or contact line
    optional: list[tuple[float, str | None]] = [
        (5, f"{{He}} [loved|enjoyed|really enjoyed] {likes[0]} and {likes[1]}.")]
    if rv.family:
        optional.append((6, "{He} [was very close to|adored|had a close relationship with] {fam}, who "
                            "[visited every week|phoned most days|was {his} main advocate]."))
        if len(rv.family) > 1:
            optional.append((6.5, "{fam_poss} [visits|phone calls] were the highlight of {his} week."))
        if r.random() < 0.3:
            optional.append((6.7, None))
    if r.random() < 0.2:
        optional.append((8, "{His} weight had [dropped|fallen] and [at {his} last health check {his}|{his}] "
                            "BMI [was|had fallen to] 17."))
    for sec, pool, k in ((2, _BACKGROUND, 2), (4, _PERSONALITY, 2), (7, _SUPPORT, 2), (8, _HEALTH, 2),
                         (9, _MATTERED, 1)):
        optional.extend((sec, t) for t in r.sample(pool, r.randrange(0, k + 1)))
    r.shuffle(optional)
    target = r.randrange(95, 230)
    words = len(b.text().split()) + len(home.split()) + len(comm.split()) + sum(len(h.split()) for h in health)
    chosen: list[tuple[float, str | None]] = [(1, home), (3, comm)]
    chosen.extend((8, h) for h in health)
    for section, sentence in optional:
        if words >= target:
            break
        chosen.append((section, sentence))
        words += len(sentence.split()) if sentence else 12
    chosen.sort(key=lambda x: x[0])  # stable: keeps the shuffled order within a section
    slots = dict(rv.slots())
    slots["addr"] = lambda bb: _address(rv, bb)
    slots["provider"] = lambda bb: bb.ent(rv.provider, "ORGANIZATION", "PROVIDER")
    slots["man"] = man
    words = len(b.text().split())
    for _, sent in chosen:
        sb = TextBuilder()
        sb.add(" ")
        if sent is None:
            _relative_line(rv, sb)
        else:
            fill(sb, rv.voice(expand(sent, r)), slots)
        n = len(sb.text().split())
        if words + n > 248:
            continue
        b.extend(sb)
        words += n
    return b


def _relative_line(rv: ReviewCase, b: TextBuilder) -> None:
    r, pr = rv.rng, rv.pron
    fam = rv.family[0]
    if r.random() < 0.5:
        b.add(f"{pr['his'].capitalize()} {fam.p.relation}")
        if r.random() < 0.6:  # "His sister Karen, 57, ..."
            b.add(" ")
            first(b, fam.p)
            fam.p.introduced = True
        lo, hi = {"mother": (20, 36), "father": (22, 38), "niece": (-35, -12), "nephew": (-35, -12)}.get(
            fam.p.relation, (-10, 11))
        rv.age_ent(b, max(18, min(98, rv.age + r.randrange(lo, hi))), "comma")
        b.add(f" {r.choice(['remained', 'was'])} involved in {pr['his']} care.")
        return
    b.add("Family contact: ")
    full(b, fam.p)
    b.add(f" ({fam.p.relation}), tel. ")
    b.ent(I.phone(r), "CONTACT", "PHONE_NUMBER")
    if r.random() < 0.5:
        b.add(", email ").ent(I.email(r, fam.p.first, fam.p.last), "CONTACT", "EMAIL_ADDRESS")
    b.add(".")


def _address(rv: ReviewCase, b: TextBuilder) -> None:
    b.ent(rv.street, "LOCATION", "STREET_ADDRESS").add(", ").ent(rv.town, "LOCATION", "TOWN")
    if rv.rng.random() < 0.7:
        b.add(", " if rv.rng.random() < 0.6 else " ").ent(rv.postcode, "LOCATION", "UK_POSTCODE")


_EPISODES = [
    "Annual health check at {gpp}[| with {doc}]. [BMI 17 recorded|Weight stable|BMI 31]. Health action plan [completed|not completed].",
    "Seen by {doc} at {gpp} with a cough. Amoxicillin [prescribed|started] for [1/52|5 days].",
    "Telephone consultation with {doc}. Review in 2/52 [advised|planned].",
    "Flu vaccine [given|declined|not offered] [at {gpp}|at home].",
    "Outpatient appointment at {hosp} - did not attend. [No follow-up arranged|Follow-up in 3/12].",
    "SALT review by {salt}. [IDDSI level 5 diet and mildly thick fluids advised|Swallow unchanged|Advised to sit upright for meals].",
    "Attended ED at {hosp} after a fall at {home}. [Discharged the same day|X-ray NAD, discharged].",
    "Best interests meeting [held|took place] about [dental treatment under GA|a PEG|moving to {home}]. {fam} attended[| with an IMCA].",
    "Epilepsy review with the epilepsy nurse. [Levetiracetam increased to 750mg bd|No changes made|Buccal midazolam 10mg prescribed].",
    "Care review by the community learning disability team[| ({ctrust})]. [Care plan updated|No concerns raised].",
    "Referral to the community learning disability team at {ctrust} for [a behaviour support plan|physiotherapy|a SALT review].",
    "{support} [noted|reported] that {name} was off {his} food and [quieter than usual|not {himself}]. GP [informed|contacted].",
    "Bowel chart shows no bowel movement for [5|6|7] days. Laxatives [given|increased]. [Movicol 2 sachets|Lactulose 10ml bd|Lactulose 5ml bd].",
    "Dental appointment [cancelled|rearranged] as {name} was [anxious|unwell].",
    "Medication review [by the practice pharmacist|with {doc}]. [Risperidone reduced under STOMP|Omeprazole stopped|No changes].",
    "Health passport updated by {manager} and [shared with {hosp}|kept in {his} grab bag].",
    "Home visit by {doc}. [Chest clear|Crackles at right base]. [Observations normal|NEWS2 of 5, SpO2 93% on air].",
    "Safeguarding concern raised [by {fam}|by {manager}] [with {council}|] [about unexplained bruising|about missed medication]. [Closed after enquiry|Section 42 enquiry opened].",
    "Covid-19 vaccine [booster|second dose] given.",
    "[Temperature 38.2|Earache]. Paracetamol suspension 5ml [qds|four times a day] [advised|prescribed] by {doc}.",
    "Podiatry appointment at {gpp}. [Nails cut|Advised on footwear|Foot ulcer dressed].",
    "Dental check-up[| under sedation] at the community dental service. [Two extractions|No treatment needed].",
    "Blood tests taken at home [by the district nurse|by {doc}]. [HbA1c 58|TSH raised|Sodium 129|Results normal].",
    "Seizure lasting [3|4|6] minutes recorded by {support}. [Buccal midazolam not needed|Buccal midazolam 10mg given].",
    "Fall in the bathroom at {home}. [No injury|Graze to the forehead]. [Falls risk assessment updated|GP not informed].",
    "UTI treated with nitrofurantoin for [3|7] days.",
    "Day centre closed [due to COVID-19|for refurbishment]. {name} [became withdrawn|was unsettled].",
    "Social worker review with {council}. [Support hours reduced|Support hours increased|Respite agreed].",
    "Weight recorded as [48|52|61|97] kg[, a loss of 4 kg in 3/12|, stable].",
    "Referred to SALT by {doc} after [coughing at meals|a choking episode]. [Seen 2/52 later|Placed on a 14-week waiting list].",
    "Bowel cancer screening kit [received|posted to {home}]. [Not completed|Returned with support from {support}].",
    "Optician appointment. [New glasses|Cataracts noted, referred to {hosp}].",
    "Respite stay [at a local respite unit|arranged by {council}][| for 2/52].",
    "Telephone call from {fam} to {manager} raising concerns about [weight loss|missed appointments|{his} mood].",
]

_ONSET = (
    "{support} found {name} [drowsy|unwell|breathless] [in the morning|at teatime] with {presentation}. [NEWS2 of 5|NEWS2 of 7] recorded and 999 called.",
    "{manager} [noted|reported] that {name} had {presentation}. [111 called|GP called for advice] and [an ambulance requested|advised to call 999].",
    "{fam} [called 111|phoned the GP] because {name} had {presentation}[| and was not {himself}].",
)
_CONVEY = (
    "Ambulance arrived after [3|4|2] hours. SpO2 88% on air.",
    "Paramedics attended[|, NEWS2 of 5] and conveyed {name} to the emergency department at {hosp}.",
    "Waited [6|7|9] hours in ED before [being seen|a bed was found]. SpO2 88% on air.",
)
_ADMIT = "Admitted to {hosp}[| ({trust})] with {presentation}. {cons} [reviewed|saw] {name} on the ward."
_MIDDLE = (
    "Diagnosed with {diagnosis}. [IV antibiotics started|Treatment started|Plan discussed with {fam}].",
    "{liaison} [visited|reviewed] {name}[| and shared {his} hospital passport].",
    "[DNACPR decision made by {cons}|ReSPECT form completed] [after discussion with {fam}|without discussion with family].",
    "{nurse} recorded [NEWS2 of 5|an increasing oxygen requirement]. [Escalated to the registrar|Not escalated].",
    "Nil by mouth pending SALT assessment. [Seen by SALT 3 days later|No SALT input over the weekend].",
    "{fam} [raised concerns|told staff] that {name} [was in pain|was not drinking|was frightened] and [asked for|wanted] [a review|more support].",
    "Best interests meeting [held|took place] about [treatment escalation|NG feeding|a PEG]. {fam} attended[| with an IMCA].",
)
_SCENARIO_MIDDLE = {
    "cancer": ("CT scan at {hosp} showed [a mass|liver metastases|widespread disease]. Referred to oncology.",
               "Referred to the palliative care team. Anticipatory medicines prescribed."),
    "bowel": ("Abdominal X-ray showed [faecal loading|dilated loops of bowel]. [Enema given|Surgical review requested].",),
    "epilepsy": ("Buccal midazolam 10mg given by staff[| after 5 minutes]. Seizure stopped.",),
    "aspiration": ("Chest X-ray showed right lower lobe consolidation. Nil by mouth.",),
    "sepsis": ("Sepsis six started[| 3 hours after arrival]. Lactate 4.1.",),
}
_SUDDEN = (
    "{support} found {name} unresponsive in bed [in the morning|at 07:30]. CPR started and 999 called.",
    "{name} collapsed [at home|at lunch|in the bathroom]. [Staff|{fam}] started CPR and called 999.",
)
_DISCHARGE = {
    "home": "Discharged home for end of life care[| with a package of care].",
    "care_home": "Discharged back to {home} for end of life care[| with anticipatory medicines].",
    "hospice": "Transferred to [the local hospice|{hospice}] for end of life care.",
    "other": "Discharged back to {home}.",
}
_DEATH = {
    "hospital": "{name} died at {hosp}[| with {fam} present].",
    "home": "{name} died at home[| peacefully| with {fam} present].",
    "care_home": "{name} died [peacefully|] at {home}.",
    "hospice": "{name} died at [the local hospice|{hospice}][| with {fam} present].",
    "other": "{name} [collapsed and died|died] at the day centre and could not be resuscitated.",
}


def _terminal(rv: ReviewCase) -> list[tuple[int, str]]:
    """(days before death, episode) for the last illness, oldest first."""
    r = rv.rng
    sudden = (rv.scenario in ("epilepsy", "cardiac", "choking") and rv.place != "hospital"
              and r.random() < 0.7)
    if sudden:
        return [(0, r.choice(_SUDDEN))]
    course = r.randrange(2, 21) if rv.scenario != "cancer" else r.randrange(20, 120)
    out = [(course, r.choice(_ONSET)), (course, r.choice(_CONVEY)), (course - r.randrange(0, 2), _ADMIT)]
    middle = [_MIDDLE[0]] + list(_SCENARIO_MIDDLE.get(rv.scenario, ())) + r.sample(_MIDDLE[1:], r.randrange(0, 3))
    days = sorted(r.sample(range(1, max(course - 1, len(middle) + 2)), len(middle)), reverse=True)
    days = [min(d, course - 1) for d in days]
    out += list(zip(days, middle))
    if rv.place != "hospital":
        out.append((1, _DISCHARGE[rv.place]))
    return out


def timeline(rv: ReviewCase) -> TextBuilder:
    r = rv.rng
    b = TextBuilder()
    S = rv.slots()
    S["presentation"] = r.choice(PRESENTATION[rv.scenario])
    S["diagnosis"] = DIAGNOSIS[rv.scenario]
    terminal = _terminal(rv)
    n = r.randrange(6, 16)
    n_early = max(2, min(len(_EPISODES), n - len(terminal) - 1))
    first_term = max(d for d, _ in terminal)
    span_days = r.randrange(200, 1000)
    early_days = sorted(r.sample(range(first_term + 14, first_term + span_days), n_early), reverse=True)
    entries: list[tuple[dt.date, str, bool]] = []
    for d, ep in zip(early_days, r.sample(_EPISODES, n_early)):
        entries.append((rv.death - dt.timedelta(days=d), ep, False))
    for d, ep in terminal:
        entries.append((rv.death - dt.timedelta(days=d), ep, True))
    entries.append((rv.death, _DEATH[rv.place] + r.choice(
        ["", " Death reported to the coroner.", " MCCD issued.", " The coroner was informed."]), True))
    entries.sort(key=lambda x: x[0])
    style = r.choice(["dd/mm/yyyy", "dd.mm.yy", "d_month_year", "d/m/yy", "ordinal_month_year", "prose"])
    for i, (when, ep, term) in enumerate(entries):
        b.add("\n" if i else "")
        if style == "prose":
            b.add("On ")
            rv.date(b, when, r.choice(["ordinal_month_year", "d_month_year", "dd/mm/yyyy"]))
            b.add(", ")
            tmpl = rv.voice(expand(ep, r))
            if tmpl[:1].isupper() and tmpl[1:2].islower():
                tmpl = tmpl[:1].lower() + tmpl[1:]
            fill(b, tmpl, S)
        else:
            if not term and r.random() < 0.15:
                b.ent(I.month_year(when, r), "DATE", "DATE")
            else:
                rv.date(b, when, style if r.random() < 0.9 else None)
            b.add(r.choice([" - ", ": ", " – ", " "]))
            fill(b, rv.voice(expand(ep, r)), S)
        if ep is _ADMIT and r.random() < 0.35:
            label, num = I.hospital_number(r)
            b.add(" " + label[:1].upper() + label[1:]).ent(num, "ID", "HOSPITAL_NUMBER").add(".")
        if i == 1 and r.random() < 0.12:
            b.add(f" {rv.manager.role.capitalize()} can be contacted on ")
            b.ent(I.phone(r), "CONTACT", "PHONE_NUMBER").add(".")
    if r.random() < 0.2:
        d0 = rv.death - dt.timedelta(days=r.randrange(40, 200))
        days = r.sample(range(1, 29), r.randrange(2, 4))
        b.add(f"\nNote: {rv.pron['he']} was seen by the GP on ")
        b.ent(I.day_list(days, d0.month, d0.year if r.random() < 0.5 else None), "DATE", "DATE")
        b.add(f" with {r.choice(['the same symptoms', 'a cough', 'abdominal pain'])}.")
    return b


def cause_of_death(rv: ReviewCase) -> TextBuilder:
    r = rv.rng
    parts, part2 = rv.cause_parts, rv.cause_part2
    style = r.randrange(4)
    labels = ["1a", "1b", "1c"]
    b = TextBuilder()
    if style == 0:
        b.add(" ".join(f"{lab} {p}" for lab, p in zip(labels, parts)) + (f" 2 {part2}" if part2 else ""))
    elif style == 1:
        b.add("; ".join(f"{lab}) {p}" for lab, p in zip(labels, parts)) + (f"; 2) {part2}" if part2 else ""))
    elif style == 2:
        b.add("\n".join(f"{lab}: {p}" for lab, p in zip(labels, parts)) + (f"\n2: {part2}" if part2 else ""))
    else:
        roman = ["I(a)", "I(b)", "I(c)"]
        b.add(" ".join(f"{lab} {p}" for lab, p in zip(roman, parts)) + (f" II {part2}" if part2 else ""))
    if r.random() < 0.07:
        b.add(" (MCCD completed by ")
        rv.gp.mention(b) if rv.place != "hospital" else rv.consultant.mention(b)
        b.add(", ")
        rv.date(b, rv.death + dt.timedelta(days=r.randrange(1, 5)), r.choice(["dd.mm.yy", "dd/mm/yyyy"]))
        b.add(")")
    elif r.random() < 0.04:
        b.add(" - confirmed at inquest on ")
        rv.date(b, rv.death + dt.timedelta(days=r.randrange(60, 300)), "ordinal_month_year")
    return b


def _themes_for(rv: ReviewCase, n: int, rng: random.Random) -> list[list[str]]:
    boosted = SCENARIOS[rv.scenario]["themes"]
    weights = {t: w for t, w in _THEME_BASE.items()}
    for t in boosted:
        weights[t] += 0.12
    if rv.origin != "british":
        weights["equity_ethnicity"] += 0.08
    if rv.autistic:
        weights["mental_health"] += 0.03
        weights["diagnostic_overshadowing"] += 0.03
    if "epilepsy" not in rv.conditions:
        weights["epilepsy"] = 0.005
    if "dysphagia" not in rv.conditions and rv.scenario not in ("aspiration", "choking", "dementia"):
        weights["aspiration_pneumonia"] = 0.02
    if rv.scenario != "cancer":
        weights["cancer"] = 0.012
    out = []
    names, ws = zip(*weights.items())
    for _ in range(n):
        k = rng.choices([1, 2, 3], [0.72, 0.23, 0.05])[0]
        picked: list[str] = []
        while len(picked) < k:
            t = rng.choices(names, ws)[0]
            if t not in picked:
                picked.append(t)
        out.append(picked)
    return out


def _lp_drafts(rv: ReviewCase, polarity: str, n: int, mix: bool = True):
    r = rv.rng
    drafts = []
    for themes in _themes_for(rv, n, r):
        cue = "positive"
        if mix:
            u = r.random()
            cue = "negated" if u < 0.1 else "near_miss" if u < 0.18 else "none" if u < 0.22 else "positive"
        if cue in ("negated", "near_miss"):  # the distractor's theme is drawn uniformly
            pool = [t for t in K.THEMES if cue != "negated" or t not in rv.cannot_negate]
            themes = [r.choice(pool)] + [t for t in themes[:1]]
            themes = list(dict.fromkeys(themes))
        if polarity == "recommendation" and cue in ("negated", "near_miss", "none"):
            cue = "positive"
        drafts.append(draft(r, polarity, themes, cue, rv.contradicts))
    return drafts


_HEADERS = {
    "good_practice": ["", "", "Good practice identified:", "Examples of good practice:", "The reviewer found:"],
    "areas_for_improvement": ["", "", "Areas for improvement:", "The following concerns were identified:",
                              "Issues identified in the review:"],
    "learning": ["", "Learning points:", "The review identified the following learning:", "Learning into action:",
                 "Key learning:"],
    "recommendations": ["", "Recommendations:", "Actions:", "The reviewer recommends:"],
}


def learning_field(rv: ReviewCase, field: str, polarity: str, n: int) -> TextBuilder:
    r = rv.rng
    b = TextBuilder()
    if n == 0:
        return b
    S = rv.slots()
    pols = None
    if field == "learning":
        pols = [pick(r, (("area_for_improvement", 0.65), ("good_practice", 0.25), ("recommendation", 0.1)))
                for _ in range(n)]
        drafts = [_lp_drafts(rv, p, 1)[0] for p in pols]
    else:
        drafts = _lp_drafts(rv, polarity, n, mix=field != "recommendations")
    drafts = [(rv.voice(t), labels, cue) for t, labels, cue in drafts]
    style = r.choice(LIST_STYLES if n > 1 else ("prose", "bullets_dash", "numbered_dot"))
    if field == "good_practice" and r.random() < 0.4:
        style = "prose"
    header = r.choice(_HEADERS[field])
    write_items(b, drafts, style, polarity, S, r, header=header, polarities=pols)
    return b

__all__ = ["pen_portrait", "timeline", "cause_of_death", "learning_field"]
