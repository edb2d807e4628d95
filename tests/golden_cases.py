"""How golden outputs are rendered; shared by tests/test_golden.py and `make golden`."""

from __future__ import annotations

from pathlib import Path

from tei_toolkit.convert import convert_text
from tei_toolkit.pipeline import load_register
from tei_toolkit.records import read_text
from tei_toolkit.tei import serialize

GOLDEN_DATE = "2026-01-01"


def render_all(folder: Path) -> dict[str, bytes]:
    """expected.xml (and, when the exporters exist, expected.html / expected.txt)."""
    text, _ = read_text(folder / "input.txt")
    conversion = convert_text(
        text, "input.txt", date=GOLDEN_DATE, register=load_register(None), check=False
    )
    out = {"expected.xml": serialize(conversion.tree)}
    try:
        from tei_toolkit import exporters
    except ImportError:
        return out
    for name, fn in (("expected.html", "to_html"), ("expected.txt", "to_text")):
        render = getattr(exporters, fn, None)
        if render is not None:
            out[name] = render(conversion.tree).encode("utf-8")
    return out
