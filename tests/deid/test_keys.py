"""The pseudonym key: loading, generating, and never showing it."""
import os
import pickle
import stat

import pytest

from leder_insights.deid import Deidentifier, PseudonymKey, load_key, write_key_file
from leder_insights.errors import ConfigError, InputError
from test_deidentifier_fake import FakeDetector

SECRET = "f3a9c0d2e1b4a7968574a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2"


def test_keys_load_from_file_matches_stripped_text(tmp_path):
    path = tmp_path / "deid.key"
    path.write_text(SECRET + "\n")
    key = load_key(path, env_var=None)
    assert key == PseudonymKey(path.read_text().strip().encode())
    assert key.source == "file:deid.key" and not key.ephemeral


def test_keys_load_from_environment(monkeypatch):
    monkeypatch.setenv("LEDER_TEST_KEY", SECRET)
    key = load_key(None, env_var="LEDER_TEST_KEY")
    assert key == PseudonymKey(SECRET.encode())
    assert key.source == "env:LEDER_TEST_KEY"


def test_keys_file_takes_precedence_over_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDER_TEST_KEY", "e" * 40)
    path = tmp_path / "k"
    path.write_text(SECRET)
    assert load_key(path, env_var="LEDER_TEST_KEY") == PseudonymKey(SECRET.encode())


def test_keys_absent_gives_none(monkeypatch):
    monkeypatch.delenv("LEDER_TEST_KEY", raising=False)
    assert load_key(None, env_var="LEDER_TEST_KEY") is None


@pytest.mark.parametrize("secret", ["q7Zx9", "0123456789abcde", "   Wv8kPq2   "])
def test_keys_too_short_raises_e302_without_the_key(tmp_path, secret):
    path = tmp_path / "k"
    path.write_text(secret)
    with pytest.raises(ConfigError, match=r"\[E302\]") as info:
        load_key(path, env_var=None)
    assert secret.strip() not in str(info.value)


def test_keys_missing_file_raises_e101(tmp_path):
    with pytest.raises(InputError, match=r"\[E101\]"):
        load_key(tmp_path / "nope.key", env_var=None)


def test_keys_write_key_file_is_owner_only_random_and_not_overwritten(tmp_path):
    a, b = tmp_path / "a.key", tmp_path / "b.key"
    write_key_file(a)
    write_key_file(b)
    assert stat.S_IMODE(os.stat(a).st_mode) == 0o600
    text = a.read_text().strip()
    assert len(text) == 64 and int(text, 16) >= 0
    assert text != b.read_text().strip()
    with pytest.raises(InputError, match=r"\[E305\]"):
        write_key_file(a)
    assert a.read_text().strip() == text
    write_key_file(a, overwrite=True)
    assert a.read_text().strip() != text
    assert stat.S_IMODE(os.stat(a).st_mode) == 0o600


def test_keys_repr_str_and_pickle_never_show_the_key():
    key = PseudonymKey(SECRET.encode(), source="argument")
    for shown in (repr(key), str(key), f"{key}"):
        assert SECRET not in shown and SECRET[:16] not in shown
    clone = pickle.loads(pickle.dumps(key))
    assert clone == key and clone.digest("x", "y") == key.digest("x", "y")


def test_keys_deidentifier_repr_hides_key():
    deid = Deidentifier(profile="national", key=SECRET.encode(), detector=FakeDetector())
    assert SECRET not in repr(deid) and SECRET[:16] not in repr(deid)
    assert "keyed" in repr(deid)
    assert SECRET not in str(deid.model_info) and deid.model_info["key_mode"] == "keyed"


def test_keys_national_profile_requires_a_key(monkeypatch):
    monkeypatch.delenv("LEDER_DEID_KEY", raising=False)
    with pytest.raises(ConfigError, match=r"\[E301\]"):
        Deidentifier(profile="national", detector=FakeDetector())


def test_keys_national_profile_rejects_short_key():
    with pytest.raises(ConfigError, match=r"\[E302\]") as info:
        Deidentifier(profile="national", key=b"tooshortkey", detector=FakeDetector())
    assert "tooshortkey" not in str(info.value)


def test_keys_environment_key_is_used_by_deidentifier(monkeypatch):
    monkeypatch.setenv("LEDER_DEID_KEY", SECRET)
    a = Deidentifier(profile="national", detector=FakeDetector())
    b = Deidentifier(profile="national", key=SECRET.encode(), detector=FakeDetector())
    text = "Mrs Karen Smith was seen."
    assert a.key_mode == "keyed"
    assert a.deidentify(text, doc_key="r1").text == b.deidentify(text, doc_key="r1").text


def test_keys_local_profile_without_key_is_ephemeral_and_says_so(monkeypatch):
    from leder_insights.deid import _keys

    monkeypatch.delenv("LEDER_DEID_KEY", raising=False)
    text = "Mrs Karen Smith was seen."
    a = Deidentifier(profile="local", detector=FakeDetector())
    b = Deidentifier(profile="local", detector=FakeDetector())
    res = a.deidentify(text, doc_key="r1")
    assert a.key_mode == "ephemeral" and res.audit["key_mode"] == "ephemeral"
    assert "only within this run" in res.audit["key_note"]
    # within one process (one run) keyless pseudonyms agree ...
    assert res.text == b.deidentify(text, doc_key="r1").text
    # ... and a new process (simulated: a new process key) gives unlinkable ones
    monkeypatch.setattr(_keys, "_PROCESS_KEY", None)
    c = Deidentifier(profile="local", detector=FakeDetector())
    assert c.deidentify(text, doc_key="r1").text != res.text


def test_keys_keygen_command_writes_private_key_and_prints_no_key(tmp_path):
    import contextlib
    import io

    from leder_insights.cli import main

    def keygen():
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["deid", "keygen", "-o", str(path)])
        return code, out.getvalue()

    path = tmp_path / "new.key"
    code, output = keygen()
    assert code == 0, output
    key_text = path.read_text().strip()
    assert key_text not in output
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    code, output = keygen()
    assert code == 1 and "E305" in output
    assert path.read_text().strip() == key_text


@pytest.mark.parametrize("overwrite", [False, True])
def test_keys_write_key_file_failing_write_leaves_no_empty_key_and_keeps_the_old(
        tmp_path, monkeypatch, overwrite):
    """faults6 F09: a failed write left a 0-byte key ('(unknown path)'); --force deleted the old
    key before writing the new one."""
    import errno

    from leder_insights import errors

    path = tmp_path / "k.key"
    if overwrite:
        write_key_file(path)
    old = path.read_bytes() if overwrite else None
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd, *a, **kw):
            self.fh = real_fdopen(fd, *a, **kw)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    with pytest.raises(OSError) as info:
        write_key_file(path, overwrite=overwrite)
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert info.value.filename == str(path)
    message = str(errors.numbered(info.value))
    assert "[E021]" in message and str(path) in message and "unknown path" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == (["k.key"] if overwrite else [])
    assert (path.read_bytes() == old) if overwrite else not path.exists()
