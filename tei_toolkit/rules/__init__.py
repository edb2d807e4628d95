"""Markup rules: small functions ``text, Context -> Iterable[Mark]``.

``RULES`` is the only registry and its order is the priority: when two marks cross,
the earlier rule's mark wins. Adding a rule is one function in a module here, one line
in ``RULES`` and one fixture file in tests/fixtures/rules/. ``mark_record`` marks every
section of a record once, in the order the TEI is written; the converter and the
``entities`` worklist both use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Mark, Record
from . import dates, editorial, names, speech, times
from .base import CONTAINERS, Context, Memory, Rule, apply_rules

RULES: tuple[Rule, ...] = (
    editorial.hidden_email,
    editorial.brackets,
    editorial.lost_quotes,
    editorial.quote_balance,
    speech.speaker,
    dates.dates,
    times.times,
    names.names,
)

# The header's sections in the order build_header writes them, then the body.
HEADER_SECTIONS = ("title", "rights", "citation", "summary")


def find_marks(text: str, ctx: Context, rules: Iterable[Rule] | None = None) -> list[Mark]:
    """The marks of ``rules`` (default: ``RULES``) on ``text`` in ``ctx.section``."""
    if rules is None:
        done = ctx.marked.get((ctx.section, text))
        if done is not None:  # marked already by mark_record
            return done
        rules = RULES
    return apply_rules(text, ctx, rules)


@dataclass(frozen=True)
class Marked:
    """One marked piece of a record: its section, source line, text and marks."""

    section: str
    line: int | None
    text: str
    marks: list[Mark]


def record_context(
    record: Record,
    register=None,
    filename: str | None = None,
    created: dict[str, str] | None = None,
) -> Context:
    """The context of one record: its date (normalised), title and register.

    ``created``: the record's date as the header normalised it (a reader's own forms,
    such as FRUS file numbers, included); else the date line is normalised here."""
    when = created or (dates.normalize(record.date) if record.date else None)
    ctx = Context(register=register, filename=filename, title=record.title or "")
    ctx.record_date = (when or {}).get("when") or (when or {}).get("from")
    ctx.language = record.language
    if ctx.record_date is None:  # a year for month-day dates ("January 15")
        ctx.year_hint = dates.year_hint("\n\n".join(b.text for b in record.body))
    return ctx


def mark_record(record: Record, ctx: Context, title: str | None = None) -> list[Marked]:
    """Every section of ``record`` marked once: title, rights, citation, summary, body.

    The header sections' marks are kept in ``ctx.marked``, so the header builder's
    ``find_marks`` calls return them instead of marking the text again."""
    pieces: list[tuple[str, int | None, str]] = [("title", None, title or record.title or "")]
    pieces += [("rights", None, para) for para in record.rights]
    pieces += [("citation", None, record.citation or ""), ("summary", None, record.summary or "")]
    pieces += [("body", block.line, block.text) for block in record.body]
    out = []
    for section, line, text in pieces:
        if not text:
            continue
        ctx.section, ctx.line = section, line
        marks = apply_rules(text, ctx, RULES)
        if section != "body":
            ctx.marked[(section, text)] = marks
        out.append(Marked(section, line, text, marks))
    return out


__all__ = [
    "CONTAINERS",
    "HEADER_SECTIONS",
    "RULES",
    "Context",
    "Marked",
    "Memory",
    "Rule",
    "apply_rules",
    "find_marks",
    "mark_record",
    "record_context",
]
