"""``ThemeDiscoverer``: cluster learning points to surface what the taxonomy misses.

``fit`` is a recipe of pluggable steps looked up by name in ``leder_insights.registry``:
embed (``embedders``: "tfidf") → reduce (``reducers``: "svd") → cluster (``clusterers``:
"kmeans", "agglomerative") → describe (c-TF-IDF terms, representative examples, emerging flag).
Every point is assigned to a cluster (no outlier bin). The number of clusters is chosen by
silhouette over ``k_range``. A cluster is "emerging" when most of its members got no theme (or
only a low score) from the classifier: learning the taxonomy does not yet name.

>>> import pandas as pd
>>> texts = (["no bowel chart kept for constipation"] * 6 + ["interpreter not booked for family"] * 6
...          + ["hoist broken so he stayed in bed"] * 6)
>>> d = ThemeDiscoverer(k_range=(2, 4), random_state=0).fit(texts)
>>> sorted(d.clusters_["size"].tolist())
[6, 6, 6]
"""
from __future__ import annotations

import html
import itertools
import json
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer
from sklearn.utils.validation import check_is_fitted

from .. import registry
from .._files import atomic_path, write_text_atomic
from ..errors import Errors, InputError

_STOP = "english"


# ---------------------------------------------------------------------- registered steps
@registry.embedders.register("tfidf")
def tfidf_embedder(max_features: int = 20000, ngram_range=(1, 2), min_df: int = 2, **_):
    """TF-IDF over word 1–2-grams (English stop words removed, sublinear tf)."""
    return TfidfVectorizer(ngram_range=tuple(ngram_range), min_df=min_df, max_df=0.5, stop_words=_STOP,
                           sublinear_tf=True, max_features=max_features, dtype=np.float32)


@registry.reducers.register("svd")
def svd_reducer(n_components: int = 50, random_state: int = 0, algorithm: str = "arpack", **_):
    """Truncated SVD (LSA) followed by L2 normalisation, so Euclidean k-means ≈ cosine.

    ARPACK (the default) converges to the same subspace whatever the seed, and sign flips do not
    change distances, so the embedding is reproducible. ``algorithm="randomized"`` is faster but
    its small seed-to-seed differences move k-means partitions (mean ARI ~0.55 on 20k synthetic
    points against 1.0 with ARPACK).
    """
    return make_pipeline(TruncatedSVD(n_components=n_components, random_state=random_state,
                                      algorithm=algorithm, n_iter=10),
                         Normalizer(copy=False))


def _pca_part(Z: np.ndarray, k: int) -> np.ndarray:
    """Deterministic seeding (PCA-Part): repeatedly split the cluster with the largest squared
    error at its mean along its first principal direction; return the k cluster means."""
    labels = np.zeros(len(Z), dtype=np.int64)

    def _sse(c):
        m = Z[labels == c]
        return float(((m - m.mean(axis=0)) ** 2).sum()) if len(m) > 1 else 0.0

    sse = [_sse(0)]
    for new in range(1, k):
        c = int(np.argmax(sse))
        idx = np.flatnonzero(labels == c)
        if len(idx) < 2:
            break
        X = Z[idx] - Z[idx].mean(axis=0)
        _, vecs = np.linalg.eigh(X.T @ X)  # d × d: cheap whatever the cluster size
        v = vecs[:, -1]
        v = v * np.sign(v[np.argmax(np.abs(v))])  # fix the sign: deterministic side
        proj = X @ v
        right = proj > 0
        if right.all() or not right.any():
            right = proj >= np.median(proj)
        labels[idx[right]] = new
        sse[c] = _sse(c)
        sse.append(_sse(new))
    n = labels.max() + 1
    centres = np.vstack([Z[labels == c].mean(axis=0) for c in range(n)])
    if n < k:  # degenerate data: pad with farthest points
        extra = _farthest_first(Z, k)[n:]
        centres = np.vstack([centres, extra])
    return centres


def _n_distinct_rows(X) -> int:
    """Number of distinct rows of a dense or sparse matrix (rounded, so float noise is one row):
    k-means cannot make more clusters than that.

    >>> _n_distinct_rows(np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]]))
    2
    """
    dense = X.toarray() if hasattr(X, "toarray") else np.asarray(X)
    return int(len(np.unique(np.round(dense, 6), axis=0)))


