"""Splitting text into blocks that remember their source line numbers."""

from __future__ import annotations

from ..model import Block


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, lines stripped. A text without a single blank line
    between two non-blank lines (some copies lose them) gives one block per line."""
    lines = text.split("\n")
    blocks: list[Block] = []
    current: list[str] = []
    start = 1
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line:
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(Block("\n".join(current), start))
    if len(blocks) == 1 and blocks[0].text.count("\n") >= 3:
        return [Block(raw.strip(), n) for n, raw in enumerate(lines, start=1) if raw.strip()]
    return blocks
