"""Every file the toolkit writes: atomically, never over an input, nothing left behind.

``write_atomic`` and ``AtomicText`` write to a temporary file in the target's folder and
rename it into place, so a reader sees the old file or the new one, never a part. The
temporary files of this process are remembered; ``cleanup`` removes them, and the CLI
calls it when a signal (SIGINT, SIGTERM, SIGHUP) ends the run. A target that is one of
the run's inputs (however spelled: relative path, symlink, hard link) is refused.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable
from pathlib import Path
from types import FrameType
from typing import IO

from .diagnostics import OutputError

_TEMPS: set[str] = set()
# Exit status of a run ended by a signal: 128 + its number, as shells report it.
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}
if hasattr(signal, "SIGHUP"):
    SIGNAL_EXIT[signal.SIGHUP] = 129


class Interrupted(BaseException):
    """The run was ended by a signal; ``status`` is the exit code it asks for."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.status = SIGNAL_EXIT.get(signal.Signals(signum), 128 + signum)


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP unwind like Ctrl-C does (finally blocks run, temps go)."""
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            try:
                signal.signal(sig, _raise)
            except ValueError:  # not the main thread (a library caller): leave it
                pass


def cleanup() -> None:
    """Remove every temporary file this process still holds."""
    for tmp in list(_TEMPS):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _TEMPS.discard(tmp)


class Protected:
    """The files a batch must never write over (its inputs), compared as
    ``os.path.samefile`` compares (device and inode), each stat'ed once per process
    however many outputs the batch writes (a check per output against every input
    made a 20,000-file batch quadratic). Pickled, it carries only the paths: another
    machine takes its own identities."""

    def __init__(self, paths: Iterable[str | os.PathLike] = ()):
        self.paths = tuple(paths)
        self._ids: dict[tuple[int, int], str] | None = None

    def __reduce__(self):
        return (Protected, (self.paths,))

    def check(self, path: str | os.PathLike) -> None:
        """Raise OutputError if ``path`` is one of the files."""
        try:
            st = os.stat(path)
        except OSError:  # not there (yet): it cannot be one of the inputs
            return
        if self._ids is None:
            ids: dict[tuple[int, int], str] = {}
            for src in self.paths:
                try:
                    s = os.stat(src)
                except OSError:
                    continue
                ids.setdefault((s.st_dev, s.st_ino), os.fspath(src))
            self._ids = ids
        same = self._ids.get((st.st_dev, st.st_ino))
        if same is not None:
            raise OutputError(
                f"output path is the input file {same}; refusing to overwrite it",
                file=os.fspath(path),
            )


Inputs = Protected | Iterable[str | os.PathLike]


def refuse_inputs(path: str | os.PathLike, inputs: Inputs) -> None:
    """Raise OutputError if ``path`` is the same file as one of ``inputs``."""
    (inputs if isinstance(inputs, Protected) else Protected(inputs)).check(path)


def _check_folder(path: Path) -> None:
    for folder in (path.parent, *path.parent.parents):
        if folder.exists():  # the nearest existing ancestor must be a folder
            if not folder.is_dir():
                raise OutputError(f"cannot write: {folder} is not a folder", file=str(path))
            return


def _open_temp(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, mode 0666 less the umask (the kernel applies it)."""
    # Short enough for a 255-byte target name: the prefix is cut, never the folder.
    stem = path.name[:200]
    for _ in range(100):
        tmp = str(path.parent / f".{stem}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        _TEMPS.add(tmp)
        return fd, tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def _commit(tmp: str, path: Path) -> None:
    try:
        os.chmod(tmp, path.stat().st_mode & 0o7777)  # replacing a file: keep its mode
    except OSError:
        pass
    os.replace(tmp, path)
    _TEMPS.discard(tmp)


def _discard(tmp: str | None) -> None:
    if tmp is not None:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        _TEMPS.discard(tmp)


def write_atomic(path: str | os.PathLike, data: bytes, *, inputs: Inputs = ()) -> None:
    """Write ``data`` to ``path`` whole or not at all; refuse to overwrite an input."""
    path = Path(path)
    refuse_inputs(path, inputs)
    tmp = None
    try:
        _check_folder(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _open_temp(path)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _commit(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    finally:
        _discard(tmp)


class AtomicText:
    """A text file written as a stream, put in place only when the ``with`` ends well."""

    def __init__(self, path: str | os.PathLike, *, inputs: Inputs = ()):
        self.path = Path(path)
        refuse_inputs(self.path, inputs)
        self._tmp: str | None = None
        self._fh: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        try:
            _check_folder(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = _open_temp(self.path)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", file=str(self.path)) from None
        self._fh = os.fdopen(fd, "w", encoding="utf-8")
        return self._fh

    def __exit__(self, kind, value, tb) -> None:
        assert self._fh is not None
        try:
            self._fh.close()
            if kind is None:
                _commit(self._tmp or "", self.path)
                self._tmp = None
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", file=str(self.path)) from None
        finally:
            _discard(self._tmp)
