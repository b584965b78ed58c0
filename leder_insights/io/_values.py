"""Parsing cell values into the schema's types. Each parser returns the parsed value or raises
``ValueError`` when the cell cannot hold a value of that type."""
from __future__ import annotations

import datetime as dt
import functools
import math
import re

_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)
_SEP_SPACES = re.compile(r"\s*([/.])\s*")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?$")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y", "%d-%m-%y",
                 "%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y", "%B %d %Y", "%b %d %Y",
                 "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_UNKNOWN = {"", "unknown", "not known", "nk", "n/a", "na", "none", "null"}


def is_missing(value) -> bool:
    """None, NaN/NaT or a blank string."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return not value.strip()
    try:  # pandas NA / NaT
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, dict, tuple)) else False
    except (TypeError, ValueError):
        return False


def to_text(value) -> str | None:
    """A cell as text: integral floats lose their '.0' (Excel ids), dates become ISO strings.

    >>> to_text(1001.0), to_text(dt.datetime(2024, 3, 5)), to_text(None)
    ('1001', '2024-03-05', None)
    """
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_missing(value):
        return None
    return str(value)


def parse_date(value) -> str | None:
    """ISO or UK day-first date -> ``'YYYY-MM-DD'``; missing -> None; otherwise ``ValueError``.

    >>> parse_date("05/03/2024"), parse_date("2024-03-05T00:00:00"), parse_date("5th March 2024")
    ('2024-03-05', '2024-03-05', '2024-03-05')
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(value)
    text = _SEP_SPACES.sub(r"\1", " ".join(value.strip().split()))  # '13 /02/2024' -> '13/02/2024'
    m = _ISO_PREFIX.match(text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    text = _ORDINAL.sub(r"\1", text)
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(value)


def parse_int(value) -> int | None:
    """A whole number (``'45'``, ``'45.0'``, ``45.0``); missing -> None; otherwise ``ValueError``.

    >>> parse_int(" 45 "), parse_int(3.0), parse_int("")
    (45, 3, None)
    """
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(value)
    text = str(value).strip()
    try:
        return int(text)
    except ValueError:
        number = float(text)  # raises ValueError for words
        if not number.is_integer():
            raise ValueError(value) from None
        return int(number)


def parse_bool(value) -> bool | None:
    """yes/no, true/false, y/n, 1/0; empty or 'unknown' -> None; otherwise ``ValueError``.

    >>> parse_bool("Yes"), parse_bool(0), parse_bool("unknown")
    (True, False, None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in _UNKNOWN:
        return None
    raise ValueError(value)


_ALIASES = {"profound_and_multiple": "profound_multiple", "pmld": "profound_multiple",
            "carehome": "care_home", "supported": "supported_living", "supportedliving":
            "supported_living", "own_home": "home", "lived_alone": "alone", "with_family": "family"}


def _icb_key(value: str) -> str:
    """An ICB name reduced to what tells ICBs apart.

    >>> _icb_key("NHS Birmingham & Solihull Integrated Care Board") == _icb_key("birmingham and solihull icb")
    True
    """
    key = value.casefold().replace("&", " and ")
    key = re.sub(r"\bintegrated\s+care\s+(?:board|system)\b|\bicb\b|\bics\b|\bnhs\b", " ", key)
    return re.sub(r"[^0-9a-z]+", "", key)


@functools.lru_cache(maxsize=1)
def _icb_names() -> dict[str, str]:
    """Key -> official name: the ICBs of the release's geography (``icb_regions.yaml``) and the
    other spellings of ``icb_aliases.yaml`` (data files beside the release schemas)."""
    from importlib.resources import files

    import yaml

    here = files("leder_insights").joinpath("release", "schemas")
    official = [str(n) for n in yaml.safe_load(here.joinpath("icb_regions.yaml").read_text("utf-8"))]
    names = {_icb_key(n): n for n in official}
    aliases = yaml.safe_load(here.joinpath("icb_aliases.yaml").read_text("utf-8"))["aliases"]
    for alias, name in aliases.items():
        if name not in official:
            raise ValueError(f"icb_aliases.yaml: {name!r} is not an ICB of icb_regions.yaml")
        names.setdefault(_icb_key(str(alias)), name)
    return names


def canonical_icb(value: str) -> str:
    """The official name of an ICB written another way (``"Birmingham & Solihull"``, ``"BSOL"``,
    ``"NHS Devon Integrated Care Board"``); any other value unchanged (stripped).

    >>> canonical_icb("Birmingham & Solihull ICB"), canonical_icb("bsol"), canonical_icb("North")
    ('NHS Birmingham and Solihull ICB', 'NHS Birmingham and Solihull ICB', 'North')
    """
    return _icb_names().get(_icb_key(value), value.strip())


def normalise_choice(value: str, allowed: tuple[str, ...]) -> tuple[str, bool]:
    """Map a coded value onto ``allowed`` ('Care home' -> 'care_home'); return (value, matched).

    >>> normalise_choice("Supported Living", ("family", "supported_living"))
    ('supported_living', True)
    """
    key = re.sub(r"[^0-9a-z]+", "_", value.strip().casefold()).strip("_")
    key = _ALIASES.get(key, key)
    if key in allowed:
        return key, True
    return value.strip(), False
