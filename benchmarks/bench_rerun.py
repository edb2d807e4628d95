"""A CI re-run on an unchanged corpus: first run versus second run (the result cache).

Corpus: the plays and novels of ../shared/corpora (skipped without them). Each run is a
fresh process, as in CI; the cache lives in a temporary folder. Reports numbers only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def run(folders: list[Path], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tei_toolkit", "validate", "-q", *map(str, folders)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    folders = [p for p in (CORPORA / "shakespeare", CORPORA / "eltec-eng") if p.is_dir()]
    if not folders:
        print("bench_rerun: ../shared/corpora not found; skipped")
        return
    files = sum(len(list(f.glob("*.xml"))) for f in folders)
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "TEI_TOOLKIT_CACHE": cache}
        first = run(folders, env)
        second = run(folders, env)
        (Path(cache) / "results").exists() or print("  (no result cache written)")
    off = run(folders, {**os.environ, "TEI_TOOLKIT_CACHE": "off"})
    print(f"validate {files} real TEI files (RELAX NG + Schematron), fresh process each run:")
    print(f"  first run      {first:6.2f} s")
    print(f"  re-run         {second:6.2f} s   ({first / second:.1f}x faster)")
    print(f"  cache off      {off:6.2f} s")


if __name__ == "__main__":
    main()
