"""Residual-risk gate: an independent second pass over de-identified output.

The main detector is Presidio + our recognizers + a name-propagation pass. The gate is built
differently on purpose, so that it does not share the main detector's blind spots: plain
regular expressions written separately (no Presidio, no context scoring) plus spaCy's own NER
with no post-processing (only the allow-list of clinical terms, medicines and national bodies is
shared with the main detector, so "dysphagia" tagged as a place does not count). It ignores what the de-identifier put there itself (placeholders such
as ``[PERSON_3]`` and the spans of surrogates or shifted dates), and counts what remains that
looks like an identifier.

Two rules decide whether output may be released:

* **zero tolerance for direct identifiers** (``DIRECT_KINDS``): one NHS number with a valid
  checksum, National Insurance number, phone number, email address, postcode or full date of birth
  left anywhere -- in any released column, or in any released file -- refuses the release;
* soft candidates (names and places from NER, titles with a name, dates, ages, URLs and bare
  domains, and the online forms of a name: hashtags, CamelCase page names, quoted page or campaign
  titles, counted as ``ONLINE_NAME``) are counted
  per 1,000 words; above the threshold the output is not releasable.

>>> scanner = ResidualRiskScanner(use_ner=False)
>>> [c.kind for c in scanner.scan("Seen by Dr Okafor on 12/03/2021; [PERSON_1] was 54 years old.")]
['TITLE_NAME', 'DATE', 'AGE']
"""
from __future__ import annotations

import bisect
import html as _html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..nhs_number import nhs_checksum_ok
from ._identifier_labels import labelled_lead, min_digits
from ._online_names import looks_like_user_name, user_name_after_cue, user_name_before_platform

#: characters typed between the groups of a number or code ("943|476|5919", "LS6\\3QP", "0113:496:0005"):
#: the gate's one separator class (its own, not the recognizers'); Unicode dashes, minus signs
#: and middle dots are read as "-" and "." first (:func:`normalise_for_scan`)
_SEP_CHARS = r" ._/\-\\|~:,+*"
_SEP = f"[{_SEP_CHARS}]"
_SEP_NO_COMMA = f"[{_SEP_CHARS.replace(',', '')}]"
#: mail providers an address written without its top-level domain names ("name at gmail")
_MAIL_HOST = (r"(?i:g(?:oogle)?mail|hotmail|ymail|yahoo|outlook|icloud|aol|msn|btinternet|btopenworld|"
              r"virginmedia|talktalk|tiscali|ntlworld|blueyonder|protonmail|proton|gmx|nhsmail|sky)")
#: top-level domains an address written with spaces or "at" must end in (not every word follows a dot)
_DIGIT_WORD = r"(?:zero|oh|nought|nil|one|two|three|four|five|six|seven|eight|nine)"
#: a day of the month as an ordinal word
_DAY_WORD = (r"(?i:(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|"
             r"third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|"
             r"nine)teenth|twentieth|thirtieth)")
_TLD = r"(?i:org|com|net|uk|gov|nhs|ac|edu|info|io|me|co|scot|wales|ie|eu|biz)"
_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

