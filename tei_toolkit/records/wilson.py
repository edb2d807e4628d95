"""Reader for the digital-archive page layout (Wilson Center Digital Archive and alike).

    [site chrome]  date line  title  [funding line]  body ...  summary
    [Author(s): / Associated ...]  Document Information
    citation | Source ...   rights paragraphs | Rights ...   labelled fields ...

Pages cut off mid-text lack the footer; the old layout carries the citation in a
"• Citation" box under the date.
"""
from __future__ import annotations

import re

from ..diagnostics import Diagnostic, info
from ..model import Block, Record

CHROME = {"skip to content", "search in", "digital archive international history declassified",
          "search", "menu", "english html", "get citation", "• share document", "share document",
          "• citation", "citation"}
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November"
          "|December")
_ONE_DATE = (rf"(?:(?:c\.|ca\.|circa)\s*)?(?:(?:{MONTHS})\s+(?:\d{{1,2}},\s*)?)?\d{{4}}s?"
             r"|\d{4}-\d{2}(?:-\d{2})?")
# "January 22, 1944", "March 1953", "1962", "1950s", "c. 1950", "1962-10-31", and ranges
DATE_LINE = re.compile(rf"^(?:{_ONE_DATE})(?:\s*[-–]\s*(?:{_ONE_DATE}))?$")
FOOTER_START = "document information"
# Labels that sit between the summary and "Document Information".
PRE_FOOTER_LABELS = {"author(s):", "author(s)", "associated people & organizations",
                     "associated places", "associated topics", "subjects discussed",
                     "related documents", "associated people", "associated organizations"}
# Labelled fields of the footer; the value is the block(s) that follow.
FOOTER_LABELS = {"source", "rights", "original uploaded date", "record id",
                 "original classification", "original archive", "translated by", "type",
                 "language", "original language", "donors", "funders", "theme", "collection",
                 "author(s):", "author(s)", "associated people & organizations",
                 "associated places", "associated topics", "subjects discussed"}
FIELD_CHECKS = {
    "record id": re.compile(r"^[\w./-]{1,40}$"),
    "original uploaded date": re.compile(r"^\d{4}(?:-\d{2}){0,2}$|^(?:" + MONTHS + r")"),
}
FUNDING = re.compile(r"^This document was made possible with support from (.+?)\.?$")
RIGHTS_START = re.compile(r"^(?:The History and Public Policy Program welcomes|To enquire about"
                          r"|Some documents may be subject|.{0,200}\bcopyright\b)", re.I)
RIGHTS_BOILERPLATE = re.compile(r"welcomes reuse of .*materials|rights status|"
                                r"permission for commercial use", re.I)


def _key(block: Block) -> str:
    return block.text.strip().lower()


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text.strip()))


def detect(blocks: list[Block]) -> bool:
    """True when the blocks look like a digital-archive page."""
    rest = _skip_chrome(blocks, 0)
    if rest >= len(blocks) or not is_date_line(blocks[rest].text):
        return False
    had_chrome = rest > 0
    markers = any(_key(b) == FOOTER_START or RIGHTS_BOILERPLATE.search(b.text) for b in blocks)
    return had_chrome or markers


def _skip_chrome(blocks: list[Block], i: int) -> int:
    while i < len(blocks) and _key(blocks[i]) in CHROME:
        i += 1
    return i


def read(blocks: list[Block], name: str) -> tuple[Record, list[Diagnostic]]:
    notes: list[Diagnostic] = []
    record = Record(layout="digital-archive", source_name=name)
    i = _skip_chrome(blocks, 0)
    record.date = blocks[i].text
    i += 1
    i = _read_title(blocks, i, record)
    footer = next((k for k in range(i, len(blocks)) if _key(blocks[k]) == FOOTER_START), None)
    end = footer if footer is not None else len(blocks)
    end = _read_pre_footer(blocks, i, end, footer is not None, record)
    body = blocks[i:end]
    if body and (m := FUNDING.match(body[0].text)):
        record.funder = m.group(1)
        body = body[1:]
    record.body = body
    if footer is not None:
        notes += _read_footer(blocks[footer + 1:], record, name)
    else:
        notes.append(info("convert:no-footer",
                          "no \"Document Information\" section: the page looks cut off; header "
                          "fields from the footer (citation, rights, record id) are absent",
                          file=name))
    return record, notes


def _read_title(blocks: list[Block], i: int, record: Record) -> int:
    """The title line; in the old layout, the title inside the citation box."""
    if i < len(blocks) and _key(blocks[i]) in {"• citation", "citation"}:
        i = _skip_chrome(blocks, i)
        if i < len(blocks):
            lines = [ln for ln in blocks[i].text.split("\n") if ln.strip().lower() not in CHROME]
            record.citation = " ".join(lines)
            m = re.match(r'^["“](.+?),?["”]', record.citation)
            record.title = m.group(1).rstrip(",") if m else None
            i += 1
        return _skip_chrome(blocks, i)
    if i < len(blocks):
        record.title = " ".join(blocks[i].text.split("\n"))
        i += 1
    return i


def _read_pre_footer(blocks, start, end, has_footer, record) -> int:
    """Find the summary and the labels before "Document Information"; return where the
    body ends."""
    if not has_footer:
        return end
    first_label = end
    for k in range(end - 1, start - 1, -1):
        if _key(blocks[k]) in PRE_FOOTER_LABELS:
            first_label = k
    label = None
    for block in blocks[first_label:end]:
        if _key(block) in PRE_FOOTER_LABELS:
            label = block.text.strip().rstrip(":")
        elif label:
            _add_field(record, label, block.text)
    if first_label - 1 >= start + 1:  # keep at least one body block
        record.summary = " ".join(blocks[first_label - 1].text.split("\n"))
        return first_label - 1
    return first_label


def _add_field(record: Record, label: str, value: str) -> None:
    value = " ".join(value.split())
    if label in record.fields:
        record.fields[label] += "; " + value
    else:
        record.fields[label] = value


def _read_footer(blocks: list[Block], record: Record, name: str) -> list[Diagnostic]:
    notes: list[Diagnostic] = []
    label: str | None = None
    for block in blocks:
        key = _key(block)
        text = " ".join(block.text.split("\n"))
        if key in FOOTER_LABELS:
            label = block.text.strip().rstrip(":")
            continue
        check = FIELD_CHECKS.get((label or "").lower())
        if label and check and not check.search(text):
            label = None  # not this field's value: an unlabelled block
        if label is None or label.lower() in {"source", "rights"}:
            if RIGHTS_START.match(text) or (label or "").lower() == "rights":
                record.rights.append(text)
            elif record.citation is None:
                record.citation = text
            elif text == record.funder:
                pass  # the funder line the site repeats at the foot of the page
            else:
                notes.append(info("convert:footer-text",
                                  f"unlabelled text in the footer kept as a note: {text[:60]!r}",
                                  file=name, line=block.line))
                _add_field(record, "Note", text)
            continue
        _add_field(record, label, text)
    return notes
