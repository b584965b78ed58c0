"""ProjectStore embedding cache: one float32 vector per learning point and encoder."""
from __future__ import annotations

import numpy as np

from leder_insights.store import ProjectStore


def test_embeddings_round_trip_replace_and_stay_per_encoder(tmp_path):
    with ProjectStore(tmp_path / "p.duckdb") as store:
        assert store.embeddings("enc").empty  # no table yet
        V = np.arange(12, dtype=np.float32).reshape(3, 4)
        assert store.save_embeddings(["a", "b", "c"], ["h1", "h2", "h3"], V, "enc") == 3
        store.save_embeddings(["b"], ["h2x"], np.full((1, 4), 7, np.float32), "enc")
        store.save_embeddings(["a"], ["h1"], np.zeros((1, 4), np.float32), "other")
        got = store.embeddings("enc").set_index("lp_id")
        assert sorted(got.index) == ["a", "b", "c"]
        assert got.loc["b", "text_sha1"] == "h2x" and got.loc["b", "vector"].tolist() == [7.0] * 4
        assert np.array_equal(got.loc["c", "vector"], V[2])
        assert store.embeddings("enc", lp_ids=["a"])["lp_id"].tolist() == ["a"]
        assert store.embeddings("other")["vector"][0].tolist() == [0.0] * 4
