"""The fallback reader: first line as title, blank-line separated paragraphs."""

from __future__ import annotations

from ..diagnostics import Diagnostic, warning
from ..model import Block, Record


def read(blocks: list[Block], name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout="generic", source_name=name)
    if blocks:
        first = blocks[0]
        title, _, rest = first.text.partition("\n")
        record.title = title
        body = ([Block(rest, first.line + 1)] if rest else []) + blocks[1:]
        record.body = body
    notes = [
        warning(
            "convert:generic-layout",
            "not a digital-archive page (no date line and title at the top); read with "
            "the generic reader: first line as title, blank-line paragraphs",
            file=name,
            line=1,
        )
    ]
    return record, notes
