"""`make golden`: rewrite each golden folder's expected files from its input.txt.

Review `git diff tests/golden` before committing: the golden files are the spec."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.golden_cases import GOLDEN_DATE, render_all  # noqa: E402


def main() -> None:
    for folder in sorted(p for p in HERE.iterdir() if (p / "input.txt").exists()):
        for name, data in render_all(folder).items():
            target = folder / name
            old = target.read_bytes() if target.exists() else None
            if old != data:
                target.write_bytes(data)
                print(f"updated {target.relative_to(HERE.parent.parent)}")
    print(f"golden files rendered with --date {GOLDEN_DATE}; review with: git diff tests/golden")


if __name__ == "__main__":
    main()
