"""Released text that repeats a public document (attacker 6's F10).

LeDeR reviews of deaths that went to inquest often repeat the coroner's Prevention of Future
Deaths (PFD) concerns, and PFD reports are public with the deceased's name, area and dates.
De-identification keeps the words, so a learning point that repeats a public report links the
release to the named report. :class:`PublicTextIndex` holds word n-gram shingles (64-bit hashes,
never the text) of a public corpus and tells, for a released value, which public document it
shares a distinctive run of words with.

The measure: the released value is split at its masks (``[PERSON_1]``, ``[3 weeks before
death]``: a shingle never crosses one, so the public side needs no masking), lower-cased, reduced
to words, and cut into overlapping ``shingle_words``-word shingles. A public shingle found in
``boilerplate_documents`` or more public documents is boilerplate (the PFD preamble, statutory
phrases) and ignored. A value *matches* when it shares at least ``min_shared_shingles``
distinct distinctive shingles with one public document.

The second measure (attacker 7's F2: a concern reworded every second or third word shares no 4-word
run, but keeps its rare words): the *content words* of a value (masks removed, stop words of
``data/public_text_stop_words.txt`` dropped, 3 letters or more) are scored against each public
document by the summed IDF (``log(N / document frequency)`` over the public corpus) of the words
they share. A value, or a review's values together, *links* when the best document's score is at
least ``word_min_score`` and at least ``word_min_ratio`` times the second best: the evidence an
intruder holding the public corpus would act on.

The rare-word view of the same measure (attacker 8's F7: the common words of a review's other
points dilute the ratio, while a few rare words -- two or three of them -- still single out one
report): only content words whose IDF is at least ``word_rare_idf`` are summed, and a value, or a
review's values together, also links when that score is at least ``word_rare_min_score`` and
``word_rare_min_ratio`` times the second best. After withholding, what is left of a review is
checked again on both views, and the value giving the linked document most evidence is withheld
until neither view links.

>>> idx = PublicTextIndex.from_documents(
...     {"doc-a": "The ward did not record the fluid chart for the three nights before the fall.",
...      "doc-b": "Staff were not trained to use the hoist in the bathroom of the annexe."},
...     shingle_words=4, min_shared_shingles=3, boilerplate_documents=2)
>>> idx.match("[PERSON_1]'s ward did not record the fluid chart for three nights.").document
'doc-a'
>>> idx.match("Staff were kind and the family felt listened to.") is None
True
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

from ..errors import ConfigError, Errors

#: a mask the release writes: a placeholder or a relative date; shingles never cross one
_MASK = re.compile(r"\[[^\[\]\n]{1,60}\]")
_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`")
_CONTENT = re.compile(r"[a-z]{3,}")
#: function words the word measure drops (a data file: edit it, not this module)
STOP_WORDS_FILE = Path(__file__).parent / "data" / "public_text_stop_words.txt"
#: the text fields of a PFD report record (``pfd_reports.jsonl``), and its id
PFD_TEXT_FIELDS = ("inquest", "circumstances", "concerns")
PFD_ID_FIELD = "ref"


def _segments(text: str) -> list[list[str]]:
    """Words of ``text`` between masks, lower-cased, apostrophes dropped.

    >>> _segments("Mr [PERSON_1] wasn't seen; the GP\u2019s note [2 days before death] said so.")
    [['mr'], ['wasnt', 'seen', 'the', 'gps', 'note'], ['said', 'so']]
    """
    out = []
    for part in _MASK.split(text.lower().translate(_APOSTROPHES)):
        words = _WORD.findall(part)
        if words:
            out.append(words)
    return out


def shingle_hashes(text: str, n: int) -> np.ndarray:
    """The distinct 64-bit hashes of the ``n``-word shingles of ``text`` that cross no mask.

    >>> len(shingle_hashes("one two three four five", 4)), len(shingle_hashes("one two [X] three four", 4))
    (2, 0)
    """
    found = set()
    for words in _segments(text):
        for i in range(len(words) - n + 1):
            digest = hashlib.blake2b(" ".join(words[i:i + n]).encode(), digest_size=8).digest()
            found.add(int.from_bytes(digest, "little"))
    return np.fromiter(found, dtype=np.uint64, count=len(found))


def load_stop_words(path: Path | str | None = None) -> frozenset:
    """The stop words of the word measure (one a line, ``#`` comments).

    >>> "the" in load_stop_words() and "hoist" not in load_stop_words()
    True
    """
    with open(path or STOP_WORDS_FILE, encoding="utf-8") as fh:
        return frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in fh) if w)


def content_word_hashes(text: str, stop: frozenset) -> np.ndarray:
    """The distinct 64-bit hashes of the content words of ``text``: masks removed, lower-cased,
    apostrophes dropped, letters only, 3 letters or more, not a stop word.

    >>> len(content_word_hashes("The [PERSON_1] hoist sling, the hoist's SLING", frozenset({"the"})))
    3
    """
    found = set()
    for part in _MASK.split(text.lower().translate(_APOSTROPHES)):
        for w in _CONTENT.findall(part):
            if w not in stop:
                found.add(int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little"))
    return np.fromiter(found, dtype=np.uint64, count=len(found))


@dataclass(frozen=True)
class PublicMatch:
    """One released value's best public document: its id (kept locally, never published), the
    number of distinctive shingles they share, and which measure matched (``shingles``, or
    ``words``: the summed IDF ``score`` of shared content words, ``ratio`` times the second best
    document's)."""

    document: str
    shared: int
    measure: str = "shingles"
    score: float = 0.0
    ratio: float = 0.0


class _WordIndex:
    """Content-word postings of a public corpus: sorted word hashes, their IDF, and for each the
    documents holding it (CSR: ``docs[ptr[i]:ptr[i + 1]]``)."""

    def __init__(self, n_docs: int, doc_words: list, stop: frozenset):
        self.n_docs, self.stop = n_docs, stop
        allw = np.concatenate(doc_words) if doc_words else np.zeros(0, dtype=np.uint64)
        alld = (np.concatenate([np.full(len(w), i, dtype=np.int32) for i, w in enumerate(doc_words)])
                if doc_words else np.zeros(0, dtype=np.int32))
        order = np.argsort(allw, kind="stable")
        allw, self.docs = allw[order], alld[order]
        self.words, start, counts = np.unique(allw, return_index=True, return_counts=True)
        self.ptr = np.append(start, len(allw)).astype(np.int64)
        self.idf = np.log(max(n_docs, 1) / np.maximum(counts, 1)).astype(np.float64)

    def lookup(self, text) -> np.ndarray:
        """Positions in the vocabulary of the content words of ``text`` found in the corpus."""
        if not isinstance(text, str) or not text.strip() or not len(self.words):
            return np.zeros(0, dtype=np.int64)
        q = content_word_hashes(text, self.stop)
        pos = np.searchsorted(self.words, q)
        ok = pos < len(self.words)
        pos, q = pos[ok], q[ok]
        return np.unique(pos[self.words[pos] == q]).astype(np.int64)

    def scores(self, positions, min_idf: float = 0.0) -> np.ndarray:
        """Summed IDF of the given vocabulary words per document (only words of IDF ``min_idf`` or
        more)."""
        out = np.zeros(self.n_docs, dtype=np.float64)
        positions = np.asarray(sorted(set(int(p) for p in positions)), dtype=np.int64)
        if min_idf > 0 and len(positions):
            positions = positions[self.idf[positions] >= min_idf]
        if not len(positions):
            return out
        lengths = self.ptr[positions + 1] - self.ptr[positions]
        idx = np.concatenate([np.arange(self.ptr[p], self.ptr[p + 1]) for p in positions])
        np.add.at(out, self.docs[idx], np.repeat(self.idf[positions], lengths))
        return out

    @property
    def nbytes(self) -> int:
        return int(self.words.nbytes + self.docs.nbytes + self.ptr.nbytes + self.idf.nbytes)


def best_two(scores: np.ndarray) -> tuple:
    """``(best document, its score, ratio to the second best)``; the ratio is ``inf`` when only
    one document scores, and ties go to the first document.

    >>> best_two(np.array([1.0, 6.0, 2.0]))
    (1, 6.0, 3.0)
    """
    if not len(scores):
        return -1, 0.0, 0.0
    order = np.argsort(-scores, kind="stable")[:2]
    first = float(scores[order[0]])
    second = float(scores[order[1]]) if len(order) > 1 else 0.0
    ratio = first / second if second > 0 else (float("inf") if first > 0 else 0.0)
    return int(order[0]), first, ratio


def _pfd_documents(path: Path) -> Iterator[tuple[str, str]]:
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                raise ConfigError(Errors.E712, path=path, reason=f"line {n} is not JSON") from None
            text = "\n".join(str(rec.get(f) or "") for f in PFD_TEXT_FIELDS)
            yield f"{path.name}:{rec.get(PFD_ID_FIELD) or n}", text


def iter_public_documents(paths: Iterable) -> Iterator[tuple[str, str]]:
    """``(document id, text)`` of every public document under ``paths``: a PFD download
    (``.jsonl``, one report a line: ``inquest``, ``circumstances``, ``concerns``), a plain text file
    (``.txt``/``.md``: one document), or a directory of them (read recursively, sorted).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "a.txt").write_text("Some public words.")
    >>> list(iter_public_documents([d]))
    [('a.txt', 'Some public words.')]
    """
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise ConfigError(Errors.E712, path=path, reason="it does not exist")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix == ".jsonl":
                yield from _pfd_documents(f)
            elif suffix in (".txt", ".md"):
                yield f.name, f.read_text(encoding="utf-8", errors="replace")
            elif not path.is_dir():
                raise ConfigError(Errors.E712, path=f, reason=f"{suffix or 'no suffix'} is not a "
                                  "supported format (.jsonl PFD reports, .txt or .md plain text)")


class PublicTextIndex:
    """Shingle hashes of a public corpus, boilerplate removed: sorted ``uint64`` hashes and the
    document each comes from (about 12 bytes a shingle: 350k words take about 4 MB).

    Build it with :meth:`from_paths` (files) or :meth:`from_documents` (a dict, for tests);
    :meth:`match` a released value against it.
    """

    def __init__(self, hashes: np.ndarray, docs: np.ndarray, names: list[str], *, shingle_words: int,
                 min_shared_shingles: int, boilerplate_documents: int, n_boilerplate: int = 0,
                 sources: dict | None = None, words: _WordIndex | None = None,
                 word_min_score: float = 15.0, word_min_ratio: float = 1.5,
                 word_rare_idf: float = 3.0, word_rare_min_score: float = 10.0,
                 word_rare_min_ratio: float = 1.5):
        self.hashes, self.docs, self.names = hashes, docs, names
        self.shingle_words = int(shingle_words)
        self.min_shared_shingles = int(min_shared_shingles)
        self.boilerplate_documents = int(boilerplate_documents)
        self.n_boilerplate = int(n_boilerplate)
        self.sources = dict(sources or {})
        self.words = words  # None: the word measure is off
        self.word_min_score = float(word_min_score)
        self.word_min_ratio = float(word_min_ratio)
        self.word_rare_idf = float(word_rare_idf)  # 0: the rare-word view is off
        self.word_rare_min_score = float(word_rare_min_score)
        self.word_rare_min_ratio = float(word_rare_min_ratio)

    @classmethod
    def from_documents(cls, documents, *, shingle_words: int = 4, min_shared_shingles: int = 3,
                       boilerplate_documents: int = 10, sources: dict | None = None,
                       words: bool = True, word_min_score: float = 15.0, word_min_ratio: float = 1.5,
                       word_rare_idf: float = 3.0, word_rare_min_score: float = 10.0,
                       word_rare_min_ratio: float = 1.5,
                       stop_words: frozenset | None = None) -> "PublicTextIndex":
        """The index of ``documents`` (a mapping or iterable of ``(id, text)``); ``words``: also
        the content-word measure (``stop_words``: default :func:`load_stop_words`)."""
        items = documents.items() if isinstance(documents, dict) else documents
        stop = load_stop_words() if stop_words is None else frozenset(stop_words)
        names: list[str] = []
        hash_parts, doc_parts, word_parts = [], [], []
        for name, text in items:
            h = shingle_hashes(text, shingle_words)
            hash_parts.append(h)
            doc_parts.append(np.full(len(h), len(names), dtype=np.int32))
            if words:
                word_parts.append(content_word_hashes(text, stop))
            names.append(str(name))
        hashes = np.concatenate(hash_parts) if hash_parts else np.zeros(0, dtype=np.uint64)
        docs = np.concatenate(doc_parts) if doc_parts else np.zeros(0, dtype=np.int32)
        del hash_parts, doc_parts
        order = np.argsort(hashes, kind="stable")
        hashes, docs = hashes[order], docs[order]
        # document frequency of each hash (each document counted once: hashes are distinct per doc)
        uniq, start, counts = np.unique(hashes, return_index=True, return_counts=True)
        common = counts >= int(boilerplate_documents)
        keep = np.repeat(~common, counts)
        return cls(hashes[keep], docs[keep], names, shingle_words=shingle_words,
                   min_shared_shingles=min_shared_shingles,
                   boilerplate_documents=boilerplate_documents, n_boilerplate=int(common.sum()),
                   sources=sources, words=_WordIndex(len(names), word_parts, stop) if words else None,
                   word_min_score=word_min_score, word_min_ratio=word_min_ratio,
                   word_rare_idf=word_rare_idf, word_rare_min_score=word_rare_min_score,
                   word_rare_min_ratio=word_rare_min_ratio)

    @classmethod
    def from_paths(cls, paths, **kwargs) -> "PublicTextIndex":
        """The index of every document under ``paths`` (see :func:`iter_public_documents`); the
        files are read once and never copied. ``sources`` records each file's name and sha256."""
        from .._files import sha256_file

        sources = {}
        for raw in paths:
            p = Path(raw).expanduser()
            for f in (sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]):
                if f.exists():
                    sources[f.name] = sha256_file(f)
        return cls.from_documents(iter_public_documents(paths), sources=sources, **kwargs)

    @property
    def n_documents(self) -> int:
        return len(self.names)

    def shared_per_document(self, text: str) -> np.ndarray:
        """How many distinctive shingles ``text`` shares with each public document."""
        q = shingle_hashes(text, self.shingle_words)
        out = np.zeros(len(self.names), dtype=np.int64)
        if not len(q) or not len(self.hashes):
            return out
        lo = np.searchsorted(self.hashes, q, side="left")
        hi = np.searchsorted(self.hashes, q, side="right")
        hit = hi > lo
        if hit.any():
            idx = np.concatenate([np.arange(a, b) for a, b in zip(lo[hit], hi[hit])])
            np.add.at(out, self.docs[idx], 1)
        return out

    def match(self, text) -> PublicMatch | None:
        """The public document ``text`` shares at least ``min_shared_shingles`` distinctive
        shingles with (the one sharing most), or else the one its content words link to (the
        word measure), or ``None``."""
        if not isinstance(text, str) or not text.strip() or not self.names:
            return None
        return self.match_group([text])[0]

    def match_group(self, texts) -> list:
        """:meth:`match` for the values of one review together: a value matches on its own, or
        when the review's values *together* share ``min_shared_shingles`` with one document and
        this value shares at least one distinctive shingle with it. An intruder adds up a
        review's learning points (attacker 6's F10: a reworded concern split into sentences left
        points below the threshold one by one that still linked the review when summed). The
        values no shingle rule withheld are then put to the word measure, alone and together
        (:meth:`_match_words`).

        >>> idx = PublicTextIndex.from_documents({"d": "alpha beta gamma delta epsilon zeta eta theta iota"},
        ...                                      boilerplate_documents=2, min_shared_shingles=3)
        >>> [m and m.document for m in idx.match_group(["alpha beta gamma delta epsilon", "x",
        ...                                              "zeta eta theta iota"])]
        ['d', None, 'd']
        """
        texts = list(texts)
        out: list = [None] * len(texts)
        if not self.names:
            return out
        shared = [self.shared_per_document(t) if isinstance(t, str) and t.strip() else None for t in texts]
        total = np.zeros(len(self.names), dtype=np.int64)
        for n, vec in enumerate(shared):
            if vec is None:
                continue
            total += vec
            best = int(vec.argmax())
            if vec[best] >= self.min_shared_shingles:
                out[n] = PublicMatch(self.names[best], int(vec[best]))
        best = int(total.argmax())
        if total[best] >= self.min_shared_shingles:
            for n, vec in enumerate(shared):
                if out[n] is None and vec is not None and vec[best] > 0:
                    out[n] = PublicMatch(self.names[best], int(vec[best]))
        if self.words is not None:
            self._match_words(texts, shared, out)
        return out

    def word_evidence(self, text) -> tuple:
        """``(best document id or None, score, ratio)`` of ``text`` on the word measure.

        >>> idx = PublicTextIndex.from_documents({"a": "hoist sling annexe bathroom", "b": "fluid chart ward"})
        >>> idx.word_evidence("The annexe hoist sling")[0]
        'a'
        """
        if self.words is None or not self.names:
            return None, 0.0, 0.0
        best, score, ratio = best_two(self.words.scores(self.words.lookup(text)))
        return (self.names[best] if score > 0 else None), score, ratio

    def _links(self, score: float, ratio: float) -> bool:
        return score >= self.word_min_score and ratio >= self.word_min_ratio

    def _views(self) -> list:
        """``(min_idf, min_score, min_ratio)`` of each view of the word measure: all content
        words, and (``word_rare_idf`` > 0) the rare ones only."""
        views = [(0.0, self.word_min_score, self.word_min_ratio)]
        if self.word_rare_idf > 0:
            views.append((self.word_rare_idf, self.word_rare_min_score, self.word_rare_min_ratio))
        return views

    def _match_words(self, texts: list, shared: list, out: list) -> None:
        """The word measure over the values :meth:`match_group` left: each value alone, then the
        values left together, on each view (:meth:`_views`); while what is left links on a view,
        the value giving the linked document most IDF on that view is withheld (in place, in
        ``out``), so what is released no longer links by this measure."""
        words = self.words
        assert words is not None
        views = self._views()
        left = {n: words.lookup(t) for n, t in enumerate(texts) if out[n] is None}
        left = {n: pos for n, pos in left.items() if len(pos)}
        per_value = {n: [words.scores(pos, v[0]) for v in views] for n, pos in left.items()}

        def hit(n: int, best: int, score: float, ratio: float) -> PublicMatch:
            vec = shared[n]
            return PublicMatch(self.names[best], int(vec[best]) if vec is not None else 0, "words",
                               round(score, 2), round(ratio, 2) if np.isfinite(ratio) else ratio)

        def linking(vecs: list):
            for v, ((_, min_score, min_ratio), vec) in enumerate(zip(views, vecs)):
                best, score, ratio = best_two(vec)
                if score >= min_score and ratio >= min_ratio:
                    return v, best, score, ratio
            return None

        for n in list(left):
            found = linking(per_value[n])
            if found is not None:
                out[n] = hit(n, *found[1:])
                del left[n]
        while left:
            together = np.concatenate(list(left.values()))
            found = linking([words.scores(together, v[0]) for v in views])
            if found is None:
                break
            v, best, score, ratio = found
            n = max(left, key=lambda k: (per_value[k][v][best], -k))
            if per_value[n][v][best] <= 0:
                break
            out[n] = hit(n, best, score, ratio)
            del left[n]

    def to_dict(self) -> dict:
        """What the manifest records of the corpus: sizes, settings and file digests, no text."""
        return {"n_documents": self.n_documents, "n_shingles": int(len(self.hashes)),
                "n_boilerplate_shingles": self.n_boilerplate, "shingle_words": self.shingle_words,
                "min_shared_shingles": self.min_shared_shingles,
                "boilerplate_documents": self.boilerplate_documents,
                "words": self.words is not None,
                "n_words": int(len(self.words.words)) if self.words is not None else 0,
                "word_min_score": self.word_min_score, "word_min_ratio": self.word_min_ratio,
                "word_rare_idf": self.word_rare_idf, "word_rare_min_score": self.word_rare_min_score,
                "word_rare_min_ratio": self.word_rare_min_ratio,
                "sources": dict(sorted(self.sources.items()))}


__all__ = ["PublicTextIndex", "PublicMatch", "iter_public_documents", "shingle_hashes", "content_word_hashes",
           "load_stop_words", "best_two", "PFD_TEXT_FIELDS", "STOP_WORDS_FILE"]
