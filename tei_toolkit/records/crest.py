"""CIA reading room (CREST) pages: a title, the labelled metadata block, then the OCR text
with its release stamps ("Approved For Release 2008/11/07: CIA-RDP78B02992A...")."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, info
from ..model import Block, Record
from . import datelines
from .blocks import lines_of
from .common import RELEASE_STAMP, is_navigation
from .generic import UNTITLED

NAME = "crest"
LABELS = {
    "document type": "Document Type",
    "collection": "Collection",
    "document number (foia) /esdn (crest)": "Document Number",
    "document number": "Document Number",
    "release decision": "Release Decision",
    "original classification": "Original Classification",
    "document page count": "Page Count",
    "page count": "Page Count",
    "document creation date": "Document Creation Date",
    "document release date": "Document Release Date",
    "sequence number": "Sequence Number",
    "case number": "Case Number",
    "publication date": "Publication Date",
    "content type": "Content Type",
    "file": "File",
    "body": "Body",
}
# Labelled dates of the reading room's block besides the document's own (Publication Date)
DATED_FIELDS = ("Document Creation Date", "Document Release Date")
CLASSES = {
    "U": "UNCLASSIFIED",
    "C": "CONFIDENTIAL",
    "S": "SECRET",
    "T": "TOP SECRET",
    "K": "UNKNOWN",
}
ATTACHMENT = re.compile(
    r"^(?:AttachmentSize|Attachment \| Size \||---\|---\||!\[\]\(\)|PDF icon)", re.I
)
RDP = re.compile(r"\bCIA-RDP\d\d[A-Z]?\d{4,5}[A-Z]\d{6,}-\d\b")


def _label(line: str) -> str | None:
    key = line.strip().rstrip(":").strip().lower()
    return LABELS.get(key) if line.strip().endswith(":") or key in ("body",) else None


def detect(text: str) -> float:
    head = text[:4000]
    labels = sum(1 for _, line in lines_of(head) if _label(line))
    if labels >= 4:
        return 0.95
    return 0.7 if RELEASE_STAMP.search(head) or RDP.search(head) else 0.0


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    i = 0
    while i < len(lines) and is_navigation(lines[i][1]):
        i += 1
    if i < len(lines) and not _label(lines[i][1]) and not RELEASE_STAMP.search(lines[i][1]):
        if any(_label(line) for _, line in lines[i + 1 : i + 4]):
            if not UNTITLED.match(lines[i][1]):
                record.title = lines[i][1]
            i += 1
    label = None
    body_from = i
    for k in range(i, len(lines)):
        n, line = lines[k]
        found = _label(line)
        if found:
            label = found
            body_from = k + 1
            if found == "Body":
                break
            continue
        if label is None:
            break
        if label == "File" and not ATTACHMENT.match(line):
            break  # the body follows the attachment lines without a "Body:" label
        if label != "File" and label not in record.fields:
            record.fields[label] = line
            label = None
        body_from = k + 1
    _metadata(record)
    body = _body(lines[body_from:], record)
    record.body = body
    if record.date is None:
        for block in body[:3]:
            dated = datelines.first_date(block.text[:400])
            if dated:
                record.date = dated[0]
                break
    stamps = sum(1 for kind, _, _ in record.apparatus if kind == "release-stamp")
    notes = (
        [
            info(
                "convert:release-stamps",
                f"{stamps} release stamp(s) moved to the header",
                file=name,
            )
        ]
        if stamps
        else []
    )
    return record, notes


def _metadata(record: Record) -> None:
    f = record.fields
    if f.get("Publication Date") and datelines.normalize(f["Publication Date"]):
        record.date = f["Publication Date"]
    if f.get("Document Number"):
        record.idnos.append(("CREST", f["Document Number"]))
    marking = f.get("Original Classification", "").strip()
    if marking:
        record.classification = CLASSES.get(marking.upper(), marking)
    if f.get("Content Type"):
        f.setdefault("Type", f["Content Type"])
    for label in DATED_FIELDS:  # the reading room's own dates, kept as marked notes
        if f.get(label):
            record.apparatus.append(("archive-metadata", None, f"{label}: {f[label]}"))


def _body(lines: list[tuple[int, str]], record: Record) -> list[Block]:
    """OCR lines less the release stamps; one block per run of lines."""
    kept: list[tuple[int, str]] = []
    for n, line in lines:
        if ATTACHMENT.match(line):
            continue
        stamps = RELEASE_STAMP.findall(line)
        for stamp in stamps:
            record.apparatus.append(("release-stamp", None, stamp))
        rest = RELEASE_STAMP.sub("", line).strip()
        if rest:
            kept.append((n, rest))
    if not kept:
        return []
    if len(kept) == 1 or all(len(line) < 100 for _, line in kept):
        return [Block("\n".join(line for _, line in kept), kept[0][0])]
    return [Block(line, n) for n, line in kept]