#: kind -> pattern; each is deliberately simple and independent of the main recognizers
_PATTERNS: dict[str, re.Pattern] = {
    # an "@" (or its URL encoding %40) between a local part and a domain, with or without a
    # top-level domain ("name@gmail"); spaces round "@" and round dots only before a known
    # top-level domain ("name @ example . org"), so "seen @ home." does not count
    "EMAIL": re.compile(
        r"(?<![\w.+-])[\w.+-]*\w(?:@|%40)[A-Za-z0-9][\w-]*(?:\.[\w-]+)*"
        rf"|(?<![\w.+-])[\w.+-]*\w\s*@\s*[A-Za-z0-9][\w-]*(?:\s*\.\s*[\w-]+)*\s*\.\s*{_TLD}\b"),
    "URL": re.compile(r"\b(?:https?://|www\.)\S+", re.I),
    # names in the forms relatives use online (attacker 4's F3), soft: a bare domain, path and all
    # ("justiceforjake.org.uk", "change.org/p/justice-for-a-name"), a hashtag, a CamelCase run of
    # three or more capitalised words or a number between two ("NameSurnamesJourney", "Justice4Name"),
    # and a quoted title after a page or campaign word ("the page 'Bring Name Home'")
    "DOMAIN": re.compile(r"(?<![\w@.\-/])(?:[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]\.)+"
                         r"(?:uk|com|org|net|info|io|me|biz|ie|eu|scot|wales|cymru|co|tv|blog|online|site|fund)"
                         r"(?![\w-]|\.[a-z0-9]|@)(?:/[^\s\"'<>)\]]*)?"),
    "HASHTAG": re.compile(r"(?<![\w#&/])#(?=\w*[A-Za-z])\w+"),
    "CAMEL_CASE": re.compile(r"(?<![\w#@./-])[A-Z][a-z]+(?:(?:\d*[A-Z][a-z]+){2,}|(?:[A-Z][a-z]+)*\d+[A-Z][a-z]+"
                             r"(?:\d*[A-Z][a-z]+)*)(?![\w@-]|\.[a-z])"),  # not "June2022", "Covid19"
    "QUOTED_TITLE": re.compile(
        r"(?i:\b(?:page|campaign|group|blog|petition|fundraiser|crowdfunder|appeal|hashtag|memorial|tribute|"
        r"gofundme|justgiving)\b)[^'‘\"“\n.]{0,30}['‘\"“](?P<title>[^\n\"“”]{1,60}?)['’\"”](?!\w)"),
    "PHONE": re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3}[\s-]?\d{3,4}(?![\w/])"),
    # a UK number in any grouping ("07700 900 1 2 3"): 0 or +44, then digits with at most two
    # spaces, dots or hyphens between any two; the digit count is checked below (10-11, or 9-10
    # after 44)
    "PHONE_GROUPED": re.compile(rf"(?<![\w/.,+])(?:\+\s?44|0(?=[1-9]))(?:(?:[()]|{_SEP}){{0,2}}\d){{9,10}}"
                                rf"(?!{_SEP}{{0,2}}\d)"),
    # a mobile without its leading 0 after a phone word ("text his dad on 7700900119")
    "PHONE_NO_ZERO": re.compile(rf"(?i:\b(?:mobile|phone|tel|text|call|ring)\b)[^\d\n]{{0,25}}?(?<![\w+])"
                                rf"(?P<num>7[1-9]\d\d(?:{_SEP}?\d{{3}}){{2}})(?![\w]|{_SEP}\d)"),
    # ten digits in any grouping (3-3-4, 3-3-3-1, one per group ...) with one kind of separator;
    # a valid checksum is required here (the NHS-number context below needs none)
    # (a comma only in NHS_COMMA: "9,434,765,919" is a number with thousands separators)
    "NHS_NUMBER": re.compile(rf"(?<!\d)(?<!\d{_SEP})\d(?:{_SEP_NO_COMMA}{{0,2}}\d){{9}}(?!{_SEP}?\d)"),
    # commas only in the printed 3-3-4 grouping ("943,476,5919"), which a number written with
    # thousands separators ("9,434,765,919") never has
    "NHS_COMMA": re.compile(r"(?<![\d,])\d{3},\d{3},\d{4}(?![\d]|,\d)"),
    # any two prefix letters (the example prefix QQ and unissued ones too), either case, and any
    # separator (space, hyphen, dot, slash, underscore) between any two characters
    "NI_NUMBER": re.compile(rf"(?i)(?<![A-Z\d])[A-Z]{_SEP}{{0,2}}[A-Z](?:{_SEP}{{0,2}}\d){{6}}{_SEP}{{0,2}}[A-D](?![A-Z\d])"),
    "POSTCODE": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"),
    # other forms: any separator inside an upper-case postcode (two spaces, hyphen, dot, slash,
    # underscore, "LS 6 3 QP"), also glued to a word ("postcodeLS63QP"); in lower case any
    # separator between the two halves ("ls6-3qp"). Inward letters exclude C I K M O V, so
    # "5 mg", "10 kg" and "5pm" are not postcodes; ordinals ("3rd") are not inward codes
    "POSTCODE_FORMS": re.compile(
        rf"(?:(?<![A-Za-z\d])|(?<=[a-z]))[A-Z]{{1,2}}{_SEP}{{0,2}}\d[A-Z\d]?{_SEP}{{0,3}}"
        rf"(?!\d(?i:st|nd|rd|th)\b)\d{_SEP}{{0,2}}[ABD-HJLNP-UW-Z]{_SEP}?[ABD-HJLNP-UW-Z](?![A-Za-z\d])"
        rf"|(?<![A-Za-z\d])[a-z]{{1,2}}\d[a-z\d]?{_SEP}{{0,3}}(?!\d(?:st|nd|rd|th)\b)\d[abd-hjlnp-uw-z]{{2}}(?![A-Za-z\d])"),
    "DATE": re.compile(
        rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+\d{{4}})?"
        rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
        rf"|\b{_MONTHS}\s+\d{{4}}\b"),
    # a date after a date-of-birth cue, the cue and the date with any separators ("DOB 10.03.78",
    # "born on 3 June 1950", "date_of_birth 03|01|1951", "bday 3/3/51"); a day and month alone
    # after the cue too ("DOB 03 01 [71 years before death]" is most of a date of birth)
    "DATE_OF_BIRTH": re.compile(
        rf"(?i:(?<![A-Za-z])(?:D[\W_]?O[\W_]?B|date[\W_]{{0,3}}of[\W_]{{0,3}}birth|birth[\W_]{{0,3}}date|b[\W_]?day|"
        rf"born(?:\s+on)?)(?![A-Za-z]))(?:[^\w\n]|_){{0,3}}(?:(?i:was|is|of|on)(?:[^\w\n]|_){{1,3}})?(?:(?i:the)\s+)?"
        # a day and month in ordinals or words ("3rd of the 3rd", "the third of March": attacker 7's F4)
        rf"(?:(?:\d{{1,2}}(?i:st|nd|rd|th)|{_DAY_WORD})\s+(?:(?i:of)\s+)?(?:(?i:the)\s+)?(?:{_MONTHS}|\d{{1,2}}(?i:st|nd|rd|th))\b"
        rf"|\d{{1,2}}(?P<s>{_SEP}{{1,3}})\d{{1,2}}(?:(?P=s)(?:\d{{4}}|\d{{2}}))?(?![\w]|{_SEP}\d)"
        rf"|\d{{4}}(?P<t>{_SEP})\d{{1,2}}(?P=t)\d{{1,2}}(?!\d)"
        rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b|\d{{4}}-\d{{2}}-\d{{2}}\b"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+\d{{4}}\b"
        rf"|\d{{8}}\b|\d{{6}}\b)"),  # compact: DOB 14031952, DOB 140352
    # obfuscated email: "name [at] domain [dot] co [dot] uk", "name (at) domain.org"
    "EMAIL_OBFUSCATED": re.compile(
        r"\b[\w.+-]+\s*[\[({]\s*(?i:at|@)\s*[\])}]\s*[\w-]+"
        r"(?:\s*(?:[\[({]\s*(?i:dot)\s*[\])}]|\s(?i:dot)\s|\.)\s*[\w-]+)+"
        r"|\b[\w.+-]+\s+(?i:at)\s+[\w-]+(?:\s+(?i:dot)\s+[\w-]+)+"
        # without a top-level domain: "at" in brackets before any word, or a word "at" before a mail
        # provider ("name (at) gmail", "name[at]gmail", "name AT hotmail", "name dot surname at gmail")
        r"|(?<![\w.+-])[\w.+-]*\w\s*[\[({]\s*(?i:at|@)\s*[\])}]\s*[A-Za-z0-9][\w-]*"
        rf"|(?<![\w.+-])[\w.+-]*\w(?:\s+(?i:dot)\s+[\w+-]+)*\s+(?i:at)\s+{_MAIL_HOST}(?![\w-]|['’]s\b)"),
    # "name at example.org", "m.smith AT example" (before a dot, a masked word or DOT)
    "EMAIL_AT_WORD": re.compile(
        rf"(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*\s+(?i:at)\s+[A-Za-z0-9][\w-]*(?:\.[\w-]+)*\.{_TLD}\b"
        r"|(?<![\w.+-])[\w+-]+(?:\.[\w+-]+)*\s+AT\s+[A-Za-z0-9][\w-]*(?=\s*(?:\[|\.|(?i:dot)\b))"),
    # bank details: a sort code then, within a few words, an eight-digit account number
    "BANK_ACCOUNT": re.compile(r"(?<![\d-])\d{2}([- ])\d{2}\1\d{2}(?![\d-])[^\d\n]{0,30}?(?<!\d)\d{8}(?!\d)"
                               r"|(?i:\b(?:sort\s*code|account\s*(?:no|number)?)\W{0,3}\d{2}[- ]?\d{2}[- ]?\d{2}(?:\d{2})?\b)"),
    # a passport number after its label
    "PASSPORT": re.compile(r"(?i:\bpassport\b)\D{0,20}?\b[A-Za-z]{0,2}\d{6,9}\b"),
    # the 16-character UK driving licence number (it encodes surname and date of birth)
    "DRIVING_LICENCE": re.compile(r"\b[A-Z9]{5}\s?\d{6}\s?[A-Z9]{2}\s?\d\s?[A-Z]{2}\b"),
    # an IPv4 address: four numbers up to 255 (section numbers "2.1.3.4" are checked out below)
    "IP_ADDRESS": re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)"),
    # an IPv6 address: hexadecimal groups and colons, eight groups or one "::" (checked below)
    "IPV6": re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|(?=::))(?::{1,2}[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
                       r"|(?<![\w:.])[0-9A-Fa-f]{1,4}::[0-9A-Fa-f]{1,4}(?![\w:])"),
    # a spreadsheet date serial ("Date field 44031") after a date word: soft, like other dates
    "DATE_SERIAL": re.compile(r"(?i:\b(?:date[ds]?|dob|born|died|death|dod)\b)\W{0,3}(?:[A-Za-z]+\W{1,3})?"
                              r"(?:[1-4]\d{4}|5[0-4]\d{3})(?![\d.,/-]?\d)"),
    # a social-media profile: facebook.com/name, instagram.com/name, x.com/name, "twitter @name"
    "SOCIAL_PROFILE": re.compile(
        r"(?i)\b(?:https?://)?(?:www\.|m\.)?(?:facebook|fb|instagram|twitter|x|tiktok|linkedin|"
        r"youtube|threads|snapchat)\.com/(?:in/|@)?[\w.\-]{2,}"
        r"|(?i:\b(?:twitter|instagram|tiktok|insta|threads|snapchat|x)\b[^@\n]{0,20})(?<![\w@])@\w{2,30}"),
    # a local record number after its label (the labels are data: deid/conf/identifier_labels.yaml,
    # shared with the recognizer; the number pattern is the gate's own): "RiO ID 1048823",
    # "police crime reference 13/88120/21", "UPRN 100023336956" (attacker 5's F1); the digit
    # count and "not a year alone" are checked below
    "LABELLED_ID": re.compile(labelled_lead() + r"(?P<num>[A-Za-z0-9](?:[A-Za-z0-9]|[/\-.](?=[A-Za-z0-9]))*"
                              r"(?:\s\d{3,}(?![A-Za-z\d]))*)"),
    # the serial of a reference left beside its masked part ("StEIS reference [ID_1]/18833",
    # attacker 7): a number glued to an identifier's placeholder by "/", "-" or "."
    "SERIAL_AFTER_MASK": re.compile(r"\[(?:ID|CONTACT)_\d+\][/\-.](?P<num>\d{3,}|[A-Za-z]*\d[A-Za-z\d]{2,})(?![A-Za-z\d])"),
    # a place to a few metres: what3words ("///filled.count.soap"), an OS grid reference in two
    # equal halves ("SE 29885 34231") or after its cue, a latitude/longitude pair in Great Britain
    # (checked below)
    "W3W": re.compile(r"(?<![\w/:])/{2,3}[A-Za-z]{2,}\.[A-Za-z]{2,}\.[A-Za-z]{2,}(?![\w.])"
                      r"|(?i:\b(?:what\s?3\s?words|w3w)\b)\W{0,20}?(?P<num>[A-Za-z]{2,}\.[A-Za-z]{2,}\.[A-Za-z]{2,})(?![\w.])"),
    "GRID_REF": re.compile(r"(?<![\w-])(?:H[L-Z]|N[A-HJ-Z]|O[ABFGLMQRVW]|S[A-HJ-Z]|T[ABFGLMQRVW]|J[LMQRVW])"
                           r"\s?(?P<a>\d{3,5})\s(?P<b>\d{3,5})(?![\w-]|[.,]\d)"
                           r"|(?i:\b(?:grid\s+ref(?:erence)?|OS\s+ref(?:erence)?|NGR|OSGR)\b)\W{0,3}(?P<num>[A-Z]{2}\s?\d{2,5}\s?\d{2,5})(?![\w-])"),
    "LAT_LONG": re.compile(r"(?<![\w.])(?P<lat>[-+]?\d{2}\.\d{4,})(?:\s?°?\s?[Nn](?![A-Za-z]))?\s?[,;/]?\s?(?P<lon>[-+]?\d\.\d{4,})(?:\s?°?\s?[EeWw](?![A-Za-z]))?(?!\d|\.\d)"),
    # one provider's code: a CQC location/provider ID, a GP practice's ODS code after its cue
    "PROVIDER_CODE": re.compile(r"(?<![\w-])1-\d{9,11}(?![\w-])"
                                r"|(?i:\b(?:practice|surgery|ODS|GP)\b)(?:\s+(?i:code|ID|no\.?|number))?\s*[:(#]?\s*"
                                r"(?P<num>[A-HJ-NP-Y]\d{5})(?![\w-])"),
    # a user name without "@" after a platform or account word, or before "on X" (attacker 6's F5:
    # "A TikTok by user name_99x", "His gaming name was xX_Name_Xx"; cue words shared with the
    # recognizer, deid/conf/online_names.yaml; the token's shape is checked below)
    "USER_NAME": re.compile(user_name_after_cue() + "|" + user_name_before_platform().replace("(?P<name>", "(?P<name2>")),
    # a postcode sector: an outward code, a space and one digit, the inward letters left out
    # ("the OL16 3 area", "postcode sector BD7 4"); a one-letter area only beside its cue
    "POSTCODE_SECTOR": re.compile(
        r"(?<![\w/.-])[A-PR-UWYZ][A-HK-Y]\d[A-Z\d]?\s\d(?![\w/]|[.,:]\d|\s*(?:%|-|/|(?i:mg|mcg|ml|kg|g|mm|cm|mmol|kpa|"
        r"units?|times|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|yrs?|doses?|tablets?|am|pm)\b))"
        r"|(?i:\b(?:postcode|post\s+code|postal|sector)\s+(?:(?:sector|area|district)\s+)?)(?P<num>[A-Z][A-Z]?\d[A-Z\d]?\s\d)(?![\w/]|[.,]\d)"
        r"|(?<![\w/.-])(?P<num2>[A-Z]\d[A-Z\d]?\s\d)(?=\s+(?i:sector|area|district|postcode)\b)"),
    # a month name or a day of the month standing alone, left outside every replacement (attacker
    # 9's F5: "the heatwave of July", "juillet", "on the 3rd", "discharged the fourteenth"): soft,
    # like other dates; "may" and "march" in lower case are verbs
    "MONTH_WORD": re.compile(
        r"(?i:\b(?:January|February|April|June|July|August|September|October|November|December|janvier|f[ée]vrier|"
        r"avril|juin|juillet|ao[uû]t|septembre|octobre|d[ée]cembre|Januar|Februar|M[äa]e?rz|Juni|Juli|Oktober|Dezember|"
        r"enero|febrero|marzo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|luglio|giugno|maggio)\b)"
        r"|(?-i:\b(?:March|MARCH)\b)|(?<=[a-z,] )(?-i:May\b)"),
    "LONE_DAY": re.compile(
        r"(?i:\b(?:on|by|until|till|since|from)\s+the\s+(?:3[01]|[12]\d|[1-9])(?:st|nd|rd|th)\b)"
        r"(?![ \t]+(?!(?:and|or|but|when|that|without|with|at|he|she|they|his|her|the|a|an|to|in|on|for|was|were|"
        r"by|after|before|until)\b)[a-z])"
        rf"|(?i:\bthe\s+(?:{_DAY_WORD})\b)(?=\s*(?:[.;:!?)]|,\s|$))"),
    "AGE": re.compile(r"\baged\s+\d{1,3}\b|\b\d{1,3}[\s-]years?[\s-]old\b|\bage\s+\d{1,3}\b", re.I),
    "TITLE_NAME": re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Nurse|Sister)\.?\s+[A-Z][a-zA-Z'-]+"),
}
#: direct identifiers: zero tolerance (one refuses the release); every other kind is "soft"
DIRECT_KINDS = frozenset({"NHS_NUMBER", "NI_NUMBER", "PHONE", "EMAIL", "POSTCODE", "DATE_OF_BIRTH",
                          "EMAIL_OBFUSCATED", "SOCIAL_PROFILE", "BANK_ACCOUNT", "PASSPORT",
                          "DRIVING_LICENCE", "IP_ADDRESS", "LABELLED_ID", "LOCATION_CODE", "PROVIDER_CODE"})
