"""Plain text -> Record. One module per page layout; ``read_record`` picks the layout."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..model import Record
from . import generic, wilson
from .blocks import split_blocks
from .textio import decode_and_clean, read_text


def read_record(text: str, name: str = "<input>") -> tuple[Record, list[Diagnostic]]:
    """Pick the reader for the text's layout and read it."""
    blocks = split_blocks(text)
    if wilson.detect(blocks):
        return wilson.read(blocks, name)
    return generic.read(blocks, name)


__all__ = ["read_record", "read_text", "decode_and_clean", "Record"]
