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
from ._data import pfd_reports_path, file_sha256, load_pfd_gold, read_jsonl_records, read_labelled_jsonl
from ._classifier import META_FILE, MODEL_FILE, SHIPPED_MODEL_DIR, ThemeClassifier, resolve_model_dir
from ._discover import ThemeDiscoverer
from ._encoder import SentenceEncoder
from ._encoder_model import EncoderThemeClassifier, pool_embeddings
from ._models import cached_embeddings, load_theme_model
from ._keyword import KeywordThemeClassifier
from ._metrics import cohen_kappa, from_indicator, multilabel_scores, theme_report, to_indicator
from ._negation import negation_scopes, prepare
from ._split import infer_polarity, is_learning_point, split_learning_points, split_text
from ._taxonomy import Taxonomy, Theme, load_taxonomy
from ._train import DEFAULT_PFD_WEIGHT, train_model

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
