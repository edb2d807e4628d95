"""Batches on a Dask cluster: ``--cluster tcp://HOST:8786`` or ``--cluster local:N``.

The client plans the batch (which file goes where), cuts it into tasks of many files
(``task_size``), and yields the results in input order as the tasks finish; the
workers run the same unit of work as the local batch and write the outputs
themselves, atomically (storage.write). A task is a pure function of its files:
when a worker dies, Dask runs its tasks again elsewhere and they write the same
bytes to the same names, so nothing is lost and nothing is doubled.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..diagnostics import ExitCode, ToolkitError
from ..pipeline import RECORD_SUFFIX, ConvertOptions, FileResult, fix_date, plan
from . import storage, tasks

# Files per task: enough work (~1 s) that the scheduler's few ms per task do not show,
# few enough that a batch makes several tasks per worker (balance; little to redo
# when a worker dies). Measured in benchmarks/bench_scale.py.
MAX_TASK = 256
TASKS_PER_WORKER = 8
IN_FLIGHT_PER_WORKER = 6  # queued ahead per worker: none idles while the oldest runs
_LOCAL = re.compile(r"^local(?::(\d+))?$")


def task_size(n_items: int, n_workers: int) -> int:
    return max(1, min(MAX_TASK, n_items // (max(1, n_workers) * TASKS_PER_WORKER)))


def chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ToolkitError(f"--cluster: {storage.INSTALL_HINT}") from None
    return distributed


@contextmanager
def connect(address: str, echo: Callable[[str], None] | None = None) -> Iterator[Any]:
    """A Client on ``address``; ``local:N`` starts (and stops) a LocalCluster of N processes."""
    distributed = _distributed()
    cluster = None
    m = _LOCAL.match(address)
    try:
        if m:
            n = int(m.group(1) or 0) or None
            cluster = _local_cluster(distributed, n)
            client = distributed.Client(cluster)
        elif "://" in address or re.match(r"^[\w.-]+:\d+$", address):
            client = distributed.Client(address, timeout="20s")
        else:
            raise ToolkitError(
                f"--cluster {address!r}: give a scheduler address (tcp://HOST:8786) or local:N"
            )
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ToolkitError(f"--cluster {address}: cannot connect: {exc}") from None
    try:
        if echo is not None and client.dashboard_link:
            echo(
                f"dask: {len(client.scheduler_info()['workers'])} workers; dashboard {client.dashboard_link}"
            )
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# Two Dask defaults cost a local:2 batch about a quarter of its throughput on our work
# (benchmarks/bench_scale.py, and per task on one worker: CPU time of the task's thread):
# the statistical profiler samples every worker thread's stack 100 times a second, and
# the nanny starts workers with MALLOC_TRIM_THRESHOLD_ set, which turns off glibc's
# adaptive mmap threshold (each large buffer of lxml's is then mapped and unmapped).
# A cluster of our own goes without both; for a remote one, docs/SCALE.md says how.
_LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1},
}


def _local_cluster(distributed: Any, n: int | None) -> Any:
    import logging

    import dask

    with dask.config.set(_LOCAL_CONFIG):
        return distributed.LocalCluster(
            n_workers=n,
            threads_per_worker=1,  # lxml and Saxon work holds the GIL: processes, not threads
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,  # its shutdown chatter is not our report
            preload=["tei_toolkit.scale.quiet_worker"],
        )


def workers_of(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def map_ordered(
    client: Any, fn: Callable[..., list], items: Sequence[Any], *args: Any
) -> Iterator[Any]:
    """``fn(chunk, *args)`` on the cluster for chunks of ``items``; item results in order.

    Ctrl-C (or the caller stopping early) cancels what is still queued or running."""
    if not items:
        return
    n_workers = workers_of(client)
    size = task_size(len(items), n_workers)
    parts = iter(chunks(items, size))
    shared = [client.scatter(a, broadcast=True) if _big(a) else a for a in args]
    # A window of tasks in flight, not the whole batch: the scheduler holds a few
    # tasks per worker however long the batch (10 million records: ~40,000 tasks).
    window = max(16, IN_FLIGHT_PER_WORKER * n_workers)
    pending: deque = deque(
        client.submit(fn, part, *shared, pure=False) for part in itertools.islice(parts, window)
    )
    try:
        while pending:
            done = pending[0].result()
            pending.popleft()
            part = next(parts, None)
            if part is not None:
                pending.append(client.submit(fn, part, *shared, pure=False))
            yield from done
    finally:
        if pending:
            try:
                client.cancel(list(pending))
            except RuntimeError:  # the client is already closed
                pass


def _big(value: Any) -> bool:
    return isinstance(value, set | frozenset | dict) and len(value) > 1000


# --- export -------------------------------------------------------------------------------


@contextmanager
def export_mapper(address: str, echo: Callable[[str], None] | None = None) -> Iterator[Any]:
    """A mapper for exporters.export_files that runs the files on the cluster (its
    workers write the outputs: give them a folder they share with this machine)."""
    with connect(address, echo) as client:

        def mapper(fn: Callable, items: Sequence[Any], job: Any) -> Iterator[Any]:
            del fn  # export_one, run by tasks.export_chunk on the workers
            return map_ordered(client, tasks.export_chunk, items, job)

        yield mapper


# --- convert ------------------------------------------------------------------------------


def plan_convert(records: Iterable, output) -> tuple[list, list]:
    """Like pipeline.plan, and inputs or -o may be fsspec URLs."""
    records = [str(r) for r in records]
    out = str(output) if output is not None else None
    if not any(storage.is_url(r) for r in records) and not (out and storage.is_url(out)):
        return plan([storage.local(r) for r in records], storage.local(out) if out else None)
    sources: list[str] = []
    for r in records:
        if storage.is_folder(r):
            found = storage.list_records(r, (RECORD_SUFFIX,))
            if not found:
                raise ToolkitError(
                    f"no {RECORD_SUFFIX} records in this folder", code="input:empty-folder", file=r
                )
            sources += found
        else:
            sources.append(r)
    if out is None:
        if len(sources) > 1:
            raise ToolkitError("several records need an output folder: -o DIR")
        return sources, [None]
    if len(sources) == 1 and not out.endswith("/") and not storage.is_folder(out):
        return sources, [out]
    targets = [storage.join(out, storage.stem(s) + ".xml") for s in sources]
    if len(set(targets)) != len(targets):
        raise ToolkitError("two records would be written to the same file: rename one")
    return sources, targets


def convert(
    sources: list,
    targets: list,
    options: ConvertOptions,
    address: str,
    *,
    echo: Callable[[str], None] | None = None,
    resume: bool = False,
) -> Iterator[FileResult]:
    """pipeline.iter_convert on a cluster: the same results, in the same order."""
    if any(str(s) == "-" for s in sources):
        raise ToolkitError("--cluster reads files, not standard input", exit_code=ExitCode.USAGE)
    pairs = [(str(s), None if t is None else str(t)) for s, t in zip(sources, targets)]
    options = fix_date(options)
    with connect(address, echo) as client:
        for i, result in enumerate(
            map_ordered(client, tasks.convert_chunk, pairs, options, resume)
        ):
            result.source, result.target = sources[i], targets[i]  # as given: the same report
            yield result
    storage.sweep_temporaries([t for _, t in pairs if t is not None])
