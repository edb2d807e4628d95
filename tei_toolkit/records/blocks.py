"""Splitting text into blocks that remember their source line numbers."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Block


def split_blocks(text: str) -> list[Block]:
    """Blank-line separated blocks, lines stripped. A text without a single blank line
    between two non-blank lines (some copies lose them) gives one block per line."""
    return split_numbered(enumerate(text.split("\n"), start=1))


def split_numbered(lines: Iterable[tuple[int, str]]) -> list[Block]:
    """``split_blocks`` over (source line number, line) pairs; a gap in the numbering
    (lines a reader took out) does not end a block, a blank line does."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 1
    kept: list[tuple[int, str]] = []
    for number, raw in lines:
        line = raw.strip()
        if line:
            kept.append((number, line))
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append(Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(Block("\n".join(current), start))
    if len(blocks) == 1 and blocks[0].text.count("\n") >= 3 and not hard_wrapped(kept):
        return [Block(line, n) for n, line in kept]
    return blocks


def hard_wrapped(lines: list[tuple[int, str]]) -> bool:
    """Lines cut at a page's width (a printed volume's OCR, a typed cable): none longer
    than a printed line, most of them ending inside a sentence, so that they are one text,
    not one paragraph each (a page that lost its blank lines has long paragraph lines)."""
    lengths = sorted(len(line) for _, line in lines)
    inside = sum(not line.endswith((".", "!", "?", ":", "”", '"', "»")) for _, line in lines)
    return lengths[-1] <= 110 and lengths[len(lengths) // 2] >= 35 and inside * 3 > len(lines) * 2


def lines_of(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of ``text``, stripped, with their line numbers."""
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def body_lines(text: str, start: int, drop: Iterable[int] = ()) -> list[tuple[int, str]]:
    """Every line from line ``start`` on (blank ones too), less the ``drop``ped ones."""
    gone = set(drop)
    return [
        (n, line)
        for n, line in enumerate(text.split("\n"), start=1)
        if n >= start and n not in gone
    ]
