"""State Department cables (PlusD, AAD, FOIA releases): the header lines and the text.

    CONFIDENTIAL / PAGE 01 / MOSCOW 30317 090657Z / ACTION ... / INFO ...
    P 090651Z DEC 78                 precedence and date-time group: 1978-12-09T06:51:00Z
    FM AMEMBASSY MOSCOW              sender
    TO SECSTATE WASHDC PRIORITY 0140 addressee
    E.O. / TAGS: / SUBJECT: / REF:   subject -> title
    1. (U) PLEASE TELL ...           numbered paragraphs

Scanned copies run it all into one line; the same fields are found in it."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..model import Block, Record
from . import datelines
from .blocks import lines_of
from .common import DECLASSIFIED, add_classification, is_classification, unspace

NAME = "cable"
PRECEDENCE_DTG = re.compile(r"^(?:[OPRZ](?:\s+[OPRZ])?|NIACT|FLASH)\s+" + datelines.DTG.pattern)
FM_TO = re.compile(r"^(?P<key>FM|TO|INFO|XMT|BT)\b\s*(?P<value>.*)$")
LABELLED = re.compile(
    r"^(?P<key>SUBJECT|SUBJ|TAGS|REF|REFS|REFERENCES?|E\.\s?O\.\s?\d+|EO \d+)\s*:?\s*(?P<value>.*)$"
)
HEADER = re.compile(
    r"^(?:PAGE \d+|ACTION\b|INFO\b.*\s/\d+\s\w|ORIGIN\b|DRAFTED BY|APPROVED BY|CLEARED|DESIRED DISTRIBUTION"
    r"|-{5,}|NODIS|EXDIS|LIMDIS|STADIS|CHEROKEE|NO DISTRIBUTION|[A-Z]{3,}\s+\d{4,6}(?:\s+\d\d OF \d\d)?\s+\d{6}Z"
    r"|SECTION \d+ OF \d+|\d{1,3}$|[A-Z/, -]{2,40} ONLY$|FOR \w+ FROM \w+|S/S\b)"
)
CLASS_PREFIX = re.compile(
    r"^((?:TOP )?SECRET|CONFIDENTIAL|UNCLASSIFIED|LIMITED OFFICIAL USE|UNCLAS)(?=\s|$)"
)
CABLE_NUMBER = re.compile(r"^(?:PAGE \d+\s+)?([A-Z]{3,} \d{3,6})(?: \d\d OF \d\d)? \d{6}Z$")
PARAGRAPH = re.compile(r"^(?:\d{1,2}|[A-Z])\.\s")
_PRECEDENCE_WORDS = re.compile(
    r"\s+(?:NIACT\s+)?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH)(?:\s+\d+)?$|\s+\d{3,5}$"
)


def detect(text: str) -> float:
    head = text[:3000]
    if any(PRECEDENCE_DTG.match(line) for _, line in lines_of(head)):
        return 0.9
    if (
        datelines.DTG.search(head)
        and re.search(r"\bFM\s+\w+", head)
        and re.search(r"\bSUBJ(?:ECT)?\b", head)
    ):
        return 0.8
    return 0.0


# a subject line that goes on on the next line: it ends with a comma, a hyphen or a word that
# needs one after it ("... FROM THE PRINCIPALS," / "MONDAY, SEPTEMBER 9, 1975")
SUBJECT_GOES_ON = re.compile(
    r"(?:[,;:\-–]|\b(?:OF|THE|AND|FOR|FROM|TO|IN|ON|WITH|BY|AT|A|AN|BETWEEN|ON THE))\s*$", re.I
)

SUBJECT_GOES_ON_AT = re.compile(r"(?:OF|AND|FOR|TO|IN|ON|WITH|BY|AT|OR|-)\b", re.I)


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    if len(lines) <= 2 and len(text) > 400:
        _read_run_on(" ".join(line for _, line in lines), record, lines[0][0])
        return record, []
    body: list[tuple[int, str]] = []
    in_subject = False
    for n, line in lines:
        flat = unspace(line)
        if body and not (
            CLASS_PREFIX.match(flat) or HEADER.match(flat) or DECLASSIFIED.match(line)
        ):
            body.append((n, line))
            continue
        if (marking := CLASS_PREFIX.match(flat)) and is_classification(marking.group(1)):
            add_classification(record, marking.group(1))
            if flat != marking.group(1):
                record.apparatus.append(("cable-header", None, flat))
        elif m := PRECEDENCE_DTG.match(line):
            dtg = datelines.DTG.search(line)
            record.date = record.date or (dtg.group(0) if dtg else None)
            record.apparatus.append(("cable-header", None, line))
        elif m := FM_TO.match(line):
            if _take_address(record, m["key"], m["value"]):
                # the post's address is text of the document too (its names are marked)
                record.apparatus.append(("cable-header", None, line.strip()))
            in_subject = False
        elif m := LABELLED.match(line):
            key = m["key"].upper()
            if key.startswith("SUBJ"):
                record.title = m["value"].strip()
                in_subject = True
            else:
                record.apparatus.append(("cable-header", None, line))
                in_subject = False
        elif (
            in_subject
            and not (PARAGRAPH.match(line) or HEADER.match(flat) or DECLASSIFIED.match(line))
            and (SUBJECT_GOES_ON.search(record.title or "") or SUBJECT_GOES_ON_AT.match(line))
        ):
            record.title = f"{record.title} {line}".strip()
        elif in_subject and record.title is not None and not PARAGRAPH.match(line):
            body.append((n, line))  # the subject ended on its line: the text begins
            in_subject = False
        elif PARAGRAPH.match(line) and record.title is not None:
            body.append((n, line))
            in_subject = False
        elif DECLASSIFIED.match(line) or HEADER.match(flat) or record.title is None:
            record.apparatus.append(("cable-header", None, line))
            number = CABLE_NUMBER.match(flat)
            if number and not any(kind == "cable" for kind, _ in record.idnos):
                record.idnos.append(("cable", number.group(1)))
        else:
            body.append((n, line))
    record.body = _paragraphs(body)
    return record, []


def _take_address(record: Record, key: str, value: str) -> bool:
    """The sender or addressee (True), or another address line kept as apparatus."""
    value = _PRECEDENCE_WORDS.sub("", value.strip())
    if key == "FM" and record.sender is None:
        record.sender = value
    elif key == "TO" and record.addressee is None:
        record.addressee = value
    else:
        record.apparatus.append(("cable-header", None, f"{key} {value}"))
        return False
    return True


def _paragraphs(lines: list[tuple[int, str]]) -> list[Block]:
    """Cable lines are wrapped at the teletype's width: a paragraph starts at "1." etc."""
    blocks: list[Block] = []
    for n, line in lines:
        if blocks and not PARAGRAPH.match(line):
            blocks[-1] = Block(blocks[-1].text + "\n" + line, blocks[-1].line)
        else:
            blocks.append(Block(line, n))
    return blocks


def _read_run_on(text: str, record: Record, line: int) -> None:
    if m := datelines.DTG.search(text):
        record.date = m.group(0)
    if m := re.search(
        r"\bFM\s+(.+?)\s+TO\s+(.+?)\s+(?:INFO\b|[A-Z] [A-Z] [A-Z]|SECRET|CONFIDENTIAL|UNCLAS)", text
    ):
        record.sender = m.group(1)
        record.addressee = _PRECEDENCE_WORDS.sub("", m.group(2))
    if m := re.search(
        r"\b(S E C R E T|C O N F I D E N T I A L|TOP SECRET|SECRET|CONFIDENTIAL)\b", text
    ):
        add_classification(record, m.group(1))
    start = 0
    if m := re.search(r"\bSUBJECT:?\s+(.+?)\s+(?=REFS?\b|REFERENCE|\d{1,2}\.?\s+[A-Z])", text):
        record.title = m.group(1).strip()
        start = m.end()
        if r := re.match(r"REFS?:?\s+[A-Z]+\s+\d+\s*", text[start:]):
            start += r.end()
    record.apparatus.append(("cable-header", None, text[:start].strip()))
    record.body = [Block(text[start:].strip() or text, line)]
