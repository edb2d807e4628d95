"""Plain text -> Record. One reader module per archive layout, plus the generic one.

Each reader has ``NAME``, ``detect(text) -> float`` (0: not mine ... 1: certainly mine) and
``read(text, name) -> (Record, diagnostics)``. ``READERS`` is the only registry: the
reader with the highest score reads the text, unless a layout is named (``--layout``)."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

from ..diagnostics import Diagnostic, ToolkitError, info
from ..model import Record
from . import book, cable, crest, digital_archive, frus, generic, language, marxists, un
from .common import sides_from_title
from .textio import decode_and_clean, read_text

READERS = (digital_archive, frus, crest, cable, un, book, marxists, generic)
LAYOUTS = {reader.NAME: reader for reader in READERS}
_FORCED: contextvars.ContextVar[str | None] = contextvars.ContextVar("layout", default=None)


def check_layout(layout: str | None) -> str | None:
    """``layout`` if it names a reader; a ToolkitError (usage) naming the choices if not."""
    if layout is not None and layout not in LAYOUTS:
        raise ToolkitError(
            f"unknown layout {layout!r}; choose one of: {', '.join(LAYOUTS)}",
            code="usage:layout",
        )
    return layout


@contextlib.contextmanager
def using_layout(layout: str | None) -> Iterator[None]:
    """Within the block, ``read_record`` uses ``layout`` unless given one (for callers
    that reach it through convert_text, such as the CLI's --layout)."""
    token = _FORCED.set(check_layout(layout))
    try:
        yield
    finally:
        _FORCED.reset(token)


def choose_reader(text: str, layout: str | None = None):
    """The reader named by ``layout``, else the one whose ``detect`` scores highest."""
    layout = check_layout(layout) or _FORCED.get()
    if layout:
        return LAYOUTS[layout], None
    scores = [(reader.detect(text), -i, reader) for i, reader in enumerate(READERS)]
    score, _, reader = max(scores, key=lambda s: (s[0], s[1]))
    return reader, score


def read_record(
    text: str, name: str = "<input>", layout: str | None = None
) -> tuple[Record, list[Diagnostic]]:
    """Read ``text`` with the reader for its layout (or the one ``layout`` names)."""
    reader, score = choose_reader(text, layout)
    record, notes = reader.read(text, name)
    record.layout = reader.NAME
    sides_from_title(record)
    if record.language is None:
        record.language = language.detect("\n".join(b.text for b in record.body), margin=1.5)
    how = "chosen with --layout" if score is None else f"detected, score {score:.2f}"
    if not any(n.code == "convert:generic-layout" for n in notes):  # that one names it
        notes.insert(
            0,
            info("convert:reader", f"read with the {reader.NAME} reader ({how})", file=name),
        )
    return record, notes


def reader_of(diagnostics: list[Diagnostic]) -> str | None:
    """The reader a conversion used, from its notes (what a batch summary counts)."""
    for d in diagnostics:
        if d.code == "convert:generic-layout":
            return generic.NAME
        if d.code == "convert:reader":
            name = d.message.removeprefix("read with the ").split(" reader", 1)[0]
            return name if name in LAYOUTS else None
    return None


__all__ = [
    "READERS",
    "LAYOUTS",
    "read_record",
    "reader_of",
    "read_text",
    "decode_and_clean",
    "using_layout",
    "check_layout",
    "Record",
]