#: an NHS-number cue ("NHS number", "N.H.S. no", "NHS:"), then within a few words ten digits in any
#: grouping (wrong check digit or not) or eight or more spelled-out digits
_NHS_CONTEXT = re.compile(
    r"(?i)(?<![a-z])n\.?\s?h\.?\s?s\b\.?[^\d]{0,30}?"
    rf"(?P<num>\d(?:[\s.\-/]{{0,2}}\d){{9}}(?![\s.\-/]{{0,2}}\d)"
    rf"|\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}){{7,}}\b)")
#: ten spelled-out digits in a row, anywhere
_DIGIT_WORDS = re.compile(rf"(?i)\b{_DIGIT_WORD}(?:[\s,\-]+{_DIGIT_WORD}){{9,}}\b")
#: pattern names that report under another kind
_KIND_OF = {"MONTH_WORD": "DATE", "LONE_DAY": "DATE", "SERIAL_AFTER_MASK": "LABELLED_ID", "PHONE_NO_ZERO": "PHONE", "DOMAIN": "URL", "CAMEL_CASE": "ONLINE_NAME", "QUOTED_TITLE": "ONLINE_NAME", "HASHTAG": "ONLINE_NAME",
            "DATE_SERIAL": "DATE", "NHS_COMMA": "NHS_NUMBER", "PHONE_GROUPED": "PHONE", "POSTCODE_FORMS": "POSTCODE", "EMAIL_AT_WORD": "EMAIL_OBFUSCATED",
            "W3W": "LOCATION_CODE", "USER_NAME": "SOCIAL_PROFILE", "POSTCODE_SECTOR": "POSTCODE", "GRID_REF": "LOCATION_CODE", "LAT_LONG": "LOCATION_CODE", "IPV6": "IP_ADDRESS"}
