"""Theme learning points into the LeDeR taxonomy and discover what it misses.

* :func:`load_taxonomy` — the 19 theme ids, labels, groups and cue phrases (``taxonomy.yaml``).
* :func:`split_learning_points` — review fields → learning points with offsets and polarity.
* :func:`load_theme_model` — load the shipped (or any saved, registered) theme model.
* :class:`EncoderThemeClassifier` — per-theme heads on sentence-encoder features with the n-gram
  model's scores stacked alongside (the shipped model); :class:`SentenceEncoder` — text → vector.
* :class:`ThemeClassifier` — multi-label n-gram estimator with calibrated scores and evidence
  (the ``--fast`` option).
* :class:`KeywordThemeClassifier` — the cue-list baseline.
* :class:`ThemeDiscoverer` — clusters learning points (embed → reduce → cluster → describe).
* metrics: :func:`multilabel_scores`, :func:`theme_report`, :func:`cohen_kappa`.

>>> from leder_insights.themes import load_taxonomy
>>> load_taxonomy().group_of("constipation")
'clinical'
"""
from typing import TYPE_CHECKING

# light modules (taxonomy, splitting, data files) load at once; the models, which import
# scikit-learn and SciPy (seconds of CPU), load on first use, so a workshop page that needs only
# the taxonomy starts without them (PEP 562)
from ._data import pfd_reports_path, file_sha256, load_pfd_gold, read_jsonl_records, read_labelled_jsonl
from ._negation import negation_scopes, prepare
from ._split import infer_polarity, is_learning_point, split_learning_points, split_text
from ._taxonomy import Taxonomy, Theme, load_taxonomy

#: name -> the submodule that defines it (imported on first access)
_LAZY = {
    "META_FILE": "_classifier", "MODEL_FILE": "_classifier", "SHIPPED_MODEL_DIR": "_classifier",
    "ThemeClassifier": "_classifier", "resolve_model_dir": "_classifier",
    "ThemeDiscoverer": "_discover", "SentenceEncoder": "_encoder",
    "EncoderThemeClassifier": "_encoder_model", "pool_embeddings": "_encoder_model",
    "cached_embeddings": "_models", "load_theme_model": "_models",
    "KeywordThemeClassifier": "_keyword",
    "cohen_kappa": "_metrics", "from_indicator": "_metrics", "multilabel_scores": "_metrics",
    "theme_report": "_metrics", "to_indicator": "_metrics",
    "DEFAULT_PFD_WEIGHT": "_train", "train_model": "_train",
}

if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from ._classifier import META_FILE, MODEL_FILE, SHIPPED_MODEL_DIR, ThemeClassifier, resolve_model_dir
    from ._discover import ThemeDiscoverer
    from ._encoder import SentenceEncoder
    from ._encoder_model import EncoderThemeClassifier, pool_embeddings
    from ._keyword import KeywordThemeClassifier
    from ._metrics import cohen_kappa, from_indicator, multilabel_scores, theme_report, to_indicator
    from ._models import cached_embeddings, load_theme_model
    from ._train import DEFAULT_PFD_WEIGHT, train_model


def __getattr__(name: str):
    """Import a model's submodule when one of its names is first used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "Taxonomy", "Theme", "load_taxonomy",
    "split_learning_points", "split_text", "infer_polarity", "is_learning_point",
    "load_theme_model", "cached_embeddings", "EncoderThemeClassifier", "SentenceEncoder", "pool_embeddings",
    "ThemeClassifier", "KeywordThemeClassifier", "ThemeDiscoverer", "resolve_model_dir", "SHIPPED_MODEL_DIR",
    "MODEL_FILE", "META_FILE",
    "multilabel_scores", "theme_report", "cohen_kappa", "to_indicator", "from_indicator",
    "negation_scopes", "prepare",
    "train_model", "DEFAULT_PFD_WEIGHT", "load_pfd_gold", "read_labelled_jsonl", "read_jsonl_records",
    "file_sha256", "pfd_reports_path",
]
