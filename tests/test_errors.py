"""The mapping of operating-system and DuckDB errors onto numbered errors (errors.py)."""
from __future__ import annotations

import errno

import pytest

from leder_insights.errors import numbered, os_error, store_error


@pytest.mark.parametrize("err, code", [(errno.ENOSPC, "E021"), (errno.EFBIG, "E026"),
                                       (errno.EACCES, "E020"), (errno.EROFS, "E024")])
def test_os_errors_name_the_path_given_when_the_error_names_none(err, code):
    e = os_error(OSError(err, "x"), "out/reviews.csv")
    assert e.code == code and "out/reviews.csv" in str(e) and "unknown path" not in str(e)


@pytest.mark.parametrize("message, code", [
    ('TransactionContext Error: Failed to commit: Could not write file "p/x.duckdb.wal": File too large',
     "E026"),
    ('IO Error: Could not write file "p/x.duckdb": No space left on device', "E021"),
    ('IO Error: Cannot open file "p/x.duckdb": Permission denied', "E020"),
])
def test_duckdb_os_failures_become_the_same_numbered_errors(message, code):
    e = store_error(Exception(message), "p/project.duckdb")
    assert e.code == code and "p/project.duckdb" in str(e)
    # without the store path, the file DuckDB names
    assert "p/x.duckdb" in str(store_error(Exception(message)))


def test_other_duckdb_errors_do_not_repeat_quoted_values():
    import duckdb

    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as info:
        con.execute("SELECT CAST('Zorbal Quintrell' AS INTEGER)")
    e = numbered(info.value, "p/project.duckdb")
    assert e is not None and e.code == "E204" and "Zorbal" not in str(e)
    assert "p/project.duckdb" in str(e)


def test_numbered_leaves_other_exceptions_alone():
    assert numbered(ValueError("x")) is None


@pytest.mark.parametrize("message", [
    "IO Error: Could not read enough bytes from file \"p/project.duckdb\": attempted to read 4096 bytes",
    "Corrupt database file: block checksum mismatch in block 12"])
def test_store_error_for_a_damaged_store_says_restore_or_move_aside(message):
    """faults8 F3: a store cut short fails every time; "run the same command again" cannot help."""
    err = store_error(Exception(message), "p/project.duckdb")
    assert err.code == "E202"
    assert "restore it from a backup" in str(err) and "move it aside" in str(err)
    assert "run the same command again, and report" not in str(err)


def test_store_error_for_operation_not_permitted_is_a_permission_error():
    err = store_error(Exception("IO Error: Cannot open file \"p/project.duckdb\": Operation not permitted"),
                      "p/project.duckdb")
    assert err.code == "E020" and "permissions" in str(err) and "p/project.duckdb" in str(err)


def test_store_error_for_another_failure_still_says_run_again():
    err = store_error(Exception("Transaction conflict on table reviews"), "p/project.duckdb")
    assert err.code == "E204" and "run the same command again" in str(err)
