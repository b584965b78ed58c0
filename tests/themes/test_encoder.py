"""SentenceEncoder: the pinned ONNX all-MiniLM-L6-v2 as a scikit-learn transformer."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from leder_insights.errors import ConfigError
from leder_insights.themes import SentenceEncoder, pool_embeddings
from leder_insights.themes._encoder import _default_model_path, sentence_spans

pytest.importorskip("onnxruntime", reason="onnxruntime is a runtime dependency; run `make install`")


def test_encoder_gives_unit_vectors_that_put_paraphrases_close():
    enc = SentenceEncoder()
    V = enc.fit_transform(["He choked on his food and was not referred to SALT.",
                           "No speech and language therapy referral after choking episodes.",
                           "The council did not renew the parking permit."])
    assert V.shape == (3, 384) and V.dtype == np.float32
    assert np.allclose(np.linalg.norm(V, axis=1), 1.0, atol=1e-5)
    assert V[0] @ V[1] > V[0] @ V[2] + 0.1  # same meaning, other words: closer than an unrelated text
    assert np.array_equal(V, enc.transform(["He choked on his food and was not referred to SALT.",
                                            "No speech and language therapy referral after choking episodes.",
                                            "The council did not renew the parking permit."]))


@pytest.mark.slow
def test_encoder_reads_a_long_text_in_windows_and_keeps_every_sentence():
    text = ("Staff did not recognise that he was becoming unwell over the weekend. "
            "Nobody escalated his rising NEWS2 score to a doctor. "
            "His family were not told that he had been admitted to hospital.")
    spans = sentence_spans(text)
    assert len(spans) == 3
    small = SentenceEncoder(max_length=16, read_all=True)  # forces several windows
    whole, sent, owner = small.encode([text], sentences=True)
    assert sent.shape == (3, 384) and owner.tolist() == [0, 0, 0]
    alone = SentenceEncoder().transform([text[a:b] for a, b in spans])
    # the last sentence is read, not cut off: its in-context vector is close to the sentence alone
    assert float(sent[2] @ alone[2]) > 0.8
    pooled = pool_embeddings(whole, sent, owner)
    assert pooled.shape == (1, 3 * 384)
    assert np.allclose(pooled[0, 384:768], sent.max(axis=0))
    # the shipped setting reads the first max_length word pieces only: the last sentences are cut
    assert SentenceEncoder(max_length=16).encode([text], sentences=True)[1].shape[0] < 3


def test_encoder_refuses_a_changed_model_file(tmp_path):
    bad = tmp_path / "model.onnx"
    shutil.copy(_default_model_path(), bad)
    with bad.open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ConfigError, match="E402"):
        SentenceEncoder(model_path=str(bad)).transform(["x"])
