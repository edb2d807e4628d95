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
import signal
import sys
import threading
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
    import multiprocessing  # here: a run with nothing to check never pays its ~10 ms

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


STOP_GRACE = 5.0  # seconds the pool's terminate() gets before its workers are killed
_STOPS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())


def quiet_worker() -> None:
    """Pool initializer: the parent answers Ctrl-C and SIGTERM; a worker just ends,
    without a traceback of its own. A worker starts with these signals blocked
    (start_pool), so one sent while it is still starting waits for this handler."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)  # the pool's terminate()
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _end_worker)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)


def start_pool(jobs: int):
    """A fork pool of ``jobs`` quiet workers. The stop signals are blocked while it forks:
    a worker still starting (a small batch can be done before the second one is up) must
    not meet SIGTERM with the parent's handler, which raises, instead of its own."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    import multiprocessing  # (see fork_safe)

    before = set(multiprocessing.active_children())
    try:
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=quiet_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return pool, [p for p in multiprocessing.active_children() if p not in before]


def pooled(started: tuple, results: Iterator) -> Iterator:
    """Yield ``results`` of the pool, then let its workers end. A finished batch closes
    the pool and waits (each worker takes its end-of-work sentinel). A batch that stops
    early (Ctrl-C, the caller stops reading) terminates it; Pool.terminate() was seen
    (about one early stop in a hundred) to leave a worker unsignalled, waiting for a
    task, and then to join it forever: after a grace period such a worker is killed.
    (Not before terminate(): a worker killed while it holds a queue's lock blocks the
    pool's own shutdown.)"""
    pool, workers = started
    finished = False
    try:
        yield from results
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            stopping = threading.Thread(target=pool.terminate, daemon=True)
            stopping.start()
            stopping.join(STOP_GRACE)
            if stopping.is_alive():
                for worker in workers:
                    if worker.exitcode is None:
                        worker.kill()
                stopping.join()
        pool.join()


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
        started = start_pool(jobs)
        results = started[0].imap(_work, range(len(files)), chunksize=chunk)
        yield from pooled(started, results)
    finally:
        _JOB = None
