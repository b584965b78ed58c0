"""The release's text policy (``text: full | learning_points | none``): what each option costs in
privacy, on synthetic reviews (issue 11, attacker 2's F-text findings).

Usage::

    .venv/bin/python benchmarks/release_text_policy.py [--n 200] [--overlap 100] [--seed 11]
                                                      [--out DIR] [--json]

Synthesises ``n`` reviews and builds, for each policy, two national bundles with ``submit``'s
``build_submission`` (national profile, real de-identifier and theme model, one process): release
A of the first ``(n + overlap) / 2`` reviews and release B of the last ones (``overlap`` reviews
in both), each under its **own random key** (as two submission rounds with rotated keys). The
policy is set by a copy of the shipped schema with only its ``text:`` line changed. Then:

* **singling out** (:func:`release_text_qi.singling_out`): share of the records of each release
  singled out by one sentence of their released text plus age band and sex, or all released QIs;
* **linkage** (:func:`release_linkage.two_releases`): share of the shared reviews that an attacker
  links correctly between A and B on the text cells, learning points, theme profiles or any of
  them.

Prints a table per policy (and JSON with ``--json``) and the CPU time of each build. Synthetic
text is written from templates, so more of its sentences repeat than in real reviews: the
singling-out shares are a lower bound for real text.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from release_linkage import two_releases  # noqa: E402
from release_text_qi import singling_out  # noqa: E402

POLICIES = ("full", "learning_points", "none")


def _schema_with(policy: str, where: Path) -> Path:
    """A copy of the shipped schema directory whose national schema says ``text: policy``."""
    from leder_insights.release._schema import SCHEMA_DIR

    target = where / f"schemas-{policy}"
    shutil.copytree(SCHEMA_DIR, target)
    path = target / "national.yaml"
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"\ntext: \w+", f"\ntext: {policy}", text, count=1)
    assert re.search(rf"\ntext: {policy}\b", new), "the shipped schema declares text:"
    path.write_text(new, encoding="utf-8")
    return path


def run(n: int, overlap: int, seed: int, out: Path, reuse: bool = False) -> dict:
    from leder_insights.config import load_config
    from leder_insights.corpus import synthesize
    from leder_insights.deid import write_key_file
    from leder_insights.jobs import build_submission

    reviews = synthesize(n_reviews=n, seed=seed).reviews
    size = (n + overlap) // 2
    parts = {"a": reviews.iloc[:size], "b": reviews.iloc[n - size:]}
    sources, keys = {}, {}
    for tag, part in parts.items():
        sources[tag] = out / f"source_{tag}.csv"
        part.to_csv(sources[tag], index=False)
        keys[tag] = out / f"key_{tag}.txt"
        if not keys[tag].exists():
            write_key_file(keys[tag])
    result: dict = {"n": n, "overlap": overlap, "seed": seed, "release_sizes": size, "policies": {}}
    for policy in POLICIES:
        schema = (out / f"schemas-{policy}" / "national.yaml"
                  if reuse and (out / f"schemas-{policy}").exists() else _schema_with(policy, out))
        cfg = load_config(release={"schema": str(schema)})
        bundles, cpu = {}, {}
        for tag in parts:
            bundles[tag] = out / f"bundle_{policy}_{tag}"
            if reuse and (bundles[tag] / "manifest.json").exists():
                cpu[tag] = None
                continue
            t = time.process_time()
            res = build_submission(sources[tag], bundles[tag],
                                   key=keys[tag].read_text(encoding="utf-8").strip().encode(),
                                   config=cfg, n_process=1)
            cpu[tag] = round(time.process_time() - t, 1)
            if not res.releasable:
                raise SystemExit(f"{policy} {tag}: the release was refused; see {bundles[tag]}")
        from leder_insights.deid import load_key

        result["policies"][policy] = {
            "cpu_seconds": cpu,
            "singling_out": {tag: singling_out(bundles[tag])["sets"] for tag in bundles},
            "linkage": two_releases(bundles["a"], sources["a"], load_key(keys["a"]),
                                    bundles["b"], sources["b"], load_key(keys["b"]))["channels"],
        }
    return result


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--overlap", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the bundles already in --out instead of building them again")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="text-policy-"))
    out.mkdir(parents=True, exist_ok=True)
    result = run(args.n, args.overlap, args.seed, out, reuse=args.reuse)
    if args.json:
        print(json.dumps(result, indent=2))
        return result
    print(f"{args.n} synthetic reviews (seed {args.seed}), two releases of {result['release_sizes']} "
          f"sharing {args.overlap}, different keys; bundles in {out}")
    for policy, r in result["policies"].items():
        print(f"\ntext: {policy}   (build CPU s: {r['cpu_seconds']})")
        for name in r["singling_out"]["a"]:
            a, b = r["singling_out"]["a"][name], r["singling_out"]["b"][name]
            print(f"  singled out, {name:40s} A {a['share']:6.1%}  B {b['share']:6.1%}")
        for ch, lk in r["linkage"].items():
            print(f"  linked A-B on {ch:16s} {lk['links_correct']:4d} correct of {lk['links_made']:4d} "
                  f"made ({lk['share_of_shared']:.1%} of {args.overlap} shared)")
    return result


if __name__ == "__main__":
    main()
