"""Batches on the cores of this machine: forked processes, results in input order.

The same choice of process count as ``validate -j`` (validators.workers.choose_jobs:
fork only where it is safe, one process for small batches). Workers ignore SIGINT:
Ctrl-C reaches the parent only, which stops the pool and writes nothing more, so a
worker never prints a traceback and no output is left half written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..validators import workers

cpu_count = workers.cpu_count


def choose_jobs(jobs: int | None, n_items: int) -> int:
    """``jobs`` None: one per core for batches of ``workers.MIN_FILES`` or more, else 1."""
    return workers.choose_jobs(jobs, n_items)


# What the workers run, set by the parent just before forking (inherited, not pickled).
_JOB: tuple[Callable[[Any, Any], Any], Sequence[Any], Any] | None = None


def _work(index: int) -> Any:
    assert _JOB is not None
    fn, items, extra = _JOB
    return fn(items[index], extra)


def chunk_size(n_items: int, jobs: int) -> int:
    # Small chunks keep results (and the progress bar) flowing; ~8 chunks per worker
    # balance uneven records; 16 at most bounds what a slow chunk holds back.
    return max(1, min(16, n_items // (jobs * 8)))


def map_ordered(
    fn: Callable[[Any, Any], Any], items: Sequence[Any], extra: Any, jobs: int
) -> Iterator[Any]:
    """``fn(item, extra)`` for every item on ``jobs`` forked processes, in item order.

    ``fn`` must not raise (return the failure in its result instead)."""
    global _JOB
    _JOB = (fn, items, extra)
    try:
        started = workers.start_pool(jobs)
        chunk = chunk_size(len(items), jobs)
        yield from workers.pooled(started, started[0].imap(_work, range(len(items)), chunk))
    finally:
        _JOB = None
