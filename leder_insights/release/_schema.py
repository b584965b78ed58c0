"""The release schema: one declared action per column, and the quasi-identifier hierarchies.

>>> schema = load_release_schema("national")
>>> schema.columns["death_date"].action, schema.columns["death_date"].output
('shift', 'death_year')
>>> schema.quasi_identifiers
('geo', 'year', 'age', 'sex', 'ethnic_group', 'ld_severity', 'place_of_death', 'review_type', 'autistic', 'living_arrangement', 'cause')
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ConfigError, Errors

SCHEMA_DIR = Path(__file__).parent / "schemas"
#: configuration shared by sub-packages (e.g. the cause-of-death groups): a level's ``file`` is
#: looked up beside the schema first, then here
SHARED_CONF_DIR = Path(__file__).parents[1] / "conf"
ACTIONS = ("keep", "generalise", "pseudonymise", "shift", "deidentify_text", "drop")
PRECISIONS = ("day", "month", "year")
#: what free text a release carries (``text:`` in a schema): ``full`` every de-identified text
#: column; ``learning_points`` only the learning points split from the learning fields (no
#: pen portrait, timeline or whole field); ``none`` no free text at all (learning points keep
#: their themes and polarity, not their words)
TEXT_POLICIES = ("full", "learning_points", "none")
LEVEL_KINDS = ("value", "map", "map_file", "word_groups", "prefix", "band", "period", "suppress")


@dataclass(frozen=True)
class ColumnRule:
    """The declared treatment of one input column."""

    name: str
    action: str
    output: str
    hierarchy: str | None = None
    base_level: int = 0
    precision: str = "day"
    allowed: tuple | None = None
    sensitive: bool = False
    why: str = ""


@dataclass(frozen=True)
class Hierarchy:
    """Generalisation levels of one quasi-identifier, narrowest first."""

    name: str
    source: str
    levels: tuple  # of dicts (kind + parameters); map_file tables are loaded into "table"
    max_level: int
    #: information-loss weight: how much analysts lose when this hierarchy is generalised
    weight: float = 1.0

    def level_name(self, level: int) -> str:
        spec = self.levels[level]
        extra = {k: v for k, v in spec.items() if k not in ("kind", "table", "file", "groups")}
        if "file" in spec:
            extra["file"] = spec["file"]
        return spec["kind"] + (f"({', '.join(f'{k}={v}' for k, v in extra.items())})" if extra else "")


@dataclass(frozen=True)
class ReleaseSchema:
    """A parsed release schema (see ``schemas/national.yaml``)."""

    name: str
    version: int
    id_column: str
    columns: dict
    hierarchies: dict
    sensitive: tuple = ()
    unknown_columns: str = "drop"
    source: str = ""
    #: sha256 of the schema file (recorded with a run, so a changed schema cannot resume it)
    digest: str = ""
    #: the free text the release carries (one of ``TEXT_POLICIES``)
    text_policy: str = "learning_points"

    @property
    def quasi_identifiers(self) -> tuple:
        """Hierarchy names in declaration order."""
        return tuple(self.hierarchies)

    def text_columns(self, columns, free_text=()) -> list[str]:
        """Columns of ``columns`` to de-identify as text: declared ``deidentify_text`` ones and
        unknown columns that the mapping marks as free text (``free_text``)."""
        known = [c for c in columns if c in self.columns
                 and self.columns[c].action == "deidentify_text"]
        extra = [c for c in columns if c not in self.columns and c in set(free_text)]
        return known + extra

    def table(self) -> list[dict]:
        """One row per column: name, action, released as, hierarchy (for docs and the manifest)."""
        return [{"column": r.name, "action": r.action,
                 "released_as": "" if r.action == "drop" else r.output,
                 "hierarchy": r.hierarchy or "", "precision": r.precision if r.action == "shift" else "",
                 "why": r.why} for r in self.columns.values()]


def _bad(path, reason: str) -> ConfigError:
    return ConfigError(Errors.E701, path=path, reason=reason)


def _word_groups(data, name: str, where: str) -> tuple:
    """``((group id, compiled words), ...)`` from a word-group file (``groups: [{id, words}]``),
    words matched case-insensitively at word starts, longest first."""
    import re

    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise _bad(where, f"word-group file {name} needs a `groups:` list")
    out = []
    for g in data["groups"]:
        if not isinstance(g, dict) or not g.get("id") or not g.get("words"):
            raise _bad(where, f"word-group file {name}: every group needs an id and words")
        words = sorted((str(w) for w in g["words"]), key=lambda w: (-len(w), w))
        out.append((str(g["id"]), re.compile(r"\b(?:" + "|".join(
            re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")", re.I)))
    return tuple(out)


#: data files beside the schemas that are not schemas themselves
_DATA_TABLES = ("icb_regions", "icb_aliases", "text_mentions")


def _read_table(where, file_name: str) -> dict:
    """A YAML mapping beside the schema file ``where`` (or in the shared config directory)."""
    path = Path(where).parent / str(file_name)
    if not path.is_file():
        path = SHARED_CONF_DIR / str(file_name)
    try:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _bad(where, f"table {path.name} cannot be read ({type(exc).__name__})") from exc
    if not isinstance(table, dict):
        raise _bad(where, f"table {path.name} is not a mapping")
    return table


def _parse_level(spec, where: str, base: Path) -> dict:
    if not isinstance(spec, dict) or spec.get("kind") not in LEVEL_KINDS:
        raise _bad(where, f"level {spec!r} needs kind one of {', '.join(LEVEL_KINDS)}")
    spec = dict(spec)
    kind = spec["kind"]
    if kind in ("band", "period") and not int(spec.get("width", 0)) > 0:
        raise _bad(where, f"a {kind} level needs a positive width")
    if kind == "map" and not isinstance(spec.get("table"), dict):
        raise _bad(where, "a map level needs a table")
    if kind in ("map_file", "word_groups"):
        path = base / str(spec.get("file", ""))
        if not path.is_file():
            path = SHARED_CONF_DIR / str(spec.get("file", ""))
        try:
            table = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise _bad(where, f"map file {path.name} cannot be read ({type(exc).__name__})") from exc
        if kind == "word_groups":
            spec["groups"] = _word_groups(table, path.name, where)
            return spec
        if not isinstance(table, dict):
            raise _bad(where, f"map file {path.name} is not a mapping")
        spec["table"] = {str(k): str(v) for k, v in table.items()}
    return spec


def load_release_schema(name_or_path: str | os.PathLike = "national") -> "ReleaseSchema":
    """Load a shipped schema by name (``national``) or a YAML file by path; validate it.

    Raises ``ConfigError`` ``[E701]`` naming the file and what is wrong.

    Examples
    --------
    >>> s = load_release_schema()
    >>> s.columns["review_id"].action
    'pseudonymise'
    """
    path = Path(name_or_path)
    if not path.suffix:
        path = SCHEMA_DIR / f"{name_or_path}.yaml"
    if not path.is_file():
        raise _bad(path, "the file does not exist (shipped schemas: "
                   + ", ".join(p.stem for p in sorted(SCHEMA_DIR.glob("*.yaml")) if p.stem not in _DATA_TABLES)
                   + ")")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _bad(path, f"it cannot be parsed ({type(exc).__name__})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise _bad(path, "it needs a `columns:` mapping")
    hier: dict[str, Hierarchy] = {}
    for hname, h in (data.get("hierarchies") or {}).items():
        if not isinstance(h, dict) or not h.get("source") or not h.get("levels"):
            raise _bad(path, f"hierarchy {hname} needs a source column and levels")
        levels = tuple(_parse_level(s, str(path), path.parent) for s in h["levels"])
        max_level = int(h.get("max_level", len(levels) - 1))
        if not 0 <= max_level < len(levels):
            raise _bad(path, f"hierarchy {hname} max_level {max_level} is not one of its levels")
        weight = float(h.get("weight", 1.0))
        if weight <= 0:
            raise _bad(path, f"hierarchy {hname} weight must be positive")
        hier[str(hname)] = Hierarchy(str(hname), str(h["source"]), levels, max_level, weight)
    columns: dict[str, ColumnRule] = {}
    outputs: set[str] = set()
    for col, rule in data["columns"].items():
        if not isinstance(rule, dict) or rule.get("action") not in ACTIONS:
            raise _bad(path, f"column {col} has no valid action")
        action = rule["action"]
        h = rule.get("hierarchy")
        if action == "generalise" and h not in hier:
            raise _bad(path, f"column {col} generalises along an undeclared hierarchy {h!r}")
        if h is not None and h not in hier:
            raise _bad(path, f"column {col} names an undeclared hierarchy {h!r}")
        precision = rule.get("precision", "day")
        if precision not in PRECISIONS:
            raise _bad(path, f"column {col} precision {precision!r} is not one of {PRECISIONS}")
        out = str(rule.get("output", col))
        if action != "drop":
            if out in outputs:
                raise _bad(path, f"two columns are released as {out}")
            outputs.add(out)
        allowed = tuple(rule["allowed"]) if rule.get("allowed") else None
        if rule.get("allowed_file"):  # the keys of a YAML table beside the schema (e.g. the ICBs)
            table = _read_table(path, rule["allowed_file"])
            allowed = tuple(allowed or ()) + tuple(str(k) for k in table)
        columns[str(col)] = ColumnRule(str(col), action, out, h, int(rule.get("base_level", 0)),
                                       precision, allowed, bool(rule.get("sensitive", False)),
                                       str(rule.get("why", "")))
    id_column = str(data.get("id_column", "review_id"))
    if columns.get(id_column) is None or columns[id_column].action != "pseudonymise":
        raise _bad(path, f"the id column {id_column} must be pseudonymised")
    for h in hier.values():
        if h.source not in columns:
            raise _bad(path, f"hierarchy {h.name} reads {h.source}, which the schema does not declare")
    text_policy = str(data.get("text", "learning_points"))  # fail closed: no text unless chosen
    if text_policy not in TEXT_POLICIES:
        raise _bad(path, f"text: {text_policy!r} is not one of {', '.join(TEXT_POLICIES)}")
    unknown = data.get("unknown_columns", "drop")
    if unknown != "drop":
        raise _bad(path, "unknown_columns must be drop (free-text columns are marked in the mapping)")
    return ReleaseSchema(str(data.get("name", path.stem)), int(data.get("version", 1)), id_column,
                         columns, hier, tuple(data.get("sensitive") or ()), unknown, str(path),
                         hashlib.sha256(path.read_bytes()).hexdigest()[:16], text_policy)


__all__ = ["ReleaseSchema", "ColumnRule", "Hierarchy", "load_release_schema", "ACTIONS",
           "TEXT_POLICIES"]
