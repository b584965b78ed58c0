"""Loading the spaCy English model named in config, and recording which one was used.

>>> from leder_insights.nlp import resolve_model_name
>>> isinstance(resolve_model_name(), str)
True
"""
from __future__ import annotations

import functools
from pathlib import Path

from .errors import ConfigError, Errors


def _loadable(name: str) -> bool:
    import spacy.util

    return Path(name).is_dir() or spacy.util.is_package(name)


def resolve_model_name(model: str | None = None, fallbacks: list[str] | None = None) -> str:
    """The first installed model among ``model`` then ``fallbacks`` (config defaults)."""
    from .config import load_config

    cfg = load_config().nlp
    tried = [model or cfg.model] + list(fallbacks if fallbacks is not None else cfg.fallbacks)
    for name in tried:
        if _loadable(name):
            return name
    raise ConfigError(Errors.E003, tried=", ".join(tried))


@functools.lru_cache(maxsize=4)
def load_spacy(model: str | None = None, disable: tuple[str, ...] = ()):
    """Load (and cache per process) a spaCy pipeline; ``disable`` drops unneeded components."""
    import spacy

    name = resolve_model_name(model)
    return spacy.load(name, exclude=list(disable))


def model_info(nlp) -> dict:
    """What to record in outputs: model name, version and spaCy version."""
    import spacy

    return {"model": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
            "model_version": nlp.meta.get("version", "?"), "spacy_version": spacy.__version__}


__all__ = ["resolve_model_name", "load_spacy", "model_info"]
