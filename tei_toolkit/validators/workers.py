"""Batches on several cores: forked worker processes, results in input order.

Why fork: a worker starts with everything the parent has prepared (the batch's
RELAX NG schema, read and checked; the imported modules), so starting one costs
milliseconds, not a cold start.

Saxon (the Schematron engine) is never started in the parent before forking: a
forked copy of a running SaxonC isolate is not safe, so each worker starts its
own. If this process already runs Saxon (a library caller who validated before),
the batch stays in this process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from ..diagnostics import ToolkitError
from ..scale import forks
from .outcome import FileOutcome

# Below this many files one process is as fast: forking and each worker's warm-up
# (Saxon compiles the Schematron stylesheet in ~0.5 s) would not pay for themselves.
MIN_FILES = 32


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def choose_jobs(jobs: int | None, n_files: int) -> int:
    """How many processes: never more than files, 1 for a single file."""
    if n_files <= 1:
        return 1
    if jobs is None:
        jobs = cpu_count() if n_files >= MIN_FILES else 1
    jobs = max(1, min(jobs, n_files))
    return jobs if jobs == 1 or fork_safe() else 1


def fork_safe() -> bool:
    if not forks.available():
        return False
    sch = sys.modules.get(__package__ + ".schematron")
    return sch is None or getattr(sch, "_processor_instance", None) is None


def map_ordered(check: Callable, files: list[Path], opts, corpus, jobs: int) -> Iterator:
    """``check(file, opts, corpus)`` for every file on ``jobs`` processes, in file order."""

    def work(index: int) -> FileOutcome:
        try:
            return check(files[index], opts, corpus)
        except ToolkitError as exc:
            return FileOutcome(failure=exc)

    return forks.map_ordered(work, len(files), jobs, [_size(f) for f in files])


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
