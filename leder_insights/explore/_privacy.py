"""What the room may see: residue withheld, record-level metadata generalised, no record keys.

* :func:`residue_kinds` - which learning points may still show a person (the de-identification
  gate's :class:`leder_insights.deid.ResidualRiskScanner`, plus two explorer rules for what it
  misses: initials such as "until AM was dying" and "Sunil (her nephew)");
* :func:`safe_metadata` - the review metadata shown on "Open": quasi-identifiers are dropped
  (ICB generalised to region) until at least ``threshold`` reviews share the combination shown;
  the review id never appears;
* :func:`opaque_ref` - a per-session handle for a learning point (its id embeds the review id).

Rules and word lists live in ``conf/privacy.yaml``.

>>> [k for k in residue_kinds(["until AM was dying", "a BI meeting at 10 AM", "Sunil (her nephew) helped"],
...                           use_ner=False)]
[['INITIALS'], [], ['NAME_KINSHIP']]
"""
from __future__ import annotations

import functools
import hashlib
import os
import re
import threading
from pathlib import Path
from typing import Sequence

import numpy as np
import yaml

PRIVACY_PATH = Path(__file__).with_name("conf") / "privacy.yaml"


@functools.lru_cache(maxsize=1)
def privacy_rules() -> dict:
    """The shipped rules (``conf/privacy.yaml``)."""
    rules = yaml.safe_load(PRIVACY_PATH.read_text(encoding="utf-8"))
    rules["_acronyms"] = {a.upper() for a in rules["acronyms"]}
    kin = "|".join(map(re.escape, rules["kinship"]))
    rules["_kinship_re"] = re.compile(
        rf"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*\(\s*(?:(?:his|her|their|the|a)\s+)?(?:{kin})\b[^)]*\)")
    rules["_org_re"] = re.compile(
        r"^(?:\W*\w+){0,3}?\W*\b(?:" + "|".join(map(re.escape, rules["organisation_words"])) + r")\b")
    return rules


_INITIALS = re.compile(r"(?<![\w\[\]&/\d])(?<!\d\s)([A-Z]{2,3})(?![\w\]&/])")
_scanner = None
_scanner_lock = threading.Lock()


def _get_scanner(use_ner: bool):
    global _scanner
    from ..deid import ResidualRiskScanner

    if not use_ner:
        return ResidualRiskScanner(use_ner=False)
    with _scanner_lock:        # a background warm-up (the workshop's Actions tab) and a Save load it once
        if _scanner is None:
            _scanner = ResidualRiskScanner(use_ner=True)
    return _scanner


def _explorer_rules(text: str) -> list[tuple[str, int, int]]:
    rules = privacy_rules()
    found = [("INITIALS", m.start(1), m.end(1)) for m in _INITIALS.finditer(text)
             if m.group(1) not in rules["_acronyms"]]
    found += [("NAME_KINSHIP", m.start(1), m.end(1)) for m in rules["_kinship_re"].finditer(text)]
    return found


def residue_spans(texts: Sequence[str], use_ner: bool | None = None) -> list[list[tuple[str, int, int]]]:
    """Where each text may still show a person: ``(kind, start, end)`` per candidate, in order.

    The same scanner and rules as :func:`residue_kinds` (which keeps only the kinds). ``use_ner``
    defaults to true unless ``LEDER_EXPLORE_NER=0``.

    >>> residue_spans(["Ask Mrs Zelda Quorn about it", "Ask the GP"], use_ner=False)
    [[('TITLE_NAME', 4, 13)], []]
    """
    if use_ner is None:
        use_ner = os.environ.get("LEDER_EXPLORE_NER", "1") != "0"
    rules = privacy_rules()
    texts = ["" if t is None else str(t) for t in texts]
    found = _get_scanner(use_ner).scan_many(texts)
    out = []
    for text, cands in zip(texts, found):
        spans = []
        for c in cands:
            if c.kind in ("NER_PERSON", "NER_PLACE") and rules["_org_re"].match(text[c.start:c.end + 40]):
                continue
            spans.append((c.kind, c.start, c.end))
        spans += _explorer_rules(text)
        out.append(sorted(spans, key=lambda k: (k[1], k[2], k[0])))
    return out


