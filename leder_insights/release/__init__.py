"""Release-level privacy: the whole record of a review, not just its text.

A release schema gives every column one action (keep, generalise, pseudonymise, shift,
deidentify_text, drop); quasi-identifiers are generalised along declared hierarchies until the
release is k-anonymous; the gate refuses direct identifiers anywhere in the released files.

>>> import pandas as pd
>>> from leder_insights.release import Release
>>> rel = Release("national", key=b"k" * 32)
>>> df = pd.DataFrame({"review_id": ["A", "B"], "sex": ["male", "male (J Smith, 4 High St)"],
...                    "age_at_death": [54, 71], "Name": ["x", "y"]})
>>> plan = rel.plan(df, k=1, max_suppressed_share=0.0)      # all rows, before streaming
>>> out = rel.transform(df, plan)                            # then each chunk
>>> out.columns.tolist(), out["sex"].tolist()                # Name dropped; free text in a coded column
(['review_id', 'age_band', 'sex'], ['male', 'other'])
>>> both_male = df.assign(sex="male")                        # k = 2: the ages widen to one band
>>> rel.transform(both_male, rel.plan(both_male, k=2, max_suppressed_share=0.0))["age_band"].tolist()
['40\u201379', '40\u201379']

Public API
----------
``Release``             a schema bound to the key: ``text_columns``, ``dropped_columns``,
                        ``pseudonym``/``pseudonymise``; ``prepare`` (a chunk, row by row),
                        ``plan_prepared`` (all rows' quasi-identifiers), ``generalise`` (a chunk);
                        ``plan``/``transform`` do both at once in memory; ``measure``
                        (k-anonymity and l-diversity of the released rows)
``ReleasePlan``         hierarchy levels and suppressed combinations; ``to_dict`` for the manifest
``load_release_schema``, ``ReleaseSchema``   the YAML schema (``schemas/national.yaml``)
``measure_risk``        k, share below k, uniques, l-diversity of released quasi-identifiers
``small_counts_hidden`` a release record as published: counts below k written "<k"
``plan_release``        the generalisation search behind ``Release.plan`` (exhaustive up to
                        ``EXHAUSTIVE_LIMIT`` lattice nodes, greedy above)
``free_text_columns``   local columns a mapping marks ``free_text``
``read_mentions``, ``mask_mentions``, ``mention_spans``, ``non_overlapping``   quasi-identifier values in the
                        text ("moderate learning disability", "White British man"): read back or masked
``calendar_spans``      weekdays and dated public events in the text ("on a Tuesday", "the first
                        Covid lockdown"): masked by every release
``identifier_spans``    identifiers no recognizer catches (a vehicle registration): masked by every release
``OwnIds``, ``own_id_spans``   the batch's own review ids (and ids of their series) written in the text
                        in any spelling ("ldr 2021 00037"): masked by every release
``PublicTextIndex``     shingle hashes of a public corpus (PFD reports, text files): ``match`` tells
                        whether a released value repeats a distinctive run of one public document
"""
from __future__ import annotations

from ._mentions import OwnIds, own_id_spans, calendar_spans, identifier_spans, mask_mentions, mention_spans, non_overlapping, read_mentions
from ._public_text import PublicMatch, PublicTextIndex, iter_public_documents
from ._release import Release, free_text_columns
from ._risk import (EXHAUSTIVE_LIMIT, SUPPRESSED, ReleasePlan, attribute_guess_hits, generalise_values,
                    measure_risk, plan_release, small_counts_hidden)
from ._schema import ACTIONS, ReleaseSchema, load_release_schema

__all__ = ["Release", "ReleasePlan", "ReleaseSchema", "load_release_schema", "measure_risk",
           "plan_release", "generalise_values", "free_text_columns", "SUPPRESSED", "ACTIONS",
           "EXHAUSTIVE_LIMIT", "read_mentions", "OwnIds", "own_id_spans", "calendar_spans", "identifier_spans", "mask_mentions", "mention_spans", "non_overlapping",
           "attribute_guess_hits", "small_counts_hidden", "PublicTextIndex", "PublicMatch",
           "iter_public_documents"]
