"""The forked worker pool of -j: a batch that stops early (Ctrl-C, a caller that stops
reading) or ends before every worker is up must never leave a worker waiting forever.

Before the fix, about one early stop in a hundred hung in Pool.terminate(): a worker
still starting was never signalled and waited for a task, and the pool joined it."""

from __future__ import annotations

import subprocess
import sys

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
