"""The pseudonym key: loading, generating, and keyed hashing that never reveals the key.

Pseudonyms (placeholder numbers, surrogate names, date offsets) are derived with HMAC-SHA256 from a
secret key, so the same key and the same normalised value always give the same pseudonym, and
nobody without the key can recompute them. The key is read from a file (``--key-file``) or an
environment variable (``LEDER_DEID_KEY``). It is never written to an output, a log, a ``repr``, an
audit record or an exception message.

>>> key = PseudonymKey(b"0123456789abcdef0123456789abcdef", source="argument")
>>> key
PseudonymKey(source='argument', ephemeral=False)
>>> names = ["Ann", "Beth", "Cara"]
>>> key.choice("first", "karen", names) == key.choice("first", "karen", names)
True
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Sequence

from ..errors import ConfigError, Errors, InputError

MIN_KEY_BYTES = 16
_PROCESS_KEY = None


class PseudonymKey:
    """A secret HMAC key with a redacted ``repr`` and deterministic derivations.

    Parameters
    ----------
    secret : bytes
        The key material (at least ``min_bytes`` bytes).
    source : str
        Where it came from (``file``, ``env:LEDER_DEID_KEY``, ``argument``, ``ephemeral``); recorded
        in audits instead of the key.
    ephemeral : bool
        True for a per-process random key (pseudonyms consistent only within the run).

    Examples
    --------
    >>> k = PseudonymKey(b"k" * 32, source="argument")
    >>> 1 <= k.integer("x", "y", 10) <= 10
    True
    """

    __slots__ = ("_secret", "source", "ephemeral")

    def __init__(self, secret: bytes, source: str = "argument", ephemeral: bool = False,
                 min_bytes: int = MIN_KEY_BYTES):
        if isinstance(secret, str):
            secret = secret.encode("utf-8")
        if not isinstance(secret, (bytes, bytearray)):
            raise ConfigError(Errors.E302, source=source, n="an unsupported type of")
        secret = bytes(secret).strip()
        if len(secret) < min_bytes:
            raise ConfigError(Errors.E302, source=source, n=len(secret))
        self._secret = secret
        self.source = source
        self.ephemeral = ephemeral

    @classmethod
    def random(cls) -> "PseudonymKey":
        """A fresh random key (never stored)."""
        return cls(secrets.token_bytes(32), source="ephemeral", ephemeral=True)

    @classmethod
    def process_key(cls) -> "PseudonymKey":
        """The random key of this process, shared by every keyless local ``Deidentifier`` in it,
        so pseudonyms agree within a run (and differ between runs)."""
        global _PROCESS_KEY
        if _PROCESS_KEY is None:
            _PROCESS_KEY = cls.random()
        return _PROCESS_KEY

    def __repr__(self) -> str:
        return f"PseudonymKey(source={self.source!r}, ephemeral={self.ephemeral})"

    __str__ = __repr__

    def __reduce__(self):  # picklable for worker processes, still without showing the key in repr
        return (PseudonymKey, (self._secret, self.source, self.ephemeral))

    def __eq__(self, other) -> bool:
        return isinstance(other, PseudonymKey) and hmac.compare_digest(self._secret, other._secret)

    def __hash__(self) -> int:
        return hash(self.digest("__hash__", ""))

    def digest(self, purpose: str, value: str) -> bytes:
        """HMAC-SHA256 of ``purpose`` and ``value`` (the purpose separates independent uses)."""
        msg = purpose.encode("utf-8") + b"\x1f" + value.encode("utf-8", "surrogatepass")
        return hmac.new(self._secret, msg, hashlib.sha256).digest()

    def integer(self, purpose: str, value: str, n: int, salt: int = 0) -> int:
        """A deterministic integer in ``[1, n]``; ``salt`` gives further independent draws."""
        d = self.digest(purpose, value if not salt else f"{value}\x1e{salt}")
        return int.from_bytes(d[:8], "big") % n + 1

    def choice(self, purpose: str, value: str, options: Sequence, salt: int = 0):
        """A deterministic element of ``options`` for ``value``."""
        return options[self.integer(purpose, value, len(options), salt) - 1]


def generate_key() -> str:
    """A new random key as 64 hex characters (32 bytes of entropy).

    >>> len(generate_key())
    64
    """
    return secrets.token_hex(32)


def write_key_file(path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Write a new random key to ``path`` with owner-only permissions (0600). Returns the path.

    The key itself is never returned or printed. Refuses to replace an existing file unless
    ``overwrite`` is true (a lost key cannot be recreated; pseudonyms would change). Atomic: the
    key goes to an owner-only temporary file beside ``path``, is fsync'd and renamed over it, so
    a failed write (disk full, file-size limit) leaves no empty key and, with ``overwrite``, the
    old key in place; the numbered error names ``path``.

    >>> import tempfile, pathlib
    >>> p = write_key_file(pathlib.Path(tempfile.mkdtemp()) / "k.key")
    >>> oct(p.stat().st_mode & 0o777), len(p.read_text().strip()) >= 32
    ('0o600', True)
    """
    from .._files import name_the_file, publish, tmp_name

    path = Path(path)
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise InputError(Errors.E305, path=path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(generate_key() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        if not overwrite and (path.exists() or path.is_symlink()):  # appeared meanwhile
            raise InputError(Errors.E305, path=path)
        publish(tmp, path)
    except BaseException as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        name_the_file(exc, path, tmp)
        raise
    return path


def _warn_if_readable_by_others(path: Path) -> None:
    """A key readable by group or others gets a numbered warning (E310), never a refusal."""
    import stat
    import warnings

    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if os.name == "posix" and mode & 0o077:
        warnings.warn(str(InputError(Errors.E310, path=path, mode=f"{mode:04o}")), UserWarning,
                      stacklevel=3)


def load_key(key_file: str | os.PathLike | None = None, env_var: str | None = "LEDER_DEID_KEY", *,
             min_bytes: int = MIN_KEY_BYTES) -> PseudonymKey | None:
    """Load the pseudonym key from ``key_file``, else from the environment variable ``env_var``.

    The file's text (surrounding whitespace removed) is the key, so a key written by
    :func:`write_key_file` and the bytes ``Path(f).read_text().strip().encode()`` give the same
    pseudonyms. Returns ``None`` when neither is given; raises ``[E302]`` for a key that is too
    short and ``[E101]`` for a missing file (messages never contain the key).

    Examples
    --------
    >>> load_key(None, env_var="LEDER_TEST_UNSET_VARIABLE") is None
    True
    """
    if key_file is not None:
        path = Path(key_file)
        if path.is_dir():
            raise InputError(Errors.E022, path=path)
        if not path.is_file():
            raise InputError(Errors.E101, path=path)
        _warn_if_readable_by_others(path)
        try:
            secret = path.read_bytes().strip()
        except OSError as exc:
            raise InputError(Errors.E306, path=path, reason=type(exc).__name__) from None
        _refuse_low_entropy(secret, f"file:{path.name}")
        return PseudonymKey(secret, source=f"file:{path.name}", min_bytes=min_bytes)
    if env_var and os.environ.get(env_var):
        secret = os.environ[env_var].encode("utf-8")
        _refuse_low_entropy(secret, f"env:{env_var}")
        return PseudonymKey(secret, source=f"env:{env_var}", min_bytes=min_bytes)
    return None


def _refuse_low_entropy(secret: bytes, source: str) -> None:
    """``[E311]`` for a user-supplied key that is obviously not random: one byte repeated, or a
    pattern of up to 8 bytes repeated (``aaaa…``, ``abab…``, ``12345678…``), or fewer than 4
    distinct byte values. The message never shows the key.

    >>> try:
    ...     _refuse_low_entropy(b"a" * 32, "env:LEDER_DEID_KEY")
    ... except Exception as exc:
    ...     print(str(exc)[:6])
    [E311]
    """
    s = bytes(secret)
    if not s:
        return
    distinct = len(set(s))
    repeated = any(len(s) >= 2 * p and s == (s[:p] * (len(s) // p + 1))[:len(s)] for p in range(1, 9))
    if repeated or distinct < 4:
        raise ConfigError(Errors.E311, source=source, n=distinct)


def as_key(key, *, min_bytes: int = MIN_KEY_BYTES) -> PseudonymKey | None:
    """Accept ``bytes``, ``str``, a :class:`PseudonymKey` or ``None``."""
    if key is None or isinstance(key, PseudonymKey):
        return key
    return PseudonymKey(key, source="argument", min_bytes=min_bytes)


__all__ = ["PseudonymKey", "load_key", "generate_key", "write_key_file", "as_key", "MIN_KEY_BYTES"]
