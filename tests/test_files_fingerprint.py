"""FileFingerprint: an input rewritten while a command reads it is told apart (faults7 F1, F2)."""
from __future__ import annotations

import os

import pytest

from leder_insights._files import FileFingerprint
from leder_insights.errors import InputError


@pytest.fixture
def src(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("review_id\nR1\n")
    return path


def test_fingerprint_unchanged_file_passes(src):
    fp = FileFingerprint(src)
    assert fp.changed() is None
    fp.check("Nothing was written.")


def test_fingerprint_same_size_and_mtime_new_content_is_caught_by_the_hash(src):
    fp = FileFingerprint(src)
    st = src.stat()
    src.write_text("review_id\nR2\n")  # same size
    os.utime(src, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the old modification time
    assert fp.changed(digest=False) is None  # stat alone cannot see it
    assert fp.changed() == "its content changed"


def test_fingerprint_replaced_by_rename_or_removed(src, tmp_path):
    fp = FileFingerprint(src)
    other = tmp_path / "other.csv"
    other.write_text("review_id\nR1\n")
    os.replace(other, src)
    assert fp.changed(digest=False) == "it was replaced by another file"
    src.unlink()
    assert fp.changed() == "it was removed or renamed"


def test_fingerprint_check_raises_e140_naming_the_file(src):
    fp = FileFingerprint(src)
    src.write_text("review_id\nR1\nR2\n")
    with pytest.raises(InputError, match=r"\[E140\].*in\.csv changed while it was being read.*"
                                         r"Nothing was saved\."):
        fp.check("Nothing was saved.")