def _farthest_first(Z: np.ndarray, k: int) -> np.ndarray:
    """Deterministic seeding: start at the point nearest the mean, then repeatedly the farthest point."""
    centre = Z.mean(axis=0)
    idx = [int(np.argmin(((Z - centre) ** 2).sum(axis=1)))]
    d = ((Z - Z[idx[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        nxt = int(np.argmax(d))
        idx.append(nxt)
        d = np.minimum(d, ((Z - Z[nxt]) ** 2).sum(axis=1))
    return Z[idx]


class _KMeansClusterer:
    """k-means with k chosen by silhouette, seeded deterministically (PCA-Part), optionally also
    with ``n_init`` k-means++ restarts (the lowest inertia wins). The silhouette sample is an even
    stride through the data, so with ``n_init=0`` the result does not depend on the seed."""

    def __init__(self, k_range=(4, 30), n_init: int = 0, sample_size: int = 3000, random_state: int = 0,
                 k_step: int | None = None):
        self.k_range = k_range
        self.n_init = n_init
        self.sample_size = sample_size
        self.random_state = random_state
        self.k_step = k_step

    def _fit_k(self, Z, k, rs):
        best = KMeans(n_clusters=k, init=_pca_part(Z, k), n_init=1, random_state=rs).fit(Z)
        if self.n_init:
            alt = KMeans(n_clusters=k, init="k-means++", n_init=self.n_init, random_state=rs).fit(Z)
            if alt.inertia_ < best.inertia_ - 1e-9 * abs(best.inertia_):
                best = alt
        return best

    def _ks(self, n):
        lo, hi = self.k_range
        hi = min(hi, n - 1)
        lo = min(max(2, lo), hi)
        step = self.k_step or max(1, (hi - lo) // 8)
        return list(range(lo, hi + 1, step))

    def fit_predict(self, Z: np.ndarray) -> np.ndarray:
        n = len(Z)
        sample = (np.unique(np.linspace(0, n - 1, self.sample_size).astype(np.int64)) if n > self.sample_size
                  else np.arange(n))
        Zs = Z[sample]
        scores = {}
        for k in self._ks(len(Zs)):
            km = self._fit_k(Zs, k, self.random_state)
            labels = km.labels_
            scores[k] = float(silhouette_score(Zs, labels)) if len(set(labels)) > 1 else -1.0
        self.silhouettes_ = scores
        self.n_clusters_ = max(scores, key=lambda k: (round(scores[k], 3), -k))
        self.silhouette_ = scores[self.n_clusters_]
        km = self._fit_k(Z, self.n_clusters_, self.random_state)
        self.cluster_centers_ = km.cluster_centers_
        return km.labels_


@registry.clusterers.register("kmeans")
def kmeans_clusterer(k_range=(4, 30), n_init: int = 0, sample_size: int = 3000, random_state: int = 0, **_):
    """k-means with k by silhouette (on a sample of at most ``sample_size`` points)."""
    return _KMeansClusterer(k_range=k_range, n_init=n_init, sample_size=sample_size, random_state=random_state)


class _AgglomerativeClusterer(_KMeansClusterer):
    """Ward clustering of a sample (k by silhouette); every point then joins its nearest centroid."""

    def fit_predict(self, Z: np.ndarray) -> np.ndarray:
        n = len(Z)
        rng = np.random.RandomState(self.random_state)
        sample = np.sort(rng.choice(n, min(n, 3000), replace=False))
        Zs = Z[sample]
        scores, fits = {}, {}
        for k in self._ks(len(Zs)):
            lab = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(Zs)
            scores[k] = float(silhouette_score(Zs, lab)) if len(set(lab)) > 1 else -1.0
            fits[k] = lab
        self.silhouettes_ = scores
        self.n_clusters_ = max(scores, key=lambda k: (round(scores[k], 3), -k))
        self.silhouette_ = scores[self.n_clusters_]
        lab = fits[self.n_clusters_]
        centres = np.vstack([Zs[lab == c].mean(axis=0) for c in range(self.n_clusters_)])
        d = ((Z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        self.cluster_centers_ = centres
        return d.argmin(axis=1)


@registry.clusterers.register("agglomerative")
def agglomerative_clusterer(k_range=(4, 30), random_state: int = 0, **_):
    """Ward linkage on a sample of ≤ 3,000 points, the rest assigned to the nearest centroid."""
    return _AgglomerativeClusterer(k_range=k_range, random_state=random_state)


# ---------------------------------------------------------------------- c-TF-IDF
def c_tf_idf(texts: Sequence[str], labels: np.ndarray, n_terms: int = 8) -> dict[int, list[str]]:
    """Distinctive terms per cluster (class-based TF-IDF, as in BERTopic).

    >>> c_tf_idf(["bowel chart", "bowel care", "interpreter booked", "interpreter late"], np.array([0, 0, 1, 1]), 1)
    {0: ['bowel'], 1: ['interpreter']}
    """
    cv = CountVectorizer(ngram_range=(1, 2), stop_words=_STOP, min_df=1, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
    try:
        counts = cv.fit_transform(texts)
    except ValueError:  # only stop words
        return {int(c): [] for c in np.unique(labels)}
    clusters = np.unique(labels)
    import scipy.sparse as sp

    onehot = sp.csr_matrix((np.ones(len(labels)), (np.searchsorted(clusters, labels), np.arange(len(labels)))),
                           shape=(len(clusters), len(labels)))
    tf = np.asarray((onehot @ counts).todense(), dtype=np.float64)
    tf_norm = tf / np.maximum(tf.sum(axis=1, keepdims=True), 1)
    avg_words = tf.sum() / len(clusters)
    idf = np.log(1 + avg_words / np.maximum(tf.sum(axis=0), 1))
    score = tf_norm * idf
    vocab = cv.get_feature_names_out()
    out = {}
    for r, c in enumerate(clusters):
        order = np.lexsort((vocab, -score[r]))
        terms = [vocab[i] for i in order[: n_terms * 3] if score[r, i] > 0]
        # drop unigrams already inside a chosen bigram, keep order
        chosen: list[str] = []
        for t in terms:
            if any(t in c2.split() for c2 in chosen if " " in c2):
                continue
            chosen.append(t)
            if len(chosen) == n_terms:
                break
        out[int(c)] = chosen
    return out


# ---------------------------------------------------------------------- façade
class ThemeDiscoverer(BaseEstimator):
    """Cluster learning points; describe clusters and flag the "emerging" ones.

    Parameters
    ----------
    embedder, reducer, clusterer : str
        Registered step names (``leder_insights.registry``).
    k_range : (int, int)
        Range of cluster counts to try (silhouette picks one).
    n_components : int
        Dimensions kept by the reducer.
    n_examples, n_terms : int
        Representative examples and distinctive terms per cluster.
    emerging_share : float
        A cluster is emerging when at least this share of its points has no predicted theme or a
        top score below ``low_score``.
    random_state : int

    Attributes (after ``fit``)
    --------------------------
    labels_ : ndarray of cluster ids, one per point
    clusters_ : DataFrame (cluster, size, name, top_terms, examples, emerging, no_theme_share,
                mean_max_score, top_themes)
    points_ : DataFrame of the input points with ``cluster`` and ``similarity`` to its centroid
    n_clusters_, silhouette_ : chosen k and its silhouette
    """

    def __init__(self, embedder: str = "tfidf", reducer: str = "svd", clusterer: str = "kmeans",
                 k_range: tuple[int, int] = (6, 30), n_components: int = 50, n_examples: int = 3,
                 n_terms: int = 8, emerging_share: float = 0.5, low_score: float = 0.5,
                 random_state: int = 0, step_params: dict | None = None):
        self.embedder = embedder
        self.reducer = reducer
        self.clusterer = clusterer
        self.k_range = k_range
        self.n_components = n_components
        self.n_examples = n_examples
        self.n_terms = n_terms
        self.emerging_share = emerging_share
        self.low_score = low_score
        self.random_state = random_state
        self.step_params = step_params

    # -- inputs
    @staticmethod
    def _frame(data) -> pd.DataFrame:
        if isinstance(data, pd.DataFrame):
            if "text" not in data.columns:
                raise InputError(Errors.E404, line="-", path="learning points",
                                 reason=f"no 'text' column (columns: {', '.join(map(str, data.columns))})")
            df = data.reset_index(drop=True).copy()
        else:
            df = pd.DataFrame({"text": list(data)})
        df["text"] = df["text"].fillna("").astype(str)
        if "lp_id" not in df.columns:
            df.insert(0, "lp_id", df["id"].astype(str) if "id" in df.columns else [f"p{i}" for i in range(len(df))])
        return df

    def _params(self, step: str) -> dict:
        return dict((self.step_params or {}).get(step, {}))

    # -- recipe steps
    def _embed(self, texts):
        step = registry.get(registry.embedders, self.embedder)(**self._params("embedder"))
        X = step.fit_transform(texts)
        self.embedder_ = step
        return X

    def _reduce(self, X):
        n_comp = max(2, min(self.n_components, X.shape[1] - 1, X.shape[0] - 1))
        step = registry.get(registry.reducers, self.reducer)(
            n_components=n_comp, random_state=self.random_state, **self._params("reducer"))
        Z = np.asarray(step.fit_transform(X), dtype=np.float64)
        self.reducer_ = step
        return Z

    def _cluster(self, Z, n_distinct=None):
        lo, hi = self.k_range
        if n_distinct is not None:  # no more clusters than distinct points (duplicates)
            hi = max(2, min(hi, n_distinct))
            lo = min(lo, hi)
        step = registry.get(registry.clusterers, self.clusterer)(
            k_range=(lo, hi), random_state=self.random_state, **self._params("clusterer"))
        labels = np.asarray(step.fit_predict(Z))
        # renumber clusters by size (largest first), ties by first member: stable ids across runs
        uniq = np.unique(labels)
        order = sorted(uniq, key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))))
        remap = {int(c): i for i, c in enumerate(order)}
        labels = np.array([remap[int(c)] for c in labels])
        centres = np.vstack([Z[labels == c].mean(axis=0) for c in range(len(order))])
        self.clusterer_ = step
        self.n_clusters_ = len(order)
        self.silhouette_ = float(getattr(step, "silhouette_", float("nan")))
        return labels, centres

    def _describe(self, df, Z, labels, centres):
        texts = df["text"].tolist()
        terms = c_tf_idf(texts, labels, self.n_terms)
        norms = np.linalg.norm(centres, axis=1, keepdims=True)
        unit = centres / np.maximum(norms, 1e-12)
        sim = (Z * unit[labels]).sum(axis=1) / np.maximum(np.linalg.norm(Z, axis=1), 1e-12)
        has_themes = "themes" in df.columns
        has_scores = "theme_scores" in df.columns
        rows = []
        for c in range(len(centres)):
            idx = np.flatnonzero(labels == c)
            top = idx[np.lexsort((idx, -sim[idx]))]
            examples, seen = [], set()
            for i in top:
                if texts[i] not in seen:
                    examples.append(texts[i])
                    seen.add(texts[i])
                if len(examples) == self.n_examples:
                    break
            row = {"cluster": c, "size": int(len(idx)), "name": " / ".join(terms.get(c, [])[:3]) or f"cluster {c}",
                   "top_terms": terms.get(c, []), "examples": examples}
            no_theme = np.zeros(len(idx), dtype=bool)
            max_score = np.full(len(idx), np.nan)
            if has_themes:
                no_theme = np.array([not (isinstance(t, (list, tuple, np.ndarray)) and len(t))
                                     for t in df["themes"].iloc[idx]])
                counts = pd.Series([t for ts in df["themes"].iloc[idx] if isinstance(ts, (list, tuple, np.ndarray))
                                    for t in ts]).value_counts()
                row["top_themes"] = {str(t): round(float(n / len(idx)), 3) for t, n in counts.head(3).items()}
            else:
                row["top_themes"] = {}
            if has_scores:
                max_score = np.array([max(s.values()) if isinstance(s, dict) and s else 0.0
                                      for s in df["theme_scores"].iloc[idx]])
            weak = no_theme | (np.nan_to_num(max_score, nan=1.0) < self.low_score)
            known = has_themes or has_scores
            row["no_theme_share"] = round(float(weak.mean()), 3) if known else None
            row["mean_max_score"] = round(float(np.nanmean(max_score)), 3) if has_scores else None
            row["emerging"] = bool(known and weak.mean() >= self.emerging_share)
            rows.append(row)
        self.clusters_ = pd.DataFrame(rows)
        pts = df.copy()
        pts["cluster"] = labels
        pts["cluster_name"] = [rows[c]["name"] for c in labels]
        pts["similarity"] = np.round(sim, 4)
        self.points_ = pts

    # -- public
    def fit(self, data, source: str = "learning points") -> "ThemeDiscoverer":
        """Cluster ``data`` (a DataFrame with ``text`` and optionally ``themes``/``theme_scores``, or texts).

        Recipe: embed → reduce → cluster → describe. Points too few or too alike to cluster (no
        word recurs in some but not most of them, or all the same) are [E405] naming ``source``.

        >>> ThemeDiscoverer().fit(["Staff should adjust."] * 6, source="pts.jsonl")
        Traceback (most recent call last):
        ...
        leder_insights.errors.InputError: [E405] pts.jsonl: its 6 learning points cannot be clustered: ...
        """
        df = self._frame(data)
        if len(df) < 3:
            raise InputError(Errors.E404, line="-", path=source,
                             reason=f"need at least 3 learning points to cluster, got {len(df)}")
        try:
            X = self._embed(df["text"].tolist())
        except ValueError as exc:  # scikit-learn's words for a vocabulary pruned to nothing
            if not any(m in str(exc) for m in ("no terms remain", "empty vocabulary",
                                                "max_df corresponds")):
                raise
            raise InputError(Errors.E405, path=source, n=len(df),
                             reason="no word recurs in some of them without being in most of them "
                                    "(stop words and numbers are not counted)") from exc
        distinct = X.shape[0] if X.shape[1] == 0 else _n_distinct_rows(X)
        if X.shape[1] == 0 or distinct < 2:
            raise InputError(Errors.E405, path=source, n=len(df),
                             reason="they are all the same once stop words are set aside")
        Z = self._reduce(X)
        labels, centres = self._cluster(Z, n_distinct=distinct)
        self._describe(df, Z, labels, centres)
        self.labels_ = labels
        return self

    def fit_predict(self, data) -> np.ndarray:
        return self.fit(data).labels_

    def stability(self, data, seeds: Sequence[int] = (0, 1, 2, 3, 4)) -> dict:
        """Mean (and minimum) pairwise adjusted Rand index of the labels over ``seeds``.

        Each seed reruns the whole recipe with ``random_state=seed`` (SVD, k-means restarts and the
        silhouette sample all change).
        """
        params = self.get_params()
        runs = []
        for s in seeds:
            runs.append(ThemeDiscoverer(**{**params, "random_state": int(s)}).fit(data).labels_)
        aris = [adjusted_rand_score(a, b) for a, b in itertools.combinations(runs, 2)]
        return {"seeds": list(map(int, seeds)), "mean_ari": float(np.mean(aris)) if aris else 1.0,
                "min_ari": float(np.min(aris)) if aris else 1.0,
                "n_clusters": [int(len(np.unique(r))) for r in runs]}

    def write(self, out_dir) -> dict[str, Path]:
        """Write ``clusters.csv``, ``points.csv`` and a self-contained ``clusters.html`` to ``out_dir``."""
        check_is_fitted(self, "labels_")
        d = Path(out_dir)
        d.mkdir(parents=True, exist_ok=True)
        cl = self.clusters_.copy()
        for c in ("top_terms", "examples", "top_themes"):
            cl[c] = cl[c].map(lambda v: json.dumps(v, ensure_ascii=False))
        with atomic_path(d / "clusters.csv") as tmp:
            cl.to_csv(tmp, index=False)
        pts = self.points_.copy()
        for c in pts.columns:
            if pts[c].map(lambda v: isinstance(v, (list, dict, tuple, np.ndarray))).any():
                pts[c] = pts[c].map(lambda v: json.dumps(v.tolist() if isinstance(v, np.ndarray) else v,
                                                         ensure_ascii=False, default=str))
        with atomic_path(d / "points.csv") as tmp:
            pts.to_csv(tmp, index=False)
        write_text_atomic(d / "clusters.html", self.to_html())
        return {"clusters.csv": d / "clusters.csv", "points.csv": d / "points.csv",
                "clusters.html": d / "clusters.html"}

    def to_html(self) -> str:
        """A self-contained HTML page (inline CSS, no scripts) listing clusters, emerging first."""
        check_is_fitted(self, "labels_")
        cl = self.clusters_.sort_values(["emerging", "size"], ascending=[False, False])
        cards = []
        for r in cl.itertuples(index=False):
            badge = '<span class="em">emerging</span>' if r.emerging else ""
            ex = "".join(f"<li>{html.escape(e)}</li>" for e in r.examples)
            th = ", ".join(f"{html.escape(t)} ({v:.0%})" for t, v in (r.top_themes or {}).items()) or "none"
            share = "" if r.no_theme_share is None else f" · no/weak theme: {r.no_theme_share:.0%}"
            cards.append(
                f'<section><h2>{r.cluster}. {html.escape(r.name)} {badge}</h2>'
                f'<p class="m">{r.size} learning points{share} · themes: {th}</p>'
                f'<p><b>Distinctive terms:</b> {html.escape(", ".join(r.top_terms))}</p>'
                f'<p><b>Representative examples:</b></p><ul>{ex}</ul></section>')
        n_em = int(self.clusters_["emerging"].sum())
        return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Discovered clusters</title>"
                "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
                "section{border:1px solid #bbb;border-radius:6px;padding:.5em 1em;margin:1em 0}"
                ".em{background:#b35900;color:#fff;padding:.1em .5em;border-radius:4px;font-size:.7em}"
                ".m{color:#555}</style></head><body>"
                f"<h1>Discovered clusters of learning points</h1><p>{len(self.labels_)} points in "
                f"{self.n_clusters_} clusters (silhouette {self.silhouette_:.3f}); {n_em} emerging "
                f"(mostly no theme or a score below {self.low_score}).</p>" + "".join(cards) + "</body></html>")


__all__ = ["ThemeDiscoverer", "c_tf_idf", "tfidf_embedder", "svd_reducer", "kmeans_clusterer",
           "agglomerative_clusterer"]
