#!/usr/bin/env python3
"""Compile the shipped TEI P5 4.8.0 tei_all with tei-toolkit's own ODD processor.

    python schemas/build_odd.py           # what `make schemas` runs (via build.py)
    python schemas/build_odd.py --check   # write nothing; exit 1 if a file is stale

Input: ``schemas/p5subset.xml`` (pinned by SHA-256 below) and the tei_all customization
(every module, start ``TEI teiCorpus``), which is written here rather than read from
elsewhere so the build needs nothing outside this repository. Output:
``tei_all-4.8.0.rng`` and ``tei_all-4.8.0.sch``; deterministic, rewritten only when
their content changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

P5SUBSET = "p5subset.xml"
P5SUBSET_SHA256 = "628aba05625db42631612bb14ace297f8da59b1d211a44f4cfbc9775fe9479a7"
RELEASE = "4.8.0"
MODULES = (
    "tei header core textstructure gaiji verse drama spoken cmc analysis dictionaries "
    "msdescription transcr textcrit namesdates figures corpus linking iso-fs nets "
    "certainty tagdocs"
).split()
TEI_ALL_ODD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    "<title>tei_all</title></titleStmt><publicationStmt><p>built by schemas/build_odd.py"
    "</p></publicationStmt><sourceDesc><p>TEI P5 exemplar tei_all</p></sourceDesc>"
    '</fileDesc></teiHeader><text><body><schemaSpec ident="tei_all" start="TEI teiCorpus">'
    + "".join(f'<moduleRef key="{m}"/>' for m in MODULES)
    + "</schemaSpec></body></text></TEI>"
)


def build() -> dict[str, bytes]:
    from tei_toolkit.odd import compile_odd

    data = (HERE / P5SUBSET).read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if sha != P5SUBSET_SHA256:
        raise SystemExit(f"schemas/{P5SUBSET}: sha256 {sha}, expected {P5SUBSET_SHA256}")
    with tempfile.TemporaryDirectory() as tmp:
        odd = Path(tmp) / "tei_all.odd"
        odd.write_text(TEI_ALL_ODD, encoding="utf-8")
        started = time.perf_counter()
        compiled = compile_odd(odd)
        print(f"compiled tei_all {RELEASE} in {time.perf_counter() - started:.2f} s")
    return {f"tei_all-{RELEASE}.rng": compiled.rng, f"tei_all-{RELEASE}.sch": compiled.sch}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = ap.parse_args(argv)
    outputs = build()
    stale = [
        n for n, d in outputs.items() if not (HERE / n).is_file() or (HERE / n).read_bytes() != d
    ]
    if args.check:
        for name in stale:
            print(f"out of date: schemas/{name}", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        tmp = HERE / f".{name}.tmp"
        tmp.write_bytes(outputs[name])
        os.replace(tmp, HERE / name)
    for name in outputs:
        print(f"{'wrote' if name in stale else 'unchanged'}: schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
