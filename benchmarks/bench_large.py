"""Very large inputs: wall time and peak memory of `tei-toolkit convert` on 5 MB and 50 MB
records and a 1 MB single line, and of `tei-toolkit validate --engine relaxng` on a 200 MB
TEI file (about 2.3 million <p>, each with an xml:id). Reports, never asserts (`make bench`).

Each run is its own process, measured with os.wait4, so the peak resident set size is that
run's alone (a worker it forks included). The records are made of the reference record's
body paragraphs, repeated with a varying number so no two paragraphs are alike.

    python benchmarks/bench_large.py                  # 5 MB, 50 MB, 1 MB line; 200 MB TEI
    python benchmarks/bench_large.py 200              # record sizes in MB
    python benchmarks/bench_large.py --tei 20         # TEI file size in MB (0: none)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "golden" / "stalin-choibalsan-1944" / "input.txt"
MB = 1_000_000


def paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    blocks = [b.strip() for b in text.split("\n\n") if len(b.strip()) > 80]
    return blocks or ["Stalin: \u201cWe agree.\u201d [January 22, 1944] The plan ?Khudulmur?."]


def write_record(path: Path, size: int, *, one_line: bool = False) -> None:
    blocks = paragraphs()
    with path.open("w", encoding="utf-8") as out:
        out.write("A very large record\n\n")
        written, i = 0, 0
        while written < size:
            block = f"{blocks[i % len(blocks)]} ({i})"
            block = block.replace("\n", " ") + (" " if one_line else "\n\n")
            out.write(block)
            written += len(block.encode("utf-8"))
            i += 1
        out.write("\n")


TEI_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>A very large TEI file</title></titleStmt>
<publicationStmt><p>bench_large.py</p></publicationStmt><sourceDesc><p>generated</p>
</sourceDesc></fileDesc></teiHeader>
<text><body>
"""


def write_tei(path: Path, size: int) -> int:
    """A valid tei_all document of ``size`` bytes: <div>s of 1,000 <p>, every <p> with its
    own xml:id and a <hi>. Returns the number of <p>."""
    with path.open("w", encoding="utf-8") as out:
        out.write(TEI_HEAD)
        written, i = 0, 0
        while written < size:
            if i % 1000 == 0:
                out.write(("</div>\n" if i else "") + f'<div n="{i // 1000}">\n')
            line = (
                f'<p xml:id="p{i}" n="{i}">The plan of <hi>January {i % 28 + 1}</hi>, '
                "agreed by both.</p>\n"
            )
            out.write(line)
            written += len(line)
            i += 1
        out.write("</div>\n</body></text>\n</TEI>\n")
    return i


def run(path: Path, *extra: str, command: str = "convert") -> tuple[float, int, int]:
    """(seconds, peak RSS in bytes, exit status) of one `convert` (or `validate`) run."""
    if command == "convert":
        args = [str(path), "-o", str(path.with_suffix(".xml")), "--quiet"]
        args += ["--conversion-date", "2026-01-01"]
    else:
        args = [str(path), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tei_toolkit", command, *args, *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)


def report(label: str, path: Path, *extra: str, command: str = "convert") -> None:
    size = path.stat().st_size
    seconds, peak, code = run(path, *extra, command=command)
    print(
        f"{label:34} {size / MB:7.1f} MB  {seconds:7.1f} s  {size / MB / seconds:6.2f} MB/s  "
        f"peak RSS {peak / MB:7.0f} MB ({peak / size:5.1f}x input)  exit {code}"
    )


def main() -> None:
    argv = sys.argv[1:]
    tei_mb = 200.0
    if "--tei" in argv:
        at = argv.index("--tei")
        tei_mb = float(argv[at + 1])
        del argv[at : at + 2]
    sizes = [float(a) for a in argv] or [5, 50]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if tei_mb:
            tei = tmp / "large.xml"
            count = write_tei(tei, int(tei_mb * MB))
            print(f"TEI file: {tei_mb:g} MB, {count:,} <p>")
            report(
                "validate --engine relaxng",
                tei,
                "--engine",
                "relaxng",
                "--no-cache",
                command="validate",
            )
            tei.unlink()
        tiny = tmp / "tiny.txt"
        write_record(tiny, 2_000)
        report("baseline (2 kB record)", tiny)
        line = tmp / "line.txt"
        write_record(line, MB, one_line=True)
        report("1 MB single line", line)
        for mb in sizes:
            big = tmp / f"big{mb:g}.txt"
            write_record(big, int(mb * MB))
            report(f"{mb:g} MB record, --no-check", big, "--no-check")
            report(f"{mb:g} MB record, checked", big)


if __name__ == "__main__":
    main()
