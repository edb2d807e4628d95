"""Markup rules: small functions ``text, Context -> Iterable[Mark]``.

``RULES`` is the only registry and its order is the priority: when two marks cross,
the earlier rule's mark wins and the other becomes an INFO diagnostic. A mark may
nest inside a container mark (an entity inside ``supplied``); entity marks never nest
inside each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ..diagnostics import Diagnostic, info
from ..model import Mark
from ._spans import SpanIndex


@dataclass
class Context:
    """What rules may know beyond the text: the record, the register, and memory that
    persists across the blocks of one record (previous date, surnames seen...)."""

    record_date: str | None = None  # ISO value of the record's date line, e.g. "1944-01-22"
    register: object | None = None  # tei_toolkit.register.Register
    section: str = "body"  # "title" | "body" | "summary" | "citation" | "speaker"
    filename: str | None = None
    line: int | None = None  # source line of the current block
    state: dict = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


Rule = Callable[[str, Context], Iterable[Mark]]

# Elements that may contain other marks. Entity marks are never containers.
CONTAINERS = frozenset({"supplied", "note", "choice", "orig", "seg", "title", "speaker"})


@lru_cache(maxsize=1)  # find_marks runs once per block; the import statement is not free
def _rules() -> tuple[Rule, ...]:
    from . import dates, editorial, names, speech, times

    return editorial.RULES + speech.RULES + dates.RULES + times.RULES + names.RULES


def find_marks(text: str, ctx: Context, rules: Iterable[Rule] | None = None) -> list[Mark]:
    """Run the rules over ``text`` and return a non-crossing set of marks, outer first."""
    accepted: SpanIndex[Mark] = SpanIndex()
    for rule in _rules() if rules is None else rules:
        for mark in rule(text, ctx):
            clash = _clash(accepted, mark)
            if clash is None:
                accepted.add(mark.start, mark.end, mark)
            else:
                ctx.diagnostics.append(
                    info(
                        "convert:overlap",
                        f"{mark.tag} {text[mark.start : mark.end]!r} ({mark.rule}) overlaps "
                        f"{clash.tag} {text[clash.start : clash.end]!r} ({clash.rule}); kept the "
                        f"earlier rule's mark",
                        file=ctx.filename,
                        line=ctx.line,
                    )
                )
    # stable sort: outer marks first; marks with the same span keep rule order
    return sorted(accepted, key=lambda m: (m.start, -m.end))


def _clash(accepted: SpanIndex[Mark], mark: Mark) -> Mark | None:
    """The first accepted mark that ``mark`` crosses (a plain loop: this runs per mark)."""
    for a in accepted.near(mark.start, mark.end):
        if _conflict(a, mark):
            return a
    return None


def _conflict(a: Mark, b: Mark) -> bool:
    if a.end <= b.start or b.end <= a.start:
        return False
    if a.start <= b.start and b.end <= a.end and a.tag in CONTAINERS:
        return False  # b nests inside container a
    if b.start <= a.start and a.end <= b.end and b.tag in CONTAINERS:
        return False  # a nests inside container b
    return True
