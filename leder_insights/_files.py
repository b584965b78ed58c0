"""Small file helpers shared by the writers (corpus, bundle, model metadata).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"; _ = p.write_text("abc")
>>> sha256_file(p)[:12]
'ba7816bf8f01'
"""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(Path(path), "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


__all__ = ["sha256_file"]
