"""The CLI as a person runs it: in a pseudo-terminal, on batches, stopped half-way."""

from __future__ import annotations

import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def run_in_pty(
    args, cwd, *, interrupt_after=None, interrupt_when=None, sig=signal.SIGINT, timeout=240
):
    """Run the CLI with a terminal on stdin/stdout/stderr; return (exit code, screen text).

    The signal goes ``interrupt_after`` seconds after the start and once
    ``interrupt_when()`` is true (the run is under way: on a loaded machine start-up
    alone can take longer than any fixed delay)."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm", "TEI_TOOLKIT_CACHE": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tei_toolkit", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    screen, start, sent = b"", time.monotonic(), False
    while True:
        due = interrupt_after is not None and time.monotonic() - start > interrupt_after
        if due and not sent and (interrupt_when is None or interrupt_when()):
            os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
            sent = True
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk and proc.poll() is not None:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
        if time.monotonic() - start > timeout:
            proc.kill()
            raise AssertionError("the command did not end: " + screen.decode(errors="replace"))
    os.close(master)
    return proc.wait(), screen.decode("utf-8", "replace")


def _children(pid: int) -> list[str]:
    """The child processes of ``pid`` (Linux /proc; elsewhere none are seen)."""
    try:
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return ["unknown"]


def _records(tmp_path, n):
    records = sorted(CORPUS.glob("*.txt"))
    folder = tmp_path / "records"
    folder.mkdir()
    for i in range(n):
        src = records[i % len(records)]
        shutil.copy(src, folder / f"{i:03d}-{src.name}")
    return folder


@pytest.fixture
def batch(tmp_path):
    """60 records: the corpus repeated under new names."""
    return _records(tmp_path, 60)


def test_validate_a_batch_in_a_terminal_shows_progress_and_never_crashes(tmp_path, batch):
    tei = tmp_path / "tei"
    rc, screen = run_in_pty(
        ["convert", *map(str, sorted(batch.iterdir())), "-o", f"{tei}/", "--quiet", "-j", "1"],
        tmp_path,
    )
    assert rc == 0, screen
    rc, screen = run_in_pty(["validate", str(tei), "-j", "1"], tmp_path)
    assert rc == 0, screen
    assert "Traceback" not in screen and "internal error" not in screen
    assert "60 files valid" in screen or "all 60" in screen or "60 of 60" in screen, screen


def test_ctrl_c_ends_a_batch_with_130_and_leaves_no_partial_file(tmp_path):
    batch = _records(tmp_path, 600)
    out = tmp_path / "tei"
    rc, screen = run_in_pty(
        ["convert", *map(str, sorted(batch.iterdir())), "-o", f"{out}/", "--quiet"],
        tmp_path,
        interrupt_after=1.0,
        interrupt_when=lambda: any(out.glob("*.xml")),
    )
    if rc in (0, 1) and len(list(out.glob("*.xml"))) == 600:
        pytest.skip("the batch finished within a second: nothing to interrupt")
    assert rc == 130, screen
    assert "Traceback" not in screen
    left = [p.name for p in out.glob(".*")] if out.exists() else []
    assert left == [], left
    for xml in out.glob("*.xml"):  # whatever was written is whole
        assert xml.read_bytes().rstrip().endswith(b"</TEI>")


def test_sigterm_keeps_the_previous_report_and_exits_143(tmp_path, batch):
    tei = tmp_path / "tei"
    rc, _ = run_in_pty(
        ["convert", *map(str, sorted(batch.iterdir())), "-o", f"{tei}/", "--quiet", "-j", "1"],
        tmp_path,
    )
    assert rc == 0
    for n in range(1, 8):  # a batch that takes longer than the signal's delay
        for xml in sorted(tei.glob("*.xml"))[:60]:
            (tei / f"copy{n}-{xml.name}").write_bytes(xml.read_bytes())
    report = tmp_path / "report.xml"
    report.write_text("previous report\n")
    rc, screen = run_in_pty(
        ["validate", str(tei), "-j", "1", "--no-cache", "--format", "junit", "-o", str(report)],
        tmp_path,
        interrupt_after=0.8,
        sig=signal.SIGTERM,
    )
    if rc == 1 or rc == 0:  # the run finished before the signal: nothing to check
        pytest.skip("validation of 480 files finished within 0.8 s")
    assert rc == 143, screen
    assert report.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.glob(".report*")] == []
    assert "Traceback" not in screen


def test_bad_paths_and_odd_names_give_one_line_errors(tmp_path):
    odd = tmp_path / "bad\x1b[31mname.xml"
    odd.write_text("<TEI")
    rc, screen = run_in_pty(["validate", str(odd), str(tmp_path / "missing.xml")], tmp_path)
    assert rc == 2, screen
    assert "bad\x1b" not in screen and "Traceback" not in screen  # the name is escaped
    rc, screen = run_in_pty(["validate", "--format", "github", str(odd)], tmp_path)
    assert rc == 1 and "bad\x1b" not in screen, screen
    rc, screen = run_in_pty(["export", "text", str(tmp_path / "nope.xml")], tmp_path)
    assert rc == 2 and "Traceback" not in screen, screen
    rc, screen = run_in_pty(["convert", "/dev/zero"], tmp_path)
    assert rc == 2 and "Traceback" not in screen, screen
    assert Path(tmp_path).exists()


def test_a_signal_is_answered_at_once_even_inside_a_long_check(tmp_path):
    """libxml2 holds the interpreter for seconds on large files; the run still stops
    within a second of SIGTERM (the check runs in a worker process)."""
    body = '<p n="1">x</p>' * 400_000
    doc = tmp_path / "big.xml"
    doc.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "tei_toolkit", "validate", "--engine", "relaxng", str(doc)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TEI_TOOLKIT_CACHE": "off"},
    )
    time.sleep(1.5)
    deadline = time.monotonic() + 60  # under way: the worker that runs the check is up
    while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.skip("the check finished before it could be interrupted")
    proc.send_signal(signal.SIGTERM)
    start = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - start < 2.0
    assert proc.returncode == 143, err
    assert b"Traceback" not in err
