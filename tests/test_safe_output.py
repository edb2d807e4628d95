"""Nothing lost or clobbered, and no traceback reaches a user.

Atomic writes (a failure mid-write leaves the old file whole and no temporary file), an
output path that is an input refused however it is spelled, a failed run writes nothing,
and an internal error is one line with exit code 70 (``--debug`` shows the traceback).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tei_toolkit import outputs, pipeline
from tei_toolkit.cli import main
from tei_toolkit.diagnostics import ToolkitError, error

RECORD = "A title\n\nA paragraph about the plan.\n"


def convert(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


@pytest.fixture
def record(tmp_path) -> Path:
    path = tmp_path / "rec.txt"
    path.write_text(RECORD, encoding="utf-8")
    return path


# --- atomic writes -----------------------------------------------------------------------

REAL_FDOPEN = os.fdopen


class FailingFile:
    """Stands in for the temporary file: writes half, then the disk is full."""

    def __init__(self, fd):
        self.real = REAL_FDOPEN(fd, "wb")

    def write(self, data):
        self.real.write(data[: len(data) // 2])
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()


def test_failure_mid_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.xml"
    target.write_bytes(b"old contents")
    monkeypatch.setattr(outputs.os, "fdopen", lambda fd, mode: FailingFile(fd))
    with pytest.raises(ToolkitError) as caught:
        outputs.write_atomic(target, b"new contents " * 1000)
    assert "No space left" in str(caught.value)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


@pytest.mark.parametrize("failure", [OSError(errno.EXDEV, "rename failed"), KeyboardInterrupt()])
def test_failure_at_rename_or_interrupt_leaves_no_temporary_file(tmp_path, monkeypatch, failure):
    target = tmp_path / "out.xml"
    target.write_bytes(b"old contents")

    def fail(*_):
        raise failure

    monkeypatch.setattr(outputs.os, "replace", fail)
    with pytest.raises((ToolkitError, KeyboardInterrupt)):
        outputs.write_atomic(target, b"new contents")
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path):
    fresh = tmp_path / "fresh.xml"
    old_umask = os.umask(0o022)
    try:
        outputs.write_atomic(fresh, b"x")
    finally:
        os.umask(old_umask)
    assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    kept = tmp_path / "kept.xml"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    outputs.write_atomic(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_bytes() == b"new"


def test_unwritable_output_is_a_one_line_error(capsys, tmp_path, record):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root)")
        code, _, err = convert(capsys, "convert", record, "-o", locked / "out.xml")
    finally:
        locked.chmod(0o700)
    assert code == 2 and "cannot write" in err and "Traceback" not in err


def test_output_under_a_regular_file_is_a_one_line_error(capsys, tmp_path, record):
    code, _, err = convert(capsys, "convert", record, "-o", record / "out.xml", "--no-check")
    errors = [ln for ln in err.splitlines() if "error:" in ln]
    assert code == 2 and len(errors) == 1 and "is not a folder" in errors[0]
    assert record.read_text(encoding="utf-8") == RECORD


# --- an output path that is an input -----------------------------------------------------


def spellings(record: Path):
    yield "same", record
    yield "relative", Path(os.path.relpath(record)).parent / ".." / record.parent.name / record.name
    link = record.parent / "link.xml"
    link.symlink_to(record)
    yield "symlink", link
    hard = record.parent / "hard.xml"
    os.link(record, hard)
    yield "hard link", hard


def test_output_equal_to_input_is_refused_however_spelled(capsys, record):
    for how, out in spellings(record):
        code, _, err = convert(capsys, "convert", record, "-o", out, "--no-check")
        assert code == 2, how
        assert "refusing to overwrite" in err, how
        assert record.read_text(encoding="utf-8") == RECORD, how


def test_output_folder_that_would_overwrite_an_input(capsys, tmp_path):
    """`convert notes.xml other.txt -o .`: notes.xml would become its own output."""
    src = tmp_path / "notes.xml"
    src.write_text(RECORD, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text(RECORD, encoding="utf-8")
    code, _, err = convert(capsys, "convert", src, other, "-o", tmp_path, "--no-check")
    assert code == 2 and "refusing to overwrite" in err
    assert src.read_text(encoding="utf-8") == RECORD
    assert (tmp_path / "other.xml").exists()


def test_a_batch_protection_refuses_every_spelling_and_survives_pickling(record):
    """One Protected for a whole batch (identities taken once), sent to workers pickled."""
    import pickle

    other = record.parent / "other.txt"
    other.write_text(RECORD, encoding="utf-8")
    protected = outputs.Protected([other, record])
    for copy in (protected, pickle.loads(pickle.dumps(protected))):
        for how, out in spellings(record):
            with pytest.raises(ToolkitError, match="refusing to overwrite"):
                outputs.write_atomic(out, b"<x/>", inputs=copy)
            assert record.read_text(encoding="utf-8") == RECORD, how
            if how in ("symlink", "hard link"):
                out.unlink()  # made again for the next copy
        outputs.write_atomic(record.parent / "new.xml", b"<x/>", inputs=copy)
    assert (record.parent / "new.xml").read_bytes() == b"<x/>"


# --- a failed run writes nothing --------------------------------------------------------


def test_invalid_output_writes_nothing_and_keeps_the_old_file(
    capsys, monkeypatch, tmp_path, record
):
    out = tmp_path / "rec.xml"
    out.write_bytes(b"previous good output")
    monkeypatch.setattr(pipeline, "convert_text", _convert_with_an_error)
    code, stdout, err = convert(capsys, "convert", record, "-o", out)
    assert code == 1 and "nothing written" in err and not stdout
    assert out.read_bytes() == b"previous good output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rec.txt", "rec.xml"]


def _convert_with_an_error(text, name, **kw):
    conversion = pipeline.convert_text.__wrapped__(text, name, **kw)
    conversion.diagnostics.append(error("rng:test", "invalid on purpose", file=name))
    return conversion


_convert_with_an_error.__wrapped__ = pipeline.convert_text


# --- internal errors --------------------------------------------------------------------


def _boom(text, name, **kw):
    if "bad" in name:
        raise RuntimeError("simulated bug")
    return _boom.__wrapped__(text, name, **kw)


_boom.__wrapped__ = pipeline.convert_text


def test_internal_error_is_one_line_and_exit_70(capsys, monkeypatch, tmp_path, record):
    monkeypatch.setattr(pipeline, "convert_text", _boom)
    bad = tmp_path / "bad.txt"
    bad.write_text(RECORD, encoding="utf-8")
    code, _, err = convert(capsys, "convert", bad, record, "-o", tmp_path / "out", "--no-check")
    assert code == 70
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if "error:" in ln]
    assert lines == [
        f"tei-toolkit: error: {bad}: internal error: RuntimeError: simulated bug "
        "(rerun with --debug for a traceback)"
    ]
    assert (tmp_path / "out" / "rec.xml").exists()  # the batch went on
    assert not (tmp_path / "out" / "bad.xml").exists()


def test_internal_error_outside_a_file_is_one_line_and_exit_70(capsys, monkeypatch, record):
    def broken(*_, **__):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "plan_outputs", broken)
    code, _, err = convert(capsys, "convert", record)
    assert code == 70 and "Traceback" not in err
    assert err.strip() == (
        "tei-toolkit: internal error: RuntimeError: simulated bug (rerun "
        "with --debug for a traceback)"
    )


def test_debug_shows_the_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(pipeline, "convert_text", _boom)
    bad = tmp_path / "bad.txt"
    bad.write_text(RECORD, encoding="utf-8")
    with pytest.raises(RuntimeError, match="simulated bug"):
        main(["--debug", "convert", str(bad), "--no-check"])


def test_debug_traceback_in_a_real_process(tmp_path):
    """The traceback is printed by the interpreter, exit status 1; without --debug, 70."""
    bad = tmp_path / "bad.txt"
    bad.write_text(RECORD, encoding="utf-8")
    script = (
        "import sys; from tei_toolkit import pipeline\n"
        "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
        "pipeline.convert_text = boom\n"
        "from tei_toolkit.cli import main; main(sys.argv[1:])\n"
    )
    plain = subprocess.run(
        [sys.executable, "-c", script, "convert", bad, "--no-check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert plain.returncode == 70 and "Traceback" not in plain.stderr
    debug = subprocess.run(
        [sys.executable, "-c", script, "--debug", "convert", bad, "--no-check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    assert "RuntimeError: simulated bug" in debug.stderr
