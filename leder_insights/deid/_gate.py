"""Residual-risk gate: an independent second pass over de-identified output.

The main detector is Presidio + our recognizers + a name-propagation pass. The gate is built
differently on purpose, so that it does not share the main detector's blind spots: plain
regular expressions written separately (no Presidio, no context scoring) plus spaCy's own NER
with no post-processing (only the allow-list of clinical terms, medicines and national bodies is
shared with the main detector, so "dysphagia" tagged as a place does not count). It ignores what the de-identifier put there itself (placeholders such
as ``[PERSON_3]`` and the spans of surrogates or shifted dates), and counts what remains that
looks like an identifier. Above a threshold (candidates per 1,000 words) output is not releasable.

>>> scanner = ResidualRiskScanner(use_ner=False)
>>> [c.kind for c in scanner.scan("Seen by Dr Okafor on 12/03/2021; [PERSON_1] was 54 years old.")]
['TITLE_NAME', 'DATE', 'AGE']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..nhs_number import nhs_checksum_ok

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
           r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")

#: kind -> pattern; each is deliberately simple and independent of the main recognizers
_PATTERNS: dict[str, re.Pattern] = {
    "EMAIL": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    "URL": re.compile(r"\b(?:https?://|www\.)\S+", re.I),
    "PHONE": re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?\s?\d{2,4}|\(?0\d{2,4}\)?)[\s-]?\d{3}[\s-]?\d{3,4}(?![\w/])"),
    "NHS_NUMBER": re.compile(r"(?<!\d)\d{3}[\s-]?\d{3}[\s-]?\d{4}(?!\d)"),
    "NI_NUMBER": re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
    "POSTCODE": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b"),
    "DATE": re.compile(
        rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+\d{{4}})?"
        rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"
        rf"|\b{_MONTHS}\s+\d{{4}}\b"),
    "AGE": re.compile(r"\baged\s+\d{1,3}\b|\b\d{1,3}[\s-]years?[\s-]old\b|\bage\s+\d{1,3}\b", re.I),
    "TITLE_NAME": re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Nurse|Sister)\.?\s+[A-Z][a-zA-Z'-]+"),
}
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*_\d+\]|\[[A-Z][A-Z_]*\]")
_TITLE_ONLY = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Nurse|Sister|Sir|Dame)\.?$")
_NER_KINDS = {"PERSON": "NER_PERSON", "GPE": "NER_PLACE", "LOC": "NER_PLACE", "FAC": "NER_PLACE"}
#: words that are never a residual identifier even when NER tags them (national bodies, eponyms)
_NER_IGNORE = re.compile(
    r"^(?:NHS|CQC|NICE|England|Wales|UK|United Kingdom|Britain|LeDeR|ICB|GP|SALT|NEWS2|DNACPR|ReSPECT|"
    r"IMCA|DoLS|PEG|SUDEP|STOMP|Down|Down's|Parkinson|Parkinson's|Alzheimer|Alzheimer's|Crohn|Crohn's|"
    r"Angelman|Oliver McGowan|Mental Capacity Act|Equality Act|Care Act|Mental Health Act)$", re.I)


@dataclass(frozen=True)
class Candidate:
    """A remaining identifier candidate: offsets and kind only, never the text."""

    start: int
    end: int
    kind: str


_nhs_checksum_ok = nhs_checksum_ok  # the package's one modulus-11 helper


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


class ResidualRiskScanner:
    """Count identifier candidates left in de-identified text.

    Parameters
    ----------
    use_ner : bool
        Also run spaCy NER (PERSON, GPE, LOC, FAC) on the text.
    model : str, optional
        spaCy model name or path; defaults to the configured model.
    """

    def __init__(self, use_ner: bool = True, model: str | None = None):
        self.use_ner = use_ner
        self.model = model
        self._nlp = None
        self._allow = None

    def _ner(self):
        if self._nlp is None:
            from ..nlp import load_spacy

            self._nlp = load_spacy(self.model, disable=("parser", "lemmatizer", "attribute_ruler",
                                                        "tagger"))
        return self._nlp

    def _regex_candidates(self, text: str) -> list[Candidate]:
        out = []
        for kind, pattern in _PATTERNS.items():
            for m in pattern.finditer(text):
                if kind == "NHS_NUMBER" and not _nhs_checksum_ok(re.sub(r"\D", "", m.group())):
                    continue
                out.append(Candidate(m.start(), m.end(), kind))
        return out

    def _allowed(self, text: str, start: int, end: int) -> bool:
        """Clinical terms, medicines, eponyms, national bodies: the versioned allow-list."""
        if self._allow is None:
            from ._allow_list import load_allow_list

            self._allow = load_allow_list()
        return self._allow.is_allowed_text(text[start:end]) or self._allow.covers(text, start, end)

    def _ner_candidates(self, doc) -> list[Candidate]:
        out = []
        text = doc.text
        for ent in doc.ents:
            kind = _NER_KINDS.get(ent.label_)
            words = ent.text.strip()
            if kind is None or _NER_IGNORE.match(words) or _TITLE_ONLY.match(words):
                continue
            if not any(ch.isupper() for ch in words):  # names and places are capitalised
                continue
            if words.isupper() and len(words) <= 5:  # acronyms
                continue
            if self._allowed(text, ent.start_char, ent.end_char):
                continue
            out.append(Candidate(ent.start_char, ent.end_char, kind))
        return out

    def _filter(self, text: str, cands: Iterable[Candidate],
                exclude: Sequence[tuple[int, int]]) -> list[Candidate]:
        skip = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)] + list(exclude)
        kept: list[Candidate] = []
        for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
            if _overlaps(c.start, c.end, skip):
                continue
            if kept and c.start < kept[-1].end:  # one candidate per stretch of text
                continue
            kept.append(c)
        return kept

    def scan(self, text: str, exclude_spans: Sequence[tuple[int, int]] = ()) -> list[Candidate]:
        """Candidates in ``text``, ignoring placeholders and ``exclude_spans`` (replacements)."""
        if not text:
            return []
        cands = self._regex_candidates(text)
        if self.use_ner:
            cands += self._ner_candidates(self._ner()(text))
        return self._filter(text, cands, exclude_spans)

    def scan_many(self, texts: Sequence[str],
                  exclude_spans: Sequence[Sequence[tuple[int, int]]] | None = None,
                  batch_size: int = 64) -> list[list[Candidate]]:
        """Like :meth:`scan` over many texts (NER batched with ``nlp.pipe``)."""
        exclude_spans = exclude_spans or [()] * len(texts)
        docs = (self._ner().pipe((t or "" for t in texts), batch_size=batch_size)
                if self.use_ner else (None for _ in texts))
        out = []
        for text, doc, excl in zip(texts, docs, exclude_spans):
            text = text or ""
            cands = self._regex_candidates(text)
            if doc is not None:
                cands += self._ner_candidates(doc)
            out.append(self._filter(text, cands, excl))
        return out


def words(text: str) -> int:
    """Word count used for rates (whitespace tokens)."""
    return len(text.split()) if text else 0


@dataclass
class GateResult:
    """The gate's verdict: counts per kind, rate per 1,000 words and whether output may be released."""

    n_candidates: int
    n_words: int
    per_kind: dict
    threshold_per_1k_words: float

    @property
    def rate_per_1k_words(self) -> float:
        return 1000.0 * self.n_candidates / self.n_words if self.n_words else 0.0

    @property
    def releasable(self) -> bool:
        return self.rate_per_1k_words <= self.threshold_per_1k_words

    def to_dict(self) -> dict:
        return {"n_candidates": self.n_candidates, "n_words": self.n_words,
                "rate_per_1k_words": round(self.rate_per_1k_words, 4), "per_kind": dict(self.per_kind),
                "threshold_per_1k_words": self.threshold_per_1k_words, "releasable": self.releasable}


def gate_verdict(candidates: Iterable[Sequence[Candidate]], n_words: int,
                 threshold_per_1k_words: float) -> GateResult:
    """Combine per-document candidates into a :class:`GateResult`."""
    per_kind: dict[str, int] = {}
    n = 0
    for doc in candidates:
        for c in doc:
            per_kind[c.kind] = per_kind.get(c.kind, 0) + 1
            n += 1
    return GateResult(n, n_words, dict(sorted(per_kind.items())), threshold_per_1k_words)


__all__ = ["ResidualRiskScanner", "Candidate", "GateResult", "gate_verdict", "words"]
