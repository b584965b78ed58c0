"""The national release path as ``submit`` runs it on a learning-point column (de-identify, release
text rules, gate), for the attack suites that plant invented values in text.

>>> alnum("HX1 2AB") == "hx12ab"
True
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import pandas as pd

from leder_insights.config import load_config
from leder_insights.deid import Deidentifier, ResidualRiskScanner
from leder_insights.deid._gate import DIRECT_KINDS
from leder_insights.jobs._release_text import release_texts
from leder_insights.release import Release

Plant = tuple[str, str, str]  # (label, text holding the secret, secret)
Released = tuple[str, str, set]  # (label, released text, direct kinds the gate found)


def alnum(s: str) -> str:
    """Letters and digits of ``s``, NFKC-folded and lower case: how a reader compares a secret."""
    return re.sub(r"[^0-9a-z]", "", unicodedata.normalize("NFKC", s).lower())


def national_release_path(key: bytes) -> Callable[[Sequence[Plant]], list[Released]]:
    """``run(plants) -> [(label, released text, direct kinds the gate found)]``, as submit does it
    (one de-identifier, release and gate scanner, built once)."""
    cfg = load_config()
    deid = Deidentifier(profile="national", key=key, config=cfg)
    rel = Release.from_config(cfg, key)
    scanner = ResidualRiskScanner(model=cfg.nlp.model, max_chars=cfg.submit.gate_window_chars)

    def run(plants: Sequence[Plant]) -> list[Released]:
        df = pd.DataFrame({"review_id": [f"P{k}" for k in range(len(plants))],
                           "learning": [text for _, text, _ in plants], "death_date": "2022-03-06"})
        out, _audit, _quar, spans = deid.deidentify_frame(df, text_columns=["learning"], id_column="review_id",
                                                         n_process=1, return_spans=True)
        out, spans = release_texts(out, ["learning"], spans, release=rel)
        texts, ids = list(out["learning"]), list(out["review_id"])
        found = scanner.scan_many(texts, [spans.get((rid, "learning"), ()) for rid in ids])
        by_id = {rid: (t, {c.kind for c in cands if c.kind in DIRECT_KINDS})
                 for rid, t, cands in zip(ids, texts, found)}
        return [(label, *by_id[f"P{k}"]) for k, (label, _, _) in enumerate(plants)]

    return run


def released(results: Sequence[Released], plants: Sequence[Plant]) -> list[tuple[str, str]]:
    """The plants whose secret is still readable in the released text and the gate did not refuse."""
    return [(label, text) for (label, text, direct), (_, _, secret) in zip(results, plants)
            if alnum(secret) in alnum(text) and not direct]
