"""The one pool of forked workers (``-j``): ``work(i)`` for i in range(n), results in order.

Each worker has a pipe of its own for tasks and one for results, and nothing else is
shared: no queue, no lock, no handler thread. multiprocessing.Pool shares one task queue
behind a semaphore; a worker ended while it held that semaphore (an early stop: Ctrl-C, a
caller that stops reading) left the others waiting on it, and about one early stop in a
thousand hung the parent in Pool.terminate(). Here a worker that is told to stop ends;
one that does not end within ``STOP_GRACE`` seconds is killed; and one that dies on its
own is an error of the batch, not a batch that waits forever.

A worker starts with everything the parent has (``work`` and its data are inherited, not
pickled); results come back pickled, over a pipe only this process and its children
hold. Workers ignore SIGINT: Ctrl-C reaches the parent, which stops them.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .. import outputs
from ..diagnostics import InternalError

STOP_GRACE = 5.0  # seconds a worker gets to end after SIGTERM before it is killed
_STOPS = {signal.SIGINT, signal.SIGTERM} | ({signal.SIGHUP} if hasattr(signal, "SIGHUP") else set())
_COUNT = struct.Struct("<q")  # a chunk: how many indexes follow (each a _COUNT too)
_SIZE = struct.Struct("<Q")  # the length of the result message that follows
AHEAD = 2  # chunks a worker holds at once, so it never waits for the next one
LARGE = 4  # an item this many times the median cost is handed out first


def available() -> bool:
    return hasattr(os, "fork")


def chunk_size(n: int, jobs: int) -> int:
    """Small chunks keep results (and a progress bar) flowing; ~8 per worker balance
    uneven items; 16 at most bounds what one slow chunk holds back."""
    return max(1, min(16, n // (jobs * 8)))


def map_ordered(
    work: Callable[[int], Any], n: int, jobs: int, costs: Sequence[int] | None = None
) -> Iterator[Any]:
    """``work(i)`` for i in range(n) on ``jobs`` forked processes, yielded in order.

    ``costs`` (one number per item, such as a file's size): items far costlier than the
    rest are handed out first, so that no worker is left with a large one at the end while
    the others wait; the others go in order, so that results (and a progress bar) keep
    coming. ``work`` should return its failures rather than raise; an exception that
    escapes it ends the batch with an InternalError naming it."""
    if n == 0:
        return
    chunk = chunk_size(n, jobs)
    order = _order(costs) if costs is not None else range(n)
    chunks = iter([order[i : i + chunk] for i in range(0, n, chunk)])
    pool = _Pool(work, min(jobs, -(-n // chunk)))
    finished = False
    try:
        for worker in pool.workers:
            for _ in range(AHEAD):
                pool.give(worker, chunks)
        done: dict[int, Any] = {}
        following = 0
        while following < n:
            while following in done:
                yield done.pop(following)
                following += 1
            if following >= n:
                break
            for worker, index, result in pool.receive():
                done[index] = result
                if worker.finished_chunk:
                    pool.give(worker, chunks)
        finished = True
    finally:
        pool.stop(finished)


def _order(costs: Sequence[int]) -> list[int]:
    """The items of LARGE times the median cost or more, costliest first, then the rest."""
    median = sorted(costs)[len(costs) // 2]
    large = sorted(
        (i for i, c in enumerate(costs) if c >= LARGE * median and c), key=lambda i: -costs[i]
    )
    first = set(large)
    return large + [i for i in range(len(costs)) if i not in first]


class _Worker:
    def __init__(self, pid: int, tasks: int, results: int):
        self.pid = pid
        self.tasks: int | None = tasks
        self.results = results
        self.buffer = bytearray()
        self.pending: list[int] = []  # results still to come, per chunk it holds
        self.finished_chunk = False
        self.status: int | None = None


class _Pool:
    def __init__(self, work: Callable[[int], Any], jobs: int):
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()
        # A worker starts with the stop signals blocked, so one sent while it is still
        # starting waits for its own handler rather than meeting the parent's.
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            for _ in range(jobs):
                self._fork(work)
        except BaseException:
            self.stop(False)
            raise
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def _fork(self, work: Callable[[int], Any]) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns
            try:
                for worker in self.workers:  # the others' pipes: their ends must be theirs
                    os.close(worker.results)
                    if worker.tasks is not None:
                        os.close(worker.tasks)
                os.close(task_w)
                os.close(result_r)
                _serve(work, task_r, result_w)
            finally:
                os._exit(70)
        os.close(task_r)
        os.close(result_w)
        worker = _Worker(pid, task_w, result_r)
        self.workers.append(worker)
        self.selector.register(result_r, selectors.EVENT_READ, worker)

    def give(self, worker: _Worker, chunks: Iterator[Sequence[int]]) -> None:
        indexes = next(chunks, None)
        if worker.tasks is None:
            return
        if indexes is None:  # nothing left: the worker ends when it has sent what it holds
            os.close(worker.tasks)
            worker.tasks = None
            return
        worker.pending.append(len(indexes))
        try:
            os.write(worker.tasks, struct.pack(f"<{len(indexes) + 1}q", len(indexes), *indexes))
        except BrokenPipeError:  # it has died: the end of its results will say how
            os.close(worker.tasks)
            worker.tasks = None

    def receive(self) -> Iterator[tuple[_Worker, int, Any]]:
        """The results that have arrived (waits for at least one message)."""
        if not self.selector.get_map():
            raise InternalError("the workers ended before every result was in")
        for key, _ in self.selector.select():
            worker: _Worker = key.data
            data = os.read(worker.results, 1 << 16)
            if not data:
                self._ended(worker)
                continue
            worker.buffer += data
            while len(worker.buffer) >= _SIZE.size:
                (size,) = _SIZE.unpack_from(worker.buffer)
                if len(worker.buffer) < _SIZE.size + size:
                    break
                message = bytes(worker.buffer[_SIZE.size : _SIZE.size + size])
                del worker.buffer[: _SIZE.size + size]
                index, ok, result = pickle.loads(message)  # from our own child, over our pipe
                if not ok:
                    raise InternalError(f"a worker process failed: {result}")
                worker.pending[0] -= 1
                worker.finished_chunk = not worker.pending[0]
                if worker.finished_chunk:
                    worker.pending.pop(0)
                yield worker, index, result

    def _ended(self, worker: _Worker) -> None:
        """Its result pipe is closed: the worker has ended."""
        self.selector.unregister(worker.results)
        worker.status = status = os.waitpid(worker.pid, 0)[1]
        if not worker.pending and worker.tasks is None and not worker.buffer:
            return  # it was told there was no more work
        cause = (
            f"signal {os.WTERMSIG(status)}"
            if os.WIFSIGNALED(status)
            else f"exit status {os.waitstatus_to_exitcode(status)}"
        )
        raise InternalError(f"a worker process ended unexpectedly ({cause})")

    def stop(self, finished: bool) -> None:
        """Finished: the workers have their end of tasks and end by themselves. Stopped
        early: each is told to end (SIGTERM: it removes the file it was writing), then
        killed if it has not ended within the grace period."""
        for worker in self.workers:
            if worker.tasks is not None:
                os.close(worker.tasks)
                worker.tasks = None
            if not finished and worker.status is None:
                _signal(worker.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE
        for worker in self.workers:
            while worker.status is None:
                pid, status = os.waitpid(worker.pid, 0 if finished else os.WNOHANG)
                if pid:
                    worker.status = status
                elif time.monotonic() > deadline:
                    _signal(worker.pid, signal.SIGKILL)
                    worker.status = os.waitpid(worker.pid, 0)[1]
                else:
                    time.sleep(0.005)
            os.close(worker.results)
        self.workers.clear()
        self.selector.close()


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:  # it has ended already (waitpid will say how)
        pass


def _serve(work: Callable[[int], Any], tasks: int, results: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _end_worker)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, _end_worker)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    with os.fdopen(tasks, "rb", buffering=0) as feed:
        while count := _read_exactly(feed, _COUNT.size):
            (size,) = _COUNT.unpack(count)
            task = _read_exactly(feed, size * _COUNT.size)
            for index in struct.unpack(f"<{size}q", task):
                try:
                    message = pickle.dumps((index, True, work(index)), pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # noqa: BLE001 - said to the parent, which ends the batch
                    message = pickle.dumps((index, False, f"{type(exc).__name__}: {exc}"))
                _write_all(results, _SIZE.pack(len(message)) + message)
    os._exit(0)


def _read_exactly(feed, size: int) -> bytes:
    data = b""
    while len(data) < size:
        more = feed.read(size - len(data))
        if not more:
            return b""  # the parent closed the pipe: no more work
        data += more
    return data


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _end_worker(signum, frame) -> None:
    """Remove the temporary file this worker was writing, then end at once (no traceback)."""
    outputs.cleanup()
    os._exit(128 + signum)
