"""A national bundle counts as de-identified text only when its gate released it, files unchanged."""
import json

from leder_insights._files import sha256_file
from leder_insights.explore._project import FRAMES, _released_bundle


def _bundle(tmp_path, releasable=True):
    for name in FRAMES:
        (tmp_path / name).write_bytes(name.encode())
    files = {name: sha256_file(tmp_path / name) for name in FRAMES}
    (tmp_path / "manifest.json").write_text(json.dumps({"releasable": releasable, "files": files}))
    return tmp_path


def test_project_bundle_released_and_unchanged_counts_as_deidentified(tmp_path):
    assert _released_bundle(_bundle(tmp_path))


def test_project_bundle_refused_or_changed_does_not(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    assert not _released_bundle(_bundle(a, releasable=False))
    b = tmp_path / "b"
    b.mkdir()
    _bundle(b)
    (b / FRAMES[1]).write_bytes(b"raw text put back")
    assert not _released_bundle(b)
    assert not _released_bundle(tmp_path / "nothing-here")
