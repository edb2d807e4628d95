"""How quickly each hostile XML document in tests/hostile/ ends. Reports, never asserts."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tei_toolkit.tei import XMLSyntaxProblem, parse  # noqa: E402


def main() -> None:
    print(f"{'document':40} {'ms':>8}  outcome")
    for path in sorted((ROOT / "tests" / "hostile").glob("*.xml")):
        start = time.perf_counter()
        try:
            parse(path, notes=[])
            outcome = "parsed"
        except XMLSyntaxProblem as exc:
            outcome = exc.diagnostic.code
        print(f"{path.name:40} {(time.perf_counter() - start) * 1000:8.2f}  {outcome}")


if __name__ == "__main__":
    main()
