"""Shared test helpers: where things are, and the shared records when present."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "tests" / "golden" / "stalin-choibalsan-1944" / "input.txt"


def shared_samples() -> list[Path]:
    """Records in ../shared/samples (read-only; absent on machines without them)."""
    return sorted(SHARED.glob("samples/*/*.txt")) + sorted(SHARED.glob("seeds/*.txt"))


def sample_params():
    """The shared samples, or, on machines without ../shared, the records of corpus/
    (the Wilson Center samples and the reference record ship there)."""
    samples = shared_samples() or sorted(CORPUS.glob("*.txt"))
    return [pytest.param(p, id=p.stem[:40]) for p in samples]


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read a cache another run (or another version of the code) wrote."""
    import os

    os.environ["TEI_TOOLKIT_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
