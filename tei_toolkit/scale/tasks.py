"""What a Dask worker runs: one task is a list of files, processed one after the other
with the library code of the local batch. Module-level functions, so a worker
imports them by name (tei-toolkit must be installed where the workers run)."""

from __future__ import annotations

import functools
from typing import Any

from ..exporters.files import Exported, ExportJob, export_one
from ..pipeline import ConvertOptions, FileResult, RemoteError, _freeze, convert_file
from . import storage


def convert_chunk(
    pairs: list[tuple[str, str | None]], options: ConvertOptions, resume: bool = False
) -> list[FileResult]:
    """Convert records and write their outputs here, on the worker (atomically).
    ``resume``: the worker checks its own files (the client would stat them all)."""
    out = []
    for source, target in pairs:
        if resume and storage.up_to_date(source, target):
            out.append(FileResult(source, target, skipped=True))
            continue
        write = functools.partial(_write, source=source)
        out.append(convert_file(source, target, options, read=storage.read_record, write=write))
    return out


def _write(target: str, data: bytes, *, source: str) -> None:
    storage.write(target, data, inputs=(source,))


def export_chunk(items: list[tuple[Any, Any, Any]], job: ExportJob) -> list[Exported]:
    """exporters.files.export_one for each planned file; the worker writes the outputs."""
    return [export_one(item, job) for item in items]


_PREPARED = False  # per worker process


def validate_chunk(paths: list[str], opts: Any, corpus: Any) -> list[Any]:
    """validators.batch.check_file for each file: what does not depend on the others."""
    from pathlib import Path

    from ..diagnostics import ToolkitError
    from ..validators.batch import FileOutcome, _prepare_batch, check_file

    global _PREPARED
    if not _PREPARED:  # one grammar for the names of this worker's first task, as the
        _PREPARED = True  # local batch compiles one for the batch (files beyond it grow it)
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
