"""Helper for hand-annotating the PFD de-identification gold set (``gold/``).

The annotator reads every text and writes down the identifier strings herself; this script only
does the clerical work. It never runs any detector.

Sub-commands
------------
select                      print the deterministic selection of reports (see gold/README.md)
show REF [REF ...]          print the three annotated fields of the reports
resolve NOTES [--write] [--name NAME]
                            turn a notes file into offsets; print every field with [spans] and the
                            capitalised words / digits left outside spans, for a visual check;
                            with --write, write gold/NAME.jsonl and gold/NAME_docs.json
                            (NAME: pfd_deid_dev, the default, or pfd_deid_test / pfd_deid_test2,
                             the held-out sets)

Notes file format (kept OUTSIDE the repository, it holds raw strings)::

    = 2022-0407
    PERSON: Alexander Michael BRAUND | Alex | Laurinder Bower
    ORGANIZATION: HMP Nottingham | Queens Medical Centre
    LOCATION: Nottingham
    DATE: 06 April 2020 | 30 November 2022
    AGE: aged {25}
    NOT: Nottingham Road Surgery Act

Each listed string is matched in every annotated field of that report, exact case, at word
boundaries (so ``Alex`` matches in ``Alex's`` but not in ``Alexander``). ``{...}`` marks the span
inside a longer context string. Longer strings win over shorter ones; ``NOT:`` strings occupy their
text without producing an entity (to stop a shorter string matching inside them). A line
``FIELDS: inquest circumstances`` limits the report to those fields (default: all three).

Example::

    .venv/bin/python tools/annotate_pfd.py resolve /tmp/pfd_notes.txt --write
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO.parent / "shared" / "data" / "pfd_reports.jsonl"
GOLD_DIR = REPO / "gold"
FIELDS = ("inquest", "circumstances", "concerns")
CATEGORIES = ("PERSON", "LOCATION", "ORGANIZATION", "DATE", "AGE", "ID", "CONTACT")

# --- selection ------------------------------------------------------------------------------
MIN_CHARS, MAX_CHARS = 1200, 3600
# (stratum name, how many, predicate on the report) -- applied in this order, without repeats.
_TXT = lambda r: " ".join(r[f] or "" for f in FIELDS)  # noqa: E731
_NEURO = re.compile(r"autis|\bASD\b|intellectual (?:disab|impair)|learning disab|neurodiver|"
                    r"global developmental delay|down'?s? syndrome", re.I)
# The first stratum is the reason for the gold set (LeDeR is about people with a learning
# disability and autistic people): every report mentioning them is taken, whatever its length
# (within NEURO_CHARS) and even with an empty section.
NEURO_CHARS = (300, 8500)
STRATA = [
    ("autism / learning disability / neurodivergence", 10, lambda r: _NEURO.search(_TXT(r))),
    ("care or nursing home", 5, lambda r: re.search(r"care home|nursing home|residential home",
                                                     _TXT(r), re.I)),
    ("mental health", 4, lambda r: "Mental Health" in (r["category"] or "")),
    ("hospital death", 6, lambda r: "Hospital Death" in (r["category"] or "")),
    ("suicide", 4, lambda r: "Suicide" in (r["category"] or "")),
    ("child death", 4, lambda r: "Child Death" in (r["category"] or "")),
    ("alcohol, drugs, medication", 3, lambda r: "lcohol" in (r["category"] or "")),
    ("state custody", 3, lambda r: "State Custody" in (r["category"] or "")),
    ("road", 2, lambda r: "Road" in (r["category"] or "")),
    ("emergency services", 2, lambda r: "Emergency services" in (r["category"] or "")),
    ("community health care", 1, lambda r: "Community health" in (r["category"] or "")),
    ("railway", 1, lambda r: "Railway" in (r["category"] or "")),
    ("police", 1, lambda r: "Police related" in (r["category"] or "")),
    ("accident at work", 1, lambda r: "Accident at Work" in (r["category"] or "")),
    ("product", 1, lambda r: "Product" in (r["category"] or "")),
    ("wales", 1, lambda r: "Wales" in (r["category"] or "")),
    ("other", 2, lambda r: "Other related" in (r["category"] or "")),
    ("postcode or URL/email in text", 2,
     lambda r: re.search(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|@|www\.|https?://", _TXT(r))),
]


def load_reports(path: Path = REPORTS) -> dict[str, dict]:
    """Read the reports file into a dict keyed by ref."""
    with open(path, encoding="utf-8") as fh:
        return {r["ref"]: r for r in map(json.loads, fh)}


def select(reports: dict[str, dict]) -> list[tuple[str, str]]:
    """Deterministic stratified choice: within each stratum, eligible reports in sha1(ref) order."""
    def size(r: dict) -> int:
        return sum(len(r[f] or "") for f in FIELDS)

    eligible = [r for r in reports.values()
                if all(r[f] for f in FIELDS) and MIN_CHARS <= size(r) <= MAX_CHARS]
    neuro = [r for r in reports.values() if NEURO_CHARS[0] <= size(r) <= NEURO_CHARS[1]]
    order = lambda r: hashlib.sha1(r["ref"].encode()).hexdigest()  # noqa: E731
    eligible.sort(key=order)
    neuro.sort(key=order)
    chosen: list[tuple[str, str]] = []
    seen: set[str] = set()
    for i, (name, n, pred) in enumerate(STRATA):
        pool = neuro if i == 0 else eligible
        picked = [r for r in pool if r["ref"] not in seen and pred(r)][:n]
        for r in picked:
            chosen.append((r["ref"], name))
            seen.add(r["ref"])
    return chosen


# --- notes -> spans ---------------------------------------------------------------------------
def parse_notes(path: Path) -> dict[str, dict]:
    """Parse the notes file into {ref: {"fields": [...], "items": [(category, pattern)]}}."""
    notes: dict[str, dict] = {}
    cur = None
    for lineno, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("="):
            ref = line[1:].strip()
            cur = notes.setdefault(ref, {"fields": list(FIELDS), "items": []})
            continue
        if cur is None or ":" not in line:
            sys.exit(f"notes line {lineno}: expected '= REF' or 'CATEGORY: a | b': {raw!r}")
        cat, _, rest = line.partition(":")
        cat = cat.strip().upper()
        if cat == "FIELDS":
            cur["fields"] = rest.split()
            continue
        if cat not in CATEGORIES + ("NOT",):
            sys.exit(f"notes line {lineno}: unknown category {cat!r}")
        for item in rest.split("|"):
            item = item.strip()
            if item:
                cur["items"].append((cat, item))
    return notes


def _compile(pattern: str) -> tuple[re.Pattern, int]:
    """Regex for a listed string; group 1 is the entity part (inside {...} if given)."""
    m = re.fullmatch(r"(.*?)\{(.+?)\}(.*)", pattern, re.S)
    pre, core, post = (m.group(1), m.group(2), m.group(3)) if m else ("", pattern, "")
    esc = lambda s: re.escape(s).replace(r"\ ", r"\s+")  # noqa: E731  (extraction whitespace)
    full = pre + core + post
    lb = r"(?<!\w)" if full[:1].isalnum() else ""
    rb = r"(?!\w)" if full[-1:].isalnum() else ""
    return re.compile(f"{lb}{esc(pre)}({esc(core)}){esc(post)}{rb}"), len(full)


def resolve(text: str, items: list[tuple[str, str]]) -> tuple[list[dict], set[str]]:
    """All non-overlapping occurrences, longest listed string first. Returns spans, used items."""
    taken = [False] * len(text)
    spans, used = [], set()
    compiled = sorted(((cat, item, *_compile(item)) for cat, item in items),
                      key=lambda t: -t[3])
    for cat, item, rx, _ in compiled:
        for m in rx.finditer(text):
            s, e = m.span(1)
            if any(taken[s:e]):
                continue
            used.add(item)
            for i in range(s, e):  # only the entity part: context words stay matchable
                taken[i] = True
            if cat != "NOT":
                spans.append({"start": s, "end": e, "category": cat})
    spans.sort(key=lambda d: d["start"])
    return spans, used


def sha10(s: str) -> str:
    """First 10 hex digits of sha1 of the span text."""
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:10]


_SUSPECT = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d/.:-]*)")
_COMMON = set("""I A The This That These There They He She His Her It In On At Of To For And But
As An After Before During When While Whilst Following However Mr Mrs Ms Miss Dr Professor Prof
Nurse Sister Coroner Senior Assistant Area Inquest Court Jury Investigation Record Regulation
Coroners Act Rules NHS GP ED A&E ICU CPR Police Ambulance Trust Hospital If Although Also Whilst
Further Despite Given Therefore Finally Secondly Firstly Thirdly We You Your My Our No Not Yes
MATTERS CONCERN CORONER'S CIRCUMSTANCES THE DEATH OF""".split())


