"""Realistic UK surrogates ("hide in plain sight"), chosen deterministically by a keyed HMAC.

Every function takes the :class:`~._keys.PseudonymKey` and the original value and returns a
plausible replacement of the same shape: names keep titles, case and possessives; care homes stay
care-home-like; postcodes keep a valid format; NHS numbers pass the modulus-11 check and come from
the 999 range that is never issued; phone numbers come from Ofcom's drama ranges; e-mails go to
``example.org``. The same key and the same normalised value give the same surrogate.

>>> from ._keys import PseudonymKey
>>> k = PseudonymKey(b"s" * 32)
>>> nhs_checksum_ok(surrogate_nhs_number(k, "943 476 5919"))
True
>>> surrogate_phone(k, "07700 123456").startswith("07700 900")
True
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

from ..nhs_number import nhs_check_digit, nhs_checksum_ok
from ._keys import PseudonymKey
from ._wordlists import words

# --- vocabularies (synthetic choices; common UK names, invented place stems) ------------------------
_VOCAB_PATH = Path(__file__).parent / "conf" / "surrogates.yaml"
_VOCAB = {k: str(v).split() for k, v in yaml.safe_load(_VOCAB_PATH.read_text(encoding="utf-8")).items()
          if k != "version"}
FEMALE_FIRST = _VOCAB["female_first"]
MALE_FIRST = _VOCAB["male_first"]
SURNAMES = _VOCAB["surnames"]
#: used when the sex of the original name is unknown, so a surrogate never contradicts "he"/"she"
NEUTRAL_FIRST = _VOCAB["neutral_first"]
FEMALE_SET = frozenset(n.casefold() for n in FEMALE_FIRST)
MALE_SET = frozenset(n.casefold() for n in MALE_FIRST)
SURNAME_SET = frozenset(n.casefold() for n in SURNAMES)

_STEM_A = ("Ash", "Beck", "Birch", "Bram", "Brook", "Cal", "Clay", "Crom", "Dun", "Elm", "Fair",
           "Fern", "Glen", "Hart", "Hazel", "Holm", "Kings", "Lang", "Lark", "Mar", "Mill", "North",
           "Oak", "Pen", "Red", "Rose", "Stan", "Thorn", "West", "Wood")
_STEM_B = ("bury", "by", "dale", "den", "field", "ford", "ham", "hurst", "ley", "mead", "moor",
           "stead", "thorpe", "ton", "well", "wick")
#: invented but plausible English place stems ("Larkfield", "Thornbury", ...)
PLACE_STEMS = tuple(a + b for a in _STEM_A for b in _STEM_B)

TITLES = words("titles")
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "lady", "sister"})
MALE_TITLES = frozenset({"mr", "sir", "lord", "master", "father"})

#: organisation-type suffixes kept in the surrogate (longest match wins)
ORG_SUFFIXES = tuple(sorted((
    "care home", "nursing home", "residential home", "care centre", "house", "lodge", "court",
    "manor", "hall", "grange", "view", "gardens", "place", "hospital", "general hospital",
    "community hospital", "infirmary", "medical centre", "health centre", "medical practice",
    "surgery", "practice", "group practice", "nhs foundation trust", "nhs trust",
    "foundation trust", "healthcare nhs trust", "partnership nhs foundation trust", "trust",
    "council", "city council", "county council", "borough council", "district council", "hospice",
    "clinic", "centre", "services", "care services", "care", "support", "homes", "ltd", "limited",
    "icb", "integrated care board", "clinical commissioning group", "ccg",
), key=lambda s: -len(s.split())))
STREET_SUFFIXES = words("street_suffixes")
_POSTCODE_AREAS = ("B", "BD", "BS", "CB", "CV", "DE", "DN", "EX", "GL", "HU", "LE", "LN", "LS",
                   "M", "NE", "NG", "NR", "OX", "PE", "PL", "PO", "S", "SO", "ST", "TS", "WF", "WV",
                   "YO")
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # letters allowed in the inward unit (no C I K M O V)
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"

_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$", re.IGNORECASE)


# --- normalisation -----------------------------------------------------------------------------
def normalise(value: str) -> str:
    """Case-, space- and accent-insensitive form used as the HMAC input.

    >>> normalise("  KAREN   Smith's ")
    'karen smith'
    """
    v = unicodedata.normalize("NFKC", value).strip()
    v = _POSSESSIVE.sub(lambda m: "s" if m.group(0).lower().startswith("s") else "", v)
    return " ".join(v.casefold().replace("\u2019", "'").split())


def split_possessive(text: str) -> tuple[str, str]:
    """``("Karen", "'s")`` for ``"Karen's"``; ``("Jones", "'")`` for ``"Jones'"``."""
    m = re.search(r"(['\u2019]s|['\u2019])$", text)
    if m and len(text) > len(m.group(0)) + 1:
        return text[: m.start()], m.group(0)
    return text, ""


def match_case(template: str, value: str) -> str:
    """``value`` in the case pattern of ``template`` (UPPER, lower or Title).

    >>> match_case("SMITH", "Jones"), match_case("smith", "Jones"), match_case("Smith", "jones")
    ('JONES', 'jones', 'Jones')
    """
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return value.upper()
    if letters and all(c.islower() for c in letters):
        return value.lower()
    return " ".join(w[:1].upper() + w[1:] for w in value.split(" "))


# --- people --------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _known_first_names() -> tuple[frozenset, frozenset]:
    """Female and male first names used to keep the sex of a name (ours plus Faker's en_GB/en_US
    lists when Faker is installed); names in both lists count as unknown."""
    female, male = set(FEMALE_SET), set(MALE_SET)
    try:
        from faker.providers.person.en_GB import Provider as GB
        from faker.providers.person.en_US import Provider as US

        for prov in (GB, US):
            female |= {n.casefold() for n in prov.first_names_female}
            male |= {n.casefold() for n in prov.first_names_male}
    except (ImportError, AttributeError):  # pragma: no cover - faker is a dependency
        pass
    both = female & male
    return frozenset(female - both), frozenset(male - both)


def _sex_of(first: str | None, titles: list[str]) -> str | None:
    t = {x.casefold().rstrip(".") for x in titles}
    if first:
        f = first.casefold()
        female, male = _known_first_names()
        if f in female:
            return "F"
        if f in male:
            return "M"
    if t & FEMALE_TITLES:
        return "F"
    if t & MALE_TITLES:
        return "M"
    return None


def _pick_distinct(key: PseudonymKey, purpose: str, value: str, options) -> str:
    """A keyed choice that never equals the original value."""
    for salt in range(8):
        out = key.choice(purpose, value, options, salt)
        if out.casefold() != value.casefold():
            return out
    return options[0] if options[0].casefold() != value.casefold() else options[1]


def surrogate_first_name(key: PseudonymKey, first: str, sex: str | None = None) -> str:
    """A first name of the same sex where that is known (from the name or the title)."""
    norm = normalise(first)
    sex = sex or _sex_of(norm, [])
    pool = FEMALE_FIRST if sex == "F" else MALE_FIRST if sex == "M" else NEUTRAL_FIRST
    return _pick_distinct(key, f"first:{sex or '?'}", norm, pool)


def surrogate_surname(key: PseudonymKey, surname: str) -> str:
    """A surname; hyphenated surnames keep their two parts."""
    norm = normalise(surname)
    if "-" in norm:
        return "-".join(_pick_distinct(key, "surname", part, SURNAMES) for part in norm.split("-"))
    return _pick_distinct(key, "surname", norm, SURNAMES)


def parse_name(text: str) -> tuple[list[str], list[str], str]:
    """Split a person mention into (title tokens, name tokens, possessive suffix).

    >>> parse_name("Mrs Karen Smith's")
    (['Mrs'], ['Karen', 'Smith'], "'s")
    """
    body, poss = split_possessive(text.strip())
    tokens = [t for t in re.split(r"\s+", body) if t]
    titles = []
    while tokens and tokens[0].casefold().rstrip(".") in TITLES and len(tokens) > 1:
        titles.append(tokens.pop(0))
    return titles, tokens, poss


def looks_like_initials(tokens: list[str]) -> bool:
    """True for ``J.S.``, ``JS``, ``J S`` (initials used as a name)."""
    joined = "".join(tokens)
    letters = [c for c in joined if c.isalpha()]
    return bool(letters) and len(letters) <= 4 and all(c.isupper() for c in letters) and (
        "." in joined or len(tokens) > 1 or len(letters) <= 3)


def surrogate_initials(key: PseudonymKey, text: str) -> str:
    """Same punctuation and length, other capital letters."""
    norm = re.sub(r"[^A-Za-z]", "", text).upper()
    out, i = [], 0
    for ch in text:
        if ch.isalpha():
            new = _LETTERS[key.integer("initial", f"{norm}:{i}", len(_LETTERS)) - 1]
            if new == ch.upper():
                new = _LETTERS[(_LETTERS.index(new) + 1) % len(_LETTERS)]
            out.append(new if ch.isupper() else new.lower())
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def surrogate_person(key: PseudonymKey, text: str, role: str | None = None,
                     sex_hint: str | None = None) -> str:
    """A plausible other name of the same shape.

    ``role`` says how a single name token is used: ``"first"`` or ``"surname"`` (a lone token after a
    title is a surname; otherwise the caller decides from the rest of the document).

    >>> from ._keys import PseudonymKey
    >>> k = PseudonymKey(b"p" * 32)
    >>> full = surrogate_person(k, "Karen Smith")
    >>> surrogate_person(k, "KAREN SMITH") == full.upper()
    True
    >>> surrogate_person(k, "Karen's") == full.split()[0] + "'s"
    True
    >>> surrogate_person(k, "Mrs Smith") == "Mrs " + full.split()[1]
    True
    """
    titles, tokens, poss = parse_name(text)
    if not tokens:
        return text
    if looks_like_initials(tokens) and not titles:
        return surrogate_initials(key, " ".join(tokens)) + poss
    sex = sex_hint or _sex_of(tokens[0] if len(tokens) > 1 or role == "first" else None, titles)
    out: list[str] = []
    if len(tokens) == 1:
        tok = tokens[0]
        if titles or role == "surname":
            new = surrogate_surname(key, tok)
        else:
            new = surrogate_first_name(key, tok, sex)
        out.append(match_case(tok, new))
    else:
        for i, tok in enumerate(tokens):
            if i == len(tokens) - 1:
                new = surrogate_surname(key, tok)
            elif re.fullmatch(r"[A-Za-z]\.?", tok):  # middle initial
                new = surrogate_initials(key, tok)
            else:
                new = surrogate_first_name(key, tok, sex if i == 0 else None)
            out.append(match_case(tok, new))
    return " ".join(titles + out) + poss


# --- organisations and places --------------------------------------------------------------------
def _split_suffix(tokens: list[str]) -> tuple[list[str], list[str]]:
    low = [t.casefold().strip(".,") for t in tokens]
    for suffix in ORG_SUFFIXES:
        parts = suffix.split()
        if len(parts) < len(tokens) and low[-len(parts):] == parts:
            return tokens[: -len(parts)], tokens[-len(parts):]
    return tokens, []


def surrogate_place_stem(key: PseudonymKey, value: str, purpose: str = "place") -> str:
    """An invented English place stem (``Larkfield``) for ``value``."""
    return _pick_distinct(key, purpose, normalise(value), PLACE_STEMS)


def surrogate_organization(key: PseudonymKey, text: str) -> str:
    """Another name of the same kind: ``Vancouver House`` -> ``Thornbury House``.

    >>> from ._keys import PseudonymKey
    >>> out = surrogate_organization(PseudonymKey(b"o" * 32), "Vancouver House Care Home")
    >>> out.endswith(" House Care Home") and "Vancouver" not in out
    True
    """
    body, poss = split_possessive(text.strip())
    tokens = body.split()
    if not tokens:
        return text
    lead = []
    if tokens[0].casefold() == "the" and len(tokens) > 1:
        lead = [tokens.pop(0)]
    stem_tokens, suffix = _split_suffix(tokens)
    # keep a second-level type word ("Vancouver House Care Home" -> "<stem> House Care Home")
    inner, suffix2 = _split_suffix(stem_tokens)
    if suffix2 and inner:
        stem_tokens, suffix = inner, suffix2 + suffix
    if not suffix:
        suffix = ["Services"] if len(tokens) > 1 else []
    stem = surrogate_place_stem(key, " ".join(stem_tokens), "org")
    if "nhs" in [t.casefold() for t in stem_tokens]:
        stem = f"{stem} NHS"
    out = " ".join(lead + [match_case(" ".join(stem_tokens), stem)] + suffix)
    return out + poss


def surrogate_location(key: PseudonymKey, text: str) -> str:
    """A town, street or address of the same shape (numbers and street types kept in form).

    >>> from ._keys import PseudonymKey
    >>> out = surrogate_location(PseudonymKey(b"l" * 32), "12 Acacia Avenue, LE1 5WW")
    >>> out.split()[1] != "Acacia" and " Avenue, " in out
    True
    """
    pieces = re.split(r"(" + POSTCODE_RE.pattern + r")", text)
    out = []
    for piece in pieces:
        if not piece:
            continue
        if POSTCODE_RE.fullmatch(piece):
            out.append(surrogate_postcode(key, piece))
            continue
        out.append(_location_words(key, piece))
    return "".join(out)


def _location_words(key: PseudonymKey, text: str) -> str:
    """Runs of name words become one place stem; numbers and street types keep their form."""
    parts = re.split(r"(\s+|,)", text)  # words at even indices, separators at odd ones
    out: list[str] = []
    run: list[str] = []
    pending = ""

    def flush():
        if run:
            original = " ".join(run)
            out.append(match_case(original, surrogate_place_stem(key, original)))
            run.clear()

    for i, part in enumerate(parts):
        if i % 2:
            pending += part
            continue
        if not part:
            continue
        low = part.casefold().strip(".")
        is_number = bool(re.fullmatch(r"\d+[A-Za-z]?", part))
        is_kept = low in STREET_SUFFIXES or low in ("flat", "apartment", "unit", "the", "of")
        is_name = not (is_number or is_kept)
        if is_name and run and "," not in pending:
            run.append(part)
            pending = ""
            continue
        flush()
        out.append(pending)
        pending = ""
        if is_name:
            run.append(part)
        else:
            out.append(_digits_like(key, "house", part) if is_number else part)
    flush()
    out.append(pending)
    return "".join(out)


def _digits_like(key: PseudonymKey, purpose: str, token: str) -> str:
    digits = re.sub(r"\D", "", token)
    out = []
    for i, ch in enumerate(token):
        if ch.isdigit():
            lo = 1 if i == 0 else 0
            n = key.integer(purpose, f"{digits}:{i}", 10 - lo) - 1 + lo
            out.append(str(n))
        else:
            out.append(ch)
    return "".join(out)


# --- identifiers and contacts -----------------------------------------------------------------------
POSTCODE_RE = re.compile(r"\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b")
_POSTCODE_FULL = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")


def surrogate_postcode(key: PseudonymKey, text: str) -> str:
    """A postcode in valid UK format, keeping the original spacing and case.

    >>> from ._keys import PseudonymKey
    >>> bool(_POSTCODE_FULL.match(surrogate_postcode(PseudonymKey(b"q" * 32), "LE1 5WW")))
    True
    """
    norm = re.sub(r"\s+", "", text).upper()
    area = _pick_distinct(key, "pc-area", norm, _POSTCODE_AREAS)
    district = str(key.integer("pc-district", norm, 29))
    sector = str(key.integer("pc-sector", norm, 10) - 1)
    unit = (_UNIT_LETTERS[key.integer("pc-u1", norm, len(_UNIT_LETTERS)) - 1]
            + _UNIT_LETTERS[key.integer("pc-u2", norm, len(_UNIT_LETTERS)) - 1])
    sep = " " if re.search(r"\s", text) else ""
    out = f"{area}{district}{sep}{sector}{unit}"
    return out.lower() if text.islower() else out


def surrogate_nhs_number(key: PseudonymKey, text: str) -> str:
    """A valid-checksum NHS number from the unissued test range 999 000 0000-999 999 9999,
    keeping the original grouping (spaces, hyphens or none)."""
    norm = re.sub(r"\D", "", text)
    for salt in range(50):
        body = "999" + f"{key.integer('nhs', norm, 1_000_000, salt) - 1:06d}"
        check = nhs_check_digit(body)
        if check is not None:
            digits = body + str(check)
            break
    else:  # pragma: no cover - 50 misses in a row is practically impossible
        digits = "9990000001"
    return _regroup(text, digits)


def _regroup(template: str, digits: str) -> str:
    """Put ``digits`` into the layout of ``template`` (same separators between digit groups)."""
    out, it = [], iter(digits)
    for ch in template:
        out.append(next(it, "") if ch.isdigit() else ch)
    rest = "".join(it)
    return "".join(out) + rest


def surrogate_nino(key: PseudonymKey, text: str) -> str:
    """A National Insurance number with the never-issued prefix ``QQ`` (same spacing)."""
    norm = re.sub(r"\s", "", text).upper()
    digits = f"{key.integer('nino', norm, 1_000_000) - 1:06d}"
    suffix = "ABCD"[key.integer("nino-s", norm, 4) - 1]
    chars = iter("QQ" + digits + suffix)
    return "".join(next(chars, "") if not ch.isspace() else ch for ch in text)


def surrogate_identifier(key: PseudonymKey, text: str) -> str:
    """Same shape: each digit and letter replaced by a keyed one, separators kept.

    Text without letters or digits (which cannot identify anyone) is returned unchanged.

    >>> from ._keys import PseudonymKey
    >>> out = surrogate_identifier(PseudonymKey(b"i" * 32), "RX-12345")
    >>> out[2] == "-" and out[:2].isalpha() and out[3:].isdigit() and out != "RX-12345"
    True
    """
    norm = re.sub(r"\W", "", text).upper()
    if not any(ch.isalnum() for ch in text):
        return text
    for salt in range(8):
        out = []
        for i, ch in enumerate(text):
            if ch.isdigit():
                out.append(str(key.integer("id-d", f"{norm}:{i}", 10, salt) - 1))
            elif ch.isalpha():
                new = _LETTERS[key.integer("id-l", f"{norm}:{i}", len(_LETTERS), salt) - 1]
                out.append(new.lower() if ch.islower() else new)
            else:
                out.append(ch)
        res = "".join(out)
        if res != text:
            return res
    return "".join("9" if ch.isdigit() else "X" if ch.isalpha() else ch for ch in text)


def surrogate_phone(key: PseudonymKey, text: str) -> str:
    """A number from Ofcom's drama ranges: 07700 900xxx (mobile), 01632 960xxx (landline),
    020 7946 0xxx (London); international ``+44`` form kept.

    >>> from ._keys import PseudonymKey
    >>> surrogate_phone(PseudonymKey(b"t" * 32), "+44 116 496 0123").startswith("+44 1632 960")
    True
    """
    digits = re.sub(r"\D", "", text)
    national = "0" + digits[2:] if digits.startswith("44") else digits
    n = key.integer("phone", national, 1000) - 1
    intl = text.strip().startswith("+") or digits.startswith("44")
    if national.startswith("07"):
        local = f"07700 900{n:03d}"
    elif national.startswith("020"):
        local = f"020 7946 0{n:03d}"
    else:
        local = f"01632 960{n:03d}"
    if intl:
        return "+44 " + local[1:]
    if not re.search(r"\s", text):
        return local.replace(" ", "")
    return local


def surrogate_email(key: PseudonymKey, text: str) -> str:
    """``firstname.surname@example.org`` (reserved domain, never delivers)."""
    norm = text.strip().casefold()
    first = key.choice("email-f", norm, FEMALE_FIRST + MALE_FIRST).lower()
    last = key.choice("email-s", norm, SURNAMES).lower()
    return f"{first}.{last}@example.org"


def surrogate_url(key: PseudonymKey, text: str) -> str:
    """A link on ``example.org`` (reserved domain)."""
    n = key.integer("url", text.strip().casefold(), 100_000)
    scheme = "https://" if text.lower().startswith("http") else ""
    return f"{scheme}www.example.org/p/{n}"


__all__ = [
    "surrogate_person", "surrogate_first_name", "surrogate_surname", "surrogate_initials",
    "surrogate_organization", "surrogate_location", "surrogate_postcode", "surrogate_nhs_number",
    "surrogate_nino", "surrogate_identifier", "surrogate_phone", "surrogate_email", "surrogate_url",
    "nhs_checksum_ok", "normalise", "parse_name", "split_possessive", "match_case",
    "looks_like_initials", "POSTCODE_RE", "TITLES",
]
