"""Matching file columns onto the review schema: case-, space- and underscore-tolerant, with an
optional mapping file for local export layouts."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Mapping

import yaml

from ..errors import Errors, InputError
from ..schema import REVIEW_COLUMNS
from ._problems import Problem, make_problem

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
#: a mapping target that marks a local column as free text (the release de-identifies it as text)
FREE_TEXT_TARGET = "free_text"


def squash(name) -> str:
    """The matching key of a column name: lower case, letters and digits only.

    >>> squash(" Review ID "), squash("REVIEW_ID"), squash("review-id")
    ('reviewid', 'reviewid', 'reviewid')
    """
    return _NON_ALNUM.sub("", str(name).replace("\ufeff", "").casefold())


_SCHEMA_KEYS = {squash(c): c for c in REVIEW_COLUMNS}


def load_mapping(mapping: str | os.PathLike | Mapping | None) -> dict[str, str]:
    """Read a column-mapping file (YAML or JSON ``{local_name: schema_name}``) or check a dict.

    Raises ``InputError`` E108 when the file is missing, unreadable or maps onto unknown or
    repeated schema names.

    Examples
    --------
    >>> load_mapping({"Case Ref": "review_id", "Learning Points": "free_text"})
    {'Case Ref': 'review_id'}
    """
    if mapping is None:
        return {}
    where = "mapping" if isinstance(mapping, Mapping) else str(mapping)
    if isinstance(mapping, Mapping):
        data = dict(mapping)
    else:
        path = Path(mapping)
        if not path.is_file():
            raise InputError(Errors.E108, path=path, reason="the file does not exist")
        try:
            text = path.read_text(encoding="utf-8-sig")
            data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
        except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
            raise InputError(Errors.E108, path=path, reason=f"it could not be parsed ({exc})") from exc
    if not isinstance(data, dict) or not data:
        raise InputError(Errors.E108, path=where, reason="it is not a non-empty mapping")
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for local, target in data.items():
        if not isinstance(local, str) or not isinstance(target, str) or not local.strip():
            raise InputError(Errors.E108, path=where,
                             reason=f"entry {local!r}: {target!r} is not 'local name: schema name'")
        if target.strip().lower() == FREE_TEXT_TARGET:  # kept under its own name, de-identified as text
            continue
        canonical = _SCHEMA_KEYS.get(squash(target))
        if canonical is None:
            raise InputError(Errors.E108, path=where,
                             reason=f"'{target}' (for '{local}') is not a schema column; valid names: "
                                    + ", ".join(REVIEW_COLUMNS))
        if canonical in seen:
            raise InputError(Errors.E108, path=where,
                             reason=f"'{seen[canonical]}' and '{local}' both map to '{canonical}'")
        seen[canonical] = local
        out[local] = canonical
    return out


def names_review_id(values, mapping: dict[str, str]) -> bool:
    """Whether a row's cells name the review_id column (itself, or through ``mapping``): how the
    header is told from a title line above it.

    >>> names_review_id(["LeDeR reviews - quarter 3", None], {}), names_review_id(["Review ID", "ICB"], {})
    (False, True)
    """
    by_key = {squash(k): v for k, v in mapping.items()}
    for value in values:
        if value is None or not str(value).strip():
            continue
        key = squash(value)
        if (by_key.get(key) or _SCHEMA_KEYS.get(key)) == "review_id":
            return True
    return False


def resolve_columns(header: list[str], mapping: dict[str, str], path) -> tuple[list[str], list[Problem]]:
    """Name every source column: its schema name when it matches (via ``mapping`` first), its own
    stripped name otherwise. Returns the names (same order as ``header``) and warnings.

    Raises ``InputError`` E122 when two columns match the same schema column.

    >>> resolve_columns(["Case Ref", "ICB", "Notes"], {"Case Ref": "review_id"}, "r.csv")[0]
    ['review_id', 'icb', 'Notes']
    """
    by_key = {squash(k): v for k, v in mapping.items()}
    problems: list[Problem] = []
    names: list[str] = []
    claimed: dict[str, list[str]] = {}
    used_keys = set()
    for name in header:
        key = squash(name)
        target = by_key.get(key) or _SCHEMA_KEYS.get(key)
        if key in by_key:
            used_keys.add(key)
        if target is not None:
            claimed.setdefault(target, []).append(str(name))
            names.append(target)
        else:
            names.append(str(name).replace("\ufeff", "").strip())
    for target, sources in claimed.items():
        if len(sources) > 1:
            raise InputError(Errors.E122, path=path, columns=", ".join(repr(s) for s in sources),
                             target=target)
    for local in mapping:
        if squash(local) not in used_keys:
            problems.append(make_problem("E125", "warning", path, column=local))
    # unknown columns: keep them, with unique names
    seen: set[str] = set(claimed)
    for i, name in enumerate(names):
        if name in REVIEW_COLUMNS and name in claimed:
            continue
        base, k = name, 1
        while name in seen:
            k += 1
            name = f"{base}.{k}"
        names[i] = name
        seen.add(name)
    return names, problems
