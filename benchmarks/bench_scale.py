"""--cluster local:2 against -j 2 on one machine: throughput and identical outputs.

    python benchmarks/bench_scale.py [N] [convert,validate,export]
    # N records (default 20000), and N files to validate; the commands to time (default all)

The N records are corpus/*.txt repeated under new names in a temporary folder. Each
command runs end to end as a user runs it (the cluster's start-up included); then the
scheduling overhead per task is measured on a warm cluster for several task sizes
(what runner.task_size is chosen from). Reports numbers, asserts only that the
outputs and reports are identical.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLI = [sys.executable, "-m", "tei_toolkit"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONPATH": str(ROOT)}


def make_records(folder: Path, n: int) -> None:
    originals = sorted((ROOT / "corpus").glob("*.txt"))
    folder.mkdir(parents=True)
    for i in range(n):
        src = originals[i % len(originals)]
        (folder / f"r{i:06d}-{src.name}").write_bytes(src.read_bytes())


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(*args: object) -> tuple[float, subprocess.CompletedProcess, float]:
    """Wall time, the finished process, and the CPU time of its whole process tree
    (workers, nannies and scheduler included: steadier than wall time on a shared machine)."""
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=ENV, check=False
    )
    return time.perf_counter() - start, done, _children_cpu() - cpu


def same_folders(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all((a / n).read_bytes() == (b / n).read_bytes() for n in names)


def compare(label: str, n: int, local: tuple, cluster: tuple, identical: bool) -> None:
    (t_local, r_local, c_local), (t_cluster, r_cluster, c_cluster) = local, cluster
    print(
        f"{label:<9} N={n}: -j 2 {t_local:6.1f} s ({n / t_local:6.0f}/s) | --cluster local:2 "
        f"{t_cluster:6.1f} s ({n / t_cluster:6.0f}/s) | cluster/local throughput "
        f"{t_local / t_cluster:.2f}x | CPU {c_local:6.1f} s / {c_cluster:6.1f} s = "
        f"{c_local / max(c_cluster, 1e-9):.2f}x | exit {r_local.returncode}/{r_cluster.returncode}"
        f" | identical: {identical}"
    )


def task_overhead(n_items: int = 1024) -> None:
    """Scheduler cost per task on a warm LocalCluster(2): a near-empty function per item."""
    import distributed

    from tei_toolkit.scale import runner

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        items = list(range(n_items))
        for size in (1, 16, 256):
            parts = runner.chunks(items, size)
            start = time.perf_counter()
            client.gather(client.map(_touch, parts, pure=False))
            elapsed = time.perf_counter() - start
            print(
                f"task size {size:>4}: {len(parts):>5} tasks in {elapsed:5.2f} s = "
                f"{1000 * elapsed / len(parts):6.2f} ms per task, "
                f"{1000 * elapsed / n_items:6.3f} ms per file"
            )


def _touch(part: list) -> int:
    return len(part)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else {"convert", "validate", "export"}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        make_records(base / "in", n)
        local = timed("convert", base / "in", "-o", base / "j2", "-j", "2", "-q")
        if "convert" in only:
            cluster = timed("convert", base / "in", "-o", base / "cl", "--cluster", "local:2", "-q")
            same = same_folders(base / "j2", base / "cl") and local[1].stderr == cluster[1].stderr
            compare("convert", n, local, cluster, same)
        if "validate" not in only:
            return
        # --no-cache: the second run must not read the results the first one cached
        local = timed("validate", base / "j2", "-j", "2", "-q", "--no-cache")
        cluster = timed("validate", base / "j2", "--cluster", "local:2", "-q", "--no-cache")
        same = local[1].stdout == cluster[1].stdout
        compare("validate", n, local, cluster, same)
        if "export" not in only:
            return
        local = timed("export", "html", base / "j2", "-o", base / "h2", "-j", "2", "-q")
        cluster = timed(
            "export", "html", base / "j2", "-o", base / "hc", "--cluster", "local:2", "-q"
        )
        compare("export", n, local, cluster, same_folders(base / "h2", base / "hc"))
    task_overhead()


if __name__ == "__main__":
    main()
