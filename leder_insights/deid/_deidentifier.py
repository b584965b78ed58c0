"""The ``Deidentifier`` façade: detect identifiers, replace them under a profile, audit, fail closed.

>>> from leder_insights.deid import Deidentifier
>>> class Names:                      # any object with the detector interface will do
...     model_name, model_version, recognizer_names = "demo", "0", ["demo"]
...     def analyze(self, text):
...         from leder_insights.deid._entities import Entity
...         i = text.find("Karen")
...         return [] if i < 0 else [Entity(i, i + 5, "PERSON", "PERSON", 0.9, "demo")]
...     def analyze_many(self, texts, n_process=None, batch_size=None):
...         return [self.analyze(t) for t in texts]
>>> deid = Deidentifier(profile="local", key=b"0123456789abcdef0123", detector=Names())
>>> res = deid.deidentify("Karen liked music.", doc_key="r001")
>>> res.text.startswith("[PERSON_") and res.text.endswith("] liked music.")
True
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version as _pkg_version
from typing import NamedTuple

from .. import __version__
from ..errors import ConfigError, Errors
from ._audit import build_audit
from ._dates import date_offset
from ._entities import Entity
from ._keys import PseudonymKey, as_key, load_key
from ._nicknames import name_variants
from ._operators import ReplaceContext, get_operator, replace_entity
from ._org_edges import org_acronyms
from ._second_pass import looks_like_english_word, org_name_stem
from ._surrogates import TITLES as _TITLES
from ._wordlists import words

#: categories whose detected values are also replaced where they recur undetected in the document
PROPAGATE_CATEGORIES = ("PERSON", "ID", "CONTACT", "ORGANIZATION", "LOCATION")
_NOT_NAME_TOKENS = words("cross_field_not_name_tokens")


#: names that are also everyday words: never propagated in lower case ("will", "may", "rose")
_COMMON_WORDS = words("cross_field_common_words")


def propagate_across_fields(texts: dict, ents: dict) -> dict:
    """Also mark undetected repeats, in any field of one document, of values found in any field.

    ``texts`` maps field -> text and ``ents`` field -> entities; returns ``ents`` with the
    repeats added (source ``"propagated"``). A name found in the pen portrait is thereby also
    caught when it stands alone in the timeline.

    >>> e = Entity(0, 10, "PERSON", "PERSON", 0.85, "spacy")
    >>> out = propagate_across_fields({"a": "Karen Lowe visited.", "b": "Karen rang."}, {"a": [e], "b": []})
    >>> [(x.start, x.end, x.source) for x in out["b"]]
    [(0, 5, 'propagated')]
    """
    values: dict[str, Entity] = {}
    lower_twice = None  # lower-case words written twice or more in the document: ordinary words
    slot_only: set[str] = set()  # such words, taken as the name only where a person stands
    strict_only: set[str] = set()  # names that are words, only right after a verb taking a person
    for fld, es in ents.items():
        for e in es:
            if e.category not in PROPAGATE_CATEGORIES:
                continue
            raw = texts[fld][e.start:e.end].strip()
            if len(raw) >= 4:
                values.setdefault(raw, e)
            stem = org_name_stem(raw) if e.category == "ORGANIZATION" else None
            if stem:
                values.setdefault(stem, e)  # "Orbis Scan Imaging Ltd" -> "Orbis Scan Imaging"
            if e.category == "ORGANIZATION":
                for short in org_acronyms(raw):
                    values.setdefault(short, e)  # "Oakby Keynes University Hospital" -> "OKUH"
            if e.category == "PERSON":
                for tok in re.findall(r"[A-Z][\w'\u2019-]{2,}", raw):
                    tok = re.sub(r"['\u2019]s?$", "", tok)
                    if len(tok) >= 3 and not tok.isupper() and \
                            tok.casefold() not in _NOT_NAME_TOKENS and \
                            tok.casefold().rstrip(".") not in _TITLES:
                        values.setdefault(tok, e)
                        values.setdefault(tok.upper(), e)
                        for v in name_variants(tok):  # "Kimmy" of a found "Kimberley"
                            values.setdefault(v.capitalize(), e)
                        low = tok.lower()
                        if not looks_like_english_word(low) and low not in _everyday():
                            if lower_twice is None:
                                lower_twice = _lower_words_twice(texts.values())
                            values.setdefault(low, e)  # "roger had a seizure"
                            if tok.casefold() in _COMMON_WORDS:
                                strict_only.add(low)  # "reviewed carol on the ward", not "a carol"
                            elif low in lower_twice:
                                slot_only.add(low)
    if not values:
        return {fld: _extend_hyphenated(texts[fld], es) for fld, es in ents.items()}
    from .recognizers.people.context_name import in_person_slot

    pattern = re.compile(r"(?<![\w])(" + "|".join(
        re.escape(v) for v in sorted(set(values), key=lambda v: (-len(v), v))) + r")(?![\w])")
    out = {}
    for fld, es in ents.items():
        text = texts[fld]
        extra = []
        covered = [(e.start, e.end) for e in es]
        for m in pattern.finditer(text):
            s, t = m.span()
            if any(s < b and a < t for a, b in covered):
                continue
            if m.group(0) in slot_only and not in_person_slot(text, s, t, "verb"):
                continue  # "quarry" written twice: a word, unless it stands where a person does
            if m.group(0) in strict_only and not in_person_slot(text, s, t, "strict"):
                continue
            src = values[m.group(0)]
            extra.append(Entity(s, t, src.entity_type, src.category, src.score, "propagated"))
            covered.append((s, t))
        out[fld] = _extend_hyphenated(text, sorted(es + extra, key=lambda e: e.start) if extra else es)
    return out


_HYPHEN_GROWS = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
_HYPHEN_AFTER = re.compile(r"-[A-Z][\w'\u2019]*[^\W\d_'\u2019](?![\w-]*\d)")
_HYPHEN_BEFORE = re.compile(r"(?<![\w'\u2019])[A-Z][\w'\u2019]*[^\W\d_'\u2019]-$")


#: a forename written right before a person span ("ROSALIND [surname]") or after it and a comma
#: ("Fenchurch, Rosalind"): kept only when the word is a listed forename
_FORENAME_BEFORE = re.compile(r"(?<![\w'\u2019-])(?:[A-Z][a-z]+|[A-Z]{2,})\s+$")
_FORENAME_AFTER = re.compile(r",\s*(?:[A-Z][a-z]+|[A-Z]{2,})(?![\w'\u2019-])")
#: "Fenchurch, Rosalind (Mrs)": a title in brackets after the forename says it is one
_TITLE_IN_BRACKETS = re.compile(r"\s*\((?:Mrs|Mr|Ms|Miss|Mx|Dr)\.?\)")
#: mid-sentence (after a lower-case word or a comma): a capitalised everyday-word name may be a
#: forename too ("workers Hope [surname]")
_MID_SENTENCE = re.compile(r"[a-z,]\s+$")


def _forename_next_to(text: str, s: int, t: int, lo: int, hi: int) -> tuple[int, int]:
    """A person span grown over a listed forename just before it, or after it and a comma; in
    ALL CAPS, over any word before it that may be a name (``could_be_name``: no everyday word).

    >>> t = "TAMSIN FENCHURCH, HIS SISTER; Fenchurch, Gareth (Mr); Smith, Sodium; SAW Smith"
    >>> _forename_next_to(t, 7, 16, 0, 30), _forename_next_to(t, 30, 39, 30, 60), _forename_next_to(t, 55, 60, 50, 70)
    ((0, 16), (30, 47), (55, 60))
    >>> _forename_next_to(t, 75, 80, 60, 80)
    (75, 80)
    >>> t = "Fenchurch, Tamsin (Mrs) and the workers Hope Quarry"
    >>> _forename_next_to(t, 0, 9, 0, 50), _forename_next_to(t, 45, 51, 30, 51)
    ((0, 17), (40, 51))
    """
    from .recognizers.people.name_gazetteer import known_names

    if (m := _FORENAME_BEFORE.search(text, max(lo, s - 30), s)) and m.group().strip().lower() not in _TITLES and (
            _forename(w := m.group().strip())
            or (w.lower() in known_names() and _MID_SENTENCE.search(text, max(0, m.start() - 4), m.start()))):
        s = m.start()
    if (m := _FORENAME_AFTER.match(text, t)) and m.end() <= hi and (
            _forename(m.group().lstrip(", ")) or _TITLE_IN_BRACKETS.match(text, m.end())):
        t = m.end()
    return s, t


def _forename(word: str) -> bool:
    from .recognizers.people.name_forms import could_be_name
    from .recognizers.people.name_gazetteer import forenames_wide

    w = word.lower()
    return w in forenames_wide() or (word.isupper() and len(word) > 2 and could_be_name(w))


def _extend_hyphenated(text: str, ents: list) -> list:
    """Person, organisation and place spans grown over capitalised parts joined by a hyphen ("Taylor"
    of "Taylor-Smith"; "WARD" taken for a ward in "Jayne WARD-COLLINS").

    >>> t = "Mrs Taylor-Smith came."
    >>> [t[e.start:e.end] for e in _extend_hyphenated(t, [Entity(4, 10, "PERSON", "PERSON", 0.7, "x")])]
    ['Taylor-Smith']
    """
    out: list[Entity] = []
    changed = False
    for i, e in enumerate(ents):
        if e.category in _HYPHEN_GROWS:
            lo = out[-1].end if out else 0
            hi = ents[i + 1].start if i + 1 < len(ents) else len(text)
            s, t = e.start, e.end
            while (m := _HYPHEN_AFTER.match(text, t)) and m.end() <= hi:
                t = m.end()
            while (m := _HYPHEN_BEFORE.search(text, max(lo, s - 40), s)) and m.start() >= lo:
                s = m.start()
            if e.category == "PERSON":
                s, t = _forename_next_to(text, s, t, lo, hi)
            if (s, t) != (e.start, e.end):
                e, changed = Entity(s, t, e.entity_type, e.category, e.score, e.source), True
        out.append(e)
    return out if changed else ents


def _everyday() -> frozenset:
    from .recognizers.people.context_name import common_words

    return common_words()


def _lower_words_twice(texts) -> frozenset:
    """Lower-case words that occur twice or more across ``texts`` (a name slip occurs once).

    >>> sorted(_lower_words_twice(["the farm and the Farm", "a farm"]))
    ['farm', 'the']
    """
    counts: dict[str, int] = {}
    for t in texts:
        for w in re.findall(r"(?<![\w'\u2019-])[a-z][a-z'\u2019-]*(?![\w'\u2019-])", t or ""):
            counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 2)


_WEEKDAY_BEFORE = re.compile(r"(?i)\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?"
                             r"\.?,?\s+(?:the\s+)?$")


def _with_weekday(text: str, e: Entity, floor: int) -> Entity:
    """A date with the weekday written right before it, which is shifted (or masked) with it.

    A detector may leave ``Thursday`` outside ``16th September 2021`` (the real-text gold keeps
    weekdays outside), but a weekday kept beside a shifted date would betray the shift.

    >>> t = "On Thursday 16th September 2021 she fell."
    >>> e = _with_weekday(t, Entity(12, 31, "DATE", "DATE", 0.6, "date_written"), 0)
    >>> t[e.start:e.end]
    'Thursday 16th September 2021'
    """
    m = _WEEKDAY_BEFORE.search(text, max(floor, e.start - 24), e.start)
    if m is None:
        return e
    return Entity(m.start(), e.end, e.entity_type, e.category, e.score, e.source)


_TITLE_BEFORE = re.compile(r"(?:^|(?<=[\s(]))(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lady|Lord|Master|Sister|Father)"
                           r"\.?\s+$", re.IGNORECASE)


def _title_before(text: str, start: int) -> str:
    """The title written right before a person mention ("Ms " of "Ms Wall"), or ""."""
    m = _TITLE_BEFORE.search(text, max(0, start - 10), start)
    return m.group() if m else ""


class Replacement(NamedTuple):
    """Where one identifier was and where its replacement is (offsets only, no text)."""

    start: int
    end: int
    new_start: int
    new_end: int
    category: str
    entity_type: str


@dataclass
class DeidResult:
    """The de-identified text, the entities found in the original, the replacements and the audit."""

    text: str
    entities: list = field(default_factory=list)
    replacements: list = field(default_factory=list)
    audit: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"DeidResult(n_chars={len(self.text)}, n_entities={len(self.entities)}, "
                f"n_replacements={len(self.replacements)})")


def _default_detector(config):
    """Build the configured detector (kept separate so tests can replace it)."""
    from ._engine import build_detector

    return build_detector(config)


def _version_of(dist: str) -> str:
    try:
        return _pkg_version(dist)
    except PackageNotFoundError:
        return "not installed"


class Deidentifier:
    """Find identifiers in review text and replace them under a profile.

    Parameters
    ----------
    config : Config, optional
        Settings (``load_config()`` when omitted).
    profile : str, optional
        A name in ``config.deid.profiles`` (``local`` or ``national``); default
        ``config.deid.default_profile``.
    key : bytes, str or PseudonymKey, optional
        The pseudonym key. When omitted the environment variable ``config.deid.key_env_var`` is
        used; if that is unset too, a profile that requires a key raises ``[E301]`` and the others
        use a random key made once per process (pseudonyms then only consistent within this run;
        the audit says so).
    detector : object, optional
        Anything with ``analyze(text)``, ``analyze_many(texts, n_process, batch_size)``,
        ``model_name``, ``model_version`` and ``recognizer_names``. Built lazily from the config when
        omitted.

    Examples
    --------
    >>> Deidentifier(profile="national", key=b"k" * 32, detector=object())   # doctest: +ELLIPSIS
    Deidentifier(profile='national', operator='placeholder', key='keyed', ...)
    """

    def __init__(self, config=None, profile: str | None = None, key=None, detector=None):
        from ..config import Config, load_config

        if config is None:
            config = load_config()
        elif not isinstance(config, Config):
            config = load_config(config)
        self.config = config
        dcfg = config.deid
        self.profile = profile or dcfg.default_profile
        if self.profile not in dcfg.profiles:
            raise ConfigError(Errors.E307, profile=self.profile,
                              available=", ".join(sorted(dcfg.profiles)) or "(none)")
        self.settings = dcfg.profiles[self.profile]
        self.operator = get_operator(self.settings.operator)
        key = as_key(key, min_bytes=dcfg.min_key_bytes)
        if key is None:
            key = load_key(None, env_var=dcfg.key_env_var, min_bytes=dcfg.min_key_bytes)
        if key is None:
            if self.settings.require_key:
                raise ConfigError(Errors.E301, profile=self.profile)
            key = PseudonymKey.process_key()
        self._key = key
        self._detector = detector
        self._config_hash = config.hash()

    # --- facts -----------------------------------------------------------------------------------
    def __repr__(self) -> str:
        mode = "ephemeral" if self._key.ephemeral else "keyed"
        model = getattr(self._detector, "model_name", "not loaded") if self._detector else "not loaded"
        return (f"Deidentifier(profile={self.profile!r}, operator={self.operator.name!r}, "
                f"key={mode!r}, model={model!r})")

    def __getstate__(self):
        return {"config_json": self.config.model_dump_json(), "profile": self.profile,
                "key": self._key, "detector": None}

    def __setstate__(self, state):
        from ..config import Config

        self.__init__(config=Config.model_validate_json(state["config_json"]),
                      profile=state["profile"], key=state["key"], detector=state["detector"])

    @property
    def key_mode(self) -> str:
        """``keyed`` (a persistent key) or ``ephemeral`` (random per process)."""
        return "ephemeral" if self._key.ephemeral else "keyed"

    @property
    def detector(self):
        """The detector (built from the config on first use)."""
        if self._detector is None:
            self._detector = _default_detector(self.config)
        return self._detector

    @property
    def model_info(self) -> dict:
        """Versions and settings to record with every output (never the key)."""
        det = self.detector
        return {
            "model": getattr(det, "model_name", "unknown"),
            "model_version": getattr(det, "model_version", "unknown"),
            "spacy_version": _version_of("spacy"),
            "presidio_version": _version_of("presidio-analyzer"),
            "recognizers": sorted(getattr(det, "recognizer_names", []) or []),
            "config_hash": self._config_hash,
            "profile": self.profile,
            "operator": self.operator.name,
            "key_mode": self.key_mode,
            "allow_list_version": self.config.deid.allow_list_version,
            "package_version": __version__,
        }

    def _audit_info(self) -> dict:
        det = self.detector
        info = {"profile": self.profile, "operator": self.operator.name,
                "config_hash": self._config_hash,
                "model": getattr(det, "model_name", "unknown"),
                "model_version": getattr(det, "model_version", "unknown"),
                "package_version": __version__, "key_mode": self.key_mode,
                "shift_dates": bool(self.settings.shift_dates),
                "age_bands": bool(self.settings.age_bands)}
        if self._key.ephemeral:
            info["key_note"] = ("no key given: a random per-run key was used, so pseudonyms are "
                                "consistent only within this run")
        return info

    # --- detection ---------------------------------------------------------------------------------
    def _keep(self, entities, text_len: int) -> list[Entity]:
        """Entities above the profile threshold, clipped, sorted, overlaps merged (fail safe)."""
        thr = self.settings.score_threshold
        ents = []
        for e in entities:
            if not isinstance(e, Entity):
                e = Entity(int(e.start), int(e.end), str(e.entity_type), str(e.category),
                           float(e.score), str(e.source))
            if e.start < 0 or e.end > text_len or e.start > e.end:
                raise ValueError(f"entity offsets {e.start}-{e.end} outside a text of {text_len} chars")
            if e.score >= thr and e.end > e.start:  # empty spans hide nothing
                ents.append(e)
        ents.sort(key=lambda e: (e.start, -e.end))
        merged: list[Entity] = []
        for e in ents:
            if merged and e.start < merged[-1].end:
                last = merged[-1]
                if e.end > last.end:
                    merged[-1] = Entity(last.start, e.end, last.entity_type, last.category,
                                        max(last.score, e.score), last.source)
                continue
            merged.append(e)
        return merged

    def analyze(self, text: str) -> list[Entity]:
        """Identifiers in ``text`` above the profile's score threshold (sorted, non-overlapping)."""
        text = text or ""
        return self._keep(self.detector.analyze(text), len(text))

    # --- replacement ---------------------------------------------------------------------------------
    def _context(self, doc_key: str) -> ReplaceContext:
        return ReplaceContext(
            key=self._key, doc_key=doc_key,
            date_offset=date_offset(self._key, doc_key, self.config.deid.max_date_shift_days),
            numbering=(getattr(self.settings, "placeholder_numbering", None)
                       or self.config.deid.placeholder_numbering),
            shift_dates=self.settings.shift_dates, age_bands=self.settings.age_bands)

    def _propagate(self, texts: dict, ents: dict) -> dict:
        return propagate_across_fields(texts, ents)

    def _replace_document(self, texts: dict, ents: dict, doc_key: str):
        """Replace the identifiers of all fields of one document with a shared context."""
        ents = self._propagate(texts, ents)
        ctx = self._context(doc_key)
        ctx.prepare(_title_before(texts[f], e.start) + texts[f][e.start:e.end]
                    for f, es in ents.items() for e in es if e.category == "PERSON")
        keep_types = () if self.settings.replace_all_organizations else \
            tuple(self.settings.keep_organization_types)
        out_texts, reps, items = {}, {}, []
        for fld, text in texts.items():
            parts, pos, newpos, rs = [], 0, 0, []
            for e in ents.get(fld, ()):
                if e.category == "DATE":
                    e = _with_weekday(text, e, pos)
                raw = text[e.start:e.end]
                ctx.title_before = _title_before(text, e.start).strip() if e.category == "PERSON" else ""
                action, new = replace_entity(raw, e, ctx, self.operator, keep_types)
                parts.append(text[pos:e.start])
                newpos += e.start - pos
                parts.append(new)
                if action != "kept":
                    rs.append(Replacement(e.start, e.end, newpos, newpos + len(new), e.category,
                                          e.entity_type))
                newpos += len(new)
                pos = e.end
                items.append((fld, e, action))
            parts.append(text[pos:])
            out_texts[fld] = "".join(parts)
            reps[fld] = rs
        return out_texts, reps, items, ents

    def deidentify(self, text: str, doc_key: str | None = None) -> DeidResult:
        """De-identify one text. ``doc_key`` (the review id) fixes the date offset and numbering.

        Raises on failure; use :meth:`deidentify_frame` / :meth:`iter_deidentify` for fail-closed
        batch processing with quarantine.
        """
        text = "" if text is None else str(text)
        if doc_key is None:
            doc_key = "text:" + hashlib.sha256(self._key.digest("doc", text)).hexdigest()[:16]
        ents = {"text": self.analyze(text)}
        out, reps, items, ents = self._replace_document({"text": text}, ents, str(doc_key))
        audit = build_audit(doc_key, items, self._audit_info(), id_column="doc_key", fields=["text"])
        return DeidResult(out["text"], ents["text"], reps["text"], audit)

    def deidentify_fields(self, fields: dict, doc_key: str, entities: dict | None = None,
                          id_column: str = "doc_key"):
        """De-identify several texts of one review together (shared numbering and date offset).

        Returns ``(texts, replacements_by_field, audit)``. ``entities`` (per field) skips detection.
        """
        texts = {f: ("" if t is None else str(t)) for f, t in fields.items()}
        if entities is None:
            entities = {f: self.detector.analyze(t) for f, t in texts.items()}
        ents = {f: self._keep(entities.get(f, []), len(texts[f])) for f in texts}
        out, reps, items, _ = self._replace_document(texts, ents, str(doc_key))
        audit = build_audit(doc_key, items, self._audit_info(), id_column=id_column, fields=texts)
        return out, reps, audit

    # --- batches ----------------------------------------------------------------------------------
    def deidentify_frame(self, df, text_columns, id_column: str = "review_id",
                         n_process: int | None = None, batch_size: int | None = None,
                         return_spans: bool = False):
        """De-identify the text columns of a DataFrame, failing closed.

        Returns ``(df_out, audit_df, quarantine_df)`` (plus ``spans`` when ``return_spans``: a dict
        ``{(id, column): [(new_start, new_end), ...]}`` of replacement offsets in the output).
        Every input row is in exactly one of ``df_out`` and ``quarantine_df``.
        """
        from ._frame import deidentify_frame

        return deidentify_frame(self, df, text_columns, id_column=id_column, n_process=n_process,
                                batch_size=batch_size, return_spans=return_spans)

    def iter_deidentify(self, records, text_columns, id_column: str = "review_id",
                        batch_size: int | None = None, n_process: int | None = None):
        """Stream records (dicts or a DataFrame), yielding a :class:`DeidRecord` per record."""
        from ._frame import iter_deidentify

        return iter_deidentify(self, records, text_columns, id_column=id_column,
                               batch_size=batch_size, n_process=n_process)

__all__ = ["Deidentifier", "DeidResult", "Replacement", "propagate_across_fields"]
