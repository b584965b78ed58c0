"""De-identification of LeDeR review text: detect identifiers, replace them, audit what was done.

>>> from leder_insights.deid import Deidentifier            # doctest: +SKIP
>>> deid = Deidentifier(profile="national", key=load_key("deid.key"))   # doctest: +SKIP
>>> deid.deidentify("Karen Smith (DOB 28/6/42) ...", doc_key="r001").text   # doctest: +SKIP
'[PERSON_204817] (DOB 3/9/42) ...'

Public API
----------
``Deidentifier``      the façade: ``analyze``, ``deidentify``, ``deidentify_frame``,
                      ``iter_deidentify``, ``model_info``
``DeidResult``        text, entities, replacements (offsets only), audit
``DeidRecord``        one streamed record: de-identified or quarantined with a reason
``Entity``            a detected identifier (offsets, type, category, score, source)
``build_detector``    the configured detector (Presidio + UK recognizers)
``evaluate_spans``    precision/recall of predicted against gold spans
``load_key``, ``write_key_file``, ``PseudonymKey``   the pseudonym key
``PLACEHOLDER``, ``SURROGATE``, ``OPERATOR_NAMES``   built-in operator names
``ResidualRiskScanner``  the residual-risk gate's independent second pass over de-identified text
``GateResult``, ``gate_verdict``, ``gate_words``, ``Candidate``   the gate's verdict and counts
(the national submission job itself is :func:`leder_insights.jobs.build_submission`)
``date_offset``, ``age_band``, ``as_key``   the keyed per-review date offset and the age banding
``find_dates``          every date written in a text (what ``shift_date_text`` shifts), parsed
``date_piece_before``, ``lone_day_spans``   pieces of a date written before it or on their own
                      ("the twenty-first of", "week 14 of", "[WEEKDAY] the 13th")
                      used in the text (the release schema applies them to structured fields)
``forename_words``      listed first names in short text ("Ask Ayesha"): lone forenames NER misses
``deidentify_spark``, ``SparkDeidentifier``   the same Deidentifier on PySpark (``mapInPandas``)
"""
from __future__ import annotations

from ._audit import audit_totals, merge_audit_totals
from ._deidentifier import Deidentifier, DeidResult, Replacement
from ._entities import Entity
from ._frame import DeidRecord
from ._dates import age_band, date_offset, find_dates
from ._date_pieces import lone_day_spans
from ._date_pieces import piece_before as date_piece_before
from ._keys import PseudonymKey, as_key, generate_key, load_key, write_key_file
from ._operators import OPERATOR_NAMES, PLACEHOLDER, SURROGATE

_LAZY = {"build_detector": "._engine", "evaluate_spans": "._evaluate",
         "format_report": "._evaluate", "predict_documents": "._evaluate",
         "ResidualRiskScanner": "._gate", "GateResult": "._gate", "gate_verdict": "._gate",
         "gate_words": "._gate", "Candidate": "._gate", "DIRECT_KINDS": "._gate",
         "scan_released_file": "._gate", "mask_direct_identifiers": "._gate", "deidentify_spark": "._spark",
         "SparkDeidentifier": "._spark", "everyday_words": "._case",
         "forename_words": "._lone_names"}


def __getattr__(name: str):
    """Detector names are imported on first use (they load Presidio)."""
    if name in _LAZY:
        import importlib

        module = importlib.import_module(_LAZY[name], __name__)
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["everyday_words", "forename_words", "Deidentifier", "DeidResult", "DeidRecord", "Replacement", "Entity", "build_detector",
           "evaluate_spans", "format_report", "predict_documents", "load_key", "write_key_file",
           "generate_key", "PseudonymKey",
           "PLACEHOLDER", "SURROGATE", "OPERATOR_NAMES", "ResidualRiskScanner", "GateResult",
           "gate_verdict", "gate_words", "Candidate", "deidentify_spark", "SparkDeidentifier",
           "date_offset", "age_band", "find_dates", "date_piece_before", "lone_day_spans", "as_key", "DIRECT_KINDS", "scan_released_file",
           "mask_direct_identifiers", "audit_totals",
           "merge_audit_totals"]
