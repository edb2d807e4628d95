"""convert on the command line: outputs, bad input, exit codes, no partial files."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

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


# --- as a person uses it: XML refused, folders, batches in a terminal, overrides ---------

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _records(folder: Path, n: int) -> Path:
    """``n`` real records (corpus/*.txt) under new names."""
    originals = sorted(CORPUS.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = originals[i % len(originals)]
        (folder / f"r{i:04d}-{src.name}").write_bytes(src.read_bytes())
    return folder


def test_tei_given_to_convert_is_refused_with_a_hint(tmp_path: Path):
    out = tmp_path / "rec.xml"
    assert run("convert", SEED, "-o", out, "--no-check").returncode == 0
    disguised = tmp_path / "copied.txt"
    disguised.write_bytes(out.read_bytes())
    for given in (out, disguised):
        result = run("convert", given, "-o", tmp_path / "again.xml")
        assert_one_line_error(result, 2)
        assert "already XML" in result.stderr and "validate" in result.stderr
        assert not (tmp_path / "again.xml").exists()


def test_a_folder_stands_for_its_records(tmp_path: Path):
    folder = _records(tmp_path / "in", 3)
    (folder / "notes.md").write_text("not a record", encoding="utf-8")
    result = run("convert", folder, "-o", tmp_path / "out", "--no-check")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.stem + ".xml" for p in folder.glob("*.txt")
    )


def test_a_folder_of_folders_is_read_whole_and_a_clash_is_refused(tmp_path: Path):
    root = tmp_path / "in"
    _records(root / "wilson", 2)
    sub = root / "frus"
    sub.mkdir()
    (sub / "telegram.txt").write_text("Telegram\n\nMoscow, May 1, 1950.\n\nText.\n", "utf-8")
    result = run("convert", root, "-o", tmp_path / "out", "--no-check")
    assert result.returncode == 0, result.stderr
    expected = sorted(p.stem + ".xml" for p in root.rglob("*.txt"))
    assert len(expected) == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == expected
    (root / "telegram.txt").write_text("Another\n\nText.\n", "utf-8")  # the same name
    clash = run("convert", root, "-o", tmp_path / "out2", "--no-check")
    assert_one_line_error(clash, 2)
    assert "would both be written" in clash.stderr
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").iterdir())


def test_batch_summary_counts_codes_and_verbose_lists_them(tmp_path: Path):
    folder = _records(tmp_path / "in", 24)
    quiet_summary = run("convert", folder, "-o", tmp_path / "a", "--no-check")
    verbose = run("convert", folder, "-o", tmp_path / "b", "--no-check", "-v")
    assert quiet_summary.returncode == verbose.returncode == 0
    listed = [ln for ln in verbose.stderr.splitlines() if ": warning: " in ln or ": info: " in ln]
    assert len(listed) >= 20  # most records have a note
    assert not [ln for ln in quiet_summary.stderr.splitlines() if ": warning: " in ln]
    assert "converted 24 of 24 records" in quiet_summary.stderr
    # the counts in the summary add up to the lines -v lists
    counts = re.findall(r"^\s+(\d+)\s+(?:warning|info|error)\s+(\S+)", quiet_summary.stderr, re.M)
    assert sum(int(n) for n, _ in counts) == len(listed)
    assert len(quiet_summary.stderr.splitlines()) < 25


def test_title_and_date_override_the_reader(tmp_path: Path):
    record = sorted(CORPUS.glob("001-*.txt"))[0]
    out = tmp_path / "rec.xml"
    result = run(
        "convert",
        record,
        "-o",
        out,
        "--no-check",
        "--title",
        "A better title",
        "--date",
        "1950-12-01",
        "--conversion-date",
        "2026-02-03",
    )
    assert result.returncode == 0, result.stderr
    tree = etree.parse(str(out))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert tree.findtext(".//t:titleStmt/t:title", namespaces=ns) == "A better title"
    assert tree.find(".//t:profileDesc/t:creation/t:date", ns).get("when") == "1950-12-01"
    assert tree.find(".//t:revisionDesc/t:change", ns).get("when") == "2026-02-03"
    plain = run("convert", record, "--no-check")
    assert "1950-11-29" in plain.stdout and "A better title" not in plain.stdout
    several = run("convert", record, SEED, "-o", tmp_path / "d", "--title", "x")
    assert_one_line_error(several, 2)


def test_output_does_not_depend_on_jobs(tmp_path: Path):
    folder = _records(tmp_path / "in", 40)
    one = run("convert", folder, "-o", tmp_path / "j1", "-j", "1")
    two = run("convert", folder, "-o", tmp_path / "j2", "-j", "2")
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stderr.replace("j1", "jX") == two.stderr.replace("j2", "jX")
    names = sorted(p.name for p in (tmp_path / "j1").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "j2").iterdir()) and len(names) == 40
    for name in names:
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes()


def test_resume_converts_only_what_is_missing(tmp_path: Path):
    folder = _records(tmp_path / "in", 5)
    out = tmp_path / "out"
    assert run("convert", folder, "-o", out, "--no-check").returncode == 0
    (out / sorted(p.name for p in out.iterdir())[2]).unlink()
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    result = run("convert", folder, "-o", out, "--no-check", "--resume")
    assert result.returncode == 0, result.stderr
    assert "converted 1 of 1 records" in result.stderr and "4 already up to date" in result.stderr
    assert len(list(out.iterdir())) == 5
    assert all(p.stat().st_mtime_ns == stamps[p.name] for p in out.iterdir() if p.name in stamps)


def _in_a_terminal(args, until: bytes | None, timeout: float = 120.0):
    """Run the CLI with stderr on a pseudo-terminal; Ctrl-C (SIGINT to its process
    group, as a terminal sends it) once ``until`` has been shown."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*CLI, *map(str, args)],
        stdin=slave,
        stdout=subprocess.DEVNULL,
        stderr=slave,
        start_new_session=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "COLUMNS": "100"},
    )
    os.close(slave)
    seen, interrupted = b"", False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if until is not None and not interrupted and until in seen:
            os.killpg(proc.pid, signal.SIGINT)
            interrupted = True
        if proc.poll() is not None and not ready:
            break
    code = proc.wait(timeout=30)
    os.close(master)
    return code, seen.decode("utf-8", "replace")


def test_200_records_in_a_terminal_show_a_bar_and_a_summary(tmp_path: Path):
    folder = _records(tmp_path / "in", 200)
    others = sorted((CORPUS.parent / "tests/fixtures/records").glob("[cf]*-*.txt"))[:10]
    for i, (old, new) in enumerate(zip(sorted(folder.iterdir()), others)):  # other archives
        old.unlink()
        shutil.copy(new, folder / f"{i:03d}-{new.name}")
    code, screen = _in_a_terminal(["convert", folder, "-o", tmp_path / "out"], None)
    assert code == 0, screen
    assert "converting" in screen and "/200" in screen  # rich's bar: "converting ... 37/200"
    assert "converted 200 of 200 records" in screen
    summary = screen[screen.index("converted 200 of 200") :]
    assert len(summary.splitlines()) < 25 and "diagnostics by code" in summary
    assert f"records to {tmp_path / 'out'}" in summary  # the output folder
    # the readers used, and the warnings and errors, add up to what the table counts
    readers = re.search(r"^readers: (.+?)\r?$", summary, re.M)
    assert readers, summary
    used = dict((name, int(n)) for name, n in re.findall(r"([\w-]+) (\d+)", readers.group(1)))
    assert sum(used.values()) == 200 and {"digital-archive", "crest", "cable"} <= set(used)
    totals = re.search(r"^(\d+) errors?; (\d+) warnings?(?: in (\d+) records?)?", summary, re.M)
    assert totals, summary
    rows = re.findall(r"^\s+(\d+)\s+(warning|error)\s+\S+\s+in (\d+) record", summary, re.M)
    warnings = [(int(n), int(m)) for n, kind, m in rows if kind == "warning"]
    assert int(totals.group(1)) == 0 and int(totals.group(2)) == sum(n for n, _ in warnings)
    assert max(m for _, m in warnings) <= int(totals.group(3)) <= sum(m for _, m in warnings)
    assert ": warning: " not in screen
    assert len(list((tmp_path / "out").glob("*.xml"))) == 200


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_traceback_or_partial_files(tmp_path: Path, jobs: str):
    folder = _records(tmp_path / "in", 200)
    out = tmp_path / "out"
    code, screen = _in_a_terminal(["convert", folder, "-o", out, "-j", jobs], b"converting")
    assert code == 130, screen
    assert "Traceback" not in screen and "KeyboardInterrupt" not in screen
    written = sorted(out.iterdir()) if out.exists() else []
    assert len(written) < 200  # it was interrupted
    for path in written:  # no temporary file left, every output whole
        assert path.suffix == ".xml", path
        etree.parse(str(path))
