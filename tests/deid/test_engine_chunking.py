"""Overlapping chunks: full coverage, ownership, and entities straddling a boundary."""
import pytest

from leder_insights.deid._chunking import merge_chunk_entities, split_text
from leder_insights.deid._entities import Entity


@pytest.mark.parametrize("n,size,overlap", [(25, 10, 4), (1000, 97, 20), (5, 10, 2), (300, 100, 0)])
def test_engine_chunking_covers_text_and_owns_each_char_once(n, size, overlap):
    text = ("abc de " * 200)[:n]
    chunks = split_text(text, size, overlap)
    assert chunks[0].start == 0 and chunks[-1].end == n
    assert all(c.end - c.start <= size for c in chunks)
    owned = [i for c in chunks for i in range(c.own_start, c.own_end)]
    assert owned == list(range(n))
    assert all(c.start <= c.own_start and c.own_end <= c.end for c in chunks)


def test_engine_chunking_rejects_bad_overlap():
    with pytest.raises(ValueError):
        split_text("x" * 100, 10, 6)


def test_engine_chunking_merge_keeps_straddling_entity_once():
    text = "x" * 25
    chunks = split_text(text, 10, 4)          # (0,10) (6,16) (12,22) (18,25)
    # an entity at 7..9 is seen whole by chunks 0 and 1; chunk 0 owns its start
    per = [[Entity(7, 9, "PERSON", "PERSON", 0.9, "t")],
           [Entity(1, 3, "PERSON", "PERSON", 0.9, "t")], [], []]
    assert merge_chunk_entities(chunks, per) == [Entity(7, 9, "PERSON", "PERSON", 0.9, "t")]


def test_engine_chunking_merge_takes_cut_entity_from_next_chunk():
    chunks = split_text("x" * 25, 10, 4)
    cut = Entity(8, 10, "PERSON", "PERSON", 0.9, "t")         # cut by chunk 0's end
    whole = Entity(2, 6, "PERSON", "PERSON", 0.9, "t")        # chunk 1 sees 8..12
    merged = merge_chunk_entities(chunks, [[cut], [whole], [], []])
    assert Entity(8, 12, "PERSON", "PERSON", 0.9, "t") in merged