def render(text: str, spans: list[dict]) -> tuple[str, list[str]]:
    """Text with [spans|CAT] and the suspicious tokens left outside spans."""
    out, pos = [], 0
    for sp in spans:
        out.append(text[pos:sp["start"]])
        out.append(f"[{text[sp['start']:sp['end']]}|{sp['category'][:3]}]")
        pos = sp["end"]
    out.append(text[pos:])
    covered = [False] * len(text)
    for sp in spans:
        for i in range(sp["start"], sp["end"]):
            covered[i] = True
    sus = [m.group(0) for m in _SUSPECT.finditer(text)
           if not covered[m.start()] and m.group(0) not in _COMMON]
    return "".join(out), sus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("select")
    p_show = sub.add_parser("show")
    p_show.add_argument("refs", nargs="+")
    p_res = sub.add_parser("resolve")
    p_res.add_argument("notes", type=Path)
    p_res.add_argument("--write", action="store_true")
    p_res.add_argument("--name", default="pfd_deid_dev", help="gold file stem under gold/")
    p_res.add_argument("--only", nargs="*", help="print only these refs")
    p_res.add_argument("--quiet", action="store_true", help="print no texts, only problems")
    args = ap.parse_args(argv)
    reports = load_reports()

    if args.cmd == "select":
        for ref, stratum in select(reports):
            r = reports[ref]
            n = sum(len(r[f]) for f in FIELDS)
            print(f"{ref}\t{n}\t{stratum}\t{r['category']}")
        return 0

    if args.cmd == "show":
        for ref in args.refs:
            r = reports[ref]
            print(f"######## {ref} | deceased={r['deceased_name']} | coroner={r['coroner_name']} | "
                  f"area={r['coroner_area']} | sent_to={r['sent_to']}")
            for f in FIELDS:
                print(f"--- {f}\n{r[f]}")
        return 0

    notes = parse_notes(args.notes)
    rows, docs, problems = [], [], 0
    for ref, note in notes.items():
        if ref not in reports:
            print(f"!! unknown ref {ref}")
            problems += 1
            continue
        used_all: set[str] = set()
        for f in note["fields"]:
            text = reports[ref][f] or ""
            if not text.strip():  # an empty section holds nothing to find; it is not a document
                continue
            spans, used = resolve(text, note["items"])
            used_all |= used
            docs.append({"ref": ref, "field": f})
            for sp in spans:
                rows.append({"ref": ref, "field": f, **sp,
                             "sha1": sha10(text[sp["start"]:sp["end"]])})
            if not args.quiet and (not args.only or ref in args.only):
                shown, sus = render(text, spans)
                print(f"######## {ref}:{f}\n{shown}\n   -- unmarked: {' '.join(sus)}\n")
        for cat, item in note["items"]:
            if item not in used_all:
                print(f"!! {ref}: listed {cat} string never matched: {item!r}")
                problems += 1
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["category"]] = counts.get(r["category"], 0) + 1
    nchars = sum(len(reports[d["ref"]][d["field"]] or "") for d in docs)
    print(f"refs={len(notes)} fields={len(docs)} chars={nchars} entities={len(rows)} {counts} "
          f"problems={problems}")
    if args.write:
        GOLD_DIR.mkdir(exist_ok=True)
        rows.sort(key=lambda r: (r["ref"], FIELDS.index(r["field"]), r["start"]))
        with open(GOLD_DIR / f"{args.name}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r) + "\n")
        docs.sort(key=lambda d: (d["ref"], FIELDS.index(d["field"])))
        (GOLD_DIR / f"{args.name}_docs.json").write_text(  # one document per line
            "[\n" + ",\n".join(json.dumps(d) for d in docs) + "\n]\n", encoding="utf-8")
        print(f"wrote {GOLD_DIR / (args.name + '.jsonl')} and {args.name}_docs.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
