"""``jobs._public_text`` with the rare-word view (attacker 8's F7): the settings reach the index from
config, and a learning point whose few rare words single out one public document (diluted on the
all-words view by the review's ordinary words) leaves the released points. Invented text only."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from leder_insights.config import load_config
from leder_insights.jobs._public_text import build_public_index, check_public_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "release"))
from test_release_public_text_rare import MIXED, docs  # noqa: E402


def _corpus(tmp: Path) -> Path:
    path = tmp / "pfd_invented.jsonl"
    path.write_text("\n".join(json.dumps({"ref": name, "inquest": "", "circumstances": "", "concerns": text})
                              for name, text in docs().items()) + "\n", encoding="utf-8")
    return path


def _lps() -> pd.DataFrame:
    texts = [MIXED, "Kitchen and garden staff met the visitor about transport.", "Carers knew her well."]
    return pd.DataFrame({"review_id": ["Ra"] * 3, "source_field": ["learning"] * 3, "start": [0, 200, 300],
                         "end": [150, 260, 320], "text": texts})


def test_public_text_rare_settings_reach_the_index_from_config(tmp_path):
    cfg = load_config(release={"public_text": {"paths": [str(_corpus(tmp_path))], "word_rare_idf": 3.5,
                                               "word_rare_min_score": 11.0, "word_rare_min_ratio": 2.0}})
    idx = build_public_index(cfg)
    assert (idx.word_rare_idf, idx.word_rare_min_score, idx.word_rare_min_ratio) == (3.5, 11.0, 2.0)
    shipped = load_config().release.public_text
    assert shipped.word_rare_idf > 0 and shipped.word_rare_min_ratio >= 1.0


def test_public_text_rare_check_withholds_the_point_its_rare_words_link(tmp_path):
    path = _corpus(tmp_path)
    on = build_public_index(load_config(release={"public_text": {"paths": [str(path)]}}))
    _, out, rec = check_public_text(on, pd.DataFrame({"review_id": ["Ra"]}), _lps(), ["learning"])
    assert MIXED not in out["text"].tolist() and len(out) == 2
    assert rec["n_withheld_learning_points"] == 1
    assert rec["matches"][0]["document"] == "pfd_invented.jsonl:target" and rec["matches"][0]["measure"] == "words"
    off = build_public_index(load_config(release={"public_text": {"paths": [str(path)], "word_rare_idf": 0.0}}))
    _, out_off, rec_off = check_public_text(off, pd.DataFrame({"review_id": ["Ra"]}), _lps(), ["learning"])
    assert MIXED in out_off["text"].tolist() and rec_off["n_withheld"] == 0
