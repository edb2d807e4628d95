"""Conversion throughput on seed-sized records: records/s on one core. Reports, never asserts.

Three figures: reading + markup + TEI building (no self-check), the same with the
tei_all self-check, and a cold CLI run on one record (process start included)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_toolkit.convert import convert_text  # noqa: E402
from tei_toolkit.pipeline import load_register  # noqa: E402
from tei_toolkit.records import read_text  # noqa: E402


def rate(texts, **kw) -> float:
    register = load_register(None)
    start = time.perf_counter()
    for name, text in texts:
        convert_text(text, name, date="2026-01-01", register=register, **kw)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    records = sorted((ROOT / "corpus").glob("*.txt"))
    texts = [(p.name, read_text(p)[0]) for p in records]
    seed = [t for t in texts if t[0].startswith("stalin")] * 200
    corpus = texts * 20
    rate(texts[:2], check=True)  # warm caches (grammar, register)
    print(f"{'case':48} {'records/s':>10}")
    print(f"{'seed record x200, markup, no self-check':48} {rate(seed, check=False):10.1f}")
    print(f"{'seed record x200, markup + tei_all self-check':48} {rate(seed, check=True):10.1f}")
    print(
        f"{f'corpus ({len(texts)} records) x20, + self-check':48} {rate(corpus, check=True):10.1f}"
    )
    cli = [sys.executable, "-m", "tei_toolkit", "convert", str(records[0]), "-q"]
    start = time.perf_counter()
    subprocess.run(
        cli, stdout=subprocess.DEVNULL, check=True, env={**os.environ, "SOURCE_DATE_EPOCH": "0"}
    )
    print(f"{'cold CLI: one record, start to finish (s)':48} {time.perf_counter() - start:10.3f}")


if __name__ == "__main__":
    main()
