"""Split long texts into overlapping chunks and merge per-chunk entities without losing any at joins.

Each chunk *owns* the characters from the middle of its left overlap to the middle of its right
overlap; an entity is kept from the chunk that owns its start. Because an owner sees at least
``overlap // 2`` characters past its boundary, an entity shorter than that which straddles a
boundary is seen whole by its owner; a longer one cut off by a chunk's end is taken from the next
chunk, which sees it whole (overlaps are then resolved by the engine).

>>> chunks = split_text("a" * 25, chunk_chars=10, overlap=4)
>>> [(c.start, c.end, c.own_start, c.own_end) for c in chunks]
[(0, 10, 0, 8), (6, 16, 8, 14), (12, 22, 14, 20), (18, 25, 20, 25)]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ._entities import Entity


@dataclass(frozen=True)
class Chunk:
    """A slice ``text[start:end]``; entities starting in ``[own_start, own_end)`` belong to it."""

    start: int
    end: int
    own_start: int
    own_end: int


def _soft_cut(text: str, pos: int, window: int) -> int:
    """Move a cut back to whitespace within ``window`` characters, when there is some."""
    if pos >= len(text):
        return len(text)
    lo = max(pos - window, 0)
    ws = max(text.rfind(" ", lo, pos), text.rfind("\n", lo, pos))
    return ws + 1 if ws > lo else pos


def split_text(text: str, chunk_chars: int, overlap: int) -> list[Chunk]:
    """Overlapping chunks of at most ``chunk_chars`` characters (one chunk for short texts)."""
    n = len(text)
    if n <= chunk_chars:
        return [Chunk(0, n, 0, n)]
    if not 0 <= overlap < chunk_chars // 2:
        raise ValueError(f"overlap ({overlap}) must be >= 0 and < chunk_chars/2 ({chunk_chars // 2})")
    step = chunk_chars - overlap
    starts = [0]
    while starts[-1] + chunk_chars < n:
        nxt = starts[-1] + step
        cut = _soft_cut(text, nxt, overlap // 4) if overlap >= 8 else nxt
        starts.append(cut if cut > starts[-1] else nxt)
    chunks: list = []
    for i, s in enumerate(starts):
        e = min(s + chunk_chars, n)
        own_start = 0 if i == 0 else chunks[-1].own_end
        own_end = n if i == len(starts) - 1 else (starts[i + 1] + e) // 2
        chunks.append(Chunk(s, e, own_start, own_end))
    return chunks


def merge_chunk_entities(chunks: Sequence[Chunk], per_chunk: Sequence[Sequence[Entity]]) -> list[Entity]:
    """Shift chunk-relative entities to text offsets and keep each from the chunk owning its start."""
    out: list[Entity] = []
    prev_end = -1
    for chunk, ents in zip(chunks, per_chunk):
        for e in ents:
            g = e.shifted(chunk.start)
            # owned, or cut off by the previous chunk's end (then this chunk has the whole of it)
            if chunk.own_start <= g.start < chunk.own_end or (g.start < chunk.own_start and g.end > prev_end):
                out.append(g)
        prev_end = chunk.end
    return sorted(out, key=lambda e: (e.start, e.end))


__all__ = ["Chunk", "split_text", "merge_chunk_entities"]
