"""Documents in published readers and books: "DOCUMENT No. 81: Transcript of ..., August
13, 1968", the book's title above, a "Source:" line below."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..model import Record
from . import datelines
from .blocks import body_lines, lines_of, split_numbered
from .common import is_navigation

NAME = "book"
DOCUMENT = re.compile(
    r"^(?:DOCUMENT|Document|Doc\.)\s+(?:No\.?|Nr\.?|№|#)\s*(?P<n>\d+[A-Za-z]?)\s*[:.]?\s*(?P<title>.*)$"
)
SOURCE = re.compile(r"^\[?Source\s*:\s*(?P<text>.+?)\]?$")


def detect(text: str) -> float:
    return 0.9 if any(DOCUMENT.match(line) for _, line in lines_of(text[:3000])) else 0.0


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    raw = text.split("\n")
    drop: set[int] = set()
    k = next(k for k, (_, line) in enumerate(lines) if DOCUMENT.match(line))
    for n, line in lines[:k]:
        drop.add(n)
        # "By Jaromír Navrátil | Go to book overview": the byline is kept, the link is not
        parts = [p.strip() for p in line.split("|")]
        kept = " | ".join(p for p in parts if p and not is_navigation(p) and "overview" not in p)
        if re.match(r"^By\s", kept):
            record.apparatus.append(("book-author", None, kept))
        elif kept and len(kept) > 12:
            record.apparatus.append(("book", None, kept))
    n0, first = lines[k]
    m = DOCUMENT.match(first)
    assert m is not None
    record.idnos.append(("document", m["n"]))
    title = [m["title"]] if m["title"] else []
    drop.add(n0)
    n = n0
    while (
        n < len(raw) and raw[n].strip() and not SOURCE.match(raw[n].strip())
    ):  # the title's other lines
        title.append(raw[n].strip())
        drop.add(n + 1)
        n += 1
    if not title and n + 1 < len(raw):  # the title is the next block
        nxt = next(((j, s) for j, s in lines if j > n0), None)
        if nxt:
            title.append(nxt[1])
            drop.add(nxt[0])
    record.title = " ".join(title).strip() or None
    if record.title:
        hits = list(datelines.find_dates(record.title))
        if hits:
            hit_start, hit_end, _ = hits[-1]
            record.date = record.title[hit_start:hit_end]
    for j, line in lines[k:]:
        if (source := SOURCE.match(line)) and record.citation is None:
            record.citation = source["text"]
            drop.add(j)
    record.body = split_numbered(body_lines(text, 1, drop))
    return record, []
