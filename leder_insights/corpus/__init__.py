"""Synthetic LeDeR reviews with gold labels (identifier spans, themed learning points).

Real reviews are confidential; this generator is the default data for demos, notebooks and tests.
Texts are built by concatenating segments, and every identifier's offsets are recorded as it is
written, so ``text[start:end]`` is always the inserted value.

Labelling conventions (``corpus.entities``):

* PERSON spans hold the name only: titles and roles stay outside ("Dr [Patel]", "Mr [J]",
  "his sister [Karen]"), as do possessive endings ("[Karen]'s", the typo "[Karen]s"). Full names
  are one span ("[John SMITH]"); initials used as names are labelled ("[JS]", "Mr [J]").
* AGE spans hold the number and an attached unit, not "aged": "aged [54]", "a [54-year-old]",
  "[54 years old]", "Tom, [57],".
* DATE spans hold the whole expression, including lists ("[4th, 22nd and 28th February]") and
  month-year ("[March 2021]"); dates of birth have ``entity_type`` ``DOB``.
* ID: ``UK_NHS`` (modulus-11 valid), ``UK_NINO``, ``HOSPITAL_NUMBER`` (the number after a label
  such as "MRN "). CONTACT: ``PHONE_NUMBER`` (Ofcom drama ranges), ``EMAIL_ADDRESS``.
* LOCATION: ``STREET_ADDRESS``, ``TOWN``, ``UK_POSTCODE``; ORGANIZATION: ``HOSPITAL``, ``TRUST``,
  ``CARE_HOME``, ``GP_PRACTICE``, ``PROVIDER``, ``COUNCIL``, ``HOSPICE``.
* Never labelled: conditions and eponyms (Down's syndrome), legislation (Mental Capacity Act),
  national bodies (NHS England, CQC), generic roles (the GP), clinical shorthand (2/52, NEWS2 of 5),
  bare years and durations.

``corpus.learning_points`` holds one row per list item or prose sentence of good_practice,
areas_for_improvement, learning and recommendations, with offsets into that field (list markers,
``;`` separators and headers excluded), multi-label ``themes`` (taxonomy ids, 0-3) and ``cue``:
``positive``, ``negated`` (the theme's words are negated, so it is not labelled), ``near_miss``
(a tempting word from another theme, labelled with what it really is) or ``none``.

>>> from leder_insights.corpus import synthesize
>>> corpus = synthesize(n_reviews=3, seed=0)
>>> len(corpus.reviews)
3
"""
from __future__ import annotations

from ._generate import GENERATOR_VERSION, SyntheticCorpus, synthesize
from ._ids import nhs_checksum_ok
from ._write import FILES as CORPUS_FILES, read_reviews_csv, write_corpus

__all__ = ["synthesize", "write_corpus", "SyntheticCorpus", "read_reviews_csv", "nhs_checksum_ok", "CORPUS_FILES",
           "GENERATOR_VERSION"]