#: patterns read on the text with a letter O next to a digit taken as zero
_DIGIT_KINDS = frozenset({"PHONE", "PHONE_GROUPED", "NHS_NUMBER", "NHS_COMMA"})
_LETTER_O = re.compile(r"(?<=\d)[Oo]+(?![A-Za-z])|(?<![A-Za-z])[Oo]+(?=\d)|(?<=\d)[Oo]+(?=\d)")
_WORD_DIGIT = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
               "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
               "nine": "9"}
#: a run of digit groups and number words (``double``/``triple`` repeat the next one)
_MIXED_DIGITS = re.compile(
    rf"(?i)(?<![\w-])(?:(?:double|triple|treble)\s+)?(?:{_DIGIT_WORD}|\d{{1,10}})"
    rf"(?:[\s,.\-]{{1,3}}(?:(?:double|triple|treble)\s+)?(?:{_DIGIT_WORD}|\d{{1,10}})){{2,}}(?![\w-])")


def _spelt(run: str) -> str:
    """The digits a run of digit groups and number words stands for.

    >>> _spelt("oh seven seven double oh 9")
    '077009'
    """
    out, repeat = [], 1
    for tok in re.findall(r"[A-Za-z]+|\d+", run):
        low = tok.lower()
        if low in ("double", "triple", "treble"):
            repeat = 2 if low == "double" else 3
        else:
            out.append((_WORD_DIGIT.get(low, tok)) * repeat)
            repeat = 1
    return "".join(out)


#: platforms and products written in CamelCase: not a person's page
_ONLINE_IGNORE = re.compile(r"^(?:GoFundMe|JustGiving|WhatsApp|YouTube|TikTok|LinkedIn|PowerPoint|SystmOne|"
                            r"FaceTime|OneDrive|SharePoint|PayPal|MySpace|WordPress)$")
#: public-body sites named without a path ("nice.org.uk"): they reach nobody
_PUBLIC_HOST = re.compile(r"(?i)(?:^|\.)(?:gov\.uk|nhs\.uk|nhs\.net|judiciary\.uk|parliament\.uk|nice\.org\.uk|"
                          r"cqc\.org\.uk|legislation\.gov\.uk|gov\.wales|gov\.scot)$")


def _ipv4_ok(value: str) -> bool:
    """Four numbers up to 255, two or more of them with two digits or more ("2.1.3.4" is a section)."""
    parts = value.split(".")
    return all(int(p) <= 255 for p in parts) and sum(len(p) >= 2 for p in parts) >= 2


def _ipv6_ok(value: str) -> bool:
    """Eight hexadecimal groups, or fewer with one "::" ("06:12:30" is a time)."""
    groups = [g for g in value.split(":") if g]
    compressed = value.count("::")
    return ":::" not in value and (compressed == 1 and len(groups) >= 2 or compressed == 0 and len(groups) == 8)


def _labelled_number_ok(value: str) -> bool:
    """Enough digits for a record number, and not a year alone ("reference 2019")."""
    return sum(ch.isdigit() for ch in value) >= min_digits() and not re.fullmatch(r"(?:19|20)\d\d", value)


