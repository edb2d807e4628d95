"""Marxists Internet Archive pages: a labelled block (Written:, Published:, Source:,
Translated:, Transcription\\Markup:, Public Domain:) and "• README" above the text."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..model import Record
from . import datelines
from .blocks import body_lines, lines_of, split_numbered
from .common import SALUTATION, heading_like
from .endmatter import addressee_of, read_bottom
from .generic import take_dateline

NAME = "marxists"
LABELS = re.compile(
    r"^(?P<label>Written|Published|First Published|Source|Translated|Translated by|Transcription"
    r"|Transcription\\Markup|Transcription/Markup|HTML Markup|Public Domain|Copyleft|Online Version"
    r"|Proofread|Other Formats|Redactado|Fuente para la presente edición|Esta edición|Derechos)"
    r"\s*:\s*(?P<value>.*)$",
    re.I,
)
TRANSCRIBED = ("transcription\\markup", "transcription/markup", "transcription", "html markup")
# the labels read into the record's own fields; any other is kept as a note
USED = {
    "written", "redactado", "source", "published", "first published", "translated",
    "translated by", "public domain", "derechos", *TRANSCRIBED,
}  # fmt: skip
END = re.compile(r"^(?:•\s*)?README$|^Other Formats:?$", re.I)


def detect(text: str) -> float:
    found = {m["label"].lower() for _, line in lines_of(text[:4000]) if (m := LABELS.match(line))}
    return (
        0.85
        if len(found) >= 2 and ("source" in found or "written" in found or "published" in found)
        else 0.0
    )


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    drop: set[int] = set()
    label, values, names = None, {}, {}
    first_label = next((k for k, (_, line) in enumerate(lines) if LABELS.match(line)), 0)
    for n, line in lines[:first_label]:
        if heading_like(line) and record.title is None:
            record.title = line
        elif line.strip():
            record.apparatus.append(("byline", None, " ".join(line.split())))  # the author
        drop.add(n)
    end = first_label
    for k in range(first_label, len(lines)):
        n, line = lines[k]
        if m := LABELS.match(line):
            label = m["label"].lower()
            values[label] = m["value"]
            names[label] = m["label"]
        elif END.match(line):
            drop.add(n)
            end = k + 1
            if line.lower().endswith("readme"):
                break
            continue
        elif (
            label
            and k - first_label < 40
            and not SALUTATION.match(line)
            and not datelines.normalize(line.strip())  # the letter's date line follows
            and not take_dateline(Record(), line)  # "[London,] 24 February 1869"
        ):
            values[label] = f"{values[label]} {line}".strip()
        else:
            break
        drop.add(n)
        end = k + 1
    written = values.get("written") or values.get("redactado")
    if written:  # the date as written, without "Written on" (the header's date is marked)
        first = datelines.first_date(written)
        record.date = first[0] if first else (written if datelines.normalize(written) else None)
    if values.get("source"):
        record.citation = re.sub(r"\s+,", ",", values["source"])
    published = values.get("published") or values.get("first published")
    if published:  # where and when first published, where it was sent
        record.apparatus.append(("publication", None, published))
    if values.get("translated") or values.get("translated by"):
        record.fields["Translated by"] = values.get("translated") or values["translated by"]
    transcribers = [values[k] for k in TRANSCRIBED if values.get(k)]
    if transcribers:  # "Transcription\Markup: R. Cymbala" (a person; the line was lost)
        record.fields["Transcribed by"] = "; ".join(dict.fromkeys(transcribers))
    if values.get("public domain") or values.get("derechos"):
        record.rights.append(values.get("public domain") or values.get("derechos", ""))
    for key in values.keys() - USED:  # "Online Version:", "Proofread:": kept, as written
        record.apparatus.append(("metadata", None, f"{names[key]}: {values[key]}".strip()))
    for n, line in lines[end : end + 3]:
        if take_dateline(record, line):
            drop.add(n)
        elif SALUTATION.match(line):
            record.addressee = addressee_of(line)
            break
    drop |= read_bottom(lines, record, lines[end][0] if end < len(lines) else 1)
    record.body = split_numbered(body_lines(text, 1, drop))
    return record, []
