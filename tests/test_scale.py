"""--cluster: the same outputs and report as the local batch, nothing lost when a worker dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli_convert import CLI, _in_a_terminal, _records

distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")
fsspec = pytest.importorskip("fsspec")

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}


def run(*args, env=ENV):
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=env, timeout=600
    )


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes with nannies (a killed worker is restarted), as on a cluster."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as c:
        yield c


def _same_folders(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_cluster_run_equals_the_local_run(tmp_path: Path, cluster):
    folder = _records(tmp_path / "in", 30)
    (folder / "empty.txt").write_bytes(b"")  # fails as locally, the others go on
    (folder / "tei.txt").write_text('<?xml version="1.0"?>\n<TEI/>\n', encoding="utf-8")
    local = run("convert", folder, "-o", tmp_path / "local", "-j", "1")
    remote = run(
        "convert", folder, "-o", tmp_path / "remote", "--cluster", cluster.scheduler_address
    )
    assert local.returncode == remote.returncode == 2
    assert remote.stderr.replace("remote", "X") == local.stderr.replace("local", "X")
    assert "empty.txt: is empty" in remote.stderr and "already XML" in remote.stderr
    _same_folders(tmp_path / "local", tmp_path / "remote")
    assert len(list((tmp_path / "remote").iterdir())) == 30


def test_local_n_starts_its_own_cluster(tmp_path: Path):
    folder = _records(tmp_path / "in", 6)
    local = run("convert", folder, "-o", tmp_path / "a", "--no-check")
    remote = run("convert", folder, "-o", tmp_path / "b", "--no-check", "--cluster", "local:2")
    assert local.returncode == remote.returncode == 0, remote.stderr
    assert "Traceback" not in remote.stderr
    _same_folders(tmp_path / "a", tmp_path / "b")


def _profiler_and_trim() -> tuple[bool, str | None]:
    import dask

    return (
        bool(dask.config.get("distributed.worker.profile.enabled")),
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
    )


def test_a_local_cluster_runs_without_the_profiler_and_malloc_trimming(monkeypatch):
    """Dask's defaults that cost a local batch a quarter of its throughput."""
    from tei_toolkit.scale import runner

    # A nanny puts its pre-spawn variables in this process's environment for good (the
    # module's cluster fixture did): a fresh `tei-toolkit` process starts without them.
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)

    with runner.connect("local:1") as client:
        assert list(client.run(_profiler_and_trim).values()) == [(False, None)]
    assert _profiler_and_trim()[0]  # this process's configuration is left as it was


def test_a_killed_worker_loses_nothing(tmp_path: Path, cluster):
    folder = _records(tmp_path / "in", 400)
    expected = tmp_path / "local"
    assert run("convert", folder, "-o", expected, "--no-check", "-j", "2").returncode == 0
    out = tmp_path / "remote"
    client = distributed.Client(cluster)
    try:
        pids = client.run(os.getpid)  # worker address -> process id
        proc = subprocess.Popen(
            [*CLI, "convert", str(folder), "-o", str(out), "--no-check"]
            + ["--cluster", cluster.scheduler_address],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(list(out.glob("*.xml"))) < 40:
            time.sleep(0.05)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)  # mid-run: the other tasks are still queued
        at_kill = len(list(out.glob("*.xml")))
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr
        assert 40 <= at_kill < 400  # it was killed in the middle of the run
        client.wait_for_workers(2, timeout=60)  # the nanny started a new one
        assert victim not in client.run(os.getpid).values()
    finally:
        client.close()
    assert "converted 400 of 400 records" in stderr
    _same_folders(expected, out)  # every output once, complete, no temporary file left


def test_resume_after_an_interrupted_run_converts_only_what_is_missing(tmp_path: Path, cluster):
    folder = _records(tmp_path / "in", 20)
    out = tmp_path / "out"
    assert run("convert", folder, "-o", out, "--no-check", "--cluster", cluster.scheduler_address)
    gone = sorted(out.iterdir())[5:9]
    for p in gone:
        p.unlink()
    result = run(
        "convert",
        folder,
        "-o",
        out,
        "--no-check",
        "--resume",
        "--cluster",
        cluster.scheduler_address,
    )
    assert result.returncode == 0, result.stderr
    assert "converted 4 of 4 records" in result.stderr
    assert "16 already up to date" in result.stderr
    assert len(list(out.iterdir())) == 20


def test_fsspec_urls_in_and_out():
    """memory:// needs the workers in this process: an in-process cluster (threads)."""
    from tei_toolkit.pipeline import ConvertOptions
    from tei_toolkit.scale import runner

    originals = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("*.txt"))[:3]
    fs = fsspec.filesystem("memory")
    for p in originals:
        fs.pipe_file(f"/scale-in/{p.name}", p.read_bytes())
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=":0") as c:
        sources, targets = runner.plan_convert(["memory://scale-in"], "memory://scale-out/")
        assert len(sources) == 3 and all(t.startswith("memory://") for t in targets)
        opts = ConvertOptions(date="2026-01-01", check=False)
        results = list(runner.convert(sources, targets, opts, c.scheduler_address))
        again = list(runner.convert(sources, targets, opts, c.scheduler_address, resume=True))
    assert [r.skipped for r in again] == [True, True, True]  # --resume, checked on the worker
    assert [r.error for r in results] == [None, None, None]
    from tei_toolkit.pipeline import convert_file

    for p, target in zip(originals, targets):
        local = convert_file(p, None, opts).xml
        assert fs.cat_file(target.removeprefix("memory://")) == local
    assert not [n for n in fs.ls("/scale-out", detail=False) if n.endswith(".tmp")]


def test_without_dask_cluster_says_how_to_install(tmp_path: Path):
    script = (
        "import sys; sys.modules['distributed'] = None\n"
        "from tei_toolkit.cli import main; main(sys.argv[1:])\n"
    )
    folder = _records(tmp_path / "in", 2)
    result = subprocess.run(
        [sys.executable, "-c", script, "convert", str(folder), "-o", str(tmp_path / "o")]
        + ["--cluster", "local:2"],
        capture_output=True,
        text=True,
        env=ENV,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "pip install 'tei-toolkit[dask]'" in result.stderr


def test_bad_cluster_address_is_a_usage_error(tmp_path: Path):
    folder = _records(tmp_path / "in", 2)
    result = run("convert", folder, "-o", tmp_path / "o", "--cluster", "nonsense")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "local:N" in result.stderr


def test_ctrl_c_on_a_cluster_run(tmp_path: Path):
    folder = _records(tmp_path / "in", 300)
    out = tmp_path / "out"
    code, screen = _in_a_terminal(
        ["convert", folder, "-o", out, "--cluster", "local:2"], b"converting"
    )
    assert code == 130, screen
    assert "Traceback" not in screen, screen
    assert "dashboard http://" in screen and "converting" in screen  # progress on the client
    for path in out.iterdir() if out.exists() else []:
        assert path.suffix == ".xml", path


VALIDATION = Path(__file__).resolve().parent / "validation"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_report_on_a_cluster_is_the_local_report(cluster, fmt):
    """The validation suite (valid, invalid and malformed TEI): same report, same exit code."""
    args = ["validate", VALIDATION, "--check-ids", "--check-refs", "--format", fmt]
    local = run(*args, "-j", "1")
    remote = run(*args, "--cluster", cluster.scheduler_address)
    assert local.returncode == remote.returncode == 1
    assert remote.stdout == local.stdout and len(local.stdout) > 1000
    assert remote.stderr == local.stderr