def _phone_digits_ok(value: str) -> bool:
    """10 or 11 digits from 0, or 44 and 9 or 10 more (a leading 0 after 44 dropped)."""
    digits = re.sub(r"\D", "", value)
    if digits.startswith("44"):
        return 9 <= len(digits[2:].lstrip("0")) <= 10
    return digits.startswith("0") and 10 <= len(digits) <= 11


#: identifiers written in pieces with words between (attacker 7's F1: "NHS number begins 241 592
#: and the last four digits (0665)", "mobile 07700 900 then 461", "NI number QQ 12 34 then 56 C",
#: "postcode M14 (then 5RD)"): the gate's own cues (not the recognizer's label file), then the
#: pieces of the same sentence joined (:func:`split_identifiers`)
_SPLIT_CUES = {
    "NHS_NUMBER": re.compile(r"(?i)(?<![a-z])n\.?\s?h\.?\s?s\.?\s*(?:numbers?|nos?\b\.?|num\b|#|id\b|digits)"),
    "PHONE": re.compile(r"(?i)\b(?:phone|telephone|tel|mobile|mob|landline|numbers?|call(?:ed)?|ring|rang|text|"
                        r"dial(?:led)?|contact)\b"),
    "NI_NUMBER": re.compile(r"(?i)(?<![a-z])(?:n\.?\s?i\.?(?:\s*(?:numbers?|nos?\b\.?|num\b))?|national\s+insurance|"
                            r"nino)(?![a-z])"),
    "POSTCODE": re.compile(r"(?i)\bpost(?:al)?[\s-]?codes?\b|(?<![A-Za-z\d])(?=(?-i:[A-Z]{1,2}\d[A-Z\d]?)\s+"
                           r"(?:area|district|sector)\b)"),
}
#: where the gate's sentence ends: . ! ? ; before a space (not after "no", "tel", "mob" or in "..."), a blank line
_SPLIT_STOP = re.compile(r"(?<!\.)(?<!\bno)(?<!\bNo)(?<!\bNO)(?<!\btel)(?<!\bmob)[.!?;](?!\.)(?=\s|$)|\n\s*\n")
_GROUP = re.compile(r"(?<![A-Za-z\d])\d+(?![A-Za-z\d])")
#: a group that is a count, a unit or part of a date is no piece ("3 times", "on 4 November 2022")
_NOT_PIECE_AFTER = re.compile(rf"\s*(?:(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTHS}\b|(?i:times?|occasions?|days?|weeks?|"
                              r"months?|years?|yrs?|hours?|hrs?|minutes?|mins?|am|pm|mg|ml|kg|units?|%|o'clock)\b)")
_NOT_PIECE_BEFORE = re.compile(rf"(?:{_MONTHS}\.?,?|\b(?i:at|from|until|till|by|between|and|to))\s*$")


def _pieces(text: str, start: int, end: int) -> list:
    """Digit groups between ``start`` and ``end`` that may be pieces of a number (not a count, a unit,
    a date or a clock time)."""
    out = []
    for g in _GROUP.finditer(text, start, end):
        if _NOT_PIECE_AFTER.match(text, g.end()):
            continue
        if (len(g.group()) == 4 or len(g.group()) <= 2) and _NOT_PIECE_BEFORE.search(text, max(0, g.start() - 12), g.start()):
            continue  # "at 0348", "May 2022", "and 12"
        out.append(g)
    return out


