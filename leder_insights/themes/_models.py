"""Theme models by name, and the one loader the rest of the toolkit uses.

``registry.theme_models`` maps a name to a theme model class: ``encoder``
(:class:`EncoderThemeClassifier`, the shipped default) and ``linear`` (:class:`ThemeClassifier`,
n-grams only). A plug-in registers its own class the same way. :func:`load_theme_model` loads
whichever registered model a directory holds; ``fast=True`` returns the n-gram model stacked
inside an encoder model (no encoder run: much faster, less accurate on real text).

>>> model = load_theme_model()                      # doctest: +SKIP
>>> model.meta_["model_class"]                      # doctest: +SKIP
'encoder'
"""
from __future__ import annotations

import json

from .. import registry
from ..errors import ConfigError, Errors
from ._classifier import META_FILE, MODEL_FILE, ThemeClassifier, resolve_model_dir
from ._encoder_model import EncoderThemeClassifier

registry.theme_models.register("linear", func=ThemeClassifier)
registry.theme_models.register("encoder", func=EncoderThemeClassifier)


def load_theme_model(path=None, *, fast: bool = False):
    """Load the theme model saved in ``path`` (default: config ``themes.model_dir``, ``models/themes``).

    Parameters
    ----------
    path : str or Path or None
        Model directory holding ``model.joblib`` and ``meta.json``.
    fast : bool
        For an encoder model, return its stacked n-gram model instead (same thresholds it was
        tuned with alone; no encoder at predict time).

    The file is a pickle: load only model files this project produced.
    """
    import joblib

    d = resolve_model_dir(path)
    file = d / MODEL_FILE
    if not file.exists():
        raise ConfigError(Errors.E402, path=d)
    model = joblib.load(file)
    classes = tuple(registry.theme_models.get_all().values())
    if not isinstance(model, classes):
        raise ConfigError(Errors.E402, path=f"{d} (the file holds a {type(model).__name__}, not a registered "
                                            f"theme model: {', '.join(sorted(registry.theme_models.get_all()))})")
    meta_path = d / META_FILE
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    model.meta_ = meta
    if fast and isinstance(model, EncoderThemeClassifier):
        if model.ngram_ is None:
            raise ConfigError(Errors.E402, path=f"{d} (--fast needs an encoder model with an n-gram part)")
        fast_model = model.ngram_
        fast_model.meta_ = {**meta, "model_class": "linear", "fast": True,
                            "model_version": f"{meta.get('model_version', 'themes')}-fast"}
        return fast_model
    return model


__all__ = ["load_theme_model"]
