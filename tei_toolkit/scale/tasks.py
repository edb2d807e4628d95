"""What a Dask worker runs: one task is a list of files, processed one after the other
with the library code of the local batch. Module-level functions, so a worker
imports them by name (tei-toolkit must be installed where the workers run)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..diagnostics import ToolkitError, error
from ..exporters.files import Exported, ExportJob, export_one
from ..outputs import write_atomic
from ..pipeline import (
    ConvertOptions,
    FileResult,
    RemoteError,
    _freeze,
    convert_file,
    internal_error,
)
from ..validators.check import _prepare_batch, check_file
from ..validators.outcome import FileOutcome
from . import storage


def convert_chunk(
    pairs: list[tuple[str, str | None]], options: ConvertOptions, resume: bool = False
) -> list[FileResult]:
    """Convert records and write their outputs here, on the worker (atomically).
    ``resume``: the worker checks its own files (the client would stat them all)."""
    out: list[FileResult] = []
    writes = _Writes()
    for source, target in pairs:
        if resume and storage.up_to_date(source, target):
            out.append(FileResult(source, target, skipped=True))
            continue
        write = functools.partial(writes.put, len(out), _write, source=source)
        out.append(convert_file(source, target, options, read=storage.read_record, write=write))
    for i, exc in writes.wait():
        out[i].error = exc
    return out


def _write(target: str, data: bytes, *, source: str) -> None:
    storage.write(target, data, inputs=(source,))


def export_chunk(items: list[tuple[Any, Any, Any]], job: ExportJob) -> list[Exported]:
    """exporters.files.export_one for each planned file; the worker writes the outputs."""
    out: list[Exported] = []
    writes = _Writes()
    for item in items:
        done = export_one(item, job)
        for target, content in done.files:
            writes.put(len(out), write_atomic, target, content, inputs=job.inputs)
        done.files = []
        out.append(done)
    for i, exc in writes.wait():
        out[i].result.diagnostic = error(exc.code, exc.message, file=exc.file)
        out[i].record = None
    return out


_WRITER: ThreadPoolExecutor | None = None  # per worker process


class _Writes:
    """A task's outputs, written on one background thread of the worker: each file's
    fsync then overlaps the next file's work (the local batch has this for free, its
    parent writes while the workers convert). The task returns only when every write
    has ended, so a finished task's outputs exist, as before."""

    def __init__(self) -> None:
        self.pending: list[tuple[int, str, Future]] = []

    def put(self, index: int, write: Callable, target: Any, data: bytes, **how: Any) -> None:
        """``write(target, data, **how)`` for the result at ``index``."""
        global _WRITER
        if _WRITER is None:
            _WRITER = ThreadPoolExecutor(1, thread_name_prefix="tei-toolkit-writer")
        self.pending.append((index, str(target), _WRITER.submit(write, target, data, **how)))

    def wait(self) -> list[tuple[int, ToolkitError]]:
        """(result index, error) of each write that failed, after all have ended."""
        failed = []
        for index, target, future in self.pending:
            exc = future.exception()
            if exc is None:
                continue
            if not isinstance(exc, ToolkitError):
                exc = internal_error(exc, target)  # type: ignore[arg-type]
            failed.append((index, exc))
        return failed


_PREPARED = False  # per worker process


def validate_chunk(paths: list[str], opts: Any, corpus: Any) -> list[Any]:
    """validators.check.check_file for each file: what does not depend on the others."""
    global _PREPARED
    if not _PREPARED:  # the schema read once per worker, as the local batch does
        _PREPARED = True
        try:
            _prepare_batch([Path(p) for p in paths], opts)
        except ToolkitError:
            pass  # reported by check_file, file by file, as locally
    out = []
    for path in paths:
        try:
            outcome = check_file(Path(path), opts, corpus)
        except ToolkitError as exc:
            outcome = FileOutcome(failure=exc)
        if outcome.failure is not None and not isinstance(outcome.failure, RemoteError):
            f = outcome.failure
            outcome.failure = RemoteError(*_freeze(f))
        out.append(outcome)
    return out
