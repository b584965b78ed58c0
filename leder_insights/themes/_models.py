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
    """Load the theme model saved in ``path`` (default: config ``themes.model_dir``, ``leder_insights/models/themes``).

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


def cached_embeddings(model: EncoderThemeClassifier, store, lp_ids, texts):
    """The model's embedding features of ``texts``, read from the project store where cached.

    Vectors are keyed by learning point and by encoder + pooling; a point whose text changed (its
    SHA-1 differs) or that has no vector yet is encoded now and saved, so each point is encoded
    once and the explorer and head-only retraining never re-encode.

    >>> E = cached_embeddings(model, store, lps["lp_id"], lps["text"])      # doctest: +SKIP
    >>> model.predict_frame(lps, embeddings=E)                               # doctest: +SKIP
    """
    import hashlib

    import numpy as np

    from ._encoder import ENCODER_NAME

    ids = [str(x) for x in lp_ids]
    texts = ["" if t is None else str(t) for t in texts]
    enc = model._encoder()
    key = f"{ENCODER_NAME}:{enc.max_length}:{int(bool(getattr(enc, 'read_all', False)))}:{'+'.join(model.pooling)}"
    sha = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    have = store.embeddings(key, lp_ids=ids)
    found = {r.lp_id: (r.text_sha1, r.vector) for r in have.itertuples(index=False)}
    out = np.zeros((len(ids), 384 * len(model.pooling)), dtype=np.float32)
    todo = []
    for i, (lp, h) in enumerate(zip(ids, sha)):
        hit = found.get(lp)
        if hit is not None and hit[0] == h and len(hit[1]) == out.shape[1]:
            out[i] = hit[1]
        else:
            todo.append(i)
    if todo:
        out[todo] = model.embed([texts[i] for i in todo])
        if not getattr(store, "read_only", False):
            store.save_embeddings([ids[i] for i in todo], [sha[i] for i in todo], out[todo], key)
    return out


__all__ = ["load_theme_model", "cached_embeddings"]
