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
from .blocks import split_blocks

NAME = "digital-archive"

CHROME = {
    "skip to content",
    "search in",
    "digital archive international history declassified",
    "search",
    "menu",
    "english html",
    "get citation",
    "• share document",
    "share document",
    "• citation",
    "citation",
}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ONE_DATE = (
    rf"(?:(?:c\.|ca\.|circa)\s*)?(?:(?:{MONTHS})\s+(?:\d{{1,2}},\s*)?)?\d{{4}}s?"
    r"|\d{4}-\d{2}(?:-\d{2})?"
)
# "January 22, 1944", "March 1953", "1962", "1950s", "c. 1950", "1962-10-31", and ranges
DATE_LINE = re.compile(rf"^(?:{_ONE_DATE})(?:\s*[-–]\s*(?:{_ONE_DATE}))?$")
FOOTER_START = "document information"
# Labels as the header builder knows them; pages differ in case and trailing colons.
PRE_FOOTER_NAMES = (
    "Author(s)",
    "Associated People & Organizations",
    "Associated Places",
    "Associated Topics",
    "Subjects Discussed",
    "Related Documents",
    "Associated People",
    "Associated Organizations",
)
FOOTER_NAMES = (
    "Source",
    "Rights",
    "Original Uploaded Date",
    "Record ID",
    "Original Classification",
    "Original Archive",
    "Translated by",
    "Type",
    "Language",
    "Original Language",
    "Donors",
    "Funders",
    "Theme",
    "Collection",
    *PRE_FOOTER_NAMES[:5],
)
LABEL_NAMES = {name.lower(): name for name in FOOTER_NAMES + PRE_FOOTER_NAMES}
# Labels between the summary and "Document Information"; labelled fields of the footer
# (the value is the block(s) that follow, or the rest of the label's line).
PRE_FOOTER_LABELS = {name.lower() for name in PRE_FOOTER_NAMES}
FOOTER_LABELS = {name.lower() for name in FOOTER_NAMES}
FIELD_CHECKS = {
    "record id": re.compile(r"^[\w./-]{1,40}$"),
    "original uploaded date": re.compile(r"^\d{4}(?:-\d{2}){0,2}$|^(?:" + MONTHS + r")"),
}
FUNDING = re.compile(r"^This document was made possible with support from (.+?)\.?$")
RIGHTS_START = re.compile(
    r"^(?:The History and Public Policy Program welcomes|To enquire about"
    r"|Some documents may be subject|.{0,200}\bcopyright\b)",
    re.I,
)
RIGHTS_BOILERPLATE = re.compile(
    r"welcomes reuse of .*materials|rights status|"
    r"permission for commercial use",
    re.I,
)


# Labels that may share their line with the value ("Record ID 112103"); one-word labels
# only before a colon ("Type: Telegram"), so that "Rights holders..." stays a sentence.
def split_label(text: str, labels: set[str]) -> tuple[str, str | None] | None:
    """("Record ID", "112103") for "Record ID: 112103"; ("Record ID", None) for the label
    alone; None when the text is not a label of ``labels``."""
    flat = " ".join(text.split())
    low = flat.lower()
    for label in sorted(labels, key=len, reverse=True):
        if low.rstrip(": ") == label:
            return LABEL_NAMES[label], None
        if low.startswith(label) and len(low) > len(label):
            rest = flat[len(label) :]
            if rest[0] == ":" or (" " in label and rest[0] == " "):
                return LABEL_NAMES[label], rest.lstrip(": ").strip() or None
    return None


def _key(block: Block) -> str:
    return block.text.strip().lower()


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE.match(text.strip()))


def detect(text: str) -> float:
    """0.9 when the text looks like a digital-archive page: a date line first (after the
    site's chrome), and chrome, the footer, the rights text or the funding line."""
    blocks = split_blocks(text)
    rest = _skip_chrome(blocks, 0)
    if rest >= len(blocks) or not is_date_line(blocks[rest].text):
        return 0.0
    had_chrome = rest > 0
    markers = any(
        _key(b) == FOOTER_START
        or RIGHTS_BOILERPLATE.search(b.text)
        or FUNDING.match(b.text)
        or split_label(b.text, PRE_FOOTER_LABELS)
        for b in blocks
    )
    return 0.9 if had_chrome or markers else 0.0


def _skip_chrome(blocks: list[Block], i: int) -> int:
    while i < len(blocks) and _key(blocks[i]) in CHROME:
        i += 1
    return i


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    blocks = split_blocks(text)
    notes: list[Diagnostic] = []
    record = Record(layout=NAME, source_name=name)
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
    if body and body[0].text.strip() in {"[…]", "[...]"}:
        body = body[1:]  # the site's mark of a cut between the funding line and the text
    if record.title is None:
        body = _cited_title(body, record)
    record.body = body
    if footer is not None:
        notes += _read_footer(blocks[footer + 1 :], record, name)
    else:
        notes.append(
            info(
                "convert:no-footer",
                'no "Document Information" section: the page looks cut off; header '
                "fields from the footer (citation, rights, record id) are absent",
                file=name,
            )
        )
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
    if i < len(blocks) and not FUNDING.match(blocks[i].text):  # (a page without its title)
        record.title = " ".join(blocks[i].text.split("\n"))
        i += 1
    return i


# The citation line of a page whose title is missing: '"Minutes of Conversation ...," July
# 17, 1965, History and Public Policy Program Digital Archive, ...'
CITED = re.compile(r'^["“](?P<title>.+?),?["”],?\s.*\bHistory and Public Policy Program\b', re.S)


def _cited_title(body: list[Block], record: Record) -> list[Block]:
    """No title line: the title in the citation at the head of the text (with the summary
    above it, as the page sets them), which are then the record's, not its text."""
    for k, block in enumerate(body[:3]):
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        for j, line in enumerate(lines):
            m = CITED.match(line)
            if not m:
                continue
            record.title = " ".join(m["title"].split()).rstrip(",")
            if record.citation is not None:
                return body
            record.citation = line
            rest = " ".join(lines[:j] + lines[j + 1 :])
            if rest and record.summary is None:
                record.summary = rest
            elif rest:
                return body
            return body[:k] + body[k + 1 :]
    return body


def _read_pre_footer(blocks, start, end, has_footer, record) -> int:
    """Find the summary and the labels before "Document Information"; return where the
    body ends."""
    first_label = end
    for k in range(end - 1, start - 1, -1):
        if split_label(blocks[k].text, PRE_FOOTER_LABELS):
            first_label = k
    if not has_footer and first_label == end:
        return end  # cut off before any label: no summary to tell from the text
    label = None
    for block in blocks[first_label:end]:
        found = split_label(block.text, PRE_FOOTER_LABELS)
        if found:
            label, value = found
            if value:
                _add_field(record, label, value)
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
        text = " ".join(block.text.split("\n"))
        found = split_label(text, FOOTER_LABELS)
        if found:
            label, value = found
            if value is None:
                continue
            text = value
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
                notes.append(
                    info(
                        "convert:footer-text",
                        f"unlabelled text in the footer kept as a note: {text[:60]!r}",
                        file=name,
                        line=block.line,
                    )
                )
                _add_field(record, "Note", text)
            continue
        _add_field(record, label, text)
    return notes
