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
from . import forks

cpu_count = workers.cpu_count


def choose_jobs(jobs: int | None, n_items: int) -> int:
    """``jobs`` None: one per core for batches of ``workers.MIN_FILES`` or more, else 1."""
    return workers.choose_jobs(jobs, n_items)


def map_ordered(
    fn: Callable[[Any, Any], Any], items: Sequence[Any], extra: Any, jobs: int
) -> Iterator[Any]:
    """``fn(item, extra)`` for every item on ``jobs`` forked processes, in item order.

    ``fn`` must not raise (return the failure in its result instead)."""
    return forks.map_ordered(lambda index: fn(items[index], extra), len(items), jobs)
