"""E-mail addresses in the forms the standard pattern misses: no top-level domain
(``name@gmail``, ``name (at) gmail``, ``name[at]gmail``, ``name at gmail``, ``name dot surname AT
hotmail`` before a mail provider in ``words.yaml``), spaces round ``@`` or a dot (``name @ example . org``), ``@`` written as a word
(``name at example.org``, ``name AT example DOT org``, ``name [at] example [dot] org``) and URL
encoding (``mailto:name%40example.org``).

An address with spaces or ``at`` must end in a known top-level domain, so "she was at home." and
"seen @ home." are not addresses.

>>> r = EmailFormsRecognizer()
>>> t = "Write to j.okafor@familymail or j.okafor at example.org or mailto:jo%40example.org."
>>> [t[x.start:x.end] for x in r.analyze(t, ["EMAIL_ADDRESS"])]
['j.okafor@familymail', 'j.okafor at example.org', 'jo%40example.org']
>>> r.analyze("She was at home. Seen @ home.", ["EMAIL_ADDRESS"])
[]
>>> t = "Ask ann_lee (at) familymail, ann dot lee at gmail or annlee AT hotmail."
>>> [t[x.start:x.end] for x in r.analyze(t, ["EMAIL_ADDRESS"])]
['ann_lee (at) familymail', 'ann dot lee at gmail', 'annlee AT hotmail']
>>> t = "Emails to kay dot brennan at nhs dot net and rowena underscore trelawny at gmail dot com."
>>> [t[x.start:x.end] for x in r.analyze(t, ["EMAIL_ADDRESS"])]
['kay dot brennan at nhs dot net', 'rowena underscore trelawny at gmail dot com']
"""
from __future__ import annotations

from .... import registry
from ..._wordlists import words
from .._base import LederPatternRecognizer, Pattern

#: top-level domains that end an address written with spaces or with "at"
_TLD = r"(?:org|com|net|uk|gov|nhs|ac|edu|info|io|me|co|scot|wales|ie|eu|biz)"
_AT = r"(?:\s+(?:at|AT|At)\s+|\s*[\[({]\s*(?:at|AT)\s*[\])}]\s*)"
_DOT = r"(?:\s*\.\s*|\s+(?:dot|DOT|Dot)\s+|\s*[\[({]\s*(?:dot|DOT)\s*[\])}]\s*)"
_LOCAL = r"(?<![\w.+%-])[A-Za-z0-9][\w+-]*(?:\.[\w+-]+)*"
#: a local part whose dots or underscores are spelled as words ("kay dot brennan", "j dot k dot
#: rhys", "rowena underscore trelawny"): all of it is the address, not only its last word
_SPOKEN = "(?i:" + "|".join(sorted(words("email_spoken_separators"))) + ")"
_LOCAL_SPOKEN = _LOCAL + rf"(?:\s+{_SPOKEN}\s+[A-Za-z0-9][\w+-]*)*"
#: a mail provider named without its top-level domain ("at gmail")
_PROVIDER = "(?i:" + "|".join(sorted(words("mail_providers"), key=lambda w: (-len(w), w))) + ")"


@registry.recognizers.register("email_forms")
class EmailFormsRecognizer(LederPatternRecognizer):
    """Addresses without a top-level domain, with spaces, with "at"/"dot" words, or URL-encoded."""

    ENTITY = "EMAIL_ADDRESS"
    PATTERNS = [
        # "@" or "%40" between word characters, top-level domain or not
        Pattern("email_at_sign", _LOCAL + r"(?:@|%40)[A-Za-z0-9][\w-]*(?:\.[\w-]+)*(?<!\.)", 0.6),
        # spaces round "@" or the dots, ending in a known top-level domain
        Pattern("email_spaced", _LOCAL + rf"\s*@\s*[A-Za-z0-9][\w-]*(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}\b", 0.6),
        # "at" and "dot" as words or in brackets (not "guidance at www.gov.uk": a web address)
        Pattern("email_words", _LOCAL_SPOKEN + rf"{_AT}(?!(?i:www)\.)[A-Za-z0-9][\w-]*(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}\b"
                rf"(?:{_DOT}{_TLD}\b)*",
                0.6),
        # "j.okafor AT example": a dotted local part and an upper-case AT, whatever follows
        Pattern("email_AT", r"(?<![\w.+%-])[A-Za-z][\w+-]*\.[\w+-]+\s+AT\s+[A-Za-z0-9][\w-]*", 0.6),
        # no top-level domain: "at" in brackets before any word ("ann_lee (at) familymail",
        # "ann[at]gmail"), or "at" before a mail provider ("ann dot lee at gmail", "annlee AT hotmail")
        Pattern("email_no_tld", _LOCAL + r"\s*[\[({]\s*(?:at|AT|At)\s*[\])}]\s*[A-Za-z0-9][\w-]*(?<!\.)"
                rf"|{_LOCAL_SPOKEN}\s+(?:at|AT|At)\s+{_PROVIDER}(?![\w-]|['’]s\b)", 0.6),
    ]
    REQUIRED = {"email_at_sign": ("@", "%40"), "email_spaced": ("@",), "email_AT": (" AT ",)}
    CONTEXT = ["email", "e-mail", "mail", "contact", "address"]
