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


#: shared embedding components: worth running only while another component listens to them
EMBEDDERS = ("tok2vec", "transformer")


def drop_idle_embedders(nlp):
    """Remove shared ``tok2vec``/``transformer`` components that no remaining component listens to.

    In ``en_core_web_sm`` the NER has its own embedding layer; once the tagger and parser are
    excluded the shared ``tok2vec`` computes vectors nobody reads (a third of the time). Models
    whose NER listens to a shared embedder (e.g. ``en_core_web_trf``) keep it.

    >>> import spacy
    >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("tok2vec")
    >>> drop_idle_embedders(nlp).pipe_names
    []
    """
    for name in EMBEDDERS:
        if name in nlp.pipe_names and not getattr(nlp.get_pipe(name), "listening_components", [None]):
            nlp.remove_pipe(name)
    return nlp


@functools.lru_cache(maxsize=4)
def load_spacy(model: str | None = None, disable: tuple[str, ...] = ()):
    """Load (and cache per process) a spaCy pipeline; ``disable`` drops unneeded components
    (and with them any shared embedder left without listeners, see :func:`drop_idle_embedders`)."""
    import spacy

    name = resolve_model_name(model)
    nlp = spacy.load(name, exclude=list(disable))
    return drop_idle_embedders(nlp) if disable else nlp


def model_info(nlp) -> dict:
    """What to record in outputs: model name, version and spaCy version."""
    import spacy

    return {"model": f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}",
            "model_version": nlp.meta.get("version", "?"), "spacy_version": spacy.__version__}


__all__ = ["resolve_model_name", "load_spacy", "model_info", "drop_idle_embedders"]
