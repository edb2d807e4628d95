"""export -j / --cluster: the same outputs, byte for byte, wherever the files were exported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_cli_convert import _in_a_terminal

HERE = Path(__file__).resolve().parent
CLI = [sys.executable, "-m", "tei_toolkit", "export"]
SHAKESPEARE = HERE.parent.parent / "shared" / "corpora" / "shakespeare"


def run(*args, seed: str = "0"):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PYTHONHASHSEED": seed}
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=env, timeout=600
    )


def _batch(folder: Path, copies: int = 3) -> Path:
    """Real and hand-made TEI (the reference record's TEI, the export fixtures, plays
    where ../shared has them), each under a few names, and one file that is not XML."""
    folder.mkdir(parents=True)
    sources = [HERE / "golden" / "stalin-choibalsan-1944" / "expected.xml"]
    sources += sorted((HERE / "export").glob("*.xml"))
    sources += sorted(SHAKESPEARE.glob("*.xml"))[:2]
    for i in range(copies):
        for src in sources:
            shutil.copyfile(src, folder / f"c{i}-{src.name}")
    (folder / "broken.xml").write_text("<TEI><p>unclosed</TEI>", encoding="utf-8")
    return folder


def _same_folders(a: Path, b: Path) -> None:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    differ = [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]
    assert not differ  # (names only: a diff of two 3 MB pages takes pytest minutes)


@pytest.mark.parametrize("fmt", ["html", "text", "json"])
def test_jobs_do_not_change_the_output(tmp_path: Path, fmt: str):
    folder = _batch(tmp_path / "in")
    one = run(fmt, folder, "-o", tmp_path / "one", "-j", "1", seed="1")
    two = run(fmt, folder, "-o", tmp_path / "two", "-j", "2", seed="2")
    assert one.returncode == two.returncode == 2  # broken.xml; the others are exported
    assert two.stderr.replace("two", "X") == one.stderr.replace("one", "X")
    assert "broken.xml" in two.stderr and "Traceback" not in two.stderr
    _same_folders(tmp_path / "one", tmp_path / "two")
    exported = [p for p in (tmp_path / "two").iterdir() if p.stem.startswith("c")]
    assert len({p.stem for p in exported}) == len(list(folder.iterdir())) - 1


def test_a_name_clash_is_decided_before_any_work(tmp_path: Path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    shutil.copyfile(HERE / "export" / "letter.xml", a / "letter.xml")
    shutil.copyfile(HERE / "export" / "drama-and-verse.xml", b / "letter.xml")
    done = run("text", a / "letter.xml", b / "letter.xml", "-o", tmp_path / "out", "-j", "2")
    assert done.returncode == 2
    assert "is also the export of" in done.stderr
    assert (tmp_path / "out" / "letter.txt").read_text(encoding="utf-8") == run(
        "text", a / "letter.xml"
    ).stdout


def test_ctrl_c_during_a_parallel_export(tmp_path: Path):
    folder = _batch(tmp_path / "in", copies=40)
    out = tmp_path / "out"
    code, screen = _in_a_terminal(["export", "html", folder, "-o", out, "-j", "2"], b"exporting")
    assert code == 130, screen
    assert "Traceback" not in screen and "interrupted" in screen, screen
    names = [p.name for p in out.iterdir()] if out.exists() else []
    assert not [n for n in names if n.startswith(".") or n.endswith(".tmp")], names


def test_cluster_export_equals_the_local_one(tmp_path: Path):
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    folder = _batch(tmp_path / "in", copies=2)
    local = run("html", folder, "-o", tmp_path / "local", "-j", "1")
    remote = run("html", folder, "-o", tmp_path / "remote", "--cluster", "local:2")
    assert local.returncode == remote.returncode == 2
    assert remote.stderr.replace("remote", "X") == local.stderr.replace("local", "X")
    _same_folders(tmp_path / "local", tmp_path / "remote")
