"""The detector's word lists, kept as data in ``deid/conf/words.yaml`` (one named list each).

>>> "hospital" in words("org_words"), "monday" in words("calendar_words")
(True, True)
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors

WORDS_PATH = Path(__file__).parent / "conf" / "words.yaml"


@functools.lru_cache(maxsize=1)
def _all() -> dict:
    try:
        data = yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=WORDS_PATH, reason=exc) from exc
    return {k: frozenset(str(v).split()) for k, v in data.items() if k != "version"}


def words(name: str) -> frozenset:
    """The lower-case word list ``name`` (a ``KeyError`` names the lists that exist)."""
    lists = _all()
    if name not in lists:
        raise KeyError(f"no word list {name!r} in {WORDS_PATH.name}; lists: {', '.join(sorted(lists))}")
    return lists[name]


def read_lists(path: Path, required: tuple = ()) -> dict:
    """The YAML file of named lists at ``path``; a file that cannot be read, or lacks one of the
    ``required`` keys, is broken: ``[E001]`` naming it (the detector fails closed).

    >>> read_lists(WORDS_PATH, ("org_words",))["version"] is not None
    True
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for key in required:
            data[key]  # noqa: B018  (a missing key is a broken file)
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    return data


@functools.lru_cache(maxsize=None)
def _cached_lists(path: Path) -> dict:
    return read_lists(path)


def named_list(path: Path, name: str) -> tuple:
    """The list ``name`` of the YAML file of named lists at ``path``, as strings (read once; a
    ``KeyError`` names the lists that exist; a file that cannot be read is ``[E001]``).

    >>> named_list(WORDS_PATH.with_name("date_pieces.yaml"), "weekdays")[:2]
    ('monday', 'tuesday')
    """
    data = _cached_lists(Path(path))
    if name not in data or name == "version":
        raise KeyError(f"no list {name!r} in {Path(path).name}; lists: "
                       f"{', '.join(k for k in data if k != 'version')}")
    return tuple(str(w) for w in data[name])


@functools.lru_cache(maxsize=None)
def word_file_lines(path: Path) -> tuple:
    """The lines of a ``.txt`` word list as written, stripped (blank and ``#`` lines left out); a
    file that cannot be read is ``[E001]`` naming it (the detector fails closed).

    >>> "Gazette" in word_file_lines(WORDS_PATH.with_name("press_heads.txt"))
    True
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))


def word_alternation(items) -> str:
    """A regex alternation of ``items``, longest first (then in alphabetical order, so the pattern
    is the same in every process), each escaped, a space matching any spaces.

    >>> print(word_alternation(["day", "day centre", "dad"]))
    day\\s+centre|dad|day
    """
    return "|".join(re.escape(str(w)).replace(r"\ ", r"\s+")
                    for w in sorted({str(w) for w in items}, key=lambda w: (-len(w), w)))


__all__ = ["words", "WORDS_PATH", "read_lists", "word_alternation"]
