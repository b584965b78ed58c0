"""_files: the overwrite guard shared by the commands that write into a directory."""
from __future__ import annotations

import pytest

from leder_insights._files import OUTPUTS_RECORD, check_overwrite, record_outputs
from leder_insights.errors import InputError


def test_a_file_the_tool_did_not_write_is_refused_unless_forced(tmp_path):
    (tmp_path / "a.csv").write_text("mine")
    with pytest.raises(InputError, match=r"\[E027\].*a\.csv"):
        check_overwrite(tmp_path, ["a.csv", "b.csv"], command="x")
    assert check_overwrite(tmp_path, ["a.csv"], force=True, command="x") == tmp_path
    assert (tmp_path / "a.csv").read_text() == "mine"  # force lets the command write; guard deletes nothing


def test_own_output_is_replaceable_until_someone_changes_it(tmp_path):
    (tmp_path / "a.csv").write_text("ours")
    record_outputs(tmp_path, ["a.csv"], command="x")
    check_overwrite(tmp_path, ["a.csv"], command="x")
    check_overwrite(tmp_path, ["a.csv"], command="y")  # another command of ours may replace it
    (tmp_path / "a.csv").write_text("edited by hand")
    with pytest.raises(InputError, match=r"\[E027\]"):
        check_overwrite(tmp_path, ["a.csv"], command="x")


def test_an_earlier_runs_files_are_not_left_beside_a_new_runs(tmp_path):
    for name in ("a.csv", "run.json"):
        (tmp_path / name).write_text(name)
    record_outputs(tmp_path, ["a.csv", "run.json"], command="deid run")
    with pytest.raises(InputError, match=r"\[E028\].*a\.csv"):
        check_overwrite(tmp_path, ["b.csv", "run.json"], command="deid run")
    assert (tmp_path / "a.csv").exists()
    check_overwrite(tmp_path, ["b.csv", "run.json"], command="other")  # not that command's files
    check_overwrite(tmp_path, ["b.csv", "run.json"], command="deid run", force=True)
    assert not (tmp_path / "a.csv").exists() and (tmp_path / "run.json").exists()
    assert "a.csv" not in (tmp_path / OUTPUTS_RECORD).read_text()


def test_a_symlink_is_never_taken_for_own_output(tmp_path):
    target = tmp_path / "elsewhere.csv"
    target.write_text("precious")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.csv").symlink_to(target)
    record_outputs(tmp_path / "out", ["a.csv"], command="x")
    with pytest.raises(InputError, match=r"\[E027\]"):
        check_overwrite(tmp_path / "out", ["a.csv"], command="x")


def test_only_files_written_since_the_start_are_recorded(tmp_path):
    import os
    import time

    old = tmp_path / "old.csv"
    old.write_text("user's")
    os.utime(old, ns=(time.time_ns() - 10**11, time.time_ns() - 10**11))
    record_outputs(tmp_path, ["old.csv"], command="x", since_ns=time.time_ns())
    with pytest.raises(InputError, match=r"\[E027\]"):
        check_overwrite(tmp_path, ["old.csv"], command="x")


def test_an_output_directory_is_claimed_by_one_command_at_a_time(tmp_path):
    from leder_insights._files import output_dir

    out = tmp_path / "out"
    with output_dir(out, ["a.csv"], command="x") as d:
        (d / "a.csv").write_text("ours")
        with pytest.raises(InputError, match=r"\[E029\]"):
            with output_dir(out, command="y"):
                pass
    with output_dir(out, ["a.csv"], command="x"):  # released, and a.csv is recorded as ours
        pass
    with output_dir(tmp_path / "unused", command="x"):
        pass
    assert not (tmp_path / "unused").exists()  # created, left empty: removed


def test_claiming_a_directory_removes_a_killed_runs_temporary_files(tmp_path):
    """faults F14: kill -9 during deid run left .tmp-<pid>-<hex>-audit.jsonl, never removed."""
    from leder_insights._files import TMP_PREFIX, output_dir

    stale = tmp_path / f"{TMP_PREFIX}123-abcd1234-audit.jsonl"
    stale.write_text("")
    (tmp_path / "keep.txt").write_text("mine")
    with output_dir(tmp_path, command="x"):
        pass
    assert not stale.exists() and (tmp_path / "keep.txt").exists()


def test_atomic_write_temporary_file_is_owner_only_and_final_file_gets_usual_mode(tmp_path):
    """faults8 O7: a temporary file a killed run leaves (a quarantine, maybe with raw values) was
    0644; it is 0600 while written, and the final file has the mode the umask gives."""
    import os
    import stat

    from leder_insights._files import TMP_PREFIX, atomic_write, remove_stale_tmp

    old = os.umask(0o022)
    try:
        target = tmp_path / "quarantine.csv"
        with atomic_write(target) as fh:
            tmps = list(tmp_path.glob(f"{TMP_PREFIX}*"))
            assert len(tmps) == 1 and stat.S_IMODE(tmps[0].stat().st_mode) == 0o600
            fh.write("_row,review_id\n")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        assert not list(tmp_path.glob(f"{TMP_PREFIX}*"))
    finally:
        os.umask(old)
    (tmp_path / f"{TMP_PREFIX}123-abcd-quarantine.csv").write_text("left by kill -9")
    assert remove_stale_tmp(tmp_path) == 1 and not list(tmp_path.glob(f"{TMP_PREFIX}*"))
