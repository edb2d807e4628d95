"""The forked worker pool of -j (scale/forks.py): a batch that stops early (Ctrl-C, a
caller that stops reading) or ends before every worker is up must never leave a worker
waiting forever; a worker that dies or raises ends the batch with an error, never a wait.

Under multiprocessing.Pool about one early stop in a thousand hung (CI timed out on the
loop below): a worker ended while it held the shared task queue's lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from tei_toolkit.diagnostics import InternalError
from tei_toolkit.scale import forks

LOOP = """
from tei_toolkit.scale.local import map_ordered

def double(x, extra):
    return 2 * x

for _ in range({n}):
    results = map_ordered(double, list(range(6)), None, 2)
    assert next(results) == 0
    results.close()  # stops early: the pool is stopped, not finished
assert list(map_ordered(double, list(range(6)), None, 2)) == [0, 2, 4, 6, 8, 10]
print("ok")
"""


def test_early_stops_and_small_batches_never_hang():
    # a hang is the failure this looks for: the timeout is far beyond the seconds it takes
    done = subprocess.run(
        [sys.executable, "-c", LOOP.format(n=100)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_results_come_in_order_whatever_order_the_workers_finish_in():
    def work(i):
        time.sleep(0.002 * ((7 * i) % 5))
        return i * i

    assert list(forks.map_ordered(work, 60, 3)) == [i * i for i in range(60)]
    assert list(forks.map_ordered(work, 0, 3)) == []
    assert list(forks.map_ordered(work, 1, 4)) == [0]


def test_a_worker_that_dies_ends_the_batch_with_an_error():
    def work(i):
        if i == 5:
            os._exit(3)
        return i

    with pytest.raises(InternalError, match="ended unexpectedly .exit status 3"):
        list(forks.map_ordered(work, 20, 2))


def test_an_exception_in_the_work_is_the_batch_error_that_names_it():
    def work(i):
        if i == 2:
            raise ValueError("no such item")
        return i

    with pytest.raises(InternalError, match="ValueError: no such item"):
        list(forks.map_ordered(work, 10, 2))


def test_a_worker_that_ignores_sigterm_is_killed_after_the_grace(monkeypatch):
    monkeypatch.setattr(forks, "STOP_GRACE", 0.3)

    def work(i):
        if i > 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(60)
        return i

    results = forks.map_ordered(work, 4, 2)
    assert next(results) == 0
    started = time.monotonic()
    results.close()
    # killed, not waited for: far less than the 60 s the work would take
    assert time.monotonic() - started < 30


def test_the_costliest_items_are_handed_out_first_and_results_still_come_in_order():
    def work(i):
        started = time.monotonic()
        time.sleep(0.01)
        return i, started

    costs = [1] * 30 + [1000]  # the last item is the large one
    results = list(forks.map_ordered(work, 31, 2, costs))
    assert [i for i, _ in results] == list(range(31))
    first_two = sorted(results, key=lambda r: r[1])[:2]
    assert 30 in [i for i, _ in first_two]  # begun at once, not last


def test_only_items_far_costlier_than_the_rest_jump_the_queue():
    # the rest keep their order, so that results (and a progress bar) keep coming
    assert forks._order([5, 4, 6, 5, 5]) == [0, 1, 2, 3, 4]
    assert forks._order([1, 1, 1, 9, 1, 20]) == [5, 3, 0, 1, 2, 4]
