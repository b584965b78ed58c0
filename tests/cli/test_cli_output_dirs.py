"""Commands writing into a directory claim it: a second command writing there at the same time
is [E029] before any work (faults F5/F6: two runs into one -o raced; the loser failed with
"(unknown path): FileNotFoundError" after a rival removed its temporary files)."""
from __future__ import annotations

import os
import secrets

import pytest

from leder_insights._files import output_dir
from leder_insights.cli import main


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "k.key"
    path.write_text(secrets.token_hex(32))
    os.chmod(path, 0o600)
    return path


@pytest.mark.parametrize("argv", [
    ["corpus", "synth", "-n", "2", "-o", "OUT"],
    ["deid", "run", "IN", "-o", "OUT", "--profile", "local", "--key-file", "KEY"],
    ["submit", "IN", "-o", "OUT", "--key-file", "KEY"],
])
def test_a_directory_being_written_is_refused(tmp_path, key, argv, capsys):
    src = tmp_path / "r.csv"
    src.write_text("review_id,pen_portrait\nR0,fine\n")
    out = tmp_path / "out"
    subs = {"IN": str(src), "OUT": str(out), "KEY": str(key)}
    with output_dir(out, command="another"):
        code = main([subs.get(a, a) for a in argv])
    err = capsys.readouterr().err
    assert code == 1 and "[E029]" in err and str(out) in err, err
    assert not out.exists()  # nothing written; the holder removed the empty directory