def residue_kinds(texts: Sequence[str], use_ner: bool | None = None) -> list[list[str]]:
    """Residual-risk kinds found in each text (sorted, distinct; ``[]`` when clean).

    Scanner candidates that look like a person but are an organisation name ("St James's
    University Hospital", kept by the local profile) are not counted. ``use_ner`` defaults to
    true unless ``LEDER_EXPLORE_NER=0``.
    """
    return [sorted({k for k, _a, _b in spans}) for spans in residue_spans(texts, use_ner)]


def withheld(residue: Sequence[Sequence[str]]) -> np.ndarray:
    """Learning points to withhold: any residue kind listed in ``withhold_kinds``."""
    bad = set(privacy_rules()["withhold_kinds"])
    return np.array([bool(bad.intersection(r or ())) for r in residue], dtype=bool)


_NUMBERED = re.compile(r"\[([A-Z][A-Z]*(?:_[A-Z]+)*)_\d+\]")


def plain_placeholders(text: str) -> tuple[str, list[int]]:
    """Numbered placeholders as plain role words, and where every old offset moved.

    A numbered token ("[PERSON_141636]") recurs in every learning point of one review and so links
    them; the room sees only the role ("[PERSON]"). Returns the new text and a list mapping each
    offset 0..len(text) of the old text to the new one (for evidence spans).

    >>> plain_placeholders("Dr [PERSON_141636] saw [PERSON_637588] on [DATE_315194].")[0]
    'Dr [PERSON] saw [PERSON] on [DATE].'
    """
    out: list[str] = []
    where: list[int] = []
    last, n = 0, 0
    for m in _NUMBERED.finditer(text):
        keep = text[last:m.start()]
        where.extend(range(n, n + len(keep)))
        n += len(keep)
        word = f"[{m.group(1)}]"
        where.extend([n] * (m.end() - m.start()))  # inside the token: its start
        out += [keep, word]
        n += len(word)
        last = m.end()
    keep = text[last:]
    where.extend(range(n, n + len(keep) + 1))
    out.append(keep)
    return "".join(out), where


_SALT = os.urandom(16)


def opaque_ref(lp_id: str) -> str:
    """A short handle for a learning point, stable within this process only (no review id).

    >>> opaque_ref("LDR-1-lp01") == opaque_ref("LDR-1-lp01") != opaque_ref("LDR-1-lp02")
    True
    """
    return "lp-" + hashlib.blake2b(str(lp_id).encode(), key=_SALT, digest_size=5).hexdigest()


def safe_metadata(codes: dict[str, np.ndarray], cats: dict[str, list[str]], row: int,
                  within: np.ndarray, threshold: int) -> dict[str, str]:
    """Quasi-identifier values of review ``row`` that at least ``threshold`` reviews share.

    ``codes``/``cats`` are per-column integer codes and category names over all reviews;
    ``within`` is the mask of reviews the viewer already knows the row belongs to (the current
    filters and drill-down). The viewer is also taken to know the row's values of the
    ``listing_filters`` columns (its ICB): a text is listed under its ICB, and a text read in one
    listing is found again in another. Columns are dropped in ``quasi_identifiers`` order (ICB is
    generalised to region) until ``(within & same ICB & same values).sum() >= threshold``, so what
    one screen shows, joined with the ICB any screen can give, is shared by ``threshold`` reviews;
    and a narrower ``within`` only ever shows a subset of what the whole data would (one drop
    order), so no two screens add up to more. Returns ``{column: value}`` of what may be shown.
    """
    rules = privacy_rules()
    order = [c for c in rules["quasi_identifiers"] if c in codes]
    known = within.copy()
    for c in rules.get("listing_filters", []):
        if c in codes:
            known &= codes[c] == codes[c][row]
    keep = list(order)
    while True:
        same = known.copy()
        for c in keep:
            same &= codes[c] == codes[c][row]
        if same.sum() >= threshold or not keep:
            break
        dropped = keep.pop(0)
        wider = rules["generalise"].get(dropped)
        if wider in codes and wider not in keep:
            keep.append(wider)
    return {c: cats[c][codes[c][row]] for c in order + [w for w in rules["generalise"].values()
                                                          if w not in order] if c in keep}


__all__ = ["plain_placeholders", "residue_kinds", "residue_spans", "withheld", "safe_metadata", "opaque_ref", "privacy_rules", "PRIVACY_PATH"]
