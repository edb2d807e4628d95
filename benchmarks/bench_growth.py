"""How cost grows with the size of one paragraph. Reports, never asserts.

Each row times the work at n and at 4n: linear code takes ~4x longer, quadratic ~16x.
(These were timed assertions in tests once; speed belongs here.)"""

from __future__ import annotations

import copy
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_toolkit import tei  # noqa: E402
from tei_toolkit.convert import convert_text  # noqa: E402
from tei_toolkit.outputs import Protected, write_atomic  # noqa: E402
from tei_toolkit.rules import dates  # noqa: E402
from tei_toolkit.validators import check_tree  # noqa: E402
from tei_toolkit.validators.schematron import iter_schematron  # noqa: E402

WORDS = (
    "the delegation of Comrade Stalin met Molotov in Moscow on January 22, 1944 at "
    "11pm [and] discussed “the question” of Mongolia’s frontier with China"
).split()


def prose(size: int) -> str:
    rnd = random.Random(size)
    out, n = [], 0
    while n < size:
        word = rnd.choice(WORDS)
        out.append(word)
        n += len(word) + 1
    return " ".join(out)[:size]


def timed(work, n: int) -> float:
    start = time.perf_counter()
    counted = work(n)
    return counted if counted is not None else time.perf_counter() - start


def growth(label: str, work, small: int) -> None:
    a, b = timed(work, small), timed(work, 4 * small)
    print(f"{label:52} {a:8.3f} s {b:8.3f} s {b / max(a, 1e-6):7.1f}x")


# --- converter input shapes of issue 9 (each converted with check=False: the
# validator's own growth is measured by the check_tree row) ---------------------------
def _syllables(rnd: random.Random, upper: bool) -> str:
    word = "".join(rnd.choice("bcdfgklmnprstv") + rnd.choice("aeiou") for _ in range(3))
    return word.upper() if upper else word.capitalize()


def capitalised_run(size: int) -> str:
    """One run of unknown capitalised words (names.py's organisation and person readers)."""
    rnd = random.Random(3)
    return "T\n\n" + " ".join(_syllables(rnd, False) for _ in range(size // 7))


def all_caps(size: int) -> str:
    """Telegram text set wholly in capitals, on one line."""
    rnd = random.Random(4)
    cable = "AMEMBASSY MOSCOW SECSTATE WASHDC BREZHNEV SAID THAT THE SOVIET GOVERNMENT".split()
    words = [
        rnd.choice(cable) if rnd.random() < 0.5 else _syllables(rnd, True) for _ in range(size // 7)
    ]
    return "T\n\n" + " ".join(words)


def speaker_lines(size: int) -> str:
    """``Stalin: yes`` lines, one block each (100,000 of them at 1.2 MB)."""
    return "T\n\n" + "\n\n".join(["Stalin: yes"] * (size // 13))


def no_line_breaks(size: int) -> str:
    """Prose with names, dates, times and brackets, without a single line break."""
    unit = (
        "Comrade Stalin met Molotov in Moscow on January 22, 1944 at 11pm [and] discussed "
        "“the question” of Mongolia’s frontier; the next day at 15.00 they met again. "
    )
    return "T\n\n" + (unit * (size // len(unit) + 1))[:size]


SHAPES = {
    "runs of capitalised words": capitalised_run,
    "ALL-CAPS telegram text": all_caps,
    "'Stalin: yes' speaker lines": speaker_lines,
    "one record without line breaks": no_line_breaks,
}


def shapes(small: int) -> None:
    for label, make in SHAPES.items():

        def work(n: int, make=make) -> None:
            convert_text(make(n), check=False)

        growth(f"convert, {label}, {small:,} / {4 * small:,} chars", work, small)


def batch_writes(n: int) -> float:
    """n outputs written by one batch of n inputs, each write refusing every input (the
    check once compared each output with every input: 20,000 records took 4 billion
    stat calls)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = [folder / f"in{i}.txt" for i in range(n)]
        for path in inputs:
            path.write_bytes(b"x")
        protected = Protected(inputs)
        start = time.perf_counter()
        for i in range(n):
            write_atomic(folder / f"in{i}.xml", b"<x/>", inputs=protected)
            write_atomic(folder / f"in{i}.xml", b"<x/>", inputs=protected)  # over the last
        return time.perf_counter() - start


def main() -> None:
    text = prose(1_000_000)
    unit = "On January 22, 1944 we met. "
    base = convert_text("T\n\nx\n", check=False).tree

    def mark_up(n):
        convert_text("T\n\n" + text[:n] + "\n", check=False)

    def scan(n):
        dates.scan(unit * n)

    def validate(n):
        tree = copy.deepcopy(base)
        p = tree.getroot().find(".//tei:body//tei:p", tei.NS)
        for _ in range(n):
            p.append(tei.E("supplied", "x"))
            p[-1].tail = " "
        start = time.perf_counter()
        check_tree(tree)
        return time.perf_counter() - start

    def findings(n):
        # n empty <p> in one div: each a Schematron finding of the TEI rules
        # (a <p> inside a <p>), located by line, column and path
        tree = copy.deepcopy(base)
        p = tree.getroot().find(".//tei:body//tei:p", tei.NS)
        for _ in range(n):
            p.append(tei.E("p"))
        start = time.perf_counter()
        sum(1 for _ in iter_schematron(tree))
        return time.perf_counter() - start

    validate(10)  # compile the grammar outside the timing
    findings(1)
    print(f"{'work (n, then 4n)':52} {'n':>10} {'4n':>10} {'growth':>8}")
    growth("convert, one paragraph of 150k / 600k characters", mark_up, 150_000)
    growth("date scan, 3,000 / 12,000 dates in one paragraph", scan, 3_000)
    growth("check_tree, 3,000 / 12,000 children of one p", validate, 3_000)
    growth("a batch's outputs, 500 / 2,000 files, each written twice", batch_writes, 500)
    growth("Schematron, 2,000 / 8,000 findings under one parent", findings, 2_000)
    # bench_growth.py [SIZE]: the shapes at SIZE and 4 x SIZE characters (default 100k;
    # 5,000,000 gives the 20 MB record of issue 9, in minutes)
    shapes(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)


if __name__ == "__main__":
    main()
