"""convert on the command line: outputs, bad input, exit codes, no partial files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

CLI = [sys.executable, "-m", "tei_toolkit"]


def run(*args, cwd=None):
    return subprocess.run(
        [*CLI, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )


def assert_one_line_error(result, code):
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if "error:" in ln]
    assert len(errors) == 1, result.stderr


def test_stdout_without_output_option():
    result = run("convert", SEED, "--no-check")
    assert result.returncode == 0
    assert result.stdout.startswith("<?xml") and "<TEI" in result.stdout


def test_output_file_and_folder(tmp_path: Path):
    out = tmp_path / "one.xml"
    assert run("convert", SEED, "-o", out, "--no-check").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    other = tmp_path / "other.txt"
    other.write_text("A title\n\nA paragraph.\n", encoding="utf-8")
    result = run("convert", SEED, other, "-o", tmp_path / "dir", "--no-check")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "dir").iterdir()) == ["input.xml", "other.xml"]


def test_several_inputs_need_a_folder(tmp_path: Path):
    assert_one_line_error(run("convert", SEED, SEED), 2)


@pytest.mark.parametrize("content", [b"", b"   \n\n  \n", b"\x00\x01\x02binary\x00" * 20])
def test_empty_and_binary_files(tmp_path: Path, content: bytes):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.xml"
    assert_one_line_error(run("convert", bad, "-o", out), 2)
    assert not out.exists()


def test_missing_file_and_directory(tmp_path: Path):
    assert_one_line_error(run("convert", tmp_path / "nope.txt"), 2)
    assert_one_line_error(run("convert", tmp_path), 2)


def test_cp1252_is_read_with_a_warning(tmp_path: Path):
    src = tmp_path / "win.txt"
    src.write_bytes("Title\n\nThe caf\u00e9 \u201cquoted\u201d.\n".encode("cp1252"))
    result = run("convert", src, "--no-check")
    assert result.returncode == 0
    assert "cp1252" in result.stderr and "caf\u00e9 \u201cquoted\u201d" in result.stdout


def test_output_equal_to_input_is_refused(tmp_path: Path):
    src = tmp_path / "rec.txt"
    src.write_text("Title\n\nBody.\n", encoding="utf-8")
    assert_one_line_error(run("convert", src, "-o", src), 2)
    assert src.read_text(encoding="utf-8") == "Title\n\nBody.\n"


def test_batch_with_a_bad_file_converts_the_others(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text("Title\n\nBody.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run("convert", bad, good, "-o", tmp_path / "out", "--no-check")
    assert result.returncode == 2
    assert (tmp_path / "out" / "good.xml").exists()
    assert not (tmp_path / "out" / "bad.xml").exists()


def test_version_and_help():
    assert run("--version").stdout.startswith("tei-toolkit")
    assert "Exit codes" in run("--help").stdout


def test_bad_date_option_is_a_usage_error():
    result = run("convert", SEED, "--date", "2026-13-45")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


def test_dash_reads_standard_input():
    result = subprocess.run(
        [*CLI, "convert", "-", "--no-check"],
        capture_output=True,
        text=True,
        input="A title\n\nA paragraph.\n",
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
    )
    assert result.returncode == 0, result.stderr
    assert "<p>A paragraph.</p>" in result.stdout and "&lt;stdin&gt;" in result.stdout
