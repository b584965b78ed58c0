"""Fast token-level matching of the taxonomy cue phrases (no per-theme regex scans).

Cue phrases are tokenised like the text (``_negation.TOKEN_RE``); a word ending in ``*`` matches
any token starting with that stem. Matching walks the tokens once, looking up each token (and
its prefixes, for wildcard stems) in an index of first words.

>>> m = cue_matcher()
>>> toks = [t for t in tokens_with_offsets("He was choking; no SALT referral")]
>>> sorted({m.theme_ids[j] for j, _, _ in m.match(toks)})
['aspiration_pneumonia']
"""
from __future__ import annotations

from functools import lru_cache

from ._negation import TOKEN_RE, tokens_with_offsets
from ._taxonomy import Taxonomy, load_taxonomy


def _cue_tokens(cue: str) -> tuple[tuple[str, bool], ...]:
    out = []
    for word in cue.lower().replace("\u2019", "'").split():
        wild = word.endswith("*")
        word = word.rstrip("*")
        toks = TOKEN_RE.findall(word)
        for i, t in enumerate(toks):
            out.append((t.lower(), wild and i == len(toks) - 1))
    return tuple(out)


class CueMatcher:
    """Index of every theme's cue phrases for longest-match lookup over a token list."""

    def __init__(self, taxonomy: Taxonomy):
        self.theme_ids = taxonomy.ids
        self._exact: dict[str, list] = {}
        self._stems: dict[str, list] = {}
        self._min_stem = 99
        self._cands: dict[str, list] = {}  # word -> cues that may start at it (memoised)
        for j, theme in enumerate(taxonomy.themes):
            for cue in theme.cues:
                toks = _cue_tokens(cue)
                if not toks:
                    continue
                first, wild = toks[0]
                entry = (j, toks)
                if wild:
                    self._stems.setdefault(first, []).append(entry)
                    self._min_stem = min(self._min_stem, len(first))
                else:
                    self._exact.setdefault(first, []).append(entry)
        for d in (self._exact, self._stems):
            for k in d:
                d[k].sort(key=lambda e: -len(e[1]))

    @staticmethod
    def _tok_ok(tok: str, pat: tuple[str, bool]) -> bool:
        word, wild = pat
        return tok.startswith(word) if wild else tok == word

    def match(self, tokens) -> list[tuple[int, int, int]]:
        """Cue hits as ``(theme_index, first_token, end_token)`` (end exclusive) over ``tokens``.

        ``tokens`` are ``(token, start, end)`` tuples from ``tokens_with_offsets``.
        """
        words = [t[0] for t in tokens]
        hits = []
        n = len(words)
        cache = self._cands
        for i, w in enumerate(words):
            cands = cache.get(w)
            if cands is None:
                cands = list(self._exact.get(w, ()))
                for L in range(self._min_stem, len(w) + 1):
                    c = self._stems.get(w[:L])
                    if c:
                        cands.extend(c)
                if len(cache) < 200_000:
                    cache[w] = cands
            if not cands:
                continue
            seen = set()
            for j, toks in cands:
                if j in seen:
                    continue  # longest cue of this theme at this position wins
                L = len(toks)
                if i + L <= n and all(self._tok_ok(words[i + k], toks[k]) for k in range(1, L)):
                    if self._tok_ok(w, toks[0]):
                        hits.append((j, i, i + L))
                        seen.add(j)
        return hits

    def spans(self, text: str, tokens=None) -> list[tuple[int, int, int]]:
        """Cue hits as ``(theme_index, char_start, char_end)`` in ``text``."""
        toks = tokens if tokens is not None else tokens_with_offsets(text)
        return [(j, toks[a][1], toks[b - 1][2]) for j, a, b in self.match(toks)]


@lru_cache(maxsize=4)
def _matcher(tax_id: int, tax: Taxonomy) -> CueMatcher:
    return CueMatcher(tax)


def cue_matcher(taxonomy: Taxonomy | None = None) -> CueMatcher:
    """The (cached) matcher for ``taxonomy`` (default: the shipped one)."""
    tax = taxonomy or load_taxonomy()
    return _matcher(id(tax), tax)


__all__ = ["CueMatcher", "cue_matcher"]
