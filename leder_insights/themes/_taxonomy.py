"""The theme taxonomy shipped with the package (``taxonomy.yaml``, version "1").

>>> tax = load_taxonomy()
>>> len(tax.ids), tax.version
(19, '1')
>>> tax.group_of("sepsis_deterioration")
'clinical'
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors, InputError

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.yaml")


@dataclass(frozen=True)
class Theme:
    """One theme: stable ``id``, display ``label``, ``definition``, dashboard ``group`` and ``cues``."""

    id: str
    label: str
    definition: str
    group: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """The fixed set of theme ids in a stable order, with labels, groups and cue phrases.

    Examples
    --------
    >>> tax = load_taxonomy()
    >>> tax.ids[0], tax.label("cancer")
    ('aspiration_pneumonia', 'Cancer')
    """

    version: str
    themes: tuple[Theme, ...]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group_labels: dict[str, str] = field(default_factory=dict)
    polarities: tuple[str, ...] = ("good_practice", "area_for_improvement", "recommendation")

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.themes]

    @property
    def labels(self) -> dict[str, str]:
        return {t.id: t.label for t in self.themes}

    def __len__(self) -> int:
        return len(self.themes)

    def __contains__(self, theme_id: object) -> bool:
        return theme_id in self.labels

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise InputError(Errors.E401, theme=theme_id, valid=", ".join(self.ids))

    def label(self, theme_id: str) -> str:
        return self.theme(theme_id).label

    def group_of(self, theme_id: str) -> str:
        return self.theme(theme_id).group

    def validate(self, theme_ids) -> list[str]:
        """Return ``theme_ids`` as a list, raising ``[E401]`` for any id not in the taxonomy."""
        out = list(theme_ids)
        for t in out:
            if t not in self:
                raise InputError(Errors.E401, theme=t, valid=", ".join(self.ids))
        return out

    def cue_patterns(self) -> dict[str, re.Pattern | None]:
        """One compiled, case-insensitive regex per theme matching any of its cue phrases."""
        return _cue_patterns(self)


def cue_regex(cue: str) -> str:
    """Regex for one cue phrase: word boundaries, flexible whitespace, ``*`` = any word ending.

    >>> bool(re.search(cue_regex("swallow*"), "a swallowing assessment"))
    True
    """
    parts = []
    for word in cue.strip().split():
        esc = re.escape(word).replace(r"\*", r"\w*")
        parts.append(esc)
    body = r"\s+".join(parts)
    return rf"(?<![\w]){body}(?![\w])"


@lru_cache(maxsize=8)
def _cue_patterns(tax: Taxonomy) -> dict[str, re.Pattern | None]:
    pats: dict[str, re.Pattern | None] = {}
    for t in tax.themes:
        # longest cues first so a match covers the whole phrase
        cues = sorted(t.cues, key=lambda w: (-len(w), w))
        pats[t.id] = re.compile("|".join(cue_regex(c) for c in cues), re.IGNORECASE) if cues else None
    return pats


def _parse(data: dict, path) -> Taxonomy:
    try:
        groups = {g: tuple(ids) for g, ids in data["groups"].items()}
        group_of = {tid: g for g, ids in groups.items() for tid in ids}
        themes = tuple(
            Theme(id=str(t["id"]), label=str(t["label"]), definition=str(t.get("definition", "")),
                  group=group_of[t["id"]], cues=tuple(str(c) for c in t.get("cues", [])))
            for t in data["themes"])
        return Taxonomy(version=str(data["version"]), themes=themes, groups=groups,
                        group_labels=dict(data.get("group_labels", {})),
                        polarities=tuple(data.get("polarities", Taxonomy.polarities)))
    except (KeyError, TypeError) as exc:
        raise ConfigError(Errors.E002, reason=f"taxonomy is missing or has a bad entry {exc}",
                          path=path) from exc


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Taxonomy:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    return _parse(data, path)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Load the taxonomy (the shipped ``taxonomy.yaml`` unless ``path`` is given).

    Examples
    --------
    >>> load_taxonomy().group_of("equity_ethnicity")
    'equity'
    """
    return _load_cached(str(Path(path) if path else TAXONOMY_PATH))


__all__ = ["Theme", "Taxonomy", "load_taxonomy", "cue_regex", "TAXONOMY_PATH"]
