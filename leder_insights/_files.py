"""Small file helpers shared by the writers (corpus, bundle, model metadata, CLI outputs).

Atomic writing: the content goes to a temporary name in the same directory, is flushed and
fsync'd, then renamed over the final name (and the directory is fsync'd), so a reader never sees
a half-written file under its final name and a crash leaves either the old file or the new one.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> with atomic_write(p) as fh:
...     _ = fh.write("abc")
>>> sha256_file(p)[:12]
'ba7816bf8f01'
>>> sorted(x.name for x in p.parent.iterdir())
['x.txt']
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from pathlib import Path
from typing import Iterator

#: prefix of temporary files; a leftover one (after SIGKILL) is never a final name
TMP_PREFIX = ".tmp-"


def sha256_file(path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(Path(path), "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class FileFingerprint:
    """What a file was when a command started reading it: size, mtime_ns, inode, device and
    sha256. :meth:`check` refuses ([E140], naming the file) when it is no longer that file, so
    a file rewritten while a command reads it (in place or by rename) is never mixed into an
    output (faults7 F1, F2).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "in.csv"
    >>> _ = p.write_text("review_id\\nR1\\n")
    >>> fp = FileFingerprint(p)
    >>> fp.changed() is None
    True
    >>> _ = p.write_text("review_id\\nR22\\n")
    >>> fp.changed()
    'its size changed from 13 to 14 bytes'
    """

    def __init__(self, path, digest: bool = True):
        self.path = Path(path)
        self.stat = self._stat()
        self.sha256 = sha256_file(self.path) if digest else None
        if self._stat() != self.stat:  # written while we hashed it
            self.sha256 = None
            self.stat = (-1, -1, -1, -1)

    def _stat(self) -> tuple[int, int, int, int]:
        st = os.stat(self.path)
        return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)

    def changed(self, digest: bool = True) -> str | None:
        """Why the file is not the one fingerprinted (None when it is); ``digest=False`` compares
        the cheap ``stat`` only (a check per chunk; the hash at the end)."""
        try:
            now = self._stat()
        except OSError:
            return "it was removed or renamed"
        if self.stat == (-1, -1, -1, -1):
            return "it was being written when the command started"
        size, mtime, ino, dev = self.stat
        if (now[2], now[3]) != (ino, dev):
            return "it was replaced by another file"
        if now[0] != size:
            return f"its size changed from {size:,} to {now[0]:,} bytes"
        if now[1] != mtime:
            return "it was modified (its modification time changed)"
        if digest and self.sha256 is not None and sha256_file(self.path) != self.sha256:
            return "its content changed"
        return None

    def check(self, consequence: str, digest: bool = True) -> None:
        """Raise [E140] naming the file and what changed, with ``consequence`` (what was not
        written), when the file is not the one fingerprinted."""
        from .errors import Errors, InputError

        change = self.changed(digest)
        if change is not None:
            raise InputError(Errors.E140, path=self.path, change=change, consequence=consequence)


def tmp_name(path) -> Path:
    """A unique temporary path beside ``path`` (same directory, so renaming is atomic)."""
    path = Path(path)
    return path.with_name(f"{TMP_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}-{path.name}")


def fsync_file(path) -> None:
    """Flush ``path``'s data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path) -> None:
    """Flush a directory entry (a rename) to disk; a no-op where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a directory
        pass
    finally:
        os.close(fd)


def publish(tmp, path) -> Path:
    """fsync ``tmp`` and rename it to ``path`` (atomically replacing any old file)."""
    path = Path(path)
    fsync_file(tmp)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    return path


@contextlib.contextmanager
def atomic_path(path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is fsync'd and renamed to ``path``.

    For writers that want a path (``DataFrame.to_parquet``). On any error the temporary file is
    removed and ``path`` is untouched.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "y.txt"
    >>> with atomic_path(p) as tmp:
    ...     _ = tmp.write_text("hi")
    >>> p.read_text()
    'hi'
    """
    path = Path(path)
    tmp = tmp_name(path)
    try:
        yield tmp
        publish(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        name_the_file(exc, path, tmp)
        raise


def name_the_file(exc: BaseException, path, *aliases) -> None:
    """Give an ``OSError`` that names no file (a failed ``write()``: disk full, file-size limit) or
    names a temporary alias of ``path`` the final ``path``, so that its numbered error says which
    output could not be written instead of "(unknown path)" or a ``.tmp-`` name.

    >>> import errno
    >>> e = OSError(errno.ENOSPC, "No space left on device")
    >>> name_the_file(e, "out.csv"); e.filename
    'out.csv'
    """
    if isinstance(exc, OSError):
        known = {str(a) for a in aliases}
        if not exc.filename or str(exc.filename) in known:
            exc.filename = str(path)


@contextlib.contextmanager
def atomic_write(path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None):
    """Open a temporary file beside ``path`` for writing; fsync and rename it on success.

    The temporary file is owner-only (0600) while it is written -- one a killed run leaves behind
    (until the next command in that directory removes it) may hold raw values (faults8 O7) -- and
    gets the usual mode (0666 less the umask) just before it takes the final name.

    >>> import tempfile, pathlib, stat
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "z.txt"
    >>> with atomic_write(p) as fh:
    ...     oct(stat.S_IMODE(os.fstat(fh.fileno()).st_mode))
    '0o600'
    """
    with atomic_path(path) as tmp:
        kwargs: dict = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with open(tmp, mode, opener=lambda name, _flags: os.open(name, flags, 0o600), **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            if hasattr(os, "fchmod"):  # POSIX
                os.fchmod(fh.fileno(), 0o666 & ~_umask())


def _umask() -> int:
    """The process's umask, read without changing it (``os.umask`` sets it; other threads may be
    creating files): from ``/proc/self/status`` on Linux, else 0o022."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def write_text_atomic(path, text: str) -> Path:
    """``Path.write_text`` made atomic (UTF-8)."""
    with atomic_write(path) as fh:
        fh.write(text)
    return Path(path)


def same_file(a, b) -> bool:
    """Whether paths ``a`` and ``b`` name the same file (also through links or ``..``).

    >>> same_file("x/../y.txt", "y.txt")
    True
    """
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


#: what [E007] advises by default (a command without ``-o`` passes its own advice)
E007_ADVICE = "Choose another output path with -o."


def check_output_path(output, *inputs, advice: str = E007_ADVICE) -> Path:
    """Refuse an output path that is one of the command's ``inputs`` ([E007], exit 2, with
    ``advice`` saying what to do), a directory ([E022]) or below a file ([E023]); return it.

    >>> check_output_path("out.jsonl", "in.jsonl").name
    'out.jsonl'
    """
    from .errors import Errors, InputError, UsageError

    output = Path(output)
    for inp in inputs:
        if inp is not None and same_file(output, inp):
            raise UsageError(Errors.E007, path=output, advice=advice)
    if output.is_dir():
        raise InputError(Errors.E022, path=output)
    for parent in output.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(Errors.E023, path=output)
            break
    return output


#: kept in an output directory: the files leder-insights wrote there, each with its size, mtime
#: and command, so that a later run may replace its own earlier output but never a file someone
#: else put there, and never leaves an earlier run's files beside its own
OUTPUTS_RECORD = ".leder-outputs.json"


def _stamp(path: Path) -> list[int]:
    st = path.lstat()
    return [st.st_size, st.st_mtime_ns]


def _read_record(directory: Path) -> dict[str, dict]:
    import json

    try:
        record = json.loads((directory / OUTPUTS_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = record.get("files") if isinstance(record, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): v for k, v in files.items() if isinstance(v, dict)}


def _ours(directory: Path, name: str, record: dict) -> bool:
    path = directory / name
    entry = record.get(name)
    return (entry is not None and not path.is_symlink() and path.is_file()
            and entry.get("stamp") == _stamp(path))


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return shown


def check_overwrite(directory, names, force: bool = False, command: str = "") -> Path:
    """The one overwrite guard of the commands that write files into a directory the user names.

    Refuses, unless ``force``:
    - [E027] when ``directory`` holds any of ``names`` that leder-insights did not write there
      (or that changed since);
    - [E028] when it holds files an earlier run of the same ``command`` wrote that this run would
      not replace (e.g. ``deid run`` of another input): the folder would mix two runs. With
      ``force`` those files (still as that run wrote them) are removed.
    Pair it with :func:`record_outputs` after writing.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); _ = (d / "reviews.csv").write_text("mine")
    >>> check_overwrite(d, ["reviews.csv"], command="corpus synth")
    Traceback (most recent call last):
    ...
    leder_insights.errors.InputError: [E027] ... already holds reviews.csv, which leder-insights did not write ...
    >>> record_outputs(d, ["reviews.csv"], command="corpus synth")
    >>> check_overwrite(d, ["reviews.csv"], command="corpus synth") == d
    True
    """
    from .errors import Errors, InputError

    directory = Path(directory)
    names = [str(n) for n in names]
    if not directory.is_dir():
        return directory
    record = _read_record(directory)
    foreign = [n for n in names
               if ((directory / n).exists() or (directory / n).is_symlink())
               and not _ours(directory, n, record)]
    stale = [n for n, entry in sorted(record.items())
             if n not in names and entry.get("command") == command and _ours(directory, n, record)]
    if foreign and not force:
        raise InputError(Errors.E027, path=directory, files=_listed(foreign),
                         them="it" if len(foreign) == 1 else "them")
    if stale:
        if not force:
            raise InputError(Errors.E028, path=directory, command=command, files=_listed(stale))
        for n in stale:
            with contextlib.suppress(FileNotFoundError):
                (directory / n).unlink()
        _write_record(directory, {k: v for k, v in record.items() if k not in stale})
    return directory


def _write_record(directory: Path, files: dict) -> None:
    import json

    write_text_atomic(directory / OUTPUTS_RECORD,
                      json.dumps({"note": "files written here by leder-insights (size, mtime, "
                                          "command); a later run may replace these and no others",
                                  "files": dict(sorted(files.items()))}, indent=1) + "\n")


def record_outputs(directory, names, command: str = "", since_ns: int | None = None) -> None:
    """Note ``names`` (files just written in ``directory``, relative to it) in its
    :data:`OUTPUTS_RECORD`, so that :func:`check_overwrite` lets a later run replace them. With
    ``since_ns`` (a ``time.time_ns()`` taken before writing), only files modified since then are
    noted: a command that failed half-way records what it did write and nothing else."""
    directory = Path(directory)
    if not directory.is_dir():
        return
    files = _read_record(directory)
    changed = False
    for name in names:
        path = Path(name)
        path = path if path.is_absolute() else directory / path
        if path.is_file() and not path.is_symlink():
            stamp = _stamp(path)
            entry = {"stamp": stamp, "command": command}
            if ((since_ns is None or stamp[1] >= since_ns - 2_000_000_000)  # coarse file clocks
                    and files.get(path.relative_to(directory).as_posix()) != entry):
                files[path.relative_to(directory).as_posix()] = entry
                changed = True
    if changed:  # a command that wrote nothing leaves no record (nor a directory it created)
        _write_record(directory, files)


@contextlib.contextmanager
def output_dir(directory, names=(), *, command: str, force: bool = False,
               option: str = "-o") -> Iterator[Path]:
    """The output directory of a command, claimed for the time it writes there.

    Creates ``directory``, takes an exclusive lock on it (a second command writing there at the
    same time is [E029], not a race), removes temporary files a killed run left there, runs :func:`check_overwrite` on ``names`` (none: no check),
    and afterwards records the ``names`` it wrote (:func:`record_outputs`). A directory it created
    and left empty (the command failed first) is removed. ``option`` is the command's option that
    names the directory (advised by [E029]).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> with output_dir(d, ["a.txt"], command="demo") as out:
    ...     _ = (out / "a.txt").write_text("x")
    ...     with output_dir(d, command="demo"):
    ...         pass
    Traceback (most recent call last):
    ...
    leder_insights.errors.InputError: [E029] ... is being written by another leder-insights command ...
    """
    import time

    from .errors import Errors, InputError

    directory = Path(directory)
    created = not directory.exists()
    directory.mkdir(parents=True, exist_ok=True)
    fd = os.open(directory, os.O_RDONLY)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no lock
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise InputError(Errors.E029, path=directory, option=option) from None
        try:
            remove_stale_tmp(directory)  # left by a killed writer; safe now that we hold the lock
            if names:
                check_overwrite(directory, names, force=force, command=command)
            started = time.time_ns()
            try:
                yield directory
            finally:
                if names:
                    record_outputs(directory, names, command=command, since_ns=started)
        finally:
            if created:
                with contextlib.suppress(OSError):
                    directory.rmdir()  # only when empty: the command wrote nothing
    finally:
        os.close(fd)  # releases the lock


def remove_stale_tmp(directory) -> int:
    """Delete temporary files left in ``directory`` by a killed writer; return how many."""
    n = 0
    directory = Path(directory)
    if directory.is_dir():
        for p in directory.glob(f"{TMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n


__all__ = ["sha256_file", "atomic_path", "atomic_write", "write_text_atomic", "publish", "tmp_name",
           "fsync_file", "fsync_dir", "same_file", "name_the_file", "check_overwrite", "record_outputs", "output_dir", "OUTPUTS_RECORD", "check_output_path", "remove_stale_tmp", "TMP_PREFIX", "E007_ADVICE"]
