"""The rule machinery: what a rule sees (``Context``), what it is (``Rule``), and how
the marks of many rules are combined without crossing (``apply_rules``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, info
from ..model import Mark
from ..register import Entry, Register
from ._spans import SpanIndex


@dataclass
class Memory:
    """What the rules remember from one block to the next within one section of a
    record (the body, the summary...). A new section starts with a fresh memory, so a
    date or surname of the summary never resolves "the next day" or "Kovalev" in the
    body, and the order in which sections are marked does not matter."""

    last_date: str | None = None  # ISO value of the previous full date ("the next day")
    surnames: dict[str, str] = field(default_factory=dict)  # surname -> person id
    alone: set[str] = field(default_factory=set)  # one-word names marked as people
    places: set[str] = field(default_factory=set)  # one-word names read as places by context
    initials: dict[str, tuple[str, bool] | None] = field(default_factory=dict)  # "AS" -> id
    # abbreviations the record defines: "Loukianov (LO)" -> "LO": (type, id, known)
    defined: dict[str, tuple[str, str, bool]] = field(default_factory=dict)


class Context:
    """What rules may know beyond the text: the record (its date, title), the register,
    the section being marked, and the section's ``memory``.

    Setting ``section`` to another section starts a new ``Memory``."""

    def __init__(
        self,
        *,
        record_date: str | None = None,
        register: Register | None = None,
        section: str = "body",
        filename: str | None = None,
        line: int | None = None,
        title: str = "",
        year_hint: int | None = None,
    ) -> None:
        self.record_date = record_date  # ISO value of the record's date line
        self.register = register
        self.filename = filename
        self.line = line  # source line of the current block
        self.title = title  # the record's title (a speaker named in it opens turns)
        self.year_hint = year_hint  # the year of month-day dates in an undated record
        self.language: str | None = None  # the record's main language ("de": nouns in capitals)
        self.memory = Memory()
        self._section = section
        # provisional register entries of the names the rules found (for the standOff)
        self.entities: dict[str, Entry] = {}
        self.diagnostics: list[Diagnostic] = []
        # marks already made for (section, text) by rules.mark_record
        self.marked: dict[tuple[str, str], list[Mark]] = {}

    @property
    def section(self) -> str:
        """ "title" | "rights" | "citation" | "summary" | "body"."""
        return self._section

    @section.setter
    def section(self, value: str) -> None:
        if value != self._section:
            self.memory = Memory()
        self._section = value


Rule = Callable[[str, Context], Iterable[Mark]]

# Elements that may contain other marks. Entity marks are never containers.
CONTAINERS = frozenset({"supplied", "note", "choice", "orig", "seg", "title", "speaker"})


def apply_rules(text: str, ctx: Context, rules: Iterable[Rule]) -> list[Mark]:
    """Run ``rules`` in order over ``text``: a non-crossing set of marks, outer first.
    When two marks cross, the earlier rule's mark wins and the other becomes an INFO
    diagnostic. A mark may nest inside a container mark (an entity inside ``supplied``)."""
    accepted: SpanIndex[Mark] = SpanIndex()  # the marks of the rules before this one
    for rule in rules:
        new: SpanIndex[Mark] = SpanIndex()  # this rule's marks (in text order: appends)
        for mark in rule(text, ctx):
            clash = _clash(accepted, mark) or _clash(new, mark)
            if clash is None:
                new.add(mark.start, mark.end, mark)
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
        accepted = accepted.merged(new) if len(accepted) else new
    # stable sort: outer marks first; marks with the same span keep rule order
    return _brackets_in_names(sorted(accepted, key=lambda m: (m.start, -m.end)))


def _brackets_in_names(marks: list[Mark]) -> list[Mark]:
    """The editor's brackets inside a name ("Kim [Il Sung]", "[Georges] Bidault") stay the
    name's own characters, as the source prints them: no ``supplied`` inside an entity,
    so the name's text is the record's text (and its words are never split by markup)."""
    out: list[Mark] = []
    name_end = -1  # the end of the entity mark that the marks now read lie inside
    for m in marks:  # outer marks first: an entity comes before what it contains
        if m.tag == "supplied" and m.end <= name_end:
            continue
        if m.tag in ENTITY_TAGS:
            name_end = max(name_end, m.end)
        out.append(m)
    return out


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
    if a.tag == "supplied" and b.start <= a.start and a.end <= b.end and b.tag in ENTITY_TAGS:
        return False  # "[Georges] Bidault": kept apart, then dropped (_brackets_in_names)
    return True


ENTITY_TAGS = frozenset({"persName", "placeName", "orgName"})