def split_identifiers(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of identifiers written in pieces after a cue, the span being that of
    the first piece: an NHS number whose joined pieces pass modulus 11, 10-11 phone digits from a
    dialling code, two letters and six digits of an NI number, a postcode's outward and inward codes.

    >>> t = "His NHS number begins 241 592 and the last four digits (0665) were wrong."
    >>> [(t[s:e], k) for s, e, k in split_identifiers(t)]
    [('241', 'NHS_NUMBER')]
    >>> split_identifiers("His NHS number begins 241 592 and ends 0666.")   # bad check digit
    []
    """
    out = []
    for kind, cue in _SPLIT_CUES.items():
        for c in cue.finditer(text):
            stop = _SPLIT_STOP.search(text, c.end(), c.end() + 160)
            end = stop.start() if stop else min(len(text), c.end() + 160)
            groups = _pieces(text, c.end(), end)
            if kind == "POSTCODE":
                outward = re.compile(r"(?<![A-Za-z\d])[A-Z]{1,2}\d[A-Z\d]?(?![A-Za-z\d])").search(text, c.start(), end)
                inward = outward and re.compile(r"(?<![A-Za-z\d])\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z\d])").search(
                    text, outward.end(), end)
                if outward and inward:
                    out.append((outward.start(), outward.end(), kind))
                continue
            if kind == "NI_NUMBER":
                prefix = re.compile(r"(?<![A-Za-z\d])[A-Z]{2}(?![A-Za-z])").search(text, c.end(), end)
                if prefix:
                    digits = "".join(g.group() for g in re.finditer(r"\d+", text[prefix.end():end]))
                    if len(digits) >= 6:
                        out.append((prefix.start(), prefix.end(), kind))
                continue
            for i, first in enumerate(groups):
                joined = ""
                for g in groups[i:]:
                    joined += g.group()
                    if kind == "NHS_NUMBER" and len(joined) == 10 and _nhs_checksum_ok(joined):
                        out.append((first.start(), first.end(), kind))
                    if kind == "PHONE" and first.group().startswith("0") and len(first.group()) >= 3 and \
                            len(joined) in (10, 11) and len(groups) - i > 1 and g is not first:
                        out.append((first.start(), first.end(), kind))
                    if len(joined) >= 11:
                        break
    return sorted(set(out))


_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]|\[[A-Z][A-Z_]*\]")
_TITLE_ONLY = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Nurse|Sister|Sir|Dame)\.?$")
_NER_KINDS = {"PERSON": "NER_PERSON", "GPE": "NER_PLACE", "LOC": "NER_PLACE", "FAC": "NER_PLACE"}
#: words that are never a residual identifier even when NER tags them (national bodies, eponyms)
_NER_IGNORE = re.compile(
    r"^(?:NHS|CQC|NICE|England|Wales|UK|United Kingdom|Britain|LeDeR|ICB|GP|SALT|NEWS2|DNACPR|ReSPECT|"
    r"IMCA|DoLS|PEG|SUDEP|STOMP|Down|Down's|Parkinson|Parkinson's|Alzheimer|Alzheimer's|Crohn|Crohn's|"
    r"Angelman|Oliver McGowan|Mental Capacity Act|Equality Act|Care Act|Mental Health Act)$", re.I)


_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?\s*>")
_ONE_TO_ONE: dict[int, str | None] = {}   # cache: non-ASCII code point -> its ASCII stand-in ("" to drop)


def _stand_in(ch: str) -> str | None:
    """What the scanner reads for a non-ASCII character: a space, an ASCII digit or letter, or
    nothing (invisible format characters); ``None`` to keep it."""
    cat = unicodedata.category(ch)
    if cat in ("Zs", "Zl", "Zp") or ch in "\x85":
        return " "
    if cat == "Pd" or ch in "\u2212\u02d7\u2796\u2043":  # dashes and minus signs: "713\u2013400\u20130001"
        return "-"
    if ch in "\u00b7\u2027\u2219\u22c5\u30fb\uff65":  # middle dots typed as separators
        return "."
    if cat == "Cf" or ch == "\u034f":  # zero-width space/joiners, soft hyphen, BOM, bidi marks
        return ""
    digit = unicodedata.digit(ch, None)
    if digit is not None and unicodedata.decimal(ch, None) is not None:
        return str(digit)
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii():  # full-width letters and signs
        return folded
    return None


def _cached_stand_in(ch: str) -> str | None:
    """:func:`_stand_in` of ``ch``, remembered per code point."""
    code = ord(ch)
    if code not in _ONE_TO_ONE:
        _ONE_TO_ONE[code] = _stand_in(ch)
    return _ONE_TO_ONE[code]


def _sub(pattern: re.Pattern, repl, text: str, starts: list[int], ends: list[int]):
    """``pattern.sub`` that keeps, for every output character, its original ``[start, end)``."""
    out, new_starts, new_ends, last = [], [], [], 0
    for m in pattern.finditer(text):
        out.append(text[last:m.start()])
        new_starts += starts[last:m.start()]
        new_ends += ends[last:m.start()]
        r = repl(m)
        if r:
            out.append(r)
            new_starts += [starts[m.start()]] * len(r)
            new_ends += [ends[m.end() - 1]] * len(r)
        last = m.end()
    out.append(text[last:])
    new_starts += starts[last:]
    new_ends += ends[last:]
    return "".join(out), new_starts, new_ends


def normalise_for_scan(text: str):
    """The text as the gate reads it, and a map back to the original offsets.

    HTML entities are decoded (twice, for double escaping) and tags read as a space; every
    Unicode space and line break becomes a space; invisible format characters (zero-width
    space, joiners, soft hyphen ...) are dropped; any Unicode decimal digit (Arabic-Indic,
    full-width ...) becomes its ASCII digit, full-width letters their ASCII letter. Returns
    ``(normalised, to_orig)`` where ``to_orig(start, end)`` gives the span in ``text``.

    >>> norm, to_orig = normalise_for_scan("NHS: \u0669\u0664\u0663&nbsp;<b>4</b>")
    >>> norm, to_orig(5, len(norm))
    ('NHS: 943  4 ', (5, 22))
    """
    trans = {9: " ", 10: " ", 11: " ", 12: " ", 13: " "}
    drop = []
    if not text.isascii():
        for ch in set(text):
            if ord(ch) < 128:
                continue
            stand = _cached_stand_in(ch)
            if stand == "":
                drop.append(ch)
            elif stand is not None:
                trans[ord(ch)] = stand
    starts: list[int] | None = None
    ends: list[int] | None = None
    if "&" in text or "<" in text or drop:
        starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
        for _ in range(2):
            if "&" in text:
                text, starts, ends = _sub(_HTML_ENTITY, lambda m: _html.unescape(m.group()),
                                          text, starts, ends)
        if "<" in text:
            text, starts, ends = _sub(_HTML_TAG, lambda m: " ", text, starts, ends)
        if drop or not text.isascii():  # entities may have decoded to odd characters too
            for ch in set(text):
                if ord(ch) >= 128:
                    stand = _cached_stand_in(ch)
                    if stand == "" and ch not in drop:
                        drop.append(ch)
                    elif stand:
                        trans[ord(ch)] = stand
            if drop:
                text, starts, ends = _sub(re.compile("[" + re.escape("".join(drop)) + "]"),
                                          lambda m: "", text, starts, ends)
    text = text.translate(trans)
    if starts is None or ends is None:
        return text, lambda a, b: (a, b)
    first, last = starts, ends

    def to_orig(a: int, b: int) -> tuple[int, int]:
        if b <= a:
            return (first[a], first[a]) if a < len(first) else (last[-1], last[-1])
        return first[a], last[b - 1]

    return text, to_orig


@dataclass(frozen=True)
class Candidate:
    """A remaining identifier candidate: offsets and kind only, never the text."""

    start: int
    end: int
    kind: str

    @classmethod
    def at(cls, span: tuple[int, int], kind: str) -> "Candidate":
        """A candidate over ``span`` (``(start, end)``)."""
        return cls(span[0], span[1], kind)


_nhs_checksum_ok = nhs_checksum_ok  # the package's one modulus-11 helper


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


class ResidualRiskScanner:
    """Count identifier candidates left in de-identified text.

    Parameters
    ----------
    use_ner : bool
        Also run spaCy NER (PERSON, GPE, LOC, FAC) on the text.
    model : str, optional
        spaCy model name or path; defaults to the configured model.
    max_chars : int
        NER reads a longer text in overlapping windows of this many characters, so a huge field
        neither crashes spaCy (E088) nor needs memory in proportion to its length.
    """

    #: characters shared by neighbouring NER windows (an entity cut by one is whole in the other)
    WINDOW_OVERLAP = 500

    def __init__(self, use_ner: bool = True, model: str | None = None, max_chars: int = 100_000):
        self.use_ner = use_ner
        self.model = model
        self.max_chars = max(int(max_chars), 2 * self.WINDOW_OVERLAP + 1)
        self._nlp: Any = None
        self._allow: Any = None

    def _ner(self):
        if self._nlp is None:
            from ..nlp import load_spacy

            self._nlp = load_spacy(self.model, disable=("parser", "lemmatizer", "attribute_ruler",
                                                        "tagger"))
        return self._nlp

    def _regex_candidates(self, text: str) -> list[Candidate]:
        """Regular-expression candidates on the text seen through its formatting (see
        :func:`normalise_for_scan`), with offsets into the original ``text``."""
        norm, to_orig = normalise_for_scan(text)
        out = []
        # a letter O next to a digit read as zero ("07700 9OO 123"); same length, same offsets
        zeroed = _LETTER_O.sub(lambda m: "0" * len(m.group()), norm)
        for kind, pattern in _PATTERNS.items():
            for m in pattern.finditer(zeroed if kind in _DIGIT_KINDS else norm):
                if kind in ("NHS_NUMBER", "NHS_COMMA"):
                    seps = set(re.sub(r"\d", "", m.group()))
                    if len(seps) > 1 or not _nhs_checksum_ok(re.sub(r"\D", "", m.group())):
                        continue
                if kind == "PHONE_GROUPED" and not _phone_digits_ok(m.group()):
                    continue
                if kind == "IP_ADDRESS" and not _ipv4_ok(m.group()):
                    continue
                if kind == "IPV6" and not _ipv6_ok(m.group()):
                    continue
                if kind == "LABELLED_ID" and not _labelled_number_ok(m.group("num")):
                    continue
                if kind == "USER_NAME" and not looks_like_user_name(m.group("name") or m.group("name2")):
                    continue
                if kind == "GRID_REF" and m.group("a") and len(m.group("a")) != len(m.group("b")):
                    continue
                if kind == "LAT_LONG" and not (49 <= abs(float(m.group("lat"))) <= 61
                                               and abs(float(m.group("lon"))) <= 9):
                    continue
                if kind == "DOMAIN" and _PUBLIC_HOST.search(m.group()):
                    continue
                if kind == "CAMEL_CASE" and _ONLINE_IGNORE.match(m.group()):
                    continue
                if kind == "QUOTED_TITLE" and not re.search(r"[A-Z]", m.group("title")):
                    continue  # "the group 'met'": a quoted word, not a title
                # the number, not its cue (when the alternative that matched has one)
                a, b = m.span()
                for group in ("num", "name", "num2", "name2"):
                    if group in pattern.groupindex and m.start(group) >= 0:
                        a, b = m.span(group)
                        break
                out.append(Candidate.at(to_orig(a, b), _KIND_OF.get(kind, kind)))
        for m in _NHS_CONTEXT.finditer(norm):
            out.append(Candidate.at(to_orig(m.start("num"), m.end("num")), "NHS_NUMBER"))
        for a, b, kind in split_identifiers(norm):
            out.append(Candidate.at(to_orig(a, b), kind))
        for m in _DIGIT_WORDS.finditer(norm):
            out.append(Candidate.at(to_orig(m.start(), m.end()), "NHS_NUMBER"))
        for m in _MIXED_DIGITS.finditer(norm):  # digits and number words mixed ("six one two 345 6784")
            digits = _spelt(m.group())
            if not re.search(r"[A-Za-z]", m.group()):
                continue
            if digits.startswith(("0", "44")) and _phone_digits_ok(digits):
                out.append(Candidate.at(to_orig(m.start(), m.end()), "PHONE"))
            elif len(digits) == 10 and _nhs_checksum_ok(digits):
                out.append(Candidate.at(to_orig(m.start(), m.end()), "NHS_NUMBER"))
        return out

    def direct_identifiers(self, text, exclude_spans: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
        """Direct identifiers (``DIRECT_KINDS``) in any value, by the regular expressions alone.

        For structured columns and whole released files: no NER, nothing assumed about the
        value. Placeholders and ``exclude_spans`` (the de-identifier's own replacements, such as
        shifted dates) are ignored as in :meth:`scan`.

        >>> ResidualRiskScanner(use_ner=False).direct_identifiers("call 07700 900123 or 943 476 5919")
        [Candidate(start=5, end=17, kind='PHONE'), Candidate(start=21, end=33, kind='NHS_NUMBER')]
        """
        if text is None or (not isinstance(text, str) and text != text):
            return []
        text = str(text)
        cands = [c for c in self._regex_candidates(text) if c.kind in DIRECT_KINDS]
        return self._filter(text, cands, exclude_spans)

    def _allowed(self, text: str, start: int, end: int) -> bool:
        """Clinical terms, medicines, eponyms, national bodies: the versioned allow-list."""
        if self._allow is None:
            from ._allow_list import load_allow_list

            self._allow = load_allow_list()
        return self._allow.is_allowed_text(text[start:end]) or self._allow.covers(text, start, end)

    def _ner_candidates(self, doc) -> list[Candidate]:
        out = []
        text = doc.text
        for ent in doc.ents:
            kind = _NER_KINDS.get(ent.label_)
            words = ent.text.strip()
            if kind is None or _NER_IGNORE.match(words) or _TITLE_ONLY.match(words):
                continue
            if not any(ch.isupper() for ch in words):  # names and places are capitalised
                continue
            if words.isupper() and len(words) <= 5:  # acronyms
                continue
            if self._allowed(text, ent.start_char, ent.end_char):
                continue
            out.append(Candidate(ent.start_char, ent.end_char, kind))
        return out

    def _filter(self, text: str, cands: Iterable[Candidate],
                exclude: Sequence[tuple[int, int]]) -> list[Candidate]:
        skip = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)] + list(exclude)
        # one candidate per stretch of text, a direct identifier before any soft one over it (a
        # bare domain must not hide the social profile it is part of)
        direct: list[Candidate] = []
        for c in sorted((c for c in cands if c.kind in DIRECT_KINDS), key=lambda c: (c.start, c.start - c.end)):
            if not _overlaps(c.start, c.end, skip) and not (direct and c.start < direct[-1].end):
                direct.append(c)
        starts = [c.start for c in direct]
        soft: list[Candidate] = []
        for c in sorted((c for c in cands if c.kind not in DIRECT_KINDS), key=lambda c: (c.start, c.start - c.end)):
            if _overlaps(c.start, c.end, skip) or (soft and c.start < soft[-1].end):
                continue
            i = bisect.bisect_left(starts, c.end)  # direct candidates starting before c ends
            if i and direct[i - 1].end > c.start:
                continue
            soft.append(c)
        return sorted(direct + soft, key=lambda c: (c.start, c.end))

    def _windows(self, text: str) -> list[tuple[int, str]]:
        """``(offset, piece)`` windows of at most ``max_chars`` covering ``text``, overlapping."""
        if len(text) <= self.max_chars:
            return [(0, text)]
        step = self.max_chars - self.WINDOW_OVERLAP
        return [(k, text[k:k + self.max_chars]) for k in range(0, len(text) - self.WINDOW_OVERLAP, step)]

    def scan(self, text: str, exclude_spans: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
        """Candidates in ``text``, ignoring placeholders and ``exclude_spans`` (replacements)."""
        if not text:
            return []
        return self.scan_many([text], [exclude_spans])[0]

    def scan_many(self, texts: Sequence[str],
                  exclude_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
                  batch_size: int = 64) -> list[list[Candidate]]:
        """Like :meth:`scan` over many texts (NER batched with ``nlp.pipe``; a text longer than
        ``max_chars`` is read in overlapping windows, its candidates mapped back to its offsets)."""
        texts = [t or "" for t in texts]
        exclude_spans = exclude_spans or [()] * len(texts)
        ner: list[list[Candidate]] = [[] for _ in texts]
        if self.use_ner:
            # NER reads the text seen through its formatting too (HTML, odd spaces), mapped back
            norms = [normalise_for_scan(t) for t in texts]
            pieces = [(k, off, piece) for k, (t, _) in enumerate(norms)
                      for off, piece in self._windows(t)]
            docs = self._ner().pipe((piece for _, _, piece in pieces), batch_size=batch_size)
            for (k, off, _), doc in zip(pieces, docs):
                to_orig = norms[k][1]
                ner[k] += [Candidate.at(to_orig(c.start + off, c.end + off), c.kind)
                           for c in self._ner_candidates(doc)]
        out = []
        for text, found, excl in zip(texts, ner, exclude_spans):
            cands = self._regex_candidates(text) + found
            out.append(self._filter(text, cands, excl))
        return out


def gate_words(text: str) -> int:
    """Word count used for rates (whitespace tokens).

    >>> gate_words("seen by [PERSON_1] today")
    4
    """
    return len(text.split()) if text else 0


words = gate_words  # the name the gate's tests use


@dataclass
class GateResult:
    """The gate's verdict: counts per kind, the soft rate per 1,000 words, direct identifiers, and
    whether output may be released.

    ``per_kind`` counts every candidate; ``n_direct`` those of ``DIRECT_KINDS`` (zero tolerance);
    ``rate_per_1k_words`` is over the soft candidates only. ``direct_elsewhere`` counts direct
    identifiers found outside the scanned text (structured columns, other released files).

    >>> GateResult(2, 10_000, {"NHS_NUMBER": 1, "DATE": 1}, 0.5).releasable
    False
    >>> GateResult(2, 10_000, {"AGE": 1, "DATE": 1}, 0.5).releasable
    True
    """

    n_candidates: int
    n_words: int
    per_kind: dict
    threshold_per_1k_words: float
    direct_elsewhere: dict = field(default_factory=dict)
    #: soft candidates and words of the text that is released (``None``: all of it is); the rate
    #: is the higher of the whole text's and the released text's (attacker 5: under
    #: ``text: learning_points`` only 34-40 % of the words are released, which diluted the rate)
    n_soft_released: int | None = None
    n_words_released: int | None = None

    @property
    def n_direct(self) -> int:
        return (sum(int(v) for k, v in self.per_kind.items() if k in DIRECT_KINDS)
                + sum(int(v) for v in self.direct_elsewhere.values()))

    @property
    def n_soft(self) -> int:
        return self.n_candidates - sum(int(v) for k, v in self.per_kind.items() if k in DIRECT_KINDS)

    @property
    def rate_per_1k_words(self) -> float:
        """Soft candidates per 1,000 words: the higher of the whole scanned text's rate and
        the released text's rate.

        >>> GateResult(3, 10_000, {"AGE": 3}, 0.5, n_soft_released=3, n_words_released=4_000).rate_per_1k_words
        0.75
        """
        whole = 1000.0 * self.n_soft / self.n_words if self.n_words else 0.0
        return max(whole, self.rate_released_per_1k_words or 0.0)

    @property
    def rate_released_per_1k_words(self) -> float | None:
        if self.n_words_released is None or self.n_soft_released is None:
            return None
        return 1000.0 * self.n_soft_released / self.n_words_released if self.n_words_released else 0.0

    @property
    def releasable(self) -> bool:
        return self.n_direct == 0 and self.rate_per_1k_words <= self.threshold_per_1k_words

    def to_dict(self) -> dict:
        return {"n_candidates": self.n_candidates, "n_words": self.n_words,
                "n_soft": self.n_soft, "n_direct": self.n_direct,
                "direct_per_kind": {k: int(v) for k, v in self.per_kind.items() if k in DIRECT_KINDS},
                "direct_elsewhere": dict(self.direct_elsewhere),
                "rate_per_1k_words": round(self.rate_per_1k_words, 4), "per_kind": dict(self.per_kind),
                "n_soft_released": self.n_soft_released, "n_words_released": self.n_words_released,
                "rate_released_per_1k_words": (None if self.rate_released_per_1k_words is None
                                               else round(self.rate_released_per_1k_words, 4)),
                "threshold_per_1k_words": self.threshold_per_1k_words, "releasable": self.releasable}


def gate_verdict(candidates: Iterable[Sequence[Candidate]], n_words: int,
                 threshold_per_1k_words: float) -> GateResult:
    """Combine per-document candidates into a :class:`GateResult`."""
    per_kind: dict[str, int] = {}
    n = 0
    for doc in candidates:
        for c in doc:
            per_kind[c.kind] = per_kind.get(c.kind, 0) + 1
            n += 1
    return GateResult(n, n_words, dict(sorted(per_kind.items())), threshold_per_1k_words)


def mask_direct_identifiers(text):
    """``text`` with every direct identifier the gate's expressions find replaced by
    ``[WITHHELD <kind>]`` (for excerpts shown in reports).

    >>> mask_direct_identifiers("call 07700 900123")
    'call [WITHHELD PHONE]'
    """
    if not isinstance(text, str):
        return text
    for c in sorted(ResidualRiskScanner(use_ner=False).direct_identifiers(text), key=lambda c: -c.start):
        text = text[:c.start] + f"[WITHHELD {c.kind}]" + text[c.end:]
    return text


def scan_released_file(path, scanner: "ResidualRiskScanner | None" = None,
                       kinds=DIRECT_KINDS - {"DATE_OF_BIRTH"}) -> dict:
    """Direct identifiers in a released file's text (CSV, JSON Lines, HTML, JSON): kind -> count.

    For files that are not the de-identified text itself (audit, quarantine, QA report,
    candidates, manifest). Dates of birth are left out by default: shifted ones are the
    de-identifier's replacements, which only the cell-level scan (with offsets) can tell apart.
    """
    import html as _html
    from pathlib import Path

    scanner = scanner or ResidualRiskScanner(use_ner=False)
    text = _html.unescape(Path(path).read_text(encoding="utf-8", errors="replace"))
    out: dict[str, int] = {}
    for c in scanner.direct_identifiers(text):
        # a digit run inside a longer token (a hex run id, a hash) is not an identifier here
        inside = (c.start > 0 and text[c.start - 1].isalnum()) or text[c.end:c.end + 1].isalnum()
        if c.kind in kinds and not inside:
            out[c.kind] = out.get(c.kind, 0) + 1
    return out


__all__ = ["ResidualRiskScanner", "Candidate", "normalise_for_scan", "GateResult", "gate_verdict", "gate_words",
           "words", "DIRECT_KINDS", "scan_released_file", "mask_direct_identifiers"]
