"""UK bank details: a sort code with an account number, or either after its label.

>>> r = BankAccountRecognizer()
>>> t = "Appointee account 40-12-09 / 31926855; sort code 40 12 09."
>>> sorted(t[x.start:x.end] for x in r.analyze(t, ["BANK_ACCOUNT"]))
['40 12 09', '40-12-09 / 31926855']
>>> r.analyze("Seen 12-03-21 and again 14-03-21.", ["BANK_ACCOUNT"])
[]
"""
from __future__ import annotations

from .... import registry
from .._base import LederPatternRecognizer, Pattern


@registry.recognizers.register("uk_bank_account")
class BankAccountRecognizer(LederPatternRecognizer):
    """Sort code (``12-34-56``) followed within a few words by eight digits; a labelled sort code
    or account number on its own."""

    ENTITY = "BANK_ACCOUNT"
    PATTERNS = [
        Pattern("sort_code_account", r"(?<![\d-])\d{2}([- ]?)\d{2}\1\d{2}(?![\d-])[^\d\n]{0,30}?(?<!\d)\d{8}(?!\d)",
                0.6),
        Pattern("sort_code_label", r"(?i:\bsort[\s-]*code)\s*(?:(?i:no\.?|number|is|was))?\s*[:.]?\s*"
                                   r"(?P<ent>\d{2}([- ]?)\d{2}\2\d{2})(?![\d-])", 0.7),
        Pattern("account_label", r"(?i:\b(?:bank\s+)?account)\s*(?:(?i:no\.?|number|num|is|was))?\s*[:.#]?\s*"
                                 r"(?P<ent>\d{8})(?!\d)", 0.7),
    ]
    CONTEXT = ["sort code", "account", "bank", "appointee"]
