"""How many synthetic reviews keep a planted person name after national de-identification.

``N`` reviews are made with the project's generator (:func:`leder_insights.corpus.synthesize`) from
a seed no test or development run uses (default 6061), de-identified with the ``national``
profile (all free-text columns of a review together, as the submission does), and every name
token of every PERSON span the generator planted in the review (first names, surnames, both
parts of a double-barrelled surname, nicknames; initials of up to three capitals are left out) is
looked for, whole word and in any case, in every de-identified text field of that review. A token
"survives" when it occurs there more often than it occurs outside PERSON spans in the original
text (so "Will" is not a leak of the surname Will when the review also says "will"), not counting
what the replacements wrote (a date shifted into "June" is not a leak of the name June).

Examples are printed as *shapes* only (each letter ``a``/``A``, digit ``9``): the point is the
pattern, not the name.

Usage::

    .venv/bin/python benchmarks/deid_synthetic_leaks.py [--n-reviews 200] [--seed 6061] [--examples 15]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

_TOKEN = re.compile(r"[^\W\d_][\w'’]*")
_KEY = b"synthetic-leak-benchmark-key-not-secret"


def shape(s: str) -> str:
    """Letters and digits as their class, everything else as written.

    >>> shape("Kim said 07")
    'Aaa aaaa 99'
    """
    return re.sub(r"[a-z]", "a", re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", s)))


def name_tokens(span_text: str) -> set[str]:
    """Name tokens of one planted PERSON span (initials of up to three capitals left out).

    >>> sorted(name_tokens("Karen Lowe-Smith"))
    ['Karen', 'Lowe', 'Smith']
    >>> sorted(name_tokens("JS"))
    []
    """
    out = set()
    for tok in _TOKEN.findall(span_text.replace("-", " ")):
        tok = re.sub(r"['’]s?$", "", tok)
        if len(tok) < 2 or (tok.isupper() and len(tok) <= 3):
            continue
        out.add(tok)
    return out


def _count(text: str, token: str, skip: list[tuple[int, int]] = ()) -> int:
    rx = re.compile(r"(?<![\w])" + re.escape(token) + r"(?![\w])", re.IGNORECASE)
    return sum(1 for m in rx.finditer(text or "") if not any(a <= m.start() < b for a, b in skip))


def _context(text: str, token: str) -> str:
    m = re.search(r"(?<![\w])" + re.escape(token) + r"(?![\w])", text, re.IGNORECASE)
    if m is None:
        return ""
    return text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-reviews", type=int, default=200)
    ap.add_argument("--seed", type=int, default=6061, help="not a test or development seed")
    ap.add_argument("--examples", type=int, default=15, help="leaks shown (as shapes)")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--raw", action="store_true", help="show the synthetic contexts as written (local use)")
    ap.add_argument("--lower", default="", metavar="COLUMN",
                    help="type this free-text column (or 'all') in lower case first, as some reviewers do")
    args = ap.parse_args(argv)

    from leder_insights import schema
    from leder_insights.corpus import synthesize
    from leder_insights.deid import Deidentifier

    corpus = synthesize(args.n_reviews, args.seed)
    reviews = corpus.reviews
    cols = [c for c in schema.FREE_TEXT_COLUMNS if c in reviews.columns]
    for c in (cols if args.lower == "all" else [args.lower] if args.lower else []):
        # str.lower keeps the length of these texts, so the planted offsets still hold
        reviews[c] = [t.lower() if isinstance(t, str) and len(t.lower()) == len(t) else t for t in reviews[c]]
    deid = Deidentifier(profile="national", key=_KEY)
    t0 = time.process_time()
    out, _audit, quarantine, spans = deid.deidentify_frame(reviews, cols, id_column="review_id",
                                                           n_process=args.n_process, return_spans=True)
    cpu = time.process_time() - t0
    if len(quarantine):
        print(f"{len(quarantine)} reviews quarantined (not counted as leaks)")
    src = reviews.set_index("review_id")
    dst = out.set_index("review_id")
    persons = corpus.entities[corpus.entities["category"] == "PERSON"]
    by_review: dict[str, dict[str, list]] = {}
    for row in persons.itertuples():
        by_review.setdefault(row.review_id, {}).setdefault(row.field, []).append((row.start, row.end, row.text))

    leaked_reviews, n_tokens, n_leaked, kinds = 0, 0, 0, Counter()
    examples = []
    for rid, fields in by_review.items():
        if rid not in dst.index:
            continue
        tokens = {t.lower() for spans in fields.values() for _, _, x in spans for t in name_tokens(x)}
        n_tokens += len(tokens)
        leaked = []
        for tok in sorted(tokens):
            allowed = sum(_count(src.at[rid, c], tok, [(s, t) for s, t, _ in fields.get(c, [])]) for c in cols)
            # what a replacement wrote (a shifted date's month, "June") is not a survivor
            kept = sum(_count(dst.at[rid, c], tok, spans.get((rid, c), [])) for c in cols)
            if kept > allowed:
                where = next(c for c in cols if _count(dst.at[rid, c], tok, spans.get((rid, c), [])))
                leaked.append((tok, where))
        if leaked:
            leaked_reviews += 1
            n_leaked += len(leaked)
            for tok, where in leaked:
                ctx = _context(dst.at[rid, where], tok)
                kind = "lower-case" if re.search(r"(?<![\w])" + re.escape(tok.lower()) + r"(?![\w])", ctx) \
                    else "capitalised"
                kinds[kind] += 1
                if len(examples) < args.examples:
                    show = (lambda x: x) if args.raw else shape
                    examples.append(f"  {where}: ...{show(ctx)}...  [token {show(tok)}]")
    n = len(by_review)
    print(f"{args.n_reviews} synthetic reviews (seed {args.seed}{', ' + args.lower + ' in lower case' if args.lower else ''}), "
          f"national profile; {n} with planted names, "
          f"{n_tokens} planted name tokens")
    print(f"reviews with a surviving planted name: {leaked_reviews} of {n} ({leaked_reviews / max(n, 1):.1%}); "
          f"surviving tokens: {n_leaked} ({dict(kinds)})")
    print(f"de-identification CPU {cpu:.1f} s")
    if examples:
        print("examples (shapes):")
        print("\n".join(examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
