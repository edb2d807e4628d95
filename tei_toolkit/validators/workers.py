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

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .. import outputs
from ..diagnostics import ToolkitError
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
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    sch = sys.modules.get(__package__ + ".schematron")
    return sch is None or getattr(sch, "_processor_instance", None) is None


# What the workers run, set by the parent just before forking (inherited, not pickled).
_JOB: tuple | None = None


def _work(index: int):
    assert _JOB is not None, "set by map_ordered before the pool forks"
    check, files, opts, corpus = _JOB
    try:
        return check(files[index], opts, corpus)
    except ToolkitError as exc:
        return FileOutcome(failure=exc)


def quiet_worker() -> None:
    """Pool initializer: the parent answers Ctrl-C and SIGTERM; a worker just ends,
    without a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)  # the pool's terminate()
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _end_worker)


def _end_worker(signum, frame) -> None:
    """Remove the temporary file a worker was writing, then end at once (no traceback)."""
    outputs.cleanup()
    os._exit(128 + signum)


def map_ordered(check: Callable, files: list[Path], opts, corpus, jobs: int) -> Iterator:
    """``check(file, opts, corpus)`` for every file on ``jobs`` processes, in file order."""
    global _JOB
    _JOB = (check, files, opts, corpus)
    # Small chunks keep the output (and the progress bar) moving; larger ones cost
    # less pickling. ~8 chunks per worker balances uneven files.
    chunk = max(1, min(16, len(files) // (jobs * 8)))
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_worker) as pool:
            yield from pool.imap(_work, range(len(files)), chunksize=chunk)
    finally:
        _JOB = None
