"""Golden folders: input.txt -> expected.* must match byte for byte (`make golden` rewrites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden_cases import render_all

FOLDERS = sorted(
    p for p in (Path(__file__).parent / "golden").iterdir() if (p / "input.txt").exists()
)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_golden(folder: Path):
    rendered = render_all(folder)
    for name, data in rendered.items():
        expected = folder / name
        assert expected.exists(), f"{expected} missing: run `make golden` and review the diff"
        assert data.decode("utf-8") == expected.read_text(encoding="utf-8"), (
            f"{folder.name}/{name} differs from the output; if the change is intended, run "
            "`make golden` and review `git diff tests/golden`"
        )
